package ebpf

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Config sizes the kernel maps and sets the rates of the port programs.
// Every map is kernel memory that cannot be swapped; the sizes are fixed
// at Load.
type Config struct {
	// FlowMapSize bounds the kernel's flow map (an LRU hash of about 250
	// bytes per flow with its key and overhead: 64 MiB at the default of
	// 262,144). When it is full the kernel evicts the least recently used
	// flow; a TCP flow it meets again mid-stream is counted in
	// PortStats.FlowsMidstream.
	FlowMapSize int `yaml:"flow_map_size"`
	// RingBufSize is the size of the event ring in bytes: a power of two
	// and a multiple of the page size. An event takes 168 bytes, so the
	// default 8 MiB holds about 50,000 events: 0.4 s of a storm at the
	// default start rate on one port (a start and its answer are two
	// events), eight drains. When it is full, events are dropped and
	// counted (PortStats.EventsLost).
	RingBufSize int `yaml:"ring_buffer_size"`
	// MaxPorts bounds the number of ports that can be attached at once.
	MaxPorts int `yaml:"max_ports"`
	// StormMapSize bounds the per-source table of suppressed flow starts
	// (an LRU hash: the sources quiet for longest are forgotten first).
	StormMapSize int `yaml:"storm_map_size"`
	// MaxRules bounds the rule indexes of the policy (rules plus one
	// default deny per policy): the per-rule hit counters, 8 bytes per
	// rule and CPU. SetPolicy refuses a table naming a rule beyond it.
	MaxRules int `yaml:"max_rules"`
	// PolicyMapSize bounds the entries of the policy's LPM trie: a port
	// range is up to 30 entries (policy.PortPrefixes), ICMP and the other
	// protocols one each. The trie is sized to the tables at each
	// SetPolicy; this is the most it may take (about 100 bytes each).
	PolicyMapSize int `yaml:"policy_map_size"`
	// PortAddrsSize bounds the MACs and addresses that SetPortIdentity
	// may give all ports together.
	PortAddrsSize int `yaml:"port_addrs_size"`

	// Attach is how ports are attached: "tcx" (Linux 6.6 and later),
	// "tc" (a clsact qdisc and a cls_bpf filter per direction, for older
	// kernels) or "auto" (the default: tcx where the kernel has it).
	Attach string `yaml:"attach"`

	// PinPath is the bpffs directory where the maps, the programs and the
	// links are pinned, so that enforcement goes on while the agent is
	// down and a restarted agent adopts it (see Load). Load mounts bpffs
	// when the directory is not on one. Empty: nothing is pinned and
	// Close detaches everything (tests, one-off tools).
	PinPath string `yaml:"pin_path"`

	// StartRate and StartBurst are the token bucket, per port, of the
	// flow starts the kernel reports. Beyond it a new flow is not tracked
	// at all (so a storm cannot flush the flow map, nor make the agent
	// its victim): it is counted per port (PortStats.StartsSuppressed)
	// and per source address (Storms). The starts the bucket lets through
	// are a sample of the storm, so a scan inside it still reaches the
	// detectors. The default, 60,000 a second, is above the 50,000 new
	// connections a second that must be seen whole and low enough that a
	// storm of new flows keeps most of the forwarding (bench/storm.sh).
	StartRate  int `yaml:"start_rate"`
	StartBurst int `yaml:"start_burst"`
	// ARPRate and ARPBurst bound, per port, the ARP frames reported.
	ARPRate  int `yaml:"arp_rate"`
	ARPBurst int `yaml:"arp_burst"`
	// SpoofRate and SpoofBurst bound, per port, the spoofed frames
	// reported; all are counted (PortStats.Spoofed) and, in enforce mode,
	// dropped.
	SpoofRate  int `yaml:"spoof_rate"`
	SpoofBurst int `yaml:"spoof_burst"`

	// ReportInterval is how often, at most, a flow that stays active
	// reports its counters. It must be well below the flow table's idle
	// timeouts, or the table expires flows the kernel still sees.
	ReportInterval time.Duration `yaml:"report_interval"`
	// TCPIdle, OtherIdle and ClosedIdle: a flow idle this long starts
	// afresh on its next packet. Keep them equal to the flow table's
	// tcp_timeout, udp_timeout (and icmp_timeout) and closed_timeout.
	TCPIdle    time.Duration `yaml:"tcp_idle"`
	OtherIdle  time.Duration `yaml:"other_idle"`
	ClosedIdle time.Duration `yaml:"closed_idle"`

	// DrainInterval is how often the reader empties the ring. The kernel
	// submits events without waking the reader (a wakeup per event halves
	// forwarding in a storm), except past half the ring, so this is the
	// latency of an event.
	DrainInterval time.Duration `yaml:"drain_interval"`
	// SweepInterval is how often Read walks the flow map: it reports the
	// counters of flows that went quiet with some never sent (no packet
	// came to carry them) and removes flows idle past their timeout, so
	// that the flow table gets every flow's final counts. A sweep reads
	// the whole map (batch lookups where the kernel has them). It must
	// leave a sweep between the report interval and the idle timeouts.
	SweepInterval time.Duration `yaml:"sweep_interval"`
}

