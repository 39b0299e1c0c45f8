package portscan

import (
	"fmt"
	"time"

	"github.com/crosstalk-dev/crosstalk/detect"
)

// Config sets the portscan detector.
type Config struct {
	// TRW is the sequential test on first contacts to distinct ports of
	// one target (defaults: theta0 0.8, theta1 0.2, detection_rate 0.99,
	// false_positives 0.01: four failed probes in a row name a scanner).
	TRW detect.TRW `yaml:"trw"`
	// TRWHalfLife makes the walk forget: rare failures spread over hours
	// do not add up (default 10m).
	TRWHalfLife time.Duration `yaml:"trw_half_life"`
	// PortCeiling names a scan once this many distinct ports of one target
	// failed, whatever succeeded in between (default 25).
	PortCeiling int `yaml:"port_ceiling"`
	// SlowThreshold and SlowHalfLife catch slow scans: a counter of
	// distinct failed ports that halves every SlowHalfLife names a scan
	// when it reaches SlowThreshold (defaults 12 and 6h: twelve closed
	// ports in a few hours).
	SlowThreshold float64       `yaml:"slow_threshold"`
	SlowHalfLife  time.Duration `yaml:"slow_half_life"`
	// ContactTTL is how long a probed port stays counted: a retry of the
	// same port within it is not a new probe (default 1h).
	ContactTTL time.Duration `yaml:"contact_ttl"`
	// MaxPairs bounds the (source, target) pairs followed and MaxContacts
	// the (source, target, port) contacts remembered; when full, the least
	// recently active is forgotten (defaults 65536 and 262144).
	MaxPairs    int `yaml:"max_pairs"`
	MaxContacts int `yaml:"max_contacts"`
	// ReportEvery limits updates of an ongoing scan (default 1m).
	ReportEvery time.Duration `yaml:"report_every"`
}

// DefaultConfig returns the defaults documented on Config.
func DefaultConfig() Config {
	return Config{
		TRW:           detect.DefaultTRW(),
		TRWHalfLife:   10 * time.Minute,
		PortCeiling:   25,
		SlowThreshold: 12,
		SlowHalfLife:  6 * time.Hour,
		ContactTTL:    time.Hour,
		MaxPairs:      65536,
		MaxContacts:   262144,
		ReportEvery:   time.Minute,
	}
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	if err := c.TRW.Validate(); err != nil {
		return fmt.Errorf("trw: %w", err)
	}
	switch {
	case c.TRWHalfLife <= 0:
		return fmt.Errorf("trw_half_life: must be positive")
	case c.PortCeiling < 2:
		return fmt.Errorf("port_ceiling: must be at least 2, got %d", c.PortCeiling)
	case c.SlowThreshold < 2:
		return fmt.Errorf("slow_threshold: must be at least 2, got %g", c.SlowThreshold)
	case c.SlowHalfLife <= 0:
		return fmt.Errorf("slow_half_life: must be positive")
	case c.ContactTTL <= 0:
		return fmt.Errorf("contact_ttl: must be positive")
	case c.MaxPairs < 1:
		return fmt.Errorf("max_pairs: must be at least 1")
	case c.MaxContacts < 1:
		return fmt.Errorf("max_contacts: must be at least 1")
	case c.ReportEvery <= 0:
		return fmt.Errorf("report_every: must be positive")
	}
	return nil
}
