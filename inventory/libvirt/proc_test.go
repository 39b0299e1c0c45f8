package libvirt

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A fake /proc with two QEMUs (one TCG with two vCPUs, one KVM) and a
// shell, as the provider reads it.
func TestProcsFind(t *testing.T) {
	root := t.TempDir()
	write := func(path, data string) {
		t.Helper()
		full := filepath.Join(root, path)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("100/cmdline", "/usr/bin/qemu-system-x86_64\x00-name\x00guest=web-1\x00-uuid\x000D6A3C8E-2B7F-4D8E-9A51-3F0C2E9B7A11\x00")
	write("100/task/100/comm", "qemu-system-x86\n")
	write("100/task/103/comm", "CPU 1/TCG\n")
	write("100/task/102/comm", "CPU 0/TCG\n")
	write("100/task/104/comm", "worker\n")
	write("100/cgroup", "12:cpu,cpuacct:/machine/qemu-1-web-1.libvirt-qemu\n11:memory:/machine/qemu-1-web-1.libvirt-qemu\n3:devices:/\n0::/machine.slice/x.scope\n")
	write("200/cmdline", "/usr/bin/qemu-system-x86_64\x00-uuid\x007a0c9f3e-1111-4a2b-8c3d-000000000001\x00")
	write("200/task/201/comm", "CPU 0/KVM\n")
	// Without systemd libvirt puts QEMU's main thread in an emulator
	// child of the guest's cgroup: the guest's is the parent.
	write("200/cgroup", "4:cpu:/machine/qemu-2-db-1.libvirt-qemu/emulator\n0::/machine/qemu-2-db-1.libvirt-qemu/emulator\n")
	write("300/cmdline", "/bin/sh\x00-c\x00echo -uuid\x00")
	p := Procs{Root: root}
	web := p.Find("0d6a3c8e-2b7f-4d8e-9a51-3f0c2e9b7a11")
	if web == nil || web.PID != 100 || !slices.Equal(web.VCPUThreads, []int{102, 103}) ||
		!slices.Equal(web.Cgroups, []string{"/machine.slice/x.scope", "cpu,cpuacct:/machine/qemu-1-web-1.libvirt-qemu", "memory:/machine/qemu-1-web-1.libvirt-qemu"}) {
		t.Fatalf("web-1: %+v", web)
	}
	// One scan found both QEMUs: the second is served from the cache.
	if p.byUUID["7a0c9f3e-1111-4a2b-8c3d-000000000001"] != 200 {
		t.Errorf("cache %v", p.byUUID)
	}
	if db := p.Find("7a0c9f3e-1111-4a2b-8c3d-000000000001"); db == nil || !slices.Equal(db.VCPUThreads, []int{201}) ||
		!slices.Equal(db.Cgroups, []string{"/machine/qemu-2-db-1.libvirt-qemu", "cpu:/machine/qemu-2-db-1.libvirt-qemu"}) {
		t.Errorf("db-1: %+v", db)
	}
	// A QEMU that went away (its PID reused by a shell) is not found.
	os.RemoveAll(filepath.Join(root, "200"))
	write("200/cmdline", "/bin/bash\x00")
	if db := p.Find("7a0c9f3e-1111-4a2b-8c3d-000000000001"); db != nil {
		t.Errorf("a stale PID: %+v", db)
	}
	if p.Find("00000000-0000-0000-0000-000000000000") != nil {
		t.Error("found a QEMU for an unknown UUID")
	}
}
