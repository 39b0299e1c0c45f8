package hypervisor

import (
	"fmt"
	"html"
	"strings"
)

// GuestSpec describes a small test guest.
type GuestSpec struct {
	Name      string
	UUID      string // libvirt makes one up when empty
	MemoryMiB int    // 256 when 0
	Kernel    string // Kernel() for one with modules
	Initrd    string // BuildInitramfs
	Cmdline   string // "console=ttyS0 quiet panic=-1" when empty
	// ConsoleSocket makes the serial console a unix socket that QEMU
	// listens on (DialConsole); ConsoleFile makes it a file (a log). One
	// of them, or the guest has no serial port.
	ConsoleSocket string
	ConsoleFile   string
	NICs          []NIC
	// Metadata is raw XML placed inside the domain's <metadata>.
	Metadata string
	// CPUSet pins the guest (its vCPU and emulator threads) to these
	// host CPUs, e.g. "0"; empty: anywhere.
	CPUSet string
}

// NIC is a guest interface on a Linux bridge: a tap QEMU opens, which
// libvirt adds to the bridge.
type NIC struct {
	Bridge string
	MAC    string // libvirt makes one up (52:54:00:…) when empty
	Dev    string // the tap's name; libvirt picks vnetN when empty
	Model  string // virtio when empty
}

// DomainXML returns the domain definition: software emulation (type
// qemu), a pc machine, direct kernel boot, no disks. The pc machine (an
// i440FX with a PIIX4) signals PCI hot-unplug through ACPI, which the
// guest kernel handles itself (acpiphp, built into Debian's kernels), so
// detach-interface --live completes without anything in the guest's
// userland.
func DomainXML(s GuestSpec) string {
	mem := s.MemoryMiB
	if mem == 0 {
		mem = 256
	}
	cmdline := s.Cmdline
	if cmdline == "" {
		cmdline = "console=ttyS0 quiet panic=-1"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<domain type='qemu'>\n  <name>%s</name>\n", html.EscapeString(s.Name))
	if s.UUID != "" {
		fmt.Fprintf(&b, "  <uuid>%s</uuid>\n", html.EscapeString(s.UUID))
	}
	if s.Metadata != "" {
		fmt.Fprintf(&b, "  <metadata>%s</metadata>\n", s.Metadata)
	}
	vcpu := "<vcpu>1</vcpu>"
	if s.CPUSet != "" {
		vcpu = fmt.Sprintf("<vcpu placement='static' cpuset='%s'>1</vcpu>", html.EscapeString(s.CPUSet))
	}
	fmt.Fprintf(&b, `  <memory unit='MiB'>%d</memory>
  `+vcpu+`
  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd>
    <cmdline>%s</cmdline></os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff><on_reboot>destroy</on_reboot><on_crash>destroy</on_crash>
  <devices>
    <emulator>%s</emulator>
    <controller type='usb' model='none'/>
`, mem, html.EscapeString(s.Kernel), html.EscapeString(s.Initrd), html.EscapeString(cmdline), qemu)
	switch {
	case s.ConsoleSocket != "":
		fmt.Fprintf(&b, `    <serial type='unix'><source mode='bind' path='%[1]s'/><target port='0'/></serial>
    <console type='unix'><source mode='bind' path='%[1]s'/><target type='serial' port='0'/></console>
`, html.EscapeString(s.ConsoleSocket))
	case s.ConsoleFile != "":
		fmt.Fprintf(&b, `    <serial type='file'><source path='%[1]s' append='on'/><target port='0'/></serial>
    <console type='file'><source path='%[1]s' append='on'/><target type='serial' port='0'/></console>
`, html.EscapeString(s.ConsoleFile))
	}
	for _, n := range s.NICs {
		model := n.Model
		if model == "" {
			model = "virtio"
		}
		fmt.Fprintf(&b, "    <interface type='bridge'><source bridge='%s'/>", html.EscapeString(n.Bridge))
		if n.MAC != "" {
			fmt.Fprintf(&b, "<mac address='%s'/>", html.EscapeString(n.MAC))
		}
		if n.Dev != "" {
			fmt.Fprintf(&b, "<target dev='%s'/>", html.EscapeString(n.Dev))
		}
		fmt.Fprintf(&b, "<model type='%s'/></interface>\n", html.EscapeString(model))
	}
	b.WriteString("    <memballoon model='none'/>\n  </devices>\n</domain>\n")
	return b.String()
}
