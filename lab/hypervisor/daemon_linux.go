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
	// Cgroups lets libvirt put each guest's QEMU in cgroups of its own
	// (cpu, cpuacct, blkio, memory under machine/), as on a real host;
	// off, guests share the test's cgroups.
	Cgroups bool
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
	controllers := `[ ]`
	if o.Cgroups {
		controllers = `[ "cpu", "cpuacct", "blkio", "memory" ]`
	}
	appendFile(t, filepath.Join(etc, "qemu.conf"), `
user = "root"
group = "root"
dynamic_ownership = 0
security_driver = "none"
cgroup_controllers = `+controllers+`
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
// it answers. Guests still running from before (Kill) are taken over
// again: libvirtd reconnects to their QEMU monitors from the status it
// keeps under run/qemu.
func (d *Daemon) StartDaemon(t testing.TB) {
	t.Helper()
	if d.holder == nil {
		t.Fatalf("libvirtd %s: the daemon was stopped", d.opts.Name)
	}
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

// Kill ends libvirtd alone with SIGKILL (a crash, or an upgrade's restart
// without goodbye) and waits until it is gone; its guests keep running.
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
	waitGone(pid, 5*time.Second)
	os.Remove(d.pidFile())
	os.Remove(d.Socket()) // so that nobody connects to a dead socket
}

// Restart kills libvirtd (Kill) and starts it again (StartDaemon) under
// the running guests.
func (d *Daemon) Restart(t testing.TB) {
	t.Helper()
	d.Kill()
	d.StartDaemon(t)
}

// GuestPID is the PID of a running guest's QEMU, from libvirt's pid file,
// or 0.
func (d *Daemon) GuestPID(name string) int {
	data, err := os.ReadFile(filepath.Join(d.opts.Dir, "run", "qemu", name+".pid"))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	return pid
}

// Stop destroys the daemon's guests and ends everything in its namespace:
// QEMUs, libvirtd, the holder. The bind mounts go with the namespace.
// Start registers it as the test's cleanup; calling it again does
// nothing.
func (d *Daemon) Stop() {
	if d.holder == nil || d.holder.Process == nil {
		return
	}
	out, _ := exec.Command("virsh", "-q", "-c", d.URI(), "list", "--name").Output()
	for _, dom := range strings.Fields(string(out)) {
		exec.Command("virsh", "-q", "-c", d.URI(), "destroy", dom).Run()
	}
	// Whatever is left in the namespace (QEMUs of a killed libvirtd,
	// libvirtd itself) shares the holder's mount namespace.
	holder := d.holder.Process.Pid
	var killed []int
	if ns, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/mnt", holder)); err == nil {
		procs, _ := filepath.Glob("/proc/[0-9]*")
		for _, p := range procs {
			pid, _ := strconv.Atoi(filepath.Base(p))
			if other, _ := os.Readlink(p + "/ns/mnt"); other == ns && pid != holder {
				syscall.Kill(pid, syscall.SIGKILL)
				killed = append(killed, pid)
			}
		}
	}
	syscall.Kill(-holder, syscall.SIGKILL)
	d.holder.Wait()
	d.holder = nil
	for _, pid := range killed {
		waitGone(pid, 5*time.Second) // their taps go with them
	}
}

// waitGone waits until pid no longer exists (or is a zombie), at most d.
func waitGone(pid int, d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return
		}
		// The state follows the command, which is in parentheses.
		if i := strings.LastIndexByte(string(stat), ')'); i >= 0 && strings.HasPrefix(string(stat[i:]), ") Z") {
			return
		}
	}
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
