package resource

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sampler reads Targets' counters. It keeps the files it reads open
// (bounded by MaxFiles; past it, the oldest are closed) and is not safe
// for concurrent use: the agent runs one sampling loop.
type Sampler struct {
	root string
	caps Capabilities
	now  func() time.Time

	files map[string]*os.File
	order []string // open order, for closing the oldest
	buf   []byte
	net   map[string][6]uint64 // /proc/net/dev, read once per sample

	reopen bool // open every file at every read (the benchmark's baseline)
}

// MaxFiles bounds the files a Sampler keeps open (about 12 per guest).
const MaxFiles = 4096

// NewSampler samples under root ("/" live) with the capabilities Probe
// found; now gives the samples' time (the wall clock live).
func NewSampler(root string, caps Capabilities, now func() time.Time) *Sampler {
	return &Sampler{root: root, caps: caps, now: now, files: map[string]*os.File{}, buf: make([]byte, 64<<10)}
}

// Close closes the files kept open.
func (s *Sampler) Close() {
	for _, f := range s.files {
		f.Close()
	}
	clear(s.files)
	s.order = nil
}

// read returns the file's contents now (valid until the next read), nil
// when it cannot be read.
func (s *Sampler) read(path string) []byte {
	f, ok := s.files[path]
	if !ok {
		var err error
		if f, err = os.Open(filepath.Join(s.root, path)); err != nil {
			return nil
		}
		if len(s.order) >= MaxFiles {
			old := s.order[0]
			s.order = s.order[1:]
			if o := s.files[old]; o != nil {
				o.Close()
			}
			delete(s.files, old)
		}
		s.files[path] = f
		s.order = append(s.order, path)
	}
	n, err := f.ReadAt(s.buf, 0)
	if s.reopen || err != nil && !errors.Is(err, io.EOF) {
		f.Close()
		delete(s.files, path) // gone (the guest stopped); open afresh next time
		if i := slices.Index(s.order, path); i >= 0 {
			s.order = slices.Delete(s.order, i, i+1)
		}
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil
	}
	return s.buf[:n]
}

// Begin starts a sample round: the host-wide files (the ports'
// counters) are read once for every target.
func (s *Sampler) Begin() {
	s.net = parseNetDev(s.read("proc/net/dev"))
}

// Read samples one target. Call Begin first in each round.
func (s *Sampler) Read(t *Target) Counters {
	c := Counters{Time: s.now()}
	v1IO := s.cgroups(t, &c)
	if c.Have&HaveIO == 0 || v1IO {
		// The storage bytes of its processes: every process of its
		// cgroup (a container's, a lab guest's), else its one process
		// (QEMU). A process that exits takes its bytes along; Rate
		// counts that round as zero. v1 blkio counts only the I/O the
		// guest issues itself, not the writeback of what it dirtied
		// (the flusher's, in the root cgroup): where the processes
		// account for more, they are the better measure.
		var r, w uint64
		have := false
		procs := s.cgroupMembers(t, "cgroup.procs")
		if len(procs) == 0 && t.PID > 0 {
			procs = []int{t.PID}
		}
		for _, pid := range procs[:min(len(procs), maxProcs)] {
			if b := s.read(fmt.Sprintf("proc/%d/io", pid)); b != nil {
				r += field(b, "read_bytes:")
				w += field(b, "write_bytes:")
				have = true
			}
		}
		if have && (!v1IO || r+w > c.IORead+c.IOWrite) {
			c.IORead, c.IOWrite, c.IOReadOps, c.IOWriteOps = r, w, 0, 0
			c.Have = c.Have&^HaveIO | HaveProcIO
		}
	}
	s.delay(t, &c)
	for _, p := range t.Ports {
		if v, ok := s.net[p]; ok {
			c.RxBytes += v[0]
			c.RxPackets += v[1]
			c.RxDrops += v[2]
			c.TxBytes += v[3]
			c.TxPackets += v[4]
			c.TxDrops += v[5]
			c.Have |= HavePorts
		}
	}
	return c
}

