package flowtable

import (
	"errors"
	"fmt"
	"time"
)

// Config sets the bounds and timeouts of a Table. Every timeout is in event
// time.
type Config struct {
	// MaxFlows bounds the number of flows held at once. When the table is
	// full, the flow idle for longest is evicted (and counted). A flow costs
	// about 210 bytes (168 in the slab, 16 in the index, up to 16 in the
	// attempt queue), so 1M flows take about 200 MiB; the detectors' own
	// tables are bounded by their max_ settings, on top of that.
	MaxFlows int `yaml:"max_flows"`
	// AttemptTimeout is how long a connection attempt may stay unanswered
	// before its outcome is "unanswered".
	AttemptTimeout time.Duration `yaml:"attempt_timeout"`
	// TCPTimeout, UDPTimeout and ICMPTimeout expire idle flows.
	TCPTimeout  time.Duration `yaml:"tcp_timeout"`
	UDPTimeout  time.Duration `yaml:"udp_timeout"`
	ICMPTimeout time.Duration `yaml:"icmp_timeout"`
	// ClosedTimeout is how long a TCP flow lingers after RST or FIN from
	// both sides, to absorb retransmissions.
	ClosedTimeout time.Duration `yaml:"closed_timeout"`
}

// DefaultConfig returns the defaults: 1M flows, attempts unanswered after
// 5 s, TCP idle 5 min (Zeek's tcp_inactivity_timeout), UDP and ICMP idle
// 1 min, closed TCP flows kept 5 s.
func DefaultConfig() Config {
	return Config{
		MaxFlows:       1 << 20,
		AttemptTimeout: 5 * time.Second,
		TCPTimeout:     5 * time.Minute,
		UDPTimeout:     time.Minute,
		ICMPTimeout:    time.Minute,
		ClosedTimeout:  5 * time.Second,
	}
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	if c.MaxFlows < 16 || c.MaxFlows > 1<<30 {
		return fmt.Errorf("max_flows: %d out of range [16, 2^30]", c.MaxFlows)
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"attempt_timeout", c.AttemptTimeout}, {"tcp_timeout", c.TCPTimeout}, {"udp_timeout", c.UDPTimeout}, {"icmp_timeout", c.ICMPTimeout}, {"closed_timeout", c.ClosedTimeout}} {
		if d.v <= 0 {
			return fmt.Errorf("%s: must be positive, got %s", d.name, d.v)
		}
	}
	if c.AttemptTimeout > c.UDPTimeout || c.AttemptTimeout > c.TCPTimeout || c.AttemptTimeout > c.ICMPTimeout {
		return errors.New("attempt_timeout: must not exceed the idle timeouts")
	}
	return nil
}
