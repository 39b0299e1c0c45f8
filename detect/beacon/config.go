package beacon

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Config sets what makes a series of connections a beacon. The scores
// are explained in the package documentation.
type Config struct {
	// MinConnections is the fewest connections of one pair (source,
	// destination, protocol, destination port) that are scored. Default 10.
	MinConnections int `yaml:"min_connections"`
	// MinDuration is the shortest run of connections (first to last) that
	// can alert: regular bursts shorter than this are batch jobs and
	// retries. Default 5m.
	MinDuration time.Duration `yaml:"min_duration"`
	// MinInterval is the shortest median interval that can be a beacon;
	// faster series are request streams between services (connection
	// churn), not check-ins. Default 1s.
	MinInterval time.Duration `yaml:"min_interval"`
	// MinScore is the combined score, in [0, 1], from which a pair is
	// reported. Default 0.8.
	MinScore float64 `yaml:"min_score"`
	// HighScore is the combined score from which the finding is of high
	// rather than medium severity. Default 0.95.
	HighScore float64 `yaml:"high_score"`
	// TimingWeight is the weight of the timing score in the combined
	// score; the size score has the rest. Default 0.75: with it, a pair
	// whose intervals are not regular at all (dispersion score 0) scores
	// at most 0.75, below the default MinScore, whatever its sizes.
	TimingWeight float64 `yaml:"timing_weight"`
	// JitterLimit is the median absolute deviation of the intervals,
	// relative to the median interval, at which the dispersion score
	// falls to 0 (it is 1 for a perfect period). Default 0.3: uniform
	// jitter of ±10% scores about 0.83, exponential (random) intervals,
	// whose relative deviation is about 0.69, score 0.
	JitterLimit float64 `yaml:"jitter_limit"`
	// SizeJitterLimit is the same for the bytes the source sends per
	// connection. Default 0.3.
	SizeJitterLimit float64 `yaml:"size_jitter_limit"`
	// SkewFloor is the smallest denominator of the Bowley skewness, as a
	// fraction of the median: a spread much smaller than the median (a
	// few milliseconds of network jitter on a 2-second period) has no
	// meaningful shape. Default 0.1.
	SkewFloor float64 `yaml:"skew_floor"`
	// RunGap ends a run of connections: an interval longer than RunGap
	// times the pair's median interval starts a new run, so that an old
	// connection does not make a recent burst look long. Default 10.
	RunGap float64 `yaml:"run_gap"`
	// FanoutExempt exempts a source that shows the same rhythm towards at
	// least this many destinations on the same protocol and port: that is
	// a scraper or a health checker, not a beacon. 0 disables the
	// exemption. Default 3.
	FanoutExempt int `yaml:"fanout_exempt"`
	// FanoutTolerance is how close, relative to each other, the median
	// intervals of two pairs must be to count as the same rhythm.
	// Default 0.1.
	FanoutTolerance float64 `yaml:"fanout_tolerance"`
	// IgnorePorts lists destination ports that are never scored, as
	// "udp/53", "tcp/8000-8100" or "123" (both TCP and UDP). Default: DNS
	// (udp/53, tcp/53), NTP (udp/123), DHCP (udp/67-68) and mDNS
	// (udp/5353), whose clients poll by design.
	IgnorePorts []string `yaml:"ignore_ports"`
	// MaxConnections is how many of a pair's latest connections are kept
	// and scored (a ring). Default 128.
	MaxConnections int `yaml:"max_connections"`
	// MaxPairs bounds the pairs tracked. When full, a pair seen only once
	// is evicted first, else the pair idle for longest (counted in
	// Stats.Evicted), so a scan cannot flush the pairs that matter. A pair
	// takes about 150 bytes plus 16 bytes per kept connection: the default
	// of 20000 takes at most 44 MiB, and far less in practice.
	MaxPairs int `yaml:"max_pairs"`
	// IdleTimeout forgets a pair without a connection for this long;
	// beacons slower than this are not tracked. Default 2h.
	IdleTimeout time.Duration `yaml:"idle_timeout"`
	// ScoreEvery is how often, in event time, pairs with new connections
	// are scored (and at the end of input). Default 1m.
	ScoreEvery time.Duration `yaml:"score_every"`
}