// cgroups reads the target's cgroup files: v2 when it has a v2 path,
// else the v1 controllers'. It tells whether the I/O counters came from
// v1 blkio.
func (s *Sampler) cgroups(t *Target, c *Counters) (v1IO bool) {
	for _, cg := range t.Cgroups {
		ctl, path, v1 := strings.Cut(cg, ":")
		if !v1 {
			path, ctl = ctl, ""
		}
		if ctl == "" && s.caps.V2 != "" {
			dir := filepath.Join(strings.TrimPrefix(s.caps.V2, "/"), path)
			if b := s.read(filepath.Join(dir, "cpu.stat")); b != nil {
				c.CPUUsage = time.Duration(field(b, "usage_usec")) * time.Microsecond
				c.Throttled = time.Duration(field(b, "throttled_usec")) * time.Microsecond
				c.NrThrottled = field(b, "nr_throttled")
				c.Have |= HaveCPU | HaveThrottle
			}
			if b := s.read(filepath.Join(dir, "io.stat")); b != nil {
				c.IORead, c.IOWrite, c.IOReadOps, c.IOWriteOps = parseIOStat(b)
				c.Have |= HaveIO
			}
			if b := s.read(filepath.Join(dir, "memory.current")); b != nil {
				c.MemoryBytes, _ = strconv.ParseUint(string(bytes.TrimSpace(b)), 10, 64)
				c.Have |= HaveMemory
			}
			cpu, ok1 := pressureTotal(s.read(filepath.Join(dir, "cpu.pressure")))
			io, ok2 := pressureTotal(s.read(filepath.Join(dir, "io.pressure")))
			mem, ok3 := pressureTotal(s.read(filepath.Join(dir, "memory.pressure")))
			if ok1 || ok2 || ok3 {
				c.PressureCPU, c.PressureIO, c.PressureMemory = cpu, io, mem
				c.Have |= HavePressure
			}
			continue
		}
		for _, one := range strings.Split(ctl, ",") {
			mnt, ok := s.caps.V1[one]
			if !ok {
				continue
			}
			dir := filepath.Join(strings.TrimPrefix(mnt, "/"), path)
			switch one {
			case "cpuacct":
				if b := s.read(filepath.Join(dir, "cpuacct.usage")); b != nil {
					n, _ := strconv.ParseUint(string(bytes.TrimSpace(b)), 10, 64)
					c.CPUUsage = time.Duration(n)
					c.Have |= HaveCPU
				}
			case "cpu":
				if b := s.read(filepath.Join(dir, "cpu.stat")); b != nil {
					c.Throttled = time.Duration(field(b, "throttled_time"))
					c.NrThrottled = field(b, "nr_throttled")
					c.Have |= HaveThrottle
				}
			case "blkio":
				// Counted only for devices with a throttle rule; zero
				// otherwise, then /proc/PID/io is the better source.
				b := s.read(filepath.Join(dir, "blkio.throttle.io_service_bytes_recursive"))
				ops := s.read(filepath.Join(dir, "blkio.throttle.io_serviced_recursive"))
				r, w := parseBlkio(b)
				if r+w > 0 {
					c.IORead, c.IOWrite = r, w
					c.IOReadOps, c.IOWriteOps = parseBlkio(ops)
					c.Have |= HaveIO
					v1IO = true
				}
			case "memory":
				if b := s.read(filepath.Join(dir, "memory.usage_in_bytes")); b != nil {
					c.MemoryBytes, _ = strconv.ParseUint(string(bytes.TrimSpace(b)), 10, 64)
					c.Have |= HaveMemory
				}
			}
		}
	}
	return v1IO
}

// delay sums the run-queue delay (schedstat's second field) of the
// target's threads: the given ones (a VM's vCPUs), else every thread in
// its cgroup (all its processes: a container's, a lab guest's), else
// every thread of its process.
func (s *Sampler) delay(t *Target, c *Counters) {
	if !s.caps.Schedstat {
		return
	}
	threads := t.Threads
	if len(threads) == 0 {
		threads = s.cgroupThreads(t)
	}
	if len(threads) == 0 && t.PID > 0 {
		ents, err := os.ReadDir(filepath.Join(s.root, fmt.Sprintf("proc/%d/task", t.PID)))
		if err != nil {
			return
		}
		for _, e := range ents {
			if n, err := strconv.Atoi(e.Name()); err == nil {
				threads = append(threads, n)
			}
		}
	}
	var ranTotal time.Duration
	for _, tid := range threads {
		b := s.read(fmt.Sprintf("proc/%d/schedstat", tid))
		if b == nil {
			continue
		}
		f := bytes.Fields(b)
		if len(f) < 2 {
			continue
		}
		ran, err1 := strconv.ParseUint(string(f[0]), 10, 64)
		n, err := strconv.ParseUint(string(f[1]), 10, 64)
		if err != nil || err1 != nil {
			continue
		}
		c.RunDelay += time.Duration(n)
		ranTotal += time.Duration(ran)
		c.Threads++
		c.Have |= HaveDelay
	}
	// No cgroup told its CPU time (a cgroup of the cpu controller alone
	// on v1, none at all): its threads' own run time, which for a VM is
	// its vCPUs'.
	if c.Have&HaveCPU == 0 && c.Threads > 0 {
		c.CPUUsage = ranTotal
		c.Have |= HaveCPU
	}
}

// cgroupThreads lists the threads of the target's own cgroup: v2's
// cgroup.threads, else v1's cpu tasks. A cgroup at a hierarchy's root is
// the whole host, not the guest: none.
func (s *Sampler) cgroupThreads(t *Target) []int { return s.cgroupMembers(t, "cgroup.threads") }

