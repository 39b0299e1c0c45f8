package inventory

import (
	"sort"
	"strings"
)

// ParseCgroups reads /proc/PID/cgroup ("0::/machine.slice/...", or v1's
// "4:cpu,cpuacct:/machine/qemu-1-web.libvirt-qemu") into distinct paths,
// each with its controllers: "cpu,cpuacct:/machine/..." for v1, the bare
// path for v2 (Process.Cgroups).
func ParseCgroups(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		_, rest, ok := strings.Cut(line, ":")
		if !ok || seen[rest] {
			continue
		}
		seen[rest] = true
		ctrl, path, _ := strings.Cut(rest, ":")
		switch {
		case ctrl == "":
			out = append(out, path) // v2
		case path != "/": // the root of a v1 hierarchy says nothing
			out = append(out, rest)
		}
	}
	sort.Strings(out)
	return out
}
