package resource

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func write(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const netDev = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 100 10 0 0 0 0 0 0 100 10 0 0 0 0 0 0
vnet3: 5000 50 0 2 0 0 0 0 7000 70 0 1 0 0 0 0
`

// A hybrid host: v2 beside v1. The VM's cgroup is in v2; the container
// only in v1 and falls back to /proc/PID/io for I/O.
func TestReadFakeHost(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"proc/self/mountinfo": `30 1 0:26 / /sys/fs/cgroup/unified rw,nosuid shared:9 - cgroup2 cgroup2 rw
31 1 0:27 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:10 - cgroup cgroup rw,cpu,cpuacct
32 1 0:28 / /sys/fs/cgroup/blkio rw,nosuid shared:11 - cgroup cgroup rw,blkio
33 1 0:29 / /proc rw - proc proc rw
`,
		"proc/pressure/cpu":                                                "some avg10=1.00 avg60=0.50 avg300=0.10 total=2000000\nfull avg10=0 avg60=0 avg300=0 total=0\n",
		"proc/pressure/io":                                                 "some avg10=0 avg60=0 avg300=0 total=10\n",
		"proc/pressure/memory":                                             "some avg10=0 avg60=0 avg300=0 total=20\n",
		"sys/fs/cgroup/unified/cpu.pressure":                               "some total=0\n",
		"sys/fs/cgroup/unified/vm/cpu.stat":                                "usage_usec 1500000\nuser_usec 1000000\nsystem_usec 500000\nnr_periods 10\nnr_throttled 3\nthrottled_usec 250000\n",
		"sys/fs/cgroup/unified/vm/io.stat":                                 "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n8:16 rbytes=4096 wbytes=0 rios=1 wios=0\n",
		"sys/fs/cgroup/unified/vm/memory.current":                          "1048576\n",
		"sys/fs/cgroup/unified/vm/cpu.pressure":                            "some avg10=5.00 avg60=1.00 avg300=0.20 total=300000\nfull avg10=0 avg60=0 avg300=0 total=0\n",
		"sys/fs/cgroup/unified/vm/io.pressure":                             "some avg10=0 avg60=0 avg300=0 total=1000\n",
		"sys/fs/cgroup/cpu,cpuacct/ct/cpuacct.usage":                       "2000000000\n",
		"sys/fs/cgroup/cpu,cpuacct/ct/cpu.stat":                            "nr_periods 5\nnr_throttled 1\nthrottled_time 5000000\n",
		"sys/fs/cgroup/blkio/ct/blkio.throttle.io_service_bytes_recursive": "8:0 Read 0\n8:0 Write 0\nTotal 0\n",
		"proc/42/schedstat":                                                "100 2000000 5\n",
		"proc/43/schedstat":                                                "100 3000000 5\n",
		"proc/44/schedstat":                                                "100 9999999 5\n",
		"proc/8/schedstat":                                                 "5 1000000 1\n",
		"sys/fs/cgroup/cpu,cpuacct/ct2/tasks":                              "7\n8\n",
		"proc/7/io":                                                        "rchar: 1\nwchar: 2\nsyscr: 1\nsyscw: 1\nread_bytes: 512\nwrite_bytes: 1024\ncancelled_write_bytes: 0\n",
		"proc/7/task/7/schedstat":                                          "5 7000000 1\n",
		"proc/7/schedstat":                                                 "5 7000000 1\n",
		"proc/net/dev":                                                     netDev,
		"proc/self/schedstat":                                              "0 0 0\n",
	})
	caps := Probe(root)
	if caps.V2 != "/sys/fs/cgroup/unified" || caps.V1["cpu"] != "/sys/fs/cgroup/cpu,cpuacct" || caps.V1["blkio"] != "/sys/fs/cgroup/blkio" || !caps.HostPSI || !caps.CgroupPSI || !caps.Schedstat {
		t.Fatalf("probe: %+v", caps)
	}
	t.Logf("probe: %s", caps)
	now := time.Unix(1000, 0)
	s := NewSampler(root, caps, func() time.Time { return now })
	defer s.Close()
	s.Begin()
	vm := s.Read(&Target{Guest: "vm", PID: 42, Threads: []int{42, 43}, Cgroups: []string{"/vm", "cpu,cpuacct:/ignored-when-v2"}, Ports: []string{"vnet3"}})
	want := Counters{Time: now, Have: HaveCPU | HaveThrottle | HaveIO | HaveMemory | HavePressure | HaveDelay | HavePorts,
		CPUUsage: 1500 * time.Millisecond, Throttled: 250 * time.Millisecond, NrThrottled: 3, RunDelay: 5 * time.Millisecond, Threads: 2,
		IORead: 8192, IOWrite: 8192, IOReadOps: 2, IOWriteOps: 2, PressureCPU: 300 * time.Millisecond, PressureIO: time.Millisecond,
		MemoryBytes: 1 << 20, RxBytes: 5000, RxPackets: 50, RxDrops: 2, TxBytes: 7000, TxPackets: 70, TxDrops: 1}
	// The v1 entry names a cgroup that does not exist there: the v2
	// values stand.
	if vm != want {
		t.Errorf("vm:\n got %+v\nwant %+v", vm, want)
	}
	ct := s.Read(&Target{Guest: "ct", PID: 7, Cgroups: []string{"cpu,cpuacct:/ct", "blkio:/ct"}})
	if ct.CPUUsage != 2*time.Second || ct.Throttled != 5*time.Millisecond || ct.Have&HaveIO != 0 || ct.Have&HaveProcIO == 0 ||
		ct.IORead != 512 || ct.IOWrite != 1024 || ct.RunDelay != 7*time.Millisecond || ct.Threads != 1 {
		t.Errorf("container: %+v", ct)
	}
	// v1 blkio counts what the guest issues itself (64 bytes here), not
	// the writeback of what it dirtied: its processes' bytes (every
	// process of its cgroup) are the larger, and win.
	write(t, root, map[string]string{
		"sys/fs/cgroup/blkio/ct3/blkio.throttle.io_service_bytes_recursive": "8:0 Read 0\n8:0 Write 64\nTotal 64\n",
		"sys/fs/cgroup/cpu,cpuacct/ct3/cgroup.procs":                        "7\n8\n",
		"proc/8/io": "read_bytes: 0\nwrite_bytes: 1000000\n",
	})
	if ct3 := s.Read(&Target{Guest: "ct3", PID: 7, Cgroups: []string{"cpu,cpuacct:/ct3", "blkio:/ct3"}}); ct3.IOWrite != 1001024 || ct3.IORead != 512 || ct3.Have&HaveProcIO == 0 || ct3.Have&HaveIO != 0 {
		t.Errorf("v1 blkio beside busier processes: %+v", ct3)
	}
	// Every thread of the cgroup is the guest's (here two processes).
	if ct2 := s.Read(&Target{Guest: "ct2", PID: 7, Cgroups: []string{"cpu,cpuacct:/ct2"}}); ct2.Threads != 2 || ct2.RunDelay != 8*time.Millisecond {
		t.Errorf("a cgroup's threads: %+v", ct2)
	}
	if h := s.Host(); !h.OK || h.CPU != 2*time.Second || h.IO != 10*time.Microsecond {
		t.Errorf("host pressure: %+v", h)
	}
	// A guest gone: nothing read, no error, nothing kept open for it.
	gone := s.Read(&Target{Guest: "gone", PID: 99999, Cgroups: []string{"/nope"}, Ports: []string{"vnet99"}})
	if gone.Have != 0 {
		t.Errorf("a guest that is gone: %+v", gone)
	}
}

func TestRate(t *testing.T) {
	t0 := time.Unix(0, 0)
	a := Counters{Time: t0, Have: HaveCPU | HaveDelay | HavePorts, CPUUsage: time.Second, RunDelay: 0, RxPackets: 100, TxPackets: 50}
	b := Counters{Time: t0.Add(2 * time.Second), Have: HaveCPU | HaveDelay | HavePorts, CPUUsage: 4 * time.Second, RunDelay: 200 * time.Millisecond, RxPackets: 2100, TxPackets: 40}
	r := Rate(a, b)
	if r.CPU != 1.5 || r.Delay != 0.1 || r.SentPackets != 1000 || r.RecvPackets != 0 || r.Have != a.Have {
		t.Errorf("rates %+v", r)
	}
	if r := Rate(b, b); r.CPU != 0 || r.Interval != 0 {
		t.Errorf("no time passed: %+v", r)
	}
}

// On this host: the test process as a guest. Burning CPU shows as CPU
// use; its threads' delay and the loopback counters are read.
func TestReadLiveHost(t *testing.T) {
	caps := Probe("/")
	t.Logf("this host: %s; notes: %v", caps, caps.Notes)
	cg, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI runs on Linux with cgroups, but: %v", err)
		}
		t.Skip("no /proc/self/cgroup (not Linux?)")
	}
	tgt := &Target{Guest: "self", PID: os.Getpid(), Ports: []string{"lo"}}
	for _, line := range strings.Split(strings.TrimSpace(string(cg)), "\n") {
		// "4:cpu,cpuacct:/path" or "0::/path"
		parts := strings.SplitN(line, ":", 3)
		if len(parts) == 3 {
			if parts[1] == "" {
				tgt.Cgroups = append(tgt.Cgroups, parts[2])
			} else {
				tgt.Cgroups = append(tgt.Cgroups, parts[1]+":"+parts[2])
			}
		}
	}
	s := NewSampler("/", caps, time.Now)
	defer s.Close()
	s.Begin()
	a := s.Read(tgt)
	for end := time.Now().Add(300 * time.Millisecond); time.Now().Before(end); {
	}
	s.Begin()
	b := s.Read(tgt)
	r := Rate(a, b)
	t.Logf("have %b, %d threads: cpu %.2f cores, delay %.3f s/s, lo %.0f pkts/s", b.Have, b.Threads, r.CPU, r.Delay, r.SentPackets)
	if b.Have&HaveDelay == 0 || b.Threads == 0 || b.Have&HavePorts == 0 {
		t.Errorf("on this host: %+v", b)
	}
	if b.Have&HaveCPU != 0 && r.CPU < 0.3 {
		t.Errorf("burning a core for 300 ms showed %.2f cores (cgroup %v)", r.CPU, tgt.Cgroups)
	}
}

// BenchmarkSample64 is one sampling round over 64 guests on this host
// (each the test process: its cgroups, its threads, loopback), the cost
// the issue bounds at 1% of a core per second.
func BenchmarkSample64(b *testing.B) { benchmarkSample64(b, false) }

// BenchmarkSample64Reopen is the same round opening every file at every
// read: the baseline for keeping them open.
func BenchmarkSample64Reopen(b *testing.B) { benchmarkSample64(b, true) }

func benchmarkSample64(b *testing.B, reopen bool) {
	caps := Probe("/")
	cg, _ := os.ReadFile("/proc/self/cgroup")
	var cgs []string
	for _, line := range strings.Split(strings.TrimSpace(string(cg)), "\n") {
		if parts := strings.SplitN(line, ":", 3); len(parts) == 3 {
			if parts[1] == "" {
				cgs = append(cgs, parts[2])
			} else {
				cgs = append(cgs, parts[1]+":"+parts[2])
			}
		}
	}
	ents, _ := os.ReadDir("/proc/self/task")
	var threads []int
	for _, e := range ents[:min(2, len(ents))] {
		var n int
		fmt.Sscan(e.Name(), &n)
		threads = append(threads, n)
	}
	targets := make([]Target, 64)
	for i := range targets {
		targets[i] = Target{Guest: fmt.Sprint("g", i), PID: os.Getpid(), Threads: threads, Cgroups: cgs, Ports: []string{"lo"}}
	}
	s := NewSampler("/", caps, time.Now)
	s.reopen = reopen
	defer s.Close()
	for b.Loop() {
		s.Begin()
		for i := range targets {
			s.Read(&targets[i])
		}
		s.Host()
	}
}

func FuzzParsers(f *testing.F) {
	f.Add([]byte(netDev))
	f.Add([]byte("8:0 rbytes=1 wbytes=2 rios=3 wios=4\n"))
	f.Add([]byte("some avg10=0.00 total=5\nfull total=1\n"))
	f.Add([]byte("8:0 Read 5\n8:0 Write 6\nTotal 11\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		parseNetDev(b)
		parseIOStat(b)
		pressureTotal(b)
		parseBlkio(b)
		field(b, "usage_usec")
		mountFields(string(b))
	})
}

func TestThrottleFakeHost(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"sys/fs/cgroup/cpu/ct/cpu.cfs_quota_us":  "-1\n",
		"sys/fs/cgroup/cpu/ct/cpu.cfs_period_us": "100000\n",
		"sys/fs/cgroup/cpu/ct/cpu.shares":        "1024\n",
		"sys/fs/cgroup/v2/vm/cpu.max":            "max 100000\n",
	})
	caps := Capabilities{V1: map[string]string{"cpu": "/sys/fs/cgroup/cpu"}, V2: "/sys/fs/cgroup/v2"}
	read := func(p string) string {
		b, _ := os.ReadFile(filepath.Join(root, p))
		return strings.TrimSpace(string(b))
	}
	restore, err := Throttle(root, caps, []string{"cpu,cpuacct:/ct"}, 0.25)
	if err != nil || read("sys/fs/cgroup/cpu/ct/cpu.cfs_quota_us") != "2500" || read("sys/fs/cgroup/cpu/ct/cpu.cfs_period_us") != "10000" || read("sys/fs/cgroup/cpu/ct/cpu.shares") != "2" {
		t.Fatalf("v1: %v, quota %s", err, read("sys/fs/cgroup/cpu/ct/cpu.cfs_quota_us"))
	}
	restore.Apply()
	if read("sys/fs/cgroup/cpu/ct/cpu.cfs_quota_us") != "-1" || read("sys/fs/cgroup/cpu/ct/cpu.shares") != "1024" || read("sys/fs/cgroup/cpu/ct/cpu.cfs_period_us") != "100000" {
		t.Errorf("v1 restored to %s", read("sys/fs/cgroup/cpu/ct/cpu.cfs_quota_us"))
	}
	restore, err = Throttle(root, caps, []string{"/vm"}, 2)
	if err != nil || read("sys/fs/cgroup/v2/vm/cpu.max") != "20000 10000" {
		t.Fatalf("v2: %v, %s", err, read("sys/fs/cgroup/v2/vm/cpu.max"))
	}
	restore.Apply()
	if read("sys/fs/cgroup/v2/vm/cpu.max") != "max 100000" {
		t.Errorf("v2 restored to %s", read("sys/fs/cgroup/v2/vm/cpu.max"))
	}
	if _, err := Throttle(root, caps, []string{"cpu:/", "memory:/x"}, 1); err == nil {
		t.Error("a guest at the root cgroup was throttled (that is the whole host)")
	}
	if _, err := Throttle(root, caps, []string{"cpu,cpuacct:/ct"}, 0); err == nil {
		t.Error("zero cores accepted")
	}

	// I/O on v2: io.max takes one rule a write; the fake file keeps the
	// last, the lift.
	os.MkdirAll(filepath.Join(root, "sys/block/vda"), 0o755)
	os.WriteFile(filepath.Join(root, "sys/block/vda/dev"), []byte("254:0\n"), 0o644)
	os.MkdirAll(filepath.Join(root, "sys/block/loop0"), 0o755)
	os.WriteFile(filepath.Join(root, "sys/block/loop0/dev"), []byte("7:0\n"), 0o644)
	os.WriteFile(filepath.Join(root, "sys/fs/cgroup/v2/vm/io.max"), nil, 0o644)
	lift, err := ThrottleIO(root, caps, []string{"/vm"}, 10<<20)
	if err != nil || read("sys/fs/cgroup/v2/vm/io.max") != "254:0 rbps=10485760 wbps=10485760" {
		t.Fatalf("v2 io: %v, %s", err, read("sys/fs/cgroup/v2/vm/io.max"))
	}
	lift.Apply()
	if read("sys/fs/cgroup/v2/vm/io.max") != "254:0 rbps=max wbps=max" {
		t.Errorf("v2 io lifted to %s", read("sys/fs/cgroup/v2/vm/io.max"))
	}
}

// TestThrottleIOLiveHost caps a cgroup of this host's blkio (v1) or io
// (v2) controller on every disk, and lifts the caps: the kernel's own
// rule lists say so.
func TestThrottleIOLiveHost(t *testing.T) {
	caps := Probe("/")
	if os.Geteuid() != 0 || caps.V1["blkio"] == "" {
		// A v2-only host caps by io.max (its fake-host test); this one
		// tries the kernel's v1 rule lists.
		t.Skip("needs root and a cgroup v1 blkio controller")
	}
	devs := disks("/")
	if len(devs) == 0 {
		t.Skip("no disks in /sys/block")
	}
	name := fmt.Sprintf("crosstalk-test-%d", os.Getpid())
	dir := filepath.Join(caps.V1["blkio"], name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(dir) })
	rules := func(file string) string {
		b, _ := os.ReadFile(filepath.Join(dir, file))
		return strings.TrimSpace(string(b))
	}
	restore, err := ThrottleIO("/", caps, []string{"blkio:/" + name}, 50<<20)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"blkio.throttle.read_bps_device", "blkio.throttle.write_bps_device"} {
		for _, d := range devs {
			if !strings.Contains(rules(f), fmt.Sprintf("%s %d", d, 50<<20)) {
				t.Errorf("%s: %q, want %s capped", f, rules(f), d)
			}
		}
	}
	if err := restore.Apply(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"blkio.throttle.read_bps_device", "blkio.throttle.write_bps_device"} {
		if r := rules(f); r != "" {
			t.Errorf("%s after the lift: %q", f, r)
		}
	}
	if _, err := ThrottleIO("/", caps, []string{"blkio:/" + name}, 1000); err == nil {
		t.Error("a cap below 1 MiB/s accepted")
	}
}
