package fleet

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/plan"
)

func fakeRoot(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for path, data := range files {
		full := filepath.Join(root, path)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestFacts(t *testing.T) {
	tools := func(_ context.Context, name string, _ ...string) (string, error) {
		switch name {
		case "qemu-system-x86_64":
			return "QEMU emulator version 7.2.13 (Debian 1:7.2+dfsg-7+deb12u12)\nCopyright (c) 2003-2022 Fabrice Bellard\n", nil
		case "libvirtd":
			return "libvirtd (libvirt) 9.0.0\n", nil
		}
		return "", errors.New(name + " is not installed")
	}
	// A Debian host that installed a newer kernel and has not rebooted.
	root := fakeRoot(t, map[string]string{
		"proc/sys/kernel/osrelease":   "6.1.0-28-amd64\n",
		"boot/vmlinuz-6.1.0-28-amd64": "",
		"boot/vmlinuz-6.1.0-30-amd64": "",
		"boot/vmlinuz-6.1.0-9-amd64":  "",
		"var/lib/dpkg/status":         "",
	})
	when := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	os.Chtimes(filepath.Join(root, "var/lib/dpkg/status"), when, when)
	p, notes := FactsSource{Root: root, Run: tools}.Facts(context.Background())
	want := plan.Patch{KernelInstalled: "6.1.0-30-amd64", KernelRunning: "6.1.0-28-amd64", QEMU: "1:7.2+dfsg-7+deb12u12",
		Libvirt: "9.0.0", RebootRequired: true, LastPatched: "2026-11-20"}
	if p != want || len(notes) != 0 {
		t.Errorf("facts %+v, notes %v; want %+v", p, notes, want)
	}

	// Up to date, a RHEL-style host (no marker, modules only), no QEMU.
	root = fakeRoot(t, map[string]string{
		"proc/sys/kernel/osrelease":                     "5.14.0-427.el9.x86_64\n",
		"lib/modules/5.14.0-427.el9.x86_64/modules.dep": "",
		"lib/modules/5.14.0-362.el9.x86_64/modules.dep": "",
	})
	p, notes = FactsSource{Root: root, Run: func(context.Context, string, ...string) (string, error) {
		return "", errors.New("not installed")
	}}.Facts(context.Background())
	if p.KernelInstalled != "5.14.0-427.el9.x86_64" || p.RebootRequired || p.QEMU != "" || len(notes) != 2 {
		t.Errorf("up to date: %+v, notes %v", p, notes)
	}

	// The marker alone asks for a reboot (a library upgrade).
	root = fakeRoot(t, map[string]string{"proc/sys/kernel/osrelease": "6.1.0-30-amd64\n", "boot/vmlinuz-6.1.0-30-amd64": "", "run/reboot-required": ""})
	if p, _ := (FactsSource{Root: root, Run: tools}).Facts(context.Background()); !p.RebootRequired {
		t.Errorf("reboot-required marker: %+v", p)
	}
}

// TestFactsLiveHost reads this machine: the running kernel is always
// known on Linux.
func TestFactsLiveHost(t *testing.T) {
	if _, err := os.Stat("/proc/sys/kernel/osrelease"); err != nil {
		t.Skip("not Linux")
	}
	p, notes := FactsSource{}.Facts(context.Background())
	t.Logf("this host: %+v; notes %v", p, notes)
	if p.KernelRunning == "" {
		t.Errorf("no running kernel: %+v", p)
	}
}
