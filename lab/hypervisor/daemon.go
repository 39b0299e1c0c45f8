// Package hypervisor runs real hypervisors for tests: a private libvirtd
// in its own mount and UTS namespace (own state, config, host UUID and
// migration ports, so that several run side by side and none touches the
// machine's own), small QEMU guests under software emulation (a Debian
// kernel and a busybox initramfs built here), their serial consoles, and
// bridges for their tap NICs.
//
// Like net/http/httptest it is for tests: functions take a testing.TB
// and fail it. Need skips a test on a machine without what it needs and
// fails it in CI, where .ci/run installs everything.
package hypervisor

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Need skips t unless the machine can run guests: root, libvirtd, virsh,
// QEMU, busybox, unshare, nsenter and a kernel with modules. In CI it
// fails instead.
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
	need(os.Geteuid() == 0, "needs root (libvirtd, namespaces)")
	for _, tool := range []string{"/usr/sbin/libvirtd", "/usr/bin/virsh", "/usr/bin/qemu-system-x86_64", "/bin/busybox", "/usr/bin/unshare", "/usr/bin/nsenter"} {
		_, err := os.Stat(tool)
		need(err == nil, tool+" is not installed (libvirt-daemon-system, libvirt-clients, qemu-system-x86, busybox-static, util-linux)")
	}
	need(Kernel() != "", "no guest kernel with modules (/boot/vmlinuz-* and /lib/modules, or CROSSTALK_GUEST_KERNEL)")
}

// Options describe a daemon.
type Options struct {
	Name string // host name inside its UTS namespace
	Dir  string // its state tree (created)
	// HostUUID must differ between daemons that migrate to each other.
	HostUUID string
	// MigrationAddress and MigrationPorts keep daemons' incoming
	// migrations apart (127.0.0.2, 49152-49183, say).
	MigrationAddress string
	MigrationPorts   [2]int
}

// Daemon is one private libvirtd. A holder process owns its namespace,
// so that libvirtd itself can be killed and started again over the same
// state while its guests keep running.
type Daemon struct {
	opts   Options
	holder *exec.Cmd
}

// Socket is the daemon's unix socket.
func (d *Daemon) Socket() string { return filepath.Join(d.opts.Dir, "run", "libvirt-sock") }

// URI is the daemon's connection URI.
func (d *Daemon) URI() string { return "qemu+unix:///system?socket=" + d.Socket() }

// Name is the daemon's host name.
func (d *Daemon) Name() string { return d.opts.Name }

