package hypervisor

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

type testGuest struct {
	name, mac, ip string
	console       *Console
	started       time.Time
}

// TestTwoGuestsOnABridge boots two guests with virtio NICs on a bridge,
// configures and pings through their consoles, restarts libvirtd under
// them (they keep running, the new daemon takes them over) and unplugs a
// NIC live.
func TestTwoGuestsOnABridge(t *testing.T) {
	Need(t)
	began := time.Now()
	dir := t.TempDir()
	kernel := Kernel()
	initrd := filepath.Join(dir, "initramfs.cpio.gz")
	BuildInitramfs(t, initrd, ImageOptions{Modules: VirtioNet})
	br := Bridge(t)
	d := Start(t, Options{Name: "ct-hv-test", Dir: filepath.Join(dir, "hv"), HostUUID: "6a1d1e2a-0000-4000-8000-0000000000d1"})
	t.Logf("guest kernel %s; initramfs, bridge and libvirtd ready in %.1f s", kernel, time.Since(began).Seconds())

	guests := []*testGuest{
		{name: "hv-test-a", mac: "52:54:00:d1:00:01", ip: "10.99.0.1"},
		{name: "hv-test-b", mac: "52:54:00:d1:00:02", ip: "10.99.0.2"},
	}
	for _, g := range guests {
		sock := filepath.Join(dir, g.name+".console")
		xml := DomainXML(GuestSpec{Name: g.name, MemoryMiB: 256, Kernel: kernel, Initrd: initrd, ConsoleSocket: sock,
			NICs: []NIC{{Bridge: br, MAC: g.mac}}})
		path := filepath.Join(dir, g.name+".xml")
		if err := os.WriteFile(path, []byte(xml), 0o644); err != nil {
			t.Fatal(err)
		}
		d.Virsh(t, "define", path)
		g.started = time.Now()
		d.Virsh(t, "start", g.name)
		c, err := DialConsole(sock)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		g.console = c
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Second)
	defer cancel()
	run := func(g *testGuest, cmd string) string {
		t.Helper()
		out, code, err := g.console.Run(ctx, cmd)
		if err != nil || code != 0 {
			t.Fatalf("%s: %s: exit %d, %v\n%s\nconsole:\n%s", g.name, cmd, code, err, out, g.console.Log())
		}
		return out
	}

	for _, g := range guests {
		if err := g.console.Wait(ctx, "CT-GUEST-UP"); err != nil {
			t.Fatalf("%s: %v\nconsole:\n%s", g.name, err, g.console.Log())
		}
		t.Logf("%s booted in %.1f s (software emulation, both guests at once)", g.name, time.Since(g.started).Seconds())
		run(g, "ip link set eth0 up && ip addr add "+g.ip+"/24 dev eth0")
		t.Logf("%s: its shell answered %.1f s after start", g.name, time.Since(g.started).Seconds())
		if mac := strings.TrimSpace(run(g, "cat /sys/class/net/eth0/address")); mac != g.mac {
			t.Errorf("%s: eth0 has MAC %q, want %s", g.name, mac, g.mac)
		}
	}
	a, b := guests[0], guests[1]
	out := run(a, "ping -c 3 -W 2 "+b.ip)
	t.Logf("%s pings %s: %s", a.name, b.ip, grep(out, "packets"))

	taps := map[string]string{}
	for _, g := range guests {
		ifs := domiflist(t, d, g.name)
		if len(ifs) != 1 || ifs[0][1] != "bridge" || ifs[0][2] != br || ifs[0][4] != g.mac || !strings.HasPrefix(ifs[0][0], "vnet") {
			t.Fatalf("%s: domiflist %v, want one vnetN on %s with MAC %s", g.name, ifs, br, g.mac)
		}
		tap := ifs[0][0]
		if master, _ := os.Readlink("/sys/class/net/" + tap + "/master"); filepath.Base(master) != br {
			t.Errorf("%s: tap %s is on %q, want %s", g.name, tap, filepath.Base(master), br)
		}
		taps[g.name] = tap
	}

	// libvirtd dies (SIGKILL) and comes back: the QEMUs are the same
	// processes, running, and the new daemon knows them.
	pids := map[string]int{}
	for _, g := range guests {
		pids[g.name] = d.GuestPID(g.name)
	}
	restarted := time.Now()
	d.Restart(t)
	t.Logf("libvirtd killed and answering again in %.1f s", time.Since(restarted).Seconds())
	running := strings.Fields(d.Virsh(t, "list", "--state-running", "--name"))
	for _, g := range guests {
		if !slices.Contains(running, g.name) {
			t.Fatalf("after the restart libvirtd lists %q as running, not %s", running, g.name)
		}
		if pid := d.GuestPID(g.name); pid == 0 || pid != pids[g.name] {
			t.Errorf("%s: QEMU PID %d after the restart, %d before", g.name, pid, pids[g.name])
		}
		if strings.TrimSpace(d.Virsh(t, "domstate", g.name)) != "running" {
			t.Errorf("%s is not running after the restart", g.name)
		}
		run(g, "true")
	}
	out = run(b, "ping -c 1 -W 2 "+a.ip)
	t.Logf("after the restart %s pings %s: %s", b.name, a.ip, grep(out, "packets"))

	// Hot-unplug through the restarted daemon: QEMU asks the guest by ACPI
	// to eject the device and closes the tap once the guest has.
	tap := taps[b.name]
	detached := time.Now()
	d.Virsh(t, "detach-interface", b.name, "bridge", "--mac", b.mac, "--live")
	virshReturned := time.Since(detached)
	for {
		if _, err := os.Stat("/sys/class/net/" + tap); os.IsNotExist(err) {
			break
		}
		if time.Since(detached) > 30*time.Second {
			t.Fatalf("tap %s still there 30 s after detach-interface; %s's console:\n%s", tap, b.name, b.console.Log())
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("hot-unplug: virsh detach-interface returned after %v, tap %s gone after %v",
		virshReturned.Round(time.Millisecond), tap, time.Since(detached).Round(time.Millisecond))
	if ifs := domiflist(t, d, b.name); len(ifs) != 0 {
		t.Errorf("%s: domiflist after the unplug: %v", b.name, ifs)
	}
	if out := run(b, "ls /sys/class/net"); strings.Contains(out, "eth0") {
		t.Errorf("%s still has eth0 after the unplug: %q", b.name, out)
	}
	if _, code, err := a.console.Run(ctx, "ping -c 1 -W 1 "+b.ip); err != nil || code == 0 {
		t.Errorf("%s still reaches %s after its NIC went: exit %d, %v", a.name, b.name, code, err)
	}
	t.Logf("done in %.1f s", time.Since(began).Seconds())
}

// domiflist returns virsh domiflist's rows: interface, type, source,
// model, MAC.
func domiflist(t *testing.T, d *Daemon, name string) [][]string {
	t.Helper()
	var rows [][]string
	for _, l := range strings.Split(strings.TrimSpace(d.Virsh(t, "domiflist", name)), "\n") {
		if f := strings.Fields(l); len(f) == 5 {
			rows = append(rows, f)
		}
	}
	return rows
}

// grep returns the first line of s that contains word.
func grep(s, word string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			return l
		}
	}
	return ""
}

