package libvirt

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/crosstalk-dev/crosstalk/inventory"
)

// Procs finds the QEMU process of each running domain in /proc, by the
// -uuid argument libvirt always passes, and its vCPU threads by the names
// QEMU gives them ("CPU 0/KVM", "CPU 1/TCG"). It works whatever libvirt's
// state directory and cgroup layout are, and from outside the daemon's
// mount namespace. It remembers what it found: a cached PID is checked
// with one read, and /proc is scanned only for domains it does not know.
type Procs struct {
	Root   string         // "/proc" unless a test says otherwise
	byUUID map[string]int // uuid -> pid
}

// Find returns the QEMU process of the domain with uuid, or nil.
func (p *Procs) Find(uuid string) *inventory.Process {
	if p.Root == "" {
		p.Root = "/proc"
	}
	if p.byUUID == nil {
		p.byUUID = map[string]int{}
	}
	uuid = strings.ToLower(uuid)
	pid, ok := p.byUUID[uuid]
	if !ok || !p.isQEMU(pid, uuid) {
		delete(p.byUUID, uuid)
		if pid = p.scan(uuid); pid == 0 {
			return nil
		}
	}
	return p.describe(pid)
}

// Forget drops the cached PID of a domain that went away.
func (p *Procs) Forget(uuid string) { delete(p.byUUID, strings.ToLower(uuid)) }

func (p *Procs) isQEMU(pid int, uuid string) bool {
	return p.uuidOf(pid) == uuid
}

// uuidOf returns the -uuid argument of process pid, lower case, or "".
func (p *Procs) uuidOf(pid int) string {
	cmd, err := os.ReadFile(filepath.Join(p.Root, strconv.Itoa(pid), "cmdline"))
	if err != nil {
		return ""
	}
	args := bytes.Split(cmd, []byte{0})
	for i := 0; i+1 < len(args); i++ {
		if string(args[i]) == "-uuid" {
			return strings.ToLower(string(args[i+1]))
		}
	}
	return ""
}

// scan reads every process once, remembers every QEMU it finds (a host
// starting with many guests scans once, not once per guest), and returns
// the PID of uuid's, or 0.
func (p *Procs) scan(uuid string) int {
	ents, err := os.ReadDir(p.Root)
	if err != nil {
		return 0
	}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if u := p.uuidOf(pid); u != "" {
			p.byUUID[u] = pid
		}
	}
	return p.byUUID[uuid]
}

func (p *Procs) describe(pid int) *inventory.Process {
	proc := &inventory.Process{PID: pid}
	dir := filepath.Join(p.Root, strconv.Itoa(pid))
	tasks, _ := os.ReadDir(filepath.Join(dir, "task"))
	type vcpu struct{ n, tid int }
	var vcpus []vcpu
	for _, t := range tasks {
		tid, err := strconv.Atoi(t.Name())
		if err != nil {
			continue
		}
		comm, err := os.ReadFile(filepath.Join(dir, "task", t.Name(), "comm"))
		if err != nil {
			continue
		}
		if n, ok := vcpuNumber(strings.TrimSpace(string(comm))); ok {
			vcpus = append(vcpus, vcpu{n, tid})
		}
	}
	sort.Slice(vcpus, func(i, j int) bool { return vcpus[i].n < vcpus[j].n })
	for _, v := range vcpus {
		proc.VCPUThreads = append(proc.VCPUThreads, v.tid)
	}
	if cg, err := os.ReadFile(filepath.Join(dir, "cgroup")); err == nil {
		proc.Cgroups = guestCgroups(inventory.ParseCgroups(string(cg)))
	}
	return proc
}

// guestCgroups are the guest's own cgroups: libvirt moves QEMU's main
// thread into an "emulator" child of the guest's cgroup (and each vCPU
// thread into a "vcpuN" one), so the guest's whole use is the parent's.
func guestCgroups(cgs []string) []string {
	for i, cg := range cgs {
		if dir, ok := strings.CutSuffix(cg, "/emulator"); ok {
			cgs[i] = dir
		}
	}
	return cgs
}

// vcpuNumber reads QEMU's vCPU thread name: "CPU 3/KVM" or "CPU 3/TCG".
func vcpuNumber(comm string) (int, bool) {
	rest, ok := strings.CutPrefix(comm, "CPU ")
	if !ok {
		return 0, false
	}
	num, accel, ok := strings.Cut(rest, "/")
	if !ok || accel == "" {
		return 0, false
	}
	n, err := strconv.Atoi(num)
	return n, err == nil
}