// maxProcs bounds the processes of one guest whose I/O is summed.
const maxProcs = 256

// cgroupMembers lists the guest's first cgroup's threads (kind
// "cgroup.threads": v1 "tasks") or processes ("cgroup.procs").
func (s *Sampler) cgroupMembers(t *Target, kind string) []int {
	v1kind := "tasks"
	if kind == "cgroup.procs" {
		v1kind = kind
	}
	for _, cg := range t.Cgroups {
		ctl, path, v1 := strings.Cut(cg, ":")
		if !v1 {
			path, ctl = ctl, ""
		}
		var file string
		switch {
		case path == "/" || path == "":
			continue
		case ctl == "" && s.caps.V2 != "":
			file = filepath.Join(strings.TrimPrefix(s.caps.V2, "/"), path, kind)
		case v1 && strings.Contains(","+ctl+",", ",cpu,") && s.caps.V1["cpu"] != "":
			file = filepath.Join(strings.TrimPrefix(s.caps.V1["cpu"], "/"), path, v1kind)
		default:
			continue
		}
		b, err := os.ReadFile(filepath.Join(s.root, file)) // changes as threads come and go: not kept open
		if err != nil {
			continue
		}
		var out []int
		for _, f := range bytes.Fields(b) {
			if n, err := strconv.Atoi(string(f)); err == nil {
				out = append(out, n)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// HostPressure is the host's PSI "some" totals (/proc/pressure).
type HostPressure struct {
	CPU, IO, Memory time.Duration
	OK              bool
}

// Host reads the host's pressure files.
func (s *Sampler) Host() HostPressure {
	cpu, a := pressureTotal(s.read("proc/pressure/cpu"))
	io, b := pressureTotal(s.read("proc/pressure/io"))
	mem, c := pressureTotal(s.read("proc/pressure/memory"))
	return HostPressure{CPU: cpu, IO: io, Memory: mem, OK: a && b && c}
}

// field finds "name value" (or "name: value") in a key-value file.
func field(b []byte, name string) uint64 {
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		k, v, ok := bytes.Cut(bytes.TrimSpace(line), []byte(" "))
		if ok && string(k) == name {
			n, _ := strconv.ParseUint(string(bytes.TrimSpace(v)), 10, 64)
			return n
		}
	}
	return 0
}

// parseIOStat sums cgroup v2 io.stat over devices:
// "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0".
func parseIOStat(b []byte) (rbytes, wbytes, rios, wios uint64) {
	for _, line := range bytes.Split(b, []byte("\n")) {
		for _, kv := range bytes.Fields(line) {
			k, v, ok := bytes.Cut(kv, []byte("="))
			if !ok {
				continue
			}
			n, err := strconv.ParseUint(string(v), 10, 64)
			if err != nil {
				continue
			}
			switch string(k) {
			case "rbytes":
				rbytes += n
			case "wbytes":
				wbytes += n
			case "rios":
				rios += n
			case "wios":
				wios += n
			}
		}
	}
	return
}

// parseBlkio sums cgroup v1 blkio "8:0 Read 4096" lines over devices.
func parseBlkio(b []byte) (read, write uint64) {
	for _, line := range bytes.Split(b, []byte("\n")) {
		f := bytes.Fields(line)
		if len(f) != 3 {
			continue
		}
		n, err := strconv.ParseUint(string(f[2]), 10, 64)
		if err != nil {
			continue
		}
		switch string(f[1]) {
		case "Read":
			read += n
		case "Write":
			write += n
		}
	}
	return
}

// pressureTotal reads the "some ... total=N" (µs) of a PSI file.
func pressureTotal(b []byte) (time.Duration, bool) {
	for _, line := range bytes.Split(b, []byte("\n")) {
		if !bytes.HasPrefix(line, []byte("some ")) {
			continue
		}
		for _, kv := range bytes.Fields(line) {
			if v, ok := bytes.CutPrefix(kv, []byte("total=")); ok {
				n, err := strconv.ParseUint(string(v), 10, 64)
				if err != nil {
					return 0, false
				}
				return time.Duration(n) * time.Microsecond, true
			}
		}
	}
	return 0, false
}

// parseNetDev reads /proc/net/dev: per interface rx bytes, packets,
// drops and tx bytes, packets, drops.
func parseNetDev(b []byte) map[string][6]uint64 {
	out := map[string][6]uint64{}
	for _, line := range bytes.Split(b, []byte("\n")) {
		name, rest, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		f := bytes.Fields(rest)
		if len(f) < 16 {
			continue
		}
		var v [16]uint64
		for i := range 16 {
			v[i], _ = strconv.ParseUint(string(f[i]), 10, 64)
		}
		out[string(bytes.TrimSpace(name))] = [6]uint64{v[0], v[1], v[3], v[8], v[9], v[11]}
	}
	return out
}
