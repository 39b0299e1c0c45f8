package hypervisor

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTwoGuestsOnABridge boots two guests with virtio NICs on a bridge,
// has one ping the other through their consoles, and restarts libvirtd
// under them: they keep running and the new daemon takes them over.
func TestTwoGuestsOnABridge(t *testing.T) {
	Need(t)
	dir := t.TempDir()
	initrd := filepath.Join(dir, "initramfs.cpio.gz")
	BuildInitramfs(t, initrd, ImageOptions{Modules: []string{"virtio_pci", "virtio_net"}})
	br := Bridge(t)
	d := Start(t, Options{Name: "ct-hv-test", Dir: filepath.Join(dir, "hv"), HostUUID: "6a1d1e2a-0000-4000-8000-0000000000d1"})
	var consoles []*Console
	start := time.Now()
	for i, name := range []string{"hv-a", "hv-b"} {
		sock := filepath.Join(dir, name+".sock")
		xml := DomainXML(GuestSpec{Name: name, Kernel: Kernel(), Initrd: initrd, ConsoleSocket: sock,
			NICs: []NIC{{Bridge: br, MAC: fmt.Sprintf("52:54:00:d1:00:%02x", i+1)}}})
		path := filepath.Join(dir, name+".xml")
		if err := os.WriteFile(path, []byte(xml), 0o644); err != nil {
			t.Fatal(err)
		}
		d.Virsh(t, "define", path)
		d.Virsh(t, "start", name)
		c, err := DialConsole(sock)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		consoles = append(consoles, c)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	for i, c := range consoles {
		out, code, err := c.Run(ctx, fmt.Sprintf("ip link set eth0 up && ip addr add 10.99.8.%d/24 dev eth0 && uname -r", i+1))
		if err != nil || code != 0 {
			t.Fatalf("guest %d: %q %d %v\n%s", i, out, code, err, c.Log())
		}
		t.Logf("guest %d up after %.1f s: %s", i, time.Since(start).Seconds(), strings.TrimSpace(out))
	}
	if out, code, err := consoles[0].Run(ctx, "ping -c 3 -W 5 10.99.8.2"); err != nil || code != 0 {
		t.Fatalf("ping: %q %d %v", out, code, err)
	}
	if ifl := d.Virsh(t, "domiflist", "hv-a"); !strings.Contains(ifl, br) || !strings.Contains(ifl, "vnet") {
		t.Errorf("domiflist: %s", ifl)
	}
	d.Kill()
	d.StartDaemon(t)
	if list := d.Virsh(t, "list", "--name"); !strings.Contains(list, "hv-a") || !strings.Contains(list, "hv-b") {
		t.Fatalf("after the restart libvirtd lists %q", list)
	}
	if out, code, err := consoles[1].Run(ctx, "ping -c 1 -W 5 10.99.8.1"); err != nil || code != 0 {
		t.Fatalf("ping after the restart: %q %d %v", out, code, err)
	}
}
