package alert

import (
	"fmt"
	"time"
)

// Config sets how findings are grouped into alerts.
type Config struct {
	// Host names the host in every alert (empty: omitted). It is set from
	// the configuration's top-level host key.
	Host string `yaml:"-"`
	// EpisodeTimeout closes an episode (one alert) after this long without
	// a new finding of the same kind, source and target.
	EpisodeTimeout time.Duration `yaml:"episode_timeout"`
	// MaxOpen bounds the open episodes; when full, the one quiet for
	// longest is closed early (and counted).
	MaxOpen int `yaml:"max_open"`
	// MaxTargets bounds the victims listed in one alert; detectors give
	// the total in the evidence.
	MaxTargets int `yaml:"max_targets"`
}

// DefaultConfig returns the defaults: 10 minute episodes, 10,000 open
// episodes, 32 targets listed per alert.
func DefaultConfig() Config {
	return Config{EpisodeTimeout: 10 * time.Minute, MaxOpen: 10000, MaxTargets: 32}
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	if c.EpisodeTimeout <= 0 {
		return fmt.Errorf("episode_timeout: must be positive, got %s", c.EpisodeTimeout)
	}
	if c.MaxOpen < 1 {
		return fmt.Errorf("max_open: must be at least 1, got %d", c.MaxOpen)
	}
	if c.MaxTargets < 1 {
		return fmt.Errorf("max_targets: must be at least 1, got %d", c.MaxTargets)
	}
	return nil
}
