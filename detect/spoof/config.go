package spoof

import (
	"fmt"
	"time"
)

// Config sets the learned-binding table and how often one spoofer is
// reported.
type Config struct {
	// BindingTTL is how long a learned IP-to-MAC binding stays fresh after
	// it was last confirmed (by an ARP claim from the same MAC or an answer
	// from that address). A claim from another MAC while the binding is
	// fresh is ARP spoofing; after it expires the new MAC takes the address
	// quietly, so a guest rebuilt with a new MAC, or an address reassigned
	// by DHCP, alerts only within this window. Default 1h.
	BindingTTL time.Duration `yaml:"binding_ttl"`
	// MaxBindings bounds the learned bindings. When full, the binding
	// confirmed longest ago is evicted (counted in Stats.Evicted); a
	// spoofer could then take that address without an alert. 16 bytes of
	// key and about 80 bytes of state each: the default of 65536 takes
	// about 6 MiB.
	MaxBindings int `yaml:"max_bindings"`
	// ReportEvery is how often the same offence (the same sender MAC,
	// claimed address and reason) is reported again while it goes on; the
	// claims in between are counted in the next finding's evidence.
	// Default 1m.
	ReportEvery time.Duration `yaml:"report_every"`
	// MaxReported bounds the offences remembered for ReportEvery. When
	// full, those older than ReportEvery are forgotten, and if that is
	// not enough, all are (counted in Stats.ReportedReset): at worst an
	// offence is reported again sooner. Default 4096.
	MaxReported int `yaml:"max_reported"`
	// UndeclaredSources: in declared mode, a known guest that starts
	// traffic from an address no guest declares is spoofing (as libvirt's
	// no-ip-spoofing filter assumes): a spoofed-source flood is named by
	// the port it comes from. Link-local, multicast and unspecified
	// sources are never flagged. Set it to false on hosts whose guests
	// route or NAT for others. Default true.
	UndeclaredSources bool `yaml:"undeclared_sources"`
}

// DefaultConfig returns the defaults: bindings fresh for 1 hour, at most
// 65536 of them, an ongoing offence reported once a minute, at most 4096
// offences remembered, undeclared sources flagged.
func DefaultConfig() Config {
	return Config{BindingTTL: time.Hour, MaxBindings: 65536, ReportEvery: time.Minute, MaxReported: 4096, UndeclaredSources: true}
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	if c.BindingTTL <= 0 {
		return fmt.Errorf("binding_ttl: must be positive, got %s", c.BindingTTL)
	}
	if c.MaxBindings < 1 || c.MaxBindings > 1<<24 {
		return fmt.Errorf("max_bindings: %d out of range [1, 2^24]", c.MaxBindings)
	}
	if c.ReportEvery < 0 {
		return fmt.Errorf("report_every: must not be negative, got %s", c.ReportEvery)
	}
	if c.MaxReported < 1 || c.MaxReported > 1<<20 {
		return fmt.Errorf("max_reported: %d out of range [1, 2^20]", c.MaxReported)
	}
	return nil
}
