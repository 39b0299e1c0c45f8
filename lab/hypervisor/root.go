// Package hypervisor runs real hypervisors for tests: a private libvirtd
// in its own mount and UTS namespace (own state, config, host UUID and
// migration ports, so that several run side by side and none touches the
// machine's own), small QEMU guests under software emulation (a Debian
// kernel and a busybox initramfs built here), their serial consoles, and
// bridges for their tap NICs.
//
// Like net/http/httptest it is for tests: functions take a testing.TB
// and fail it. Need skips a test on a machine without what it needs and
// fails it in CI, where .ci/run installs everything. It must never touch
// the machine's own libvirt state, guests or networks: everything it
// creates lives under a test's directory or in a namespace, bridge or
// process it removes when the test ends.
package hypervisor

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
)

// Need skips t unless the machine can run guests: Linux, root, libvirtd,
// virsh, QEMU, busybox, unshare, nsenter, ip and a guest kernel with its
// modules (Kernel). When the environment has CI set it fails t instead:
// CI installs all of it (.ci/run), so a skip there would hide a broken
// tier.
func Need(t testing.TB) {
	t.Helper()
	need := func(ok bool, what string) {
		t.Helper()
		if ok {
			return
		}
		if os.Getenv("CI") != "" {
			t.Fatalf("%s (CI installs it: .ci/run)", what)
		}
		t.Skip(what)
	}
	need(runtime.GOOS == "linux", "needs Linux (namespaces, bridges, libvirtd)")
	need(os.Geteuid() == 0, "needs root (libvirtd, namespaces, bridges)")
	for _, file := range []struct{ path, pkg string }{
		{"/usr/sbin/libvirtd", "libvirt-daemon-system"},
		{qemu, "qemu-system-x86"},
		{"/bin/busybox", "busybox-static"},
	} {
		_, err := os.Stat(file.path)
		need(err == nil, file.path+" is not installed ("+file.pkg+")")
	}
	for _, tool := range []struct{ name, pkg string }{
		{"virsh", "libvirt-clients"}, {"unshare", "util-linux"}, {"nsenter", "util-linux"}, {"ip", "iproute2"},
	} {
		_, err := exec.LookPath(tool.name)
		need(err == nil, tool.name+" is not installed ("+tool.pkg+")")
	}
	k := Kernel()
	need(k != "" && ModulesDir(k) != "", "no guest kernel with modules (/boot/vmlinuz-VERSION with /lib/modules/VERSION/modules.dep, "+
		cacheDir+" as .ci/run extracts it, or $CROSSTALK_GUEST_KERNEL)")
}

// qemu is the emulator the domains name.
const qemu = "/usr/bin/qemu-system-x86_64"
