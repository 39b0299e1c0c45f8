package bandwidth

import (
	"fmt"
	"time"
)

// Config sets the bandwidth detector. Rates are IP bits per second of
// event time, averaged over a window.
type Config struct {
	// Window is the length of the windows, aligned to multiples of it in
	// event time, over which senders' bytes are summed (default 10s).
	Window time.Duration `yaml:"window"`
	// MinShare is the share of all the bytes on the switch in a window
	// that one sender must have sent (default 0.7).
	MinShare float64 `yaml:"min_share"`
	// MinBPS is the rate one sender must have reached over the window, in
	// bits per second (default 500000000: 500 Mbit/s).
	MinBPS int64 `yaml:"min_bps"`
	// MinOthers is how many other senders must have sent something in the
	// window: alone on the switch, a sender hurts nobody (default 2).
	MinOthers int `yaml:"min_others"`
	// MinWindows is how many consecutive windows the three conditions
	// must hold before an alert (default 3: 30 s with the default window).
	MinWindows int `yaml:"min_windows"`
	// MaxSenders bounds the senders followed (about 100 bytes each with
	// the index); when full, the least recently active sender is
	// forgotten and counted, while its bytes still count in the switch's
	// total (default 4096).
	MaxSenders int `yaml:"max_senders"`
}

// DefaultConfig returns the defaults documented on Config.
func DefaultConfig() Config {
	return Config{
		Window:     10 * time.Second,
		MinShare:   0.7,
		MinBPS:     500_000_000,
		MinOthers:  2,
		MinWindows: 3,
		MaxSenders: 4096,
	}
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	switch {
	case c.Window < time.Second || c.Window%time.Second != 0:
		return fmt.Errorf("window: must be a whole number of seconds, at least 1s, got %s", c.Window)
	case !(c.MinShare > 0 && c.MinShare <= 1):
		return fmt.Errorf("min_share: must be in (0, 1], got %g", c.MinShare)
	case c.MinBPS < 1:
		return fmt.Errorf("min_bps: must be positive, got %d", c.MinBPS)
	case c.MinOthers < 0:
		return fmt.Errorf("min_others: must not be negative, got %d", c.MinOthers)
	case c.MinWindows < 1:
		return fmt.Errorf("min_windows: must be at least 1, got %d", c.MinWindows)
	case c.MaxSenders < 1:
		return fmt.Errorf("max_senders: must be at least 1, got %d", c.MaxSenders)
	}
	return nil
}
