package lab

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/crosstalk-dev/crosstalk/resource"
)

// Each guest's processes live in cgroups of their own, as a VM's QEMU or
// a container would, so that the noisy-neighbour work can tell guests
// apart: crosstalk-lab/LAB/GUEST in every v1 hierarchy that has cpu,
// cpuacct, blkio or memory, and in the v2 tree when one is mounted (on a
// hybrid host it has no controllers but gives per-cgroup PSI and CPU
// time). A host without cgroups still gets a lab, without them.

const cgroupRoot = "crosstalk-lab"

// cgroupDirs are the guest's cgroup directories on this host (for lab
// down, guest "" gives the lab's).
func cgroupDirs(lab, guest string) []string {
	caps := resource.Probe("/")
	var mounts []string
	for _, m := range caps.V1 {
		if !slices.Contains(mounts, m) {
			mounts = append(mounts, m)
		}
	}
	slices.Sort(mounts)
	if caps.V2 != "" {
		mounts = append(mounts, caps.V2)
	}
	var out []string
	for _, m := range mounts {
		out = append(out, filepath.Join(m, cgroupRoot, lab, guest))
	}
	return out
}

// placeTree moves pid into the guest's cgroups, and then, for a moment,
// every process it forks: a tool that forks its workers before it was
// moved (stress-ng does, at times) would leave them behind. The sweeps
// run in the background for the first second.
func placeTree(lab, guest string, pid int) error {
	err := placeInCgroups(lab, guest, pid)
	go func() {
		for range 10 {
			time.Sleep(100 * time.Millisecond)
			for _, child := range descendants(pid) {
				placeInCgroups(lab, guest, child)
			}
		}
	}()
	return err
}

// descendants lists the processes below pid (by their parents in /proc).
func descendants(pid int) []int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	parent := map[int]int{}
	for _, e := range ents {
		n, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// "PID (comm) S PPID ...": the command may hold spaces and ")".
		if i := strings.LastIndexByte(string(b), ')'); i >= 0 {
			if f := strings.Fields(string(b[i+1:])); len(f) >= 2 {
				if pp, err := strconv.Atoi(f[1]); err == nil {
					parent[n] = pp
				}
			}
		}
	}
	var out []int
	for n := range parent {
		for p, hops := parent[n], 0; p > 1 && hops < 64; p, hops = parent[p], hops+1 {
			if p == pid {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

// placeInCgroups makes the guest's cgroups and moves pid into them
// (threads and children it starts later follow). It returns the cgroups
// it could not use; a lab works without them.
func placeInCgroups(lab, guest string, pid int) error {
	var errs []error
	for _, dir := range cgroupDirs(lab, guest) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, "cgroup.procs"), []byte(strconv.Itoa(pid)), 0o644); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", dir, err))
		}
	}
	return errors.Join(errs...)
}

// removeCgroups removes the lab's cgroups, once the processes in them
// are gone (the kernel empties a cgroup a moment after its last process
// exits).
func removeCgroups(lab string) []string {
	var removed []string
	for _, labDir := range cgroupDirs(lab, "") {
		ents, err := os.ReadDir(labDir)
		if err != nil {
			continue
		}
		for _, e := range ents {
			if !e.IsDir() {
				continue
			}
			dir := filepath.Join(labDir, e.Name())
			for try := 0; try < 50; try++ {
				if err := os.Remove(dir); err == nil || errors.Is(err, os.ErrNotExist) {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
		}
		if os.Remove(labDir) == nil {
			removed = append(removed, "remove cgroups "+labDir)
		}
		os.Remove(filepath.Dir(labDir)) // crosstalk-lab, when no other lab uses it
	}
	return removed
}

// guestCgroups are the guest's cgroups as /proc/PID/cgroup names them
// (the inventory's form), for tests.
func guestCgroups(lab, guest string) []string {
	caps := resource.Probe("/")
	var out []string
	for _, dir := range cgroupDirs(lab, guest) {
		for ctl, m := range caps.V1 {
			if strings.HasPrefix(dir, m+"/") {
				out = append(out, ctl+":"+strings.TrimPrefix(dir, m))
			}
		}
		if caps.V2 != "" && strings.HasPrefix(dir, caps.V2+"/") {
			out = append(out, strings.TrimPrefix(dir, caps.V2))
		}
	}
	slices.Sort(out)
	return out
}