// DefaultConfig returns the defaults: 262,144 flows, an 8 MiB ring, 4,096
// ports, 16,384 storm sources, 65,536 rules, a million policy entries,
// 65,536 port addresses, attach auto, pins under /sys/fs/bpf/crosstalk, 60,000 flow
// starts per second and port with a burst of 6,000, 100 ARP events per
// second and port with a burst of 50, 10 spoof events per second and port
// with a burst of 20, counters at most every 10 s, idle timeouts of
// flowtable.DefaultConfig, a drain every 50 ms and a sweep every 10 s.
func DefaultConfig() Config {
	return Config{
		FlowMapSize:    262144,
		RingBufSize:    8 << 20,
		MaxPorts:       4096,
		StormMapSize:   16384,
		MaxRules:       65536,
		PolicyMapSize:  1 << 20,
		PortAddrsSize:  65536,
		Attach:         "auto",
		PinPath:        DefaultPinPath,
		StartRate:      60000,
		StartBurst:     6000,
		ARPRate:        100,
		ARPBurst:       50,
		SpoofRate:      10,
		SpoofBurst:     20,
		ReportInterval: 10 * time.Second,
		TCPIdle:        5 * time.Minute,
		OtherIdle:      time.Minute,
		ClosedIdle:     5 * time.Second,
		DrainInterval:  50 * time.Millisecond,
		SweepInterval:  10 * time.Second,
	}
}

// DefaultPinPath is where the datapath pins its objects unless told
// otherwise.
const DefaultPinPath = "/sys/fs/bpf/crosstalk"

// Bounds of the configuration.
const (
	minMapSize  = 16
	maxFlowMap  = 1 << 24
	maxRingBuf  = 1 << 30
	maxPorts    = 1 << 16
	maxStormMap = 1 << 20
	maxRules    = 1 << 24
	maxPolicy   = 1 << 26
	maxRate     = 1e9 // one per nanosecond: the bucket's resolution
)

// Validate reports the first setting that cannot work, naming its key.
func (c Config) Validate() error {
	page := os.Getpagesize()
	switch {
	case c.Attach != "" && c.Attach != "auto" && c.Attach != "tcx" && c.Attach != "tc":
		return fmt.Errorf("attach: %q, want auto, tcx or tc", c.Attach)
	case c.FlowMapSize < minMapSize || c.FlowMapSize > maxFlowMap:
		return fmt.Errorf("flow_map_size: %d out of range [%d, %d]", c.FlowMapSize, minMapSize, maxFlowMap)
	case c.RingBufSize < page || c.RingBufSize > maxRingBuf || c.RingBufSize&(c.RingBufSize-1) != 0:
		return fmt.Errorf("ring_buffer_size: %d must be a power of two in [%d (the page size), %d]", c.RingBufSize, page, maxRingBuf)
	case c.MaxPorts < 1 || c.MaxPorts > maxPorts:
		return fmt.Errorf("max_ports: %d out of range [1, %d]", c.MaxPorts, maxPorts)
	case c.StormMapSize < minMapSize || c.StormMapSize > maxStormMap:
		return fmt.Errorf("storm_map_size: %d out of range [%d, %d]", c.StormMapSize, minMapSize, maxStormMap)
	case c.MaxRules < 1 || c.MaxRules > maxRules:
		return fmt.Errorf("max_rules: %d out of range [1, %d]", c.MaxRules, maxRules)
	case c.PolicyMapSize < 1 || c.PolicyMapSize > maxPolicy:
		return fmt.Errorf("policy_map_size: %d out of range [1, %d]", c.PolicyMapSize, maxPolicy)
	case c.PortAddrsSize < minMapSize || c.PortAddrsSize > maxStormMap:
		return fmt.Errorf("port_addrs_size: %d out of range [%d, %d]", c.PortAddrsSize, minMapSize, maxStormMap)
	case c.PinPath != "" && !filepath.IsAbs(c.PinPath):
		return fmt.Errorf("pin_path: %q must be an absolute path", c.PinPath)
	case c.StartRate < 1 || c.StartRate > maxRate:
		return fmt.Errorf("start_rate: %d out of range [1, %d]", c.StartRate, int(maxRate))
	case c.StartBurst < 1:
		return fmt.Errorf("start_burst: %d must be at least 1", c.StartBurst)
	case c.ARPRate < 1 || c.ARPRate > maxRate:
		return fmt.Errorf("arp_rate: %d out of range [1, %d]", c.ARPRate, int(maxRate))
	case c.ARPBurst < 1:
		return fmt.Errorf("arp_burst: %d must be at least 1", c.ARPBurst)
	case c.SpoofRate < 1 || c.SpoofRate > maxRate:
		return fmt.Errorf("spoof_rate: %d out of range [1, %d]", c.SpoofRate, int(maxRate))
	case c.SpoofBurst < 1:
		return fmt.Errorf("spoof_burst: %d must be at least 1", c.SpoofBurst)
	case c.ReportInterval < time.Second:
		return fmt.Errorf("report_interval: %s must be at least 1s", c.ReportInterval)
	case c.TCPIdle <= c.ReportInterval || c.OtherIdle <= c.ReportInterval:
		return fmt.Errorf("report_interval: %s must be below tcp_idle (%s) and other_idle (%s)", c.ReportInterval, c.TCPIdle, c.OtherIdle)
	case c.ClosedIdle <= 0:
		return fmt.Errorf("closed_idle: must be positive, got %s", c.ClosedIdle)
	case c.DrainInterval < time.Millisecond || c.DrainInterval > 10*time.Second:
		return fmt.Errorf("drain_interval: %s out of range [1ms, 10s]", c.DrainInterval)
	case c.SweepInterval < 100*time.Millisecond || c.SweepInterval > min(c.TCPIdle, c.OtherIdle)-c.ReportInterval:
		return fmt.Errorf("sweep_interval: %s out of range [100ms, the shorter idle timeout less report_interval (%s)]",
			c.SweepInterval, min(c.TCPIdle, c.OtherIdle)-c.ReportInterval)
	}
	return nil
}

// interval returns the token bucket's emission interval and tolerance in
// nanoseconds for rate per second and burst.
func interval(rate, burst int) (every, tolerance uint64) {
	every = uint64(time.Second) / uint64(rate)
	return every, uint64(burst-1) * every
}