// Start writes the daemon's state tree and config, creates its namespace
// and starts libvirtd in it. Stop is registered as t's cleanup.
func Start(t testing.TB, o Options) *Daemon {
	t.Helper()
	d := &Daemon{opts: o}
	for _, sub := range []string{"run", "lib/qemu", "lib/images", "lib/boot", "lib/network", "cache/qemu", "log/qemu"} {
		if err := os.MkdirAll(filepath.Join(o.Dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	etc := filepath.Join(o.Dir, "etc")
	if out, err := exec.Command("cp", "-a", "/etc/libvirt", etc).CombinedOutput(); err != nil {
		t.Fatalf("copy /etc/libvirt: %v\n%s", err, out)
	}
	for _, pattern := range []string{"qemu/*.xml", "qemu/autostart/*.xml", "qemu/networks/autostart/*.xml"} {
		old, _ := filepath.Glob(filepath.Join(etc, pattern))
		for _, f := range old {
			os.Remove(f) // never inherit the machine's own guests or networks
		}
	}
	appendFile(t, filepath.Join(etc, "libvirtd.conf"), fmt.Sprintf(`
host_uuid = %q
unix_sock_rw_perms = "0700"
auth_unix_rw = "none"
auth_unix_ro = "none"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
`, o.HostUUID))
	migration := ""
	if o.MigrationAddress != "" {
		migration = fmt.Sprintf("migration_address = %q\nmigration_host = %q\nmigration_port_min = %d\nmigration_port_max = %d\n",
			o.MigrationAddress, o.MigrationAddress, o.MigrationPorts[0], o.MigrationPorts[1])
	}
	appendFile(t, filepath.Join(etc, "qemu.conf"), `
user = "root"
group = "root"
dynamic_ownership = 0
security_driver = "none"
cgroup_controllers = [ ]
stdio_handler = "file"
namespaces = [ ]
vnc_listen = "127.0.0.1"
spice_listen = "127.0.0.1"
`+migration)
	for _, dir := range []string{"/run/libvirt", "/var/lib/libvirt", "/var/cache/libvirt", "/var/log/libvirt"} {
		os.MkdirAll(dir, 0o755) // mount points
	}
	script := fmt.Sprintf(`hostname %s
mount --bind %[2]s/run /run/libvirt
mount --bind %[2]s/lib /var/lib/libvirt
mount --bind %[2]s/cache /var/cache/libvirt
mount --bind %[2]s/log /var/log/libvirt
mount --bind %[2]s/etc /etc/libvirt
exec sleep infinity`, o.Name, o.Dir)
	d.holder = exec.Command("unshare", "--mount", "--uts", "--propagation", "private", "/bin/sh", "-ec", script)
	d.holder.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := d.holder.Start(); err != nil {
		t.Fatalf("namespace for %s: %v", o.Name, err)
	}
	t.Cleanup(d.Stop)
	// The holder is ready once its shell, mounts done, became sleep.
	for i := 0; ; i++ {
		exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", d.holder.Process.Pid))
		if err != nil {
			t.Fatalf("the namespace of %s: the holder died (bind mounts failed?)", o.Name)
		}
		if strings.HasSuffix(exe, "/sleep") {
			break
		}
		if i > 200 {
			t.Fatalf("the namespace of %s did not come up", o.Name)
		}
		time.Sleep(25 * time.Millisecond)
	}
	d.StartDaemon(t)
	return d
}

func (d *Daemon) pidFile() string { return filepath.Join(d.opts.Dir, "libvirtd.pid") }

// StartDaemon starts libvirtd in the daemon's namespace and waits until
// it answers. Guests still running from before are taken over again.
func (d *Daemon) StartDaemon(t testing.TB) {
	t.Helper()
	pid := strconv.Itoa(d.holder.Process.Pid)
	cmd := exec.Command("nsenter", "-t", pid, "-m", "-u", "/usr/sbin/libvirtd", "--daemon",
		"--pid-file", d.pidFile(), "--config", "/etc/libvirt/libvirtd.conf")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("start libvirtd %s: %v\n%s", d.opts.Name, err, out)
	}
	for i := 0; i < 300; i++ {
		if exec.Command("virsh", "-q", "-c", d.URI(), "version").Run() == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	log, _ := os.ReadFile(filepath.Join(d.opts.Dir, "log", "libvirtd.log"))
	t.Fatalf("libvirtd %s did not answer on %s\n%s", d.opts.Name, d.Socket(), log)
}

// Kill ends libvirtd alone (SIGKILL: a crash, or an upgrade's restart
// without goodbye); its guests keep running.
func (d *Daemon) Kill() {
	data, err := os.ReadFile(d.pidFile())
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		return
	}
	syscall.Kill(pid, syscall.SIGKILL)
	for i := 0; i < 100; i++ {
		if syscall.Kill(pid, 0) != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	os.Remove(d.pidFile())
	os.Remove(d.Socket())
}

// Stop destroys the daemon's guests and ends everything in its namespace:
// QEMUs, libvirtd, the holder. The bind mounts go with the namespace.
func (d *Daemon) Stop() {
	if d.holder == nil || d.holder.Process == nil {
		return
	}
	out, _ := exec.Command("virsh", "-q", "-c", d.URI(), "list", "--name").Output()
	for _, dom := range strings.Fields(string(out)) {
		exec.Command("virsh", "-q", "-c", d.URI(), "destroy", dom).Run()
	}
	holder := d.holder.Process.Pid
	ns, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/mnt", holder))
	if err == nil {
		procs, _ := filepath.Glob("/proc/[0-9]*")
		for _, p := range procs {
			pid, _ := strconv.Atoi(filepath.Base(p))
			if other, _ := os.Readlink(p + "/ns/mnt"); other == ns && pid != holder {
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	}
	syscall.Kill(-holder, syscall.SIGKILL)
	d.holder.Wait()
	d.holder = nil
}

// Virsh runs virsh against the daemon and returns its output; an error
// fails t.
func (d *Daemon) Virsh(t testing.TB, args ...string) string {
	t.Helper()
	out, err := exec.Command("virsh", append([]string{"-q", "-c", d.URI()}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("virsh %s on %s: %v\n%s", strings.Join(args, " "), d.opts.Name, err, out)
	}
	return string(out)
}

func appendFile(t testing.TB, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.WriteString(text)
		f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
}
