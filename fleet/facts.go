// Package fleet is what agents and the fleet server say to each other
// (issue 9). This first part is the host's patch facts, which the
// planner's compliance check and maintenance plans read: the kernel
// running and the newest installed, QEMU's and libvirt's versions,
// whether the host wants a reboot, and when it was last patched.
package fleet

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/crosstalk-dev/crosstalk/plan"
)

// FactsSource reads a host's facts: Root is where its file system is
// ("/" live; a directory in tests), Run runs a command for its output
// (exec with a timeout when nil).
type FactsSource struct {
	Root string
	Run  func(ctx context.Context, name string, args ...string) (string, error)
}

// Facts reads the host's patch facts. Notes say what could not be told
// (a fact left empty); the facts are never guessed.
func (s FactsSource) Facts(ctx context.Context) (plan.Patch, []string) {
	var p plan.Patch
	var notes []string
	root := s.Root
	if root == "" {
		root = "/"
	}
	run := s.Run
	if run == nil {
		run = runCommand
	}
	if b, err := os.ReadFile(filepath.Join(root, "proc/sys/kernel/osrelease")); err == nil {
		p.KernelRunning = strings.TrimSpace(string(b))
	} else {
		notes = append(notes, "running kernel: "+err.Error())
	}
	p.KernelInstalled = newestKernel(root)
	if p.KernelInstalled == "" {
		notes = append(notes, "installed kernels: none in /boot or /lib/modules")
	}
	if out, err := run(ctx, "qemu-system-x86_64", "--version"); err == nil {
		p.QEMU = qemuVersion(out)
	} else {
		notes = append(notes, "QEMU: "+err.Error())
	}
	if out, err := run(ctx, "libvirtd", "--version"); err == nil {
		p.Libvirt = lastField(out)
	} else {
		notes = append(notes, "libvirt: "+err.Error())
	}
	// Debian and Ubuntu leave a marker; on every family, a newer kernel
	// installed than the one running wants a reboot (what RHEL's
	// needs-restarting -r checks for the kernel).
	for _, m := range []string{"run/reboot-required", "var/run/reboot-required"} {
		if _, err := os.Stat(filepath.Join(root, m)); err == nil {
			p.RebootRequired = true
		}
	}
	if p.KernelInstalled != "" && p.KernelRunning != "" && plan.CompareVersions(p.KernelInstalled, p.KernelRunning) > 0 {
		p.RebootRequired = true
	}
	// The package database's last change: the last time anything was
	// installed or upgraded.
	for _, db := range []string{"var/lib/dpkg/status", "var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/Packages"} {
		if st, err := os.Stat(filepath.Join(root, db)); err == nil {
			p.LastPatched = st.ModTime().UTC().Format(time.DateOnly)
			break
		}
	}
	return p, notes
}

// newestKernel is the newest kernel version installed: /boot/vmlinuz-V,
// else /lib/modules/V.
func newestKernel(root string) string {
	var versions []string
	if m, _ := filepath.Glob(filepath.Join(root, "boot", "vmlinuz-*")); len(m) > 0 {
		for _, f := range m {
			versions = append(versions, strings.TrimPrefix(filepath.Base(f), "vmlinuz-"))
		}
	} else if ents, err := os.ReadDir(filepath.Join(root, "lib", "modules")); err == nil {
		for _, e := range ents {
			if e.IsDir() {
				versions = append(versions, e.Name())
			}
		}
	}
	newest := ""
	for _, v := range versions {
		// dpkg's ordering, which RHEL's kernel names ("5.14.0-427.el9.x86_64")
		// sort by too; their "_" is no Debian version, so no ValidVersion.
		if newest == "" || plan.CompareVersions(v, newest) > 0 {
			newest = v
		}
	}
	return newest
}

// qemuPackage finds the distribution's package version in QEMU's banner:
// "QEMU emulator version 7.2.13 (Debian 1:7.2+dfsg-7+deb12u12)".
var qemuPackage = regexp.MustCompile(`\((?:Debian|Ubuntu|qemu-kvm-|Red Hat[^ ]*)?\s*([0-9][^)\s]*)\)`)

func qemuVersion(out string) string {
	line, _, _ := strings.Cut(out, "\n")
	if m := qemuPackage.FindStringSubmatch(line); m != nil {
		return m[1]
	}
	if _, v, ok := strings.Cut(line, "version "); ok {
		return strings.Fields(v)[0]
	}
	return ""
}

// lastField is the last word of the first line: "libvirtd (libvirt)
// 9.0.0" is 9.0.0.
func lastField(out string) string {
	line, _, _ := strings.Cut(out, "\n")
	f := strings.Fields(line)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// runCommand runs a command for its output, for at most 10 s.
func runCommand(ctx context.Context, name string, args ...string) (string, error) {
	if _, err := exec.LookPath(name); err != nil {
		return "", errors.New(name + " is not installed")
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).Output()
	return string(out), err
}
