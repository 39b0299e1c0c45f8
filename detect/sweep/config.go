package sweep

import (
	"fmt"
	"time"

	"github.com/crosstalk-dev/crosstalk/detect"
)

// Config sets the sweep detector.
type Config struct {
	// TRW is the sequential test on first contacts to distinct targets
	// (defaults as for portscan: theta0 0.8, theta1 0.2, 0.99, 0.01).
	TRW detect.TRW `yaml:"trw"`
	// TRWHalfLife makes the walk forget (default 10m).
	TRWHalfLife time.Duration `yaml:"trw_half_life"`
	// MinTargets is the fewest failed targets the test may name a sweep
	// with (default 5): three hosts scanned are a portscan, not a sweep.
	MinTargets int `yaml:"min_targets"`
	// TargetCeiling names a sweep once this many distinct targets failed,
	// whatever succeeded in between (default 32).
	TargetCeiling int `yaml:"target_ceiling"`
	// ARPTimeout is how long an ARP request may stay unanswered before it
	// counts as a failed contact (default 3s).
	ARPTimeout time.Duration `yaml:"arp_timeout"`
	// ContactTTL is how long a contacted target stays counted (default 1h).
	ContactTTL time.Duration `yaml:"contact_ttl"`
	// MaxSources, MaxContacts and MaxPendingARP bound the tables; when
	// full, the least recently active entry is forgotten (defaults 65536,
	// 262144, 65536).
	MaxSources    int `yaml:"max_sources"`
	MaxContacts   int `yaml:"max_contacts"`
	MaxPendingARP int `yaml:"max_pending_arp"`
	// ReportEvery limits updates of an ongoing sweep (default 1m).
	ReportEvery time.Duration `yaml:"report_every"`
}

// DefaultConfig returns the defaults documented on Config.
func DefaultConfig() Config {
	return Config{
		TRW:           detect.DefaultTRW(),
		TRWHalfLife:   10 * time.Minute,
		MinTargets:    5,
		TargetCeiling: 32,
		ARPTimeout:    3 * time.Second,
		ContactTTL:    time.Hour,
		MaxSources:    65536,
		MaxContacts:   262144,
		MaxPendingARP: 65536,
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
	case c.MinTargets < 1:
		return fmt.Errorf("min_targets: must be at least 1, got %d", c.MinTargets)
	case c.TargetCeiling < c.MinTargets:
		return fmt.Errorf("target_ceiling: must be at least min_targets (%d), got %d", c.MinTargets, c.TargetCeiling)
	case c.ARPTimeout <= 0:
		return fmt.Errorf("arp_timeout: must be positive")
	case c.ContactTTL <= 0:
		return fmt.Errorf("contact_ttl: must be positive")
	case c.MaxSources < 1 || c.MaxContacts < 1 || c.MaxPendingARP < 1:
		return fmt.Errorf("max_sources, max_contacts, max_pending_arp: must be at least 1")
	case c.ReportEvery <= 0:
		return fmt.Errorf("report_every: must be positive")
	}
	return nil
}
