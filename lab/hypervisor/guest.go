package hypervisor

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"html"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// GuestSpec describes a small test guest.
type GuestSpec struct {
	Name      string
	UUID      string // libvirt makes one up when empty
	MemoryMiB int    // 256 when 0
	Kernel    string
	Initrd    string
	Cmdline   string // "console=ttyS0 quiet panic=-1" when empty
	// ConsoleSocket makes the serial console a unix socket (DialConsole);
	// ConsoleFile makes it a file (a log). One of them.
	ConsoleSocket string
	ConsoleFile   string
	NICs          []NIC
	// Metadata is raw XML placed inside the domain's <metadata>.
	Metadata string
}

// NIC is a guest interface on a Linux bridge.
type NIC struct {
	Bridge string
	MAC    string
	Dev    string // the tap's name; libvirt picks vnetN when empty
	Model  string // virtio when empty
}

// DomainXML returns the domain definition: software emulation (type
// qemu), a pc machine (ACPI PCI hotplug, so NICs can be unplugged live),
// direct kernel boot, no disks.
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
		fmt.Fprintf(&b, "  <uuid>%s</uuid>\n", s.UUID)
	}
	if s.Metadata != "" {
		fmt.Fprintf(&b, "  <metadata>%s</metadata>\n", s.Metadata)
	}
	fmt.Fprintf(&b, `  <memory unit='MiB'>%d</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd>
    <cmdline>%s</cmdline></os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff><on_reboot>destroy</on_reboot><on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <controller type='usb' model='none'/>
`, mem, html.EscapeString(s.Kernel), html.EscapeString(s.Initrd), html.EscapeString(cmdline))
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
			fmt.Fprintf(&b, "<mac address='%s'/>", n.MAC)
		}
		if n.Dev != "" {
			fmt.Fprintf(&b, "<target dev='%s'/>", html.EscapeString(n.Dev))
		}
		fmt.Fprintf(&b, "<model type='%s'/></interface>\n", model)
	}
	b.WriteString("    <memballoon model='none'/>\n  </devices>\n</domain>\n")
	return b.String()
}

var bridges atomic.Int32

// Bridge creates a Linux bridge for guests' taps, up and without an
// address, and removes it when t ends.
func Bridge(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("cthv%d-%d", os.Getpid()%10000, bridges.Add(1))
	ip := func(args ...string) {
		t.Helper()
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	ip("link", "add", name, "type", "bridge")
	t.Cleanup(func() { exec.Command("ip", "link", "del", name).Run() })
	ip("link", "set", name, "up")
	return name
}

// Console is a guest's serial console with a shell on it (DefaultInit).
type Console struct {
	conn  net.Conn
	lines chan string
	mu    sync.Mutex
	log   strings.Builder
	seq   int
	ready bool
}

// DialConsole connects to a guest's console socket, waiting up to 30 s
// for QEMU to create it.
func DialConsole(path string) (*Console, error) {
	var conn net.Conn
	var err error
	for i := 0; i < 300; i++ {
		if conn, err = net.Dial("unix", path); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		return nil, fmt.Errorf("console %s: %w", path, err)
	}
	c := &Console{conn: conn, lines: make(chan string, 4096)}
	go c.read()
	return c, nil
}

func (c *Console) read() {
	sc := bufio.NewScanner(c.conn)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		c.mu.Lock()
		c.log.WriteString(line + "\n")
		c.mu.Unlock()
		select {
		case c.lines <- line:
		default: // nobody is waiting: the log keeps it
		}
	}
	close(c.lines)
}

// Log returns everything the console printed so far.
func (c *Console) Log() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.log.String()
}

// Close closes the connection.
func (c *Console) Close() error { return c.conn.Close() }

// Run runs cmd in the guest's shell and returns its output and exit
// status. The first Run waits for the shell (the guest may still boot).
func (c *Console) Run(ctx context.Context, cmd string) (string, int, error) {
	if !c.ready {
		if err := c.waitShell(ctx); err != nil {
			return "", -1, err
		}
		c.ready = true
	}
	out, code, err := c.send(ctx, cmd, 0)
	return out, code, err
}

// waitShell types a no-op every 2 s until the shell answers it.
func (c *Console) waitShell(ctx context.Context) error {
	for {
		_, _, err := c.send(ctx, "true", 2*time.Second)
		if err == nil {
			return nil
		}
		if !errors.Is(err, errNoAnswer) {
			return err
		}
	}
}

var errNoAnswer = errors.New("no answer")

// send types cmd once and waits for its marker (for ever when patience
// is 0, else errNoAnswer after patience).
func (c *Console) send(ctx context.Context, cmd string, patience time.Duration) (string, int, error) {
	c.seq++
	// The tty echoes what we type: the marker is printed from pieces, so
	// the echo of the command line never matches it.
	marker := fmt.Sprintf("CT-DONE-%d ", c.seq)
	line := fmt.Sprintf("%s; printf 'CT-DONE-%%s %%s\\n' %d $?\n", cmd, c.seq)
	for drained := false; !drained; {
		select {
		case <-c.lines:
		default:
			drained = true
		}
	}
	if _, err := c.conn.Write([]byte(line)); err != nil {
		return "", -1, err
	}
	var timeout <-chan time.Time
	if patience > 0 {
		timer := time.NewTimer(patience)
		defer timer.Stop()
		timeout = timer.C
	}
	var out []string
	for {
		select {
		case <-ctx.Done():
			return strings.Join(out, "\n"), -1, fmt.Errorf("%q: %w", cmd, ctx.Err())
		case <-timeout:
			return strings.Join(out, "\n"), -1, errNoAnswer
		case l, ok := <-c.lines:
			if !ok {
				return strings.Join(out, "\n"), -1, fmt.Errorf("%q: console closed", cmd)
			}
			if i := strings.Index(l, marker); i >= 0 {
				code := 0
				fmt.Sscanf(l[i+len(marker):], "%d", &code)
				return strings.Join(out, "\n"), code, nil
			}
			if !strings.Contains(l, "CT-DONE-%s") && !strings.HasPrefix(l, "/ # ") { // not our echo
				out = append(out, l)
			}
		}
	}
}
