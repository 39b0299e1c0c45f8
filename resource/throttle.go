package resource

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Throttle caps a guest's CPU at cores (0.1 is a tenth of one CPU) by its
// cgroup's CFS quota: v2 cpu.max where the v2 tree has the cpu
// controller, else v1 cpu.cfs_quota_us. It returns what puts the old
// limit back. Reversible by design: nothing but the quota changes.
func Throttle(root string, caps Capabilities, cgroups []string, cores float64) (restore func() error, err error) {
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
			period := uint64(100000)
			if f := strings.Fields(string(old)); len(f) == 2 {
				if p, err := strconv.ParseUint(f[1], 10, 64); err == nil && p > 0 {
					period = p
				}
			}
			quota := max(1000, uint64(cores*float64(period)))
			if err := os.WriteFile(file, []byte(fmt.Sprintf("%d %d", quota, period)), 0o644); err != nil {
				return nil, fmt.Errorf("throttle: %w", err)
			}
			return func() error { return os.WriteFile(file, old, 0o644) }, nil
		case v1 && strings.Contains(","+ctl+",", ",cpu,") && caps.V1["cpu"] != "":
			dir := filepath.Join(root, strings.TrimPrefix(caps.V1["cpu"], "/"), path)
			old, err := os.ReadFile(filepath.Join(dir, "cpu.cfs_quota_us"))
			if err != nil {
				continue
			}
			period := uint64(100000)
			if b, err := os.ReadFile(filepath.Join(dir, "cpu.cfs_period_us")); err == nil {
				if p, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64); err == nil && p > 0 {
					period = p
				}
			}
			quota := max(1000, uint64(cores*float64(period)))
			file := filepath.Join(dir, "cpu.cfs_quota_us")
			if err := os.WriteFile(file, []byte(strconv.FormatUint(quota, 10)), 0o644); err != nil {
				return nil, fmt.Errorf("throttle: %w", err)
			}
			return func() error { return os.WriteFile(file, []byte(strings.TrimSpace(string(old))), 0o644) }, nil
		}
	}
	return nil, errors.New("throttle: the guest has no cgroup with a CPU quota here (cgroup v2 cpu.max or v1 cpu)")
}
