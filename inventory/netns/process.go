package netns

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/crosstalk-dev/crosstalk/inventory"
)

// processes finds, for each named namespace, the process that has lived
// in it longest (a container's init, a lab guest's process) with its
// cgroups: what the noisy-neighbour sampler reads. One pass over /proc
// serves every namespace.
func processes(names []string) map[string]*inventory.Process {
	byInode := map[uint64]string{}
	for _, n := range names {
		var st syscall.Stat_t
		if syscall.Stat(filepath.Join("/run/netns", n), &st) == nil {
			byInode[st.Ino] = n
		}
	}
	out := map[string]*inventory.Process{}
	if len(byInode) == 0 {
		return out
	}
	oldest := map[string]uint64{} // namespace -> start time of its process
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return out
	}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		link, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/net", pid))
		if err != nil {
			continue
		}
		var ino uint64
		if _, err := fmt.Sscanf(link, "net:[%d]", &ino); err != nil {
			continue
		}
		ns, ok := byInode[ino]
		if !ok {
			continue
		}
		start := startTime(pid)
		if p, ok := out[ns]; ok && (start > oldest[ns] || start == oldest[ns] && pid > p.PID) {
			continue
		}
		cg, err := os.ReadFile(fmt.Sprintf("/proc/%d/cgroup", pid))
		if err != nil {
			continue
		}
		out[ns] = &inventory.Process{PID: pid, Cgroups: inventory.ParseCgroups(string(cg))}
		oldest[ns] = start
	}
	return out
}

// startTime is field 22 of /proc/PID/stat (clock ticks since boot), after
// the command name, which may hold spaces and parentheses.
func startTime(pid int) uint64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 20 {
		return 0
	}
	n, _ := strconv.ParseUint(f[19], 10, 64)
	return n
}
