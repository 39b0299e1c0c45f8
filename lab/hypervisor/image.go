package hypervisor

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Kernel finds a kernel to boot guests with, whose modules are at hand:
// $CROSSTALK_GUEST_KERNEL, else the newest /boot/vmlinuz-* with
// /lib/modules/VERSION, else the one .ci/run extracts into
// /var/cache/crosstalk-test. "" when there is none.
func Kernel() string {
	if k := os.Getenv("CROSSTALK_GUEST_KERNEL"); k != "" {
		return k
	}
	for _, pattern := range []string{"/boot/vmlinuz-*", cacheDir + "/boot/vmlinuz-*"} {
		ks, _ := filepath.Glob(pattern)
		sort.Sort(sort.Reverse(sort.StringSlice(ks)))
		for _, k := range ks {
			if modulesDir(k) != "" {
				return k
			}
		}
	}
	return ""
}

// cacheDir is where .ci/run puts Debian's kernel and its modules.
const cacheDir = "/var/cache/crosstalk-test"

// modulesDir returns the module tree of kernel (by its version, the
// file name after vmlinuz-), or "".
func modulesDir(kernel string) string {
	ver := strings.TrimPrefix(filepath.Base(kernel), "vmlinuz-")
	for _, root := range []string{filepath.Join(filepath.Dir(kernel), "..", "lib", "modules"), "/lib/modules", cacheDir + "/lib/modules"} {
		dir := filepath.Join(root, ver)
		if _, err := os.Stat(filepath.Join(dir, "modules.dep")); err == nil {
			return filepath.Clean(dir)
		}
	}
	return ""
}

// ImageOptions shape a guest's initramfs.
type ImageOptions struct {
	// Init is the guest's /init script; DefaultInit when empty.
	Init string
	// Modules are kernel modules to load at boot (by name, such as
	// virtio_net), with their dependencies from modules.dep.
	Modules []string
	// Kernel whose modules to take; Kernel() when empty.
	Kernel string
}

// DefaultInit mounts the basics, loads /lib/modules/load (in order),
// brings lo up, prints CT-GUEST-UP and runs a shell on the serial console
// for ever: tests drive the guest through its Console.
const DefaultInit = `#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
for m in $(cat /lib/modules/load 2>/dev/null); do insmod /lib/modules/$m; done
ip link set lo up
echo "CT-GUEST-UP $(uname -r)" >/dev/ttyS0
while :; do
  setsid sh -c 'exec sh </dev/ttyS0 >/dev/ttyS0 2>&1'
done
`

// BuildInitramfs writes a gzipped newc initramfs with busybox, the
// modules asked for and the init script to path.
func BuildInitramfs(t testing.TB, path string, o ImageOptions) {
	t.Helper()
	if err := buildInitramfs(path, o); err != nil {
		t.Fatal(err)
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
		dir := modulesDir(kernel)
		if dir == "" {
			return fmt.Errorf("no modules for kernel %q (want DIR/lib/modules/VERSION/modules.dep)", kernel)
		}
		order, err := moduleOrder(dir, o.Modules)
		if err != nil {
			return err
		}
		var load []string
		for _, rel := range order {
			data, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil {
				return err
			}
			name := filepath.Base(rel)
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
		base := strings.TrimSuffix(filepath.Base(mod), filepath.Ext(mod))
		byName[strings.ReplaceAll(base, "-", "_")] = mod
	}
	builtin, _ := os.ReadFile(filepath.Join(dir, "modules.builtin"))
	var out []string
	seen := map[string]bool{}
	var visit func(mod string) error
	visit = func(mod string) error {
		if seen[mod] {
			return nil
		}
		seen[mod] = true
		if !strings.HasSuffix(mod, ".ko") {
			return fmt.Errorf("module %s is compressed; only plain .ko files are supported", mod)
		}
		for _, d := range deps[mod] {
			if err := visit(d); err != nil {
				return err
			}
		}
		out = append(out, mod)
		return nil
	}
	for _, n := range names {
		mod, ok := byName[strings.ReplaceAll(n, "-", "_")]
		if !ok {
			if bytes.Contains(builtin, []byte("/"+n+".ko")) {
				continue // built in
			}
			return nil, fmt.Errorf("module %s: not in %s/modules.dep", n, dir)
		}
		if err := visit(mod); err != nil {
			return nil, err
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