// DefaultConfig returns the defaults documented on each field.
func DefaultConfig() Config {
	return Config{
		MinConnections:  10,
		MinDuration:     5 * time.Minute,
		MinInterval:     time.Second,
		MinScore:        0.8,
		HighScore:       0.95,
		TimingWeight:    0.75,
		JitterLimit:     0.3,
		SizeJitterLimit: 0.3,
		SkewFloor:       0.1,
		RunGap:          10,
		FanoutExempt:    3,
		FanoutTolerance: 0.1,
		IgnorePorts:     []string{"udp/53", "tcp/53", "udp/123", "udp/67-68", "udp/5353"},
		MaxConnections:  128,
		MaxPairs:        20000,
		IdleTimeout:     2 * time.Hour,
		ScoreEvery:      time.Minute,
	}
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	if c.MinConnections < 4 {
		return fmt.Errorf("min_connections: must be at least 4 (quartiles of 3 intervals), got %d", c.MinConnections)
	}
	if c.MaxConnections < c.MinConnections || c.MaxConnections > 4096 {
		return fmt.Errorf("max_connections: %d out of range [min_connections, 4096]", c.MaxConnections)
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"min_duration", c.MinDuration}, {"min_interval", c.MinInterval}, {"idle_timeout", c.IdleTimeout}, {"score_every", c.ScoreEvery}} {
		if d.v <= 0 {
			return fmt.Errorf("%s: must be positive, got %s", d.name, d.v)
		}
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"min_score", c.MinScore}, {"high_score", c.HighScore}, {"timing_weight", c.TimingWeight}} {
		if !(f.v >= 0 && f.v <= 1) {
			return fmt.Errorf("%s: must be in [0, 1], got %g", f.name, f.v)
		}
	}
	if c.HighScore < c.MinScore {
		return fmt.Errorf("high_score: must not be below min_score (%g), got %g", c.MinScore, c.HighScore)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"jitter_limit", c.JitterLimit}, {"size_jitter_limit", c.SizeJitterLimit}, {"fanout_tolerance", c.FanoutTolerance}} {
		if !(f.v > 0 && f.v <= 10) {
			return fmt.Errorf("%s: must be in (0, 10], got %g", f.name, f.v)
		}
	}
	if !(c.SkewFloor >= 0 && c.SkewFloor <= 1) {
		return fmt.Errorf("skew_floor: must be in [0, 1], got %g", c.SkewFloor)
	}
	if !(c.RunGap >= 2) {
		return fmt.Errorf("run_gap: must be at least 2, got %g", c.RunGap)
	}
	if c.FanoutExempt < 0 || c.FanoutExempt == 1 {
		return fmt.Errorf("fanout_exempt: must be 0 (off) or at least 2, got %d", c.FanoutExempt)
	}
	if c.MaxPairs < 1 || c.MaxPairs > 1<<22 {
		return fmt.Errorf("max_pairs: %d out of range [1, 2^22]", c.MaxPairs)
	}
	if c.IdleTimeout < c.MinDuration {
		return fmt.Errorf("idle_timeout: must not be shorter than min_duration (%s), got %s", c.MinDuration, c.IdleTimeout)
	}
	for _, s := range c.IgnorePorts {
		if _, err := parsePorts(s); err != nil {
			return fmt.Errorf("ignore_ports: %w", err)
		}
	}
	return nil
}

// portRange is one parsed ignore_ports entry.
type portRange struct {
	tcp, udp bool
	lo, hi   uint16
}

// parsePorts parses "udp/53", "tcp/8000-8100" or "123".
func parsePorts(s string) (portRange, error) {
	r := portRange{tcp: true, udp: true}
	spec := s
	if proto, rest, ok := strings.Cut(s, "/"); ok {
		switch proto {
		case "tcp":
			r.udp = false
		case "udp":
			r.tcp = false
		default:
			return r, fmt.Errorf("%q: protocol must be tcp or udp", s)
		}
		spec = rest
	}
	lo, hi, isRange := strings.Cut(spec, "-")
	if !isRange {
		hi = lo
	}
	l, err1 := strconv.ParseUint(lo, 10, 16)
	h, err2 := strconv.ParseUint(hi, 10, 16)
	if err1 != nil || err2 != nil || l > h {
		return r, fmt.Errorf("%q: want a port or a range lo-hi, optionally after tcp/ or udp/", s)
	}
	r.lo, r.hi = uint16(l), uint16(h)
	return r, nil
}
