package udpflood

import (
	"fmt"
	"time"
)

// Config sets the udpflood detector. Rates are packets per second of event
// time, measured over a sliding one-second window (ten 100 ms buckets).
type Config struct {
	// MinPPS is the absolute floor: fewer packets than this in any one
	// second towards one target is never a flood (default 5000).
	MinPPS int `yaml:"min_pps"`
	// MinSprayPPS is a lower floor for floods that spray flows and draw
	// no answers, as spoofed sources or rotating source ports do: at
	// least MinNewFlowShare of the second's packets open a new flow and at
	// most MaxAnsweredShare of those flows are answered (defaults 1000,
	// 0.5 and 0.2). Busy services that are not floods either keep their
	// flows (syslog, metrics, tunnels) or answer them (DNS).
	MinSprayPPS      int     `yaml:"min_spray_pps"`
	MinNewFlowShare  float64 `yaml:"min_new_flow_share"`
	MaxAnsweredShare float64 `yaml:"max_answered_share"`
	// BaselineFactor is how far above its baseline a target's packet rate
	// must be, for both floors (default 10).
	BaselineFactor float64 `yaml:"baseline_factor"`
	// BaselineHalfLife is the half-life of the EWMA of each target's
	// packet rate (default 10m). During a flood the baseline learns ten
	// times slower, so that a flood is reported while it lasts but a
	// service that is simply busy from now on stops alerting eventually.
	BaselineHalfLife time.Duration `yaml:"baseline_half_life"`
	// SourceShare names one source address as the flooder when it sent at
	// least this share of the packets; otherwise the alert has no source
	// and counts the sources (default 0.5).
	SourceShare float64 `yaml:"source_share"`
	// MaxTargets bounds the targets followed (about 250 bytes each, 1.6 KB
	// more while busy); when full, the least recently active target is
	// forgotten, with its baseline, and counted (default 4096).
	MaxTargets int `yaml:"max_targets"`
	// IdleTimeout forgets a target that received nothing for this long
	// (default 10m).
	IdleTimeout time.Duration `yaml:"idle_timeout"`
}

// DefaultConfig returns the defaults documented on Config.
func DefaultConfig() Config {
	return Config{
		MinPPS:           5000,
		MinSprayPPS:      1000,
		MinNewFlowShare:  0.5,
		MaxAnsweredShare: 0.2,
		BaselineFactor:   10,
		BaselineHalfLife: 10 * time.Minute,
		SourceShare:      0.5,
		MaxTargets:       4096,
		IdleTimeout:      10 * time.Minute,
	}
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	switch {
	case c.MinPPS < 10:
		return fmt.Errorf("min_pps: must be at least 10, got %d", c.MinPPS)
	case c.MinSprayPPS < 10 || c.MinSprayPPS > c.MinPPS:
		return fmt.Errorf("min_spray_pps: must be in [10, min_pps], got %d", c.MinSprayPPS)
	case !(c.MinNewFlowShare > 0 && c.MinNewFlowShare <= 1):
		return fmt.Errorf("min_new_flow_share: must be in (0, 1], got %g", c.MinNewFlowShare)
	case !(c.MaxAnsweredShare >= 0 && c.MaxAnsweredShare < 1):
		return fmt.Errorf("max_answered_share: must be in [0, 1), got %g", c.MaxAnsweredShare)
	case !(c.BaselineFactor >= 1):
		return fmt.Errorf("baseline_factor: must be at least 1, got %g", c.BaselineFactor)
	case c.BaselineHalfLife < time.Second:
		return fmt.Errorf("baseline_half_life: must be at least 1s, got %s", c.BaselineHalfLife)
	case !(c.SourceShare > 0 && c.SourceShare <= 1):
		return fmt.Errorf("source_share: must be in (0, 1], got %g", c.SourceShare)
	case c.MaxTargets < 1:
		return fmt.Errorf("max_targets: must be at least 1, got %d", c.MaxTargets)
	case c.IdleTimeout < time.Second:
		return fmt.Errorf("idle_timeout: must be at least 1s, got %s", c.IdleTimeout)
	}
	return nil
}
