// Package resource samples what each guest uses of the host's shared
// resources and how much it waits for them: CPU time and throttling from
// its cgroup, the run-queue delay of its threads (for a VM, its vCPU
// threads: what libvirt reports as vcpu.N.delay), pressure stall
// information, block I/O, memory, and its switch port's counters. It reads
// cumulative counters; the caller diffs two samples (Rates) and decides
// who hurts whom.
//
// Every source is optional: Probe says at start which ones the host
// offers (cgroup v1, v2 or both, PSI, schedstat), and a Counters says
// which fields it holds. Files are kept open and re-read from offset 0,
// so a sample costs a pread per file, not an open.
package resource

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Target is one guest to sample.
type Target struct {
	Guest string
	// PID is its process (QEMU, or a container's init); 0 when unknown.
	PID int
	// Threads are the threads whose run-queue delay is the guest's (a
	// VM's vCPU threads); empty: every thread of PID.
	Threads []int
	// Cgroups are the guest's cgroups as /proc/PID/cgroup gives them:
	// "/path" for v2, "controllers:/path" for v1.
	Cgroups []string
	// Ports are its host-side network interfaces.
	Ports []string
}

// Have says which fields of a Counters were read.
type Have uint16

// The sources a Counters may hold.
const (
	HaveCPU      Have = 1 << iota // CPUUsage
	HaveThrottle                  // Throttled, NrThrottled
	HaveDelay                     // RunDelay
	HaveIO                        // IO* from the cgroup
	HaveProcIO                    // IO* from /proc/PID/io (no ops)
	HavePressure                  // PressureCPU/IO/Memory
	HaveMemory                    // MemoryBytes
	HavePorts                     // Rx*, Tx*
)

// Counters are one guest's cumulative counters at Time.
type Counters struct {
	Time                    time.Time
	Have                    Have
	CPUUsage                time.Duration // CPU time used
	Throttled               time.Duration // time its quota held it back
	NrThrottled             uint64
	RunDelay                time.Duration // time its threads waited runnable for a CPU
	Threads                 int           // threads whose delay was summed
	IORead, IOWrite         uint64        // bytes
	IOReadOps, IOWriteOps   uint64
	PressureCPU, PressureIO time.Duration // PSI "some" totals of its cgroup (v2)
	PressureMemory          time.Duration
	MemoryBytes             uint64
	RxBytes, TxBytes        uint64 // seen from the host side of its ports:
	RxPackets, TxPackets    uint64 // Rx is what the guest sent
	RxDrops, TxDrops        uint64
}

// Rates are per-second rates between two Counters of one guest.
type Rates struct {
	Interval        time.Duration
	Have            Have
	CPU             float64 // cores used
	Throttled       float64 // seconds held back per second
	Delay           float64 // seconds its threads waited per second (sum over threads)
	IORead, IOWrite float64 // bytes/s
	IOOps           float64 // operations/s
	PressureCPU     float64 // share of time some task stalled (0-1)
	PressureIO      float64
	PressureMemory  float64
	MemoryBytes     uint64  // now
	SentPackets     float64 // packets/s the guest sent into the switch
	SentBytes       float64
	RecvPackets     float64
	RecvBytes       float64
	Drops           float64 // both ways
}

// Rate diffs two samples of the same guest; counters that went backwards
// (a restarted guest, a new cgroup) count as zero.
func Rate(prev, cur Counters) Rates {
	dt := cur.Time.Sub(prev.Time)
	r := Rates{Interval: dt, Have: prev.Have & cur.Have, MemoryBytes: cur.MemoryBytes}
	if dt <= 0 {
		return r
	}
	s := dt.Seconds()
	d := func(a, b time.Duration) float64 {
		if b < a {
			return 0
		}
		return (b - a).Seconds() / s
	}
	u := func(a, b uint64) float64 {
		if b < a {
			return 0
		}
		return float64(b-a) / s
	}
	r.CPU = d(prev.CPUUsage, cur.CPUUsage)
	r.Throttled = d(prev.Throttled, cur.Throttled)
	r.Delay = d(prev.RunDelay, cur.RunDelay)
	r.IORead, r.IOWrite = u(prev.IORead, cur.IORead), u(prev.IOWrite, cur.IOWrite)
	r.IOOps = u(prev.IOReadOps, cur.IOReadOps) + u(prev.IOWriteOps, cur.IOWriteOps)
	r.PressureCPU = d(prev.PressureCPU, cur.PressureCPU)
	r.PressureIO = d(prev.PressureIO, cur.PressureIO)
	r.PressureMemory = d(prev.PressureMemory, cur.PressureMemory)
	r.SentPackets, r.SentBytes = u(prev.RxPackets, cur.RxPackets), u(prev.RxBytes, cur.RxBytes)
	r.RecvPackets, r.RecvBytes = u(prev.TxPackets, cur.TxPackets), u(prev.TxBytes, cur.TxBytes)
	r.Drops = u(prev.RxDrops, cur.RxDrops) + u(prev.TxDrops, cur.TxDrops)
	return r
}