func ExampleDomainXML() {
	fmt.Print(DomainXML(GuestSpec{Name: "web-1", Kernel: "/boot/vmlinuz", Initrd: "/tmp/initrd", ConsoleSocket: "/tmp/web-1.console",
		NICs: []NIC{{Bridge: "br0", MAC: "52:54:00:00:00:01"}}}))
	// Output:
	// <domain type='qemu'>
	//   <name>web-1</name>
	//   <memory unit='MiB'>256</memory>
	//   <vcpu>1</vcpu>
	//   <os><type arch='x86_64' machine='pc'>hvm</type><kernel>/boot/vmlinuz</kernel><initrd>/tmp/initrd</initrd>
	//     <cmdline>console=ttyS0 quiet panic=-1</cmdline></os>
	//   <features><acpi/></features>
	//   <on_poweroff>destroy</on_poweroff><on_reboot>destroy</on_reboot><on_crash>destroy</on_crash>
	//   <devices>
	//     <emulator>/usr/bin/qemu-system-x86_64</emulator>
	//     <controller type='usb' model='none'/>
	//     <serial type='unix'><source mode='bind' path='/tmp/web-1.console'/><target port='0'/></serial>
	//     <console type='unix'><source mode='bind' path='/tmp/web-1.console'/><target type='serial' port='0'/></console>
	//     <interface type='bridge'><source bridge='br0'/><mac address='52:54:00:00:00:01'/><model type='virtio'/></interface>
	//     <memballoon model='none'/>
	//   </devices>
	// </domain>
}
