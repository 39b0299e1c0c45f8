package hypervisor

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// Kernel finds a kernel to boot guests with whose modules are at hand:
// $CROSSTALK_GUEST_KERNEL if set, else the newest /boot/vmlinuz-VERSION
// with a ModulesDir, else the newest of those .ci/run extracts into
// /var/cache/crosstalk-test. "" when there is none.
func Kernel() string {
	if k := os.Getenv("CROSSTALK_GUEST_KERNEL"); k != "" {
		return k
	}
	for _, pattern := range []string{"/boot/vmlinuz-*", cacheDir + "/boot/vmlinuz-*"} {
		ks, _ := filepath.Glob(pattern)
		slices.Sort(ks)
		slices.Reverse(ks)
		for _, k := range ks {
			if ModulesDir(k) != "" {
				return k
			}
		}
	}
	return ""
}

// cacheDir is where .ci/run puts Debian's kernel and its modules, so
// that a machine's /boot and /lib/modules are left alone.
const cacheDir = "/var/cache/crosstalk-test"

// ModulesDir returns the module tree of kernel, the directory VERSION
// (the file name after vmlinuz-) with a modules.dep, or "". It looks
// beside the kernel first (DIR/boot/vmlinuz-VERSION and
// DIR/lib/modules/VERSION, as a package unpacks), then in /lib/modules
// and in .ci/run's cache.
func ModulesDir(kernel string) string {
	if kernel == "" {
		return ""
	}
	ver := strings.TrimPrefix(filepath.Base(kernel), "vmlinuz-")
	for _, root := range []string{filepath.Join(filepath.Dir(kernel), "..", "lib", "modules"), "/lib/modules", cacheDir + "/lib/modules"} {
		dir := filepath.Join(root, ver)
		if _, err := os.Stat(filepath.Join(dir, "modules.dep")); err == nil {
			return filepath.Clean(dir)
		}
	}
	return ""
}

// VirtioNet are the modules a guest needs for a virtio NIC on Debian's
// kernels, where virtio itself is a module (BuildInitramfs adds virtio,
// virtio_ring, failover and net_failover as their dependencies).
var VirtioNet = []string{"virtio_pci", "virtio_net"}

// ImageOptions shape a guest's initramfs.
type ImageOptions struct {
	// Init is the guest's /init script; DefaultInit when empty.
	Init string
	// Modules are kernel modules to load at boot (by name, such as
	// virtio_net), with their dependencies from modules.dep. The image
	// lists them in load order in /lib/modules/load, which DefaultInit
	// reads; an Init of one's own must load them itself.
	Modules []string
	// Kernel whose modules to take; Kernel() when empty.
	Kernel string
}

// DefaultInit mounts the basics, loads the modules (in order), brings lo
// up, prints CT-GUEST-UP and runs a shell on the serial console for ever,
// a new one when one exits: tests drive the guest through its Console.
const DefaultInit = `#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
for m in $(cat /lib/modules/load 2>/dev/null); do
  insmod /lib/modules/$m || echo "CT-GUEST-MODULE-FAILED $m" >/dev/ttyS0
done
ip link set lo up
echo "CT-GUEST-UP $(uname -r)" >/dev/ttyS0
while :; do
  setsid sh -c 'exec sh </dev/ttyS0 >/dev/ttyS0 2>&1'
done
`

// BuildInitramfs writes a gzipped newc initramfs to path: busybox (its
// applets installed at boot by the init), the modules asked for with
// their dependencies, and the init script.
func BuildInitramfs(t testing.TB, path string, o ImageOptions) {
	t.Helper()
	if err := buildInitramfs(path, o); err != nil {
		t.Fatalf("build initramfs %s: %v", path, err)
	}
}

