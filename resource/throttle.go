package resource

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Throttle brakes a guest's CPU in its cgroup, the two ways the
// scheduler offers: its weight drops to the minimum (v2 cpu.weight 1,
// v1 cpu.shares 2), so that it runs only when its neighbours do not want
// the CPU, and its CFS quota caps it at cores over a short period (0.1 is
// a tenth of one CPU:
// v2 cpu.max where the v2 tree has the cpu controller, else v1
// cpu.cfs_quota_us). It returns what puts both back. Reversible by
// design: nothing else changes.
func Throttle(root string, caps Capabilities, cgroups []string, cores float64) (restore Undo, err error) {
	if cores <= 0 || cores > 4096 {
		return nil, fmt.Errorf("cpu: want a number of cores above 0, got %g", cores)
	}
	for _, cg := range cgroups {
		ctl, path, v1 := strings.Cut(cg, ":")
		if !v1 {
			path = ctl
		}
		if path == "/" || path == "" {
			continue // a hierarchy's root is the host, not the guest
		}
		switch {
		case !v1 && caps.V2 != "":
			file := filepath.Join(root, strings.TrimPrefix(caps.V2, "/"), path, "cpu.max")
			old, err := os.ReadFile(file)
			if err != nil {
				continue // no cpu controller in this v2 tree (a hybrid host)
			}
			quota := max(1000, uint64(cores*float64(throttlePeriod)))
			period := throttlePeriod
			if err := os.WriteFile(file, []byte(fmt.Sprintf("%d %d", quota, period)), 0o644); err != nil {
				return nil, fmt.Errorf("throttle: %w", err)
			}
			unweigh := setWeight(filepath.Join(filepath.Dir(file), "cpu.weight"), "1")
			return append(Undo{undoWrite(file, strings.TrimSpace(string(old)))}, unweigh...), nil
		case v1 && strings.Contains(","+ctl+",", ",cpu,") && caps.V1["cpu"] != "":
			dir := filepath.Join(root, strings.TrimPrefix(caps.V1["cpu"], "/"), path)
			old, err := os.ReadFile(filepath.Join(dir, "cpu.cfs_quota_us"))
			if err != nil {
				continue
			}
			periodFile := filepath.Join(dir, "cpu.cfs_period_us")
			oldPeriod, err := os.ReadFile(periodFile)
			if err != nil {
				continue
			}
			quota := max(1000, uint64(cores*float64(throttlePeriod)))
			file := filepath.Join(dir, "cpu.cfs_quota_us")
			// Quota off, then the short period, then the quota: the
			// kernel checks each write against the other setting.
			if err := errors.Join(os.WriteFile(file, []byte("-1"), 0o644),
				os.WriteFile(periodFile, []byte(strconv.FormatUint(throttlePeriod, 10)), 0o644),
				os.WriteFile(file, []byte(strconv.FormatUint(quota, 10)), 0o644)); err != nil {
				return nil, fmt.Errorf("throttle: %w", err)
			}
			unweigh := setWeight(filepath.Join(dir, "cpu.shares"), "2")
			return append(Undo{undoWrite(file, "-1"), undoWrite(periodFile, strings.TrimSpace(string(oldPeriod))),
				undoWrite(file, strings.TrimSpace(string(old)))}, unweigh...), nil
		}
	}
	return nil, errors.New("throttle: the guest has no cgroup with a CPU quota here (cgroup v2 cpu.max or v1 cpu)")
}

// throttlePeriod is the CFS period a throttled guest runs under (10 ms,
// not the default 100 ms): its quota then comes in short slices, and its
// neighbours' requests do not wait behind a long burst.
const throttlePeriod = 10000

// setWeight writes the lowest weight to file and returns what writes the
// old one back (nothing to do when the file is not there).
func setWeight(file, lowest string) Undo {
	old, err := os.ReadFile(file)
	if err != nil || os.WriteFile(file, []byte(lowest), 0o644) != nil {
		return nil
	}
	return Undo{undoWrite(file, strings.TrimSpace(string(old)))}
}

// ThrottleIO caps a guest's storage bandwidth at bps bytes a second each
// way (read and write) on every disk of the host (the /sys/block devices
// but loop, ram and zram ones): v2 io.max where the v2 tree has the io
// controller, else v1 blkio.throttle.{read,write}_bps_device. It returns
// what lifts the caps. On v1 the cap holds direct and synchronous I/O (a
// VM's QEMU with cache=none, reads) but not buffered writes: the kernel
// writes those back later, outside the guest's cgroup.
func ThrottleIO(root string, caps Capabilities, cgroups []string, bps uint64) (restore Undo, err error) {
	if bps < 1<<20 {
		return nil, fmt.Errorf("io: want a cap of at least 1 MiB a second, got %d bytes", bps)
	}
	devs := disks(root)
	if len(devs) == 0 {
		return nil, errors.New("throttle io: no disks in /sys/block")
	}
	for _, cg := range cgroups {
		ctl, path, v1 := strings.Cut(cg, ":")
		if !v1 {
			path = ctl
		}
		if path == "/" || path == "" {
			continue
		}
		switch {
		case !v1 && caps.V2 != "":
			file := filepath.Join(root, strings.TrimPrefix(caps.V2, "/"), path, "io.max")
			if _, err := os.Stat(file); err != nil {
				continue // no io controller in this v2 tree (a hybrid host)
			}
			var undo Undo
			for _, d := range devs {
				if err := os.WriteFile(file, []byte(fmt.Sprintf("%s rbps=%d wbps=%d", d, bps, bps)), 0o644); err != nil {
					undo.Apply()
					return nil, fmt.Errorf("throttle io: %w", err)
				}
				undo = append(undo, undoWrite(file, d+" rbps=max wbps=max")) // the kernel takes one rule a write
			}
			return undo, nil
		case v1 && strings.Contains(","+ctl+",", ",blkio,") && caps.V1["blkio"] != "":
			dir := filepath.Join(root, strings.TrimPrefix(caps.V1["blkio"], "/"), path)
			var undo Undo
			for _, name := range []string{"blkio.throttle.read_bps_device", "blkio.throttle.write_bps_device"} {
				file := filepath.Join(dir, name)
				for _, d := range devs {
					if err := os.WriteFile(file, []byte(fmt.Sprintf("%s %d", d, bps)), 0o644); err != nil {
						undo.Apply()
						return nil, fmt.Errorf("throttle io: %w", err)
					}
					undo = append(undo, undoWrite(file, d+" 0"))
				}
			}
			return undo, nil
		}
	}
	return nil, errors.New("throttle io: the guest has no cgroup with an I/O limit here (cgroup v2 io.max or v1 blkio)")
}

// disks lists the MAJ:MIN of the host's disks.
func disks(root string) []string {
	ents, err := os.ReadDir(filepath.Join(root, "sys/block"))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if strings.HasPrefix(n, "loop") || strings.HasPrefix(n, "ram") || strings.HasPrefix(n, "zram") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, "sys/block", n, "dev"))
		if err != nil {
			continue
		}
		if d := strings.TrimSpace(string(b)); d != "" {
			out = append(out, d)
		}
	}
	return out
}
