package worm

import (
	"fmt"
	"time"
)

// Config sets the worm detector.
type Config struct {
	// Window and MinTargets: a host spreads when it first-contacts at
	// least MinTargets new hosts on one service within Window (defaults
	// 60s and 8; Williamson's virus throttle allows about one new host a
	// second).
	Window     time.Duration `yaml:"window"`
	MinTargets int           `yaml:"min_targets"`
	// MinFailureRatio is the share of those contacts that must fail
	// (default 0.25): worms probe addresses that do not answer; an
	// automation host that logs into ten servers does not.
	MinFailureRatio float64 `yaml:"min_failure_ratio"`
	// InfectionWindow bounds the time from the inbound contact on the
	// service to the start of the spread (default 1h).
	InfectionWindow time.Duration `yaml:"infection_window"`
	// MaxHosts bounds each table (inbound contacts, spreaders, contacts,
	// chains); when full, the least recently active entry is forgotten
	// (default 65536).
	MaxHosts int `yaml:"max_hosts"`
	// MaxChain bounds the length of a recorded infection chain (default 16).
	MaxChain int `yaml:"max_chain"`
	// ReportEvery limits updates of an ongoing spread (default 1m).
	ReportEvery time.Duration `yaml:"report_every"`
}

// DefaultConfig returns the defaults documented on Config.
func DefaultConfig() Config {
	return Config{
		Window:          time.Minute,
		MinTargets:      8,
		MinFailureRatio: 0.25,
		InfectionWindow: time.Hour,
		MaxHosts:        65536,
		MaxChain:        16,
		ReportEvery:     time.Minute,
	}
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	switch {
	case c.Window <= 0:
		return fmt.Errorf("window: must be positive")
	case c.MinTargets < 2:
		return fmt.Errorf("min_targets: must be at least 2, got %d", c.MinTargets)
	case c.MinFailureRatio < 0 || c.MinFailureRatio > 1:
		return fmt.Errorf("min_failure_ratio: must be within [0, 1], got %g", c.MinFailureRatio)
	case c.InfectionWindow <= 0:
		return fmt.Errorf("infection_window: must be positive")
	case c.MaxHosts < 1:
		return fmt.Errorf("max_hosts: must be at least 1")
	case c.MaxChain < 2:
		return fmt.Errorf("max_chain: must be at least 2")
	case c.ReportEvery <= 0:
		return fmt.Errorf("report_every: must be positive")
	}
	return nil
}