func buildInitramfs(path string, o ImageOptions) error {
	busybox, err := os.ReadFile("/bin/busybox")
	if err != nil {
		return err
	}
	var c cpioWriter
	for _, d := range []string{"bin", "dev", "proc", "sys", "tmp", "lib", "lib/modules"} {
		c.add(d, 0o040755, nil, [2]int{})
	}
	c.add("bin/busybox", 0o100755, busybox, [2]int{})
	c.add("bin/sh", 0o120777, []byte("busybox"), [2]int{})
	c.add("dev/console", 0o020600, nil, [2]int{5, 1})
	init := o.Init
	if init == "" {
		init = DefaultInit
	}
	c.add("init", 0o100755, []byte(init), [2]int{})
	if len(o.Modules) > 0 {
		kernel := o.Kernel
		if kernel == "" {
			kernel = Kernel()
		}
		dir := ModulesDir(kernel)
		if dir == "" {
			return fmt.Errorf("no modules for kernel %q (want lib/modules/VERSION/modules.dep beside it, in /lib/modules or in %s)", kernel, cacheDir)
		}
		order, err := moduleOrder(dir, o.Modules)
		if err != nil {
			return err
		}
		var load []string
		for _, rel := range order {
			data, err := readModule(filepath.Join(dir, rel))
			if err != nil {
				return err
			}
			name := moduleName(rel) + ".ko"
			c.add("lib/modules/"+name, 0o100644, data, [2]int{})
			load = append(load, name)
		}
		c.add("lib/modules/load", 0o100644, []byte(strings.Join(load, "\n")+"\n"), [2]int{})
	}
	c.add("TRAILER!!!", 0, nil, [2]int{})
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(c.buf.Bytes())
	w.Close()
	return os.WriteFile(path, gz.Bytes(), 0o644)
}

// moduleName is the name of a module file, as modprobe spells it:
// kernel/drivers/net/virtio_net.ko.zst is virtio_net.
func moduleName(file string) string {
	base := filepath.Base(file)
	if i := strings.Index(base, ".ko"); i >= 0 {
		base = base[:i]
	}
	return strings.ReplaceAll(base, "-", "_")
}

// readModule reads a module file, decompressing .ko.zst and .ko.gz
// (busybox's insmod loads plain ones only). Go has no xz decoder: a
// kernel whose modules are .ko.xz is refused.
func readModule(path string) ([]byte, error) {
	if !strings.HasSuffix(path, ".ko") && !strings.HasSuffix(path, ".ko.zst") && !strings.HasSuffix(path, ".ko.gz") {
		return nil, fmt.Errorf("module %s: only .ko, .ko.zst and .ko.gz are supported (pick a kernel whose modules are not xz-compressed, such as Debian 12's, with $CROSSTALK_GUEST_KERNEL)", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	switch {
	case strings.HasSuffix(path, ".ko.zst"):
		d, err := zstd.NewReader(nil)
		if err != nil {
			return nil, err
		}
		defer d.Close()
		if data, err = d.DecodeAll(data, nil); err != nil {
			return nil, fmt.Errorf("decompress %s: %w", path, err)
		}
	case strings.HasSuffix(path, ".ko.gz"):
		r, err := gzip.NewReader(bytes.NewReader(data))
		if err == nil {
			data, err = io.ReadAll(r)
		}
		if err != nil {
			return nil, fmt.Errorf("decompress %s: %w", path, err)
		}
	}
	return data, nil
}

// moduleOrder resolves names to module files with their dependencies,
// each after what it needs. Modules built into the kernel are skipped.
func moduleOrder(dir string, names []string) ([]string, error) {
	f, err := os.Open(filepath.Join(dir, "modules.dep"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	deps := map[string][]string{} // file -> files it needs
	byName := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		mod, need, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		deps[mod] = strings.Fields(need)
		byName[moduleName(mod)] = mod
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	builtin := map[string]bool{}
	if data, err := os.ReadFile(filepath.Join(dir, "modules.builtin")); err == nil {
		for _, l := range strings.Fields(string(data)) {
			builtin[moduleName(l)] = true
		}
	}
	var out []string
	seen := map[string]bool{}
	var visit func(mod string)
	visit = func(mod string) {
		if seen[mod] {
			return
		}
		seen[mod] = true
		for _, d := range deps[mod] {
			visit(d)
		}
		out = append(out, mod)
	}
	for _, n := range names {
		mod, ok := byName[moduleName(n)]
		switch {
		case ok:
			visit(mod)
		case builtin[moduleName(n)]:
			// built in: nothing to load
		default:
			return nil, fmt.Errorf("module %s: neither in %s/modules.dep nor built in", n, dir)
		}
	}
	return out, nil
}

// cpioWriter writes a newc cpio archive: enough for an initramfs.
type cpioWriter struct {
	buf bytes.Buffer
	ino int
}

func (c *cpioWriter) add(name string, mode uint32, data []byte, rdev [2]int) {
	c.ino++
	fmt.Fprintf(&c.buf, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		c.ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name)+1, 0)
	c.buf.WriteString(name)
	c.buf.WriteByte(0)
	c.pad()
	c.buf.Write(data)
	c.pad()
}

func (c *cpioWriter) pad() {
	for c.buf.Len()%4 != 0 {
		c.buf.WriteByte(0)
	}
}
