package ebpf

import (
	"strings"
	"testing"
	"time"
)

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	for _, tc := range []struct {
		key string
		mod func(c *Config)
	}{
		{"flow_map_size", func(c *Config) { c.FlowMapSize = 1 }},
		{"ring_buffer_size", func(c *Config) { c.RingBufSize = 3 << 20 }},
		{"max_ports", func(c *Config) { c.MaxPorts = 0 }},
		{"storm_map_size", func(c *Config) { c.StormMapSize = 1 << 30 }},
		{"start_rate", func(c *Config) { c.StartRate = 0 }},
		{"start_burst", func(c *Config) { c.StartBurst = 0 }},
		{"arp_rate", func(c *Config) { c.ARPRate = -1 }},
		{"report_interval", func(c *Config) { c.ReportInterval = time.Millisecond }},
		{"report_interval", func(c *Config) { c.OtherIdle = c.ReportInterval }},
		{"closed_idle", func(c *Config) { c.ClosedIdle = 0 }},
		{"drain_interval", func(c *Config) { c.DrainInterval = time.Minute }},
		{"max_rules", func(c *Config) { c.MaxRules = 0 }},
		{"policy_map_size", func(c *Config) { c.PolicyMapSize = 1 << 30 }},
		{"port_addrs_size", func(c *Config) { c.PortAddrsSize = 1 }},
		{"pin_path", func(c *Config) { c.PinPath = "relative/dir" }},
		{"spoof_rate", func(c *Config) { c.SpoofRate = 0 }},
		{"spoof_burst", func(c *Config) { c.SpoofBurst = 0 }},
		{"sweep_interval", func(c *Config) { c.SweepInterval = time.Millisecond }},
		{"sweep_interval", func(c *Config) { c.OtherIdle = 15 * time.Second }},
	} {
		c := DefaultConfig()
		tc.mod(&c)
		err := c.Validate()
		if err == nil || !strings.HasPrefix(err.Error(), tc.key+":") {
			t.Errorf("%s: got %v, want an error naming it", tc.key, err)
		}
	}
}

func TestInterval(t *testing.T) {
	every, tol := interval(20000, 2000)
	if every != 50000 || tol != 1999*50000 {
		t.Errorf("interval(20000, 2000) = %d, %d", every, tol)
	}
}
