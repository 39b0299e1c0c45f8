package synflood

import (
	"fmt"
	"time"
)

// Config sets the synflood detector. Rates are SYN packets per second of
// event time; "answered" means the handshake completed or the target
// refused (RST or ICMP), the two ways a SYN stops costing the target
// anything.
type Config struct {
	// MinHalfOpen is how many half-open connections one target port must
	// hold before a sustained SYN/answer imbalance is called a flood
	// (default 100).
	MinHalfOpen int `yaml:"min_half_open"`
	// CUSUMDrift and CUSUMThreshold set the CUSUM on the per-second excess
	// of SYNs over answers, in units of the target's baseline SYN rate:
	// each second adds excess/baseline - drift, and the test fires at the
	// threshold (defaults 0.25 and 4: an unanswered excess of four
	// baselines at once, or half a baseline for sixteen seconds).
	CUSUMDrift     float64 `yaml:"cusum_drift"`
	CUSUMThreshold float64 `yaml:"cusum_threshold"`
	// MinBaseline floors the baseline the CUSUM divides by, so that a
	// quiet port's first few unanswered SYNs do not look like a flood
	// (default 10 SYN/s).
	MinBaseline float64 `yaml:"min_baseline"`
	// MinSYNRate, RateFactor and MaxAnsweredShare make the burst test,
	// which needs no half-open backlog (a flood on one 5-tuple, or one
	// whose sender resets every SYN-ACK): at least MinSYNRate SYNs in one
	// second, at least RateFactor times the baseline, and at most
	// MaxAnsweredShare of that second's SYNs answered (defaults 150 SYN/s,
	// 10 and 0.2; one source forging another's address at 100 SYN/s, whose
	// SYN-ACKs the real owner resets, is spoofing, not yet a flood).
	MinSYNRate       int     `yaml:"min_syn_rate"`
	RateFactor       float64 `yaml:"rate_factor"`
	MaxAnsweredShare float64 `yaml:"max_answered_share"`
	// BaselineHalfLife is the half-life of the EWMA of each target's SYN
	// rate (default 10m). During a flood the baseline learns ten times
	// slower, so that a flood is reported while it lasts but a service
	// that is simply busy from now on stops alerting eventually.
	BaselineHalfLife time.Duration `yaml:"baseline_half_life"`
	// SourceShare names one source address as the flooder when it sent at
	// least this share of the SYNs; otherwise the alert has no source and
	// counts the sources (default 0.5).
	SourceShare float64 `yaml:"source_share"`
	// MaxTargets bounds the target ports followed (about 1.7 KB each); when
	// full, the least recently active target is forgotten, with its
	// baseline, and counted (default 4096).
	MaxTargets int `yaml:"max_targets"`
	// MaxHalfOpen bounds the half-open connections followed one by one
	// (about 60 bytes each); when full, new ones still count as SYNs but
	// not as half-open, and are counted as dropped (default 262144).
	MaxHalfOpen int `yaml:"max_half_open"`
	// IdleTimeout forgets a target that saw no SYN for this long and holds
	// nothing half-open (default 10m).
	IdleTimeout time.Duration `yaml:"idle_timeout"`
}

// DefaultConfig returns the defaults documented on Config.
func DefaultConfig() Config {
	return Config{
		MinHalfOpen:      100,
		CUSUMDrift:       0.25,
		CUSUMThreshold:   4,
		MinBaseline:      10,
		MinSYNRate:       150,
		RateFactor:       10,
		MaxAnsweredShare: 0.2,
		BaselineHalfLife: 10 * time.Minute,
		SourceShare:      0.5,
		MaxTargets:       4096,
		MaxHalfOpen:      262144,
		IdleTimeout:      10 * time.Minute,
	}
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	switch {
	case c.MinHalfOpen < 1:
		return fmt.Errorf("min_half_open: must be at least 1, got %d", c.MinHalfOpen)
	case !(c.CUSUMDrift >= 0):
		return fmt.Errorf("cusum_drift: must not be negative, got %g", c.CUSUMDrift)
	case !(c.CUSUMThreshold > 0):
		return fmt.Errorf("cusum_threshold: must be positive, got %g", c.CUSUMThreshold)
	case !(c.MinBaseline >= 1):
		return fmt.Errorf("min_baseline: must be at least 1 SYN/s, got %g", c.MinBaseline)
	case c.MinSYNRate < 1:
		return fmt.Errorf("min_syn_rate: must be at least 1, got %d", c.MinSYNRate)
	case !(c.RateFactor >= 1):
		return fmt.Errorf("rate_factor: must be at least 1, got %g", c.RateFactor)
	case !(c.MaxAnsweredShare >= 0 && c.MaxAnsweredShare < 1):
		return fmt.Errorf("max_answered_share: must be in [0, 1), got %g", c.MaxAnsweredShare)
	case c.BaselineHalfLife < time.Second:
		return fmt.Errorf("baseline_half_life: must be at least 1s, got %s", c.BaselineHalfLife)
	case !(c.SourceShare > 0 && c.SourceShare <= 1):
		return fmt.Errorf("source_share: must be in (0, 1], got %g", c.SourceShare)
	case c.MaxTargets < 1:
		return fmt.Errorf("max_targets: must be at least 1, got %d", c.MaxTargets)
	case c.MaxHalfOpen < 1:
		return fmt.Errorf("max_half_open: must be at least 1, got %d", c.MaxHalfOpen)
	case c.IdleTimeout < time.Second:
		return fmt.Errorf("idle_timeout: must be at least 1s, got %s", c.IdleTimeout)
	}
	return nil
}