// Capabilities are the sources a host offers.
type Capabilities struct {
	// V1 maps each mounted cgroup v1 controller (cpu, cpuacct, blkio,
	// memory) to its mount point.
	V1 map[string]string
	// V2 is the cgroup v2 mount point ("" when none), alone or beside v1
	// (a hybrid host).
	V2 string
	// HostPSI: /proc/pressure exists. CgroupPSI: the v2 tree has
	// cpu.pressure files.
	HostPSI, CgroupPSI bool
	// Schedstat: /proc/PID/task/TID/schedstat can be read.
	Schedstat bool
	// Notes say, for people, what is missing and what that costs.
	Notes []string
}

// String lists what was found, for the agent's start-up log.
func (c Capabilities) String() string {
	var parts []string
	if c.V2 != "" {
		parts = append(parts, "cgroup v2 at "+c.V2)
	}
	if len(c.V1) > 0 {
		var ctl []string
		for k := range c.V1 {
			ctl = append(ctl, k)
		}
		slices.Sort(ctl)
		parts = append(parts, "cgroup v1 "+strings.Join(ctl, ","))
	}
	if c.HostPSI {
		parts = append(parts, "host PSI")
	}
	if c.CgroupPSI {
		parts = append(parts, "cgroup PSI")
	}
	if c.Schedstat {
		parts = append(parts, "schedstat")
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

// Probe looks at the host under root ("/" on a live host) for the
// sources it offers.
func Probe(root string) Capabilities {
	c := Capabilities{V1: map[string]string{}}
	if mounts, err := os.ReadFile(filepath.Join(root, "proc/self/mountinfo")); err == nil {
		for _, line := range strings.Split(string(mounts), "\n") {
			mnt, fstype, opts, ok := mountFields(line)
			if !ok {
				continue
			}
			switch fstype {
			case "cgroup2":
				if c.V2 == "" {
					c.V2 = mnt
				}
			case "cgroup":
				for _, o := range strings.Split(opts, ",") {
					switch o {
					case "cpu", "cpuacct", "blkio", "memory":
						if _, ok := c.V1[o]; !ok {
							c.V1[o] = mnt
						}
					}
				}
			}
		}
	}
	_, err := os.Stat(filepath.Join(root, "proc/pressure/cpu"))
	c.HostPSI = err == nil
	if c.V2 != "" {
		_, err := os.Stat(filepath.Join(root, strings.TrimPrefix(c.V2, "/"), "cpu.pressure"))
		c.CgroupPSI = err == nil
	}
	_, err = os.Stat(filepath.Join(root, "proc/self/task", fmt.Sprint(os.Getpid()), "schedstat"))
	if err != nil {
		_, err = os.Stat(filepath.Join(root, "proc/self/schedstat"))
	}
	c.Schedstat = err == nil
	if c.V2 == "" && len(c.V1) == 0 {
		c.Notes = append(c.Notes, "no cgroup mounted: CPU, I/O and memory per guest come only from /proc/PID")
	}
	if !c.Schedstat {
		c.Notes = append(c.Notes, "no schedstat: run-queue delay (the victim's signal for CPU) is unknown")
	}
	if !c.CgroupPSI {
		c.Notes = append(c.Notes, "no per-cgroup PSI (cgroup v1): victims are found by run-queue delay, not pressure")
	}
	if _, ok := c.V1["blkio"]; ok && c.V2 == "" {
		c.Notes = append(c.Notes, "cgroup v1 blkio counts a device only once a throttle exists on it: /proc/PID/io is the fallback")
	}
	return c
}

// mountFields picks the mount point, filesystem type and super options
// out of a /proc/PID/mountinfo line.
func mountFields(line string) (mnt, fstype, opts string, ok bool) {
	f := strings.Fields(line)
	sep := slices.Index(f, "-")
	if sep < 6 || len(f) < sep+4 {
		return "", "", "", false
	}
	return f[4], f[sep+1], f[sep+3], true
}
