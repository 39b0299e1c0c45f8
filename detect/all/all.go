// Package all assembles every detector with its configuration: it is the
// one place that lists them, so that the agent, replay and tests run the
// same set.
package all

import (
	"fmt"
	"slices"

	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/detect/bandwidth"
	"github.com/crosstalk-dev/crosstalk/detect/beacon"
	"github.com/crosstalk-dev/crosstalk/detect/newedge"
	"github.com/crosstalk-dev/crosstalk/detect/policydeny"
	"github.com/crosstalk-dev/crosstalk/detect/portscan"
	"github.com/crosstalk-dev/crosstalk/detect/spoof"
	"github.com/crosstalk-dev/crosstalk/detect/sweep"
	"github.com/crosstalk-dev/crosstalk/detect/synflood"
	"github.com/crosstalk-dev/crosstalk/detect/udpflood"
	"github.com/crosstalk-dev/crosstalk/detect/worm"
)

// Config holds each detector's settings under its alert kind, and the
// kinds to leave out.
type Config struct {
	Disable   []string          `yaml:"disable"`
	Portscan  portscan.Config   `yaml:"portscan"`
	Sweep     sweep.Config      `yaml:"sweep"`
	Worm      worm.Config       `yaml:"worm"`
	Synflood  synflood.Config   `yaml:"synflood"`
	UDPFlood  udpflood.Config   `yaml:"udpflood"`
	Bandwidth bandwidth.Config  `yaml:"bandwidth"`
	Spoof     spoof.Config      `yaml:"spoof"`
	NewEdge   newedge.Config    `yaml:"new-edge"`
	Beacon    beacon.Config     `yaml:"beacon"`
	Policy    policydeny.Config `yaml:"policy-deny"`
}

// DefaultConfig returns every detector's defaults, none disabled.
func DefaultConfig() Config {
	return Config{
		Portscan:  portscan.DefaultConfig(),
		Sweep:     sweep.DefaultConfig(),
		Worm:      worm.DefaultConfig(),
		Synflood:  synflood.DefaultConfig(),
		UDPFlood:  udpflood.DefaultConfig(),
		Bandwidth: bandwidth.DefaultConfig(),
		Spoof:     spoof.DefaultConfig(),
		NewEdge:   newedge.DefaultConfig(),
		Beacon:    beacon.DefaultConfig(),
		Policy:    policydeny.DefaultConfig(),
	}
}

type entry struct {
	kind     string
	validate func(c *Config) error
	build    func(c *Config, deps detect.Dependencies) detect.Detector
}

// registry lists the detectors in the order they run: policy-deny
// first, so that the others see each flow's verdict.
var registry = []entry{
	{policydeny.Kind, func(c *Config) error { return c.Policy.Validate() }, func(c *Config, d detect.Dependencies) detect.Detector { return policydeny.New(c.Policy, d) }},
	{portscan.Kind, func(c *Config) error { return c.Portscan.Validate() }, func(c *Config, d detect.Dependencies) detect.Detector { return portscan.New(c.Portscan, d) }},
	{sweep.Kind, func(c *Config) error { return c.Sweep.Validate() }, func(c *Config, d detect.Dependencies) detect.Detector { return sweep.New(c.Sweep, d) }},
	{worm.Kind, func(c *Config) error { return c.Worm.Validate() }, func(c *Config, d detect.Dependencies) detect.Detector { return worm.New(c.Worm, d) }},
	{synflood.Kind, func(c *Config) error { return c.Synflood.Validate() }, func(c *Config, d detect.Dependencies) detect.Detector { return synflood.New(c.Synflood, d) }},
	{udpflood.Kind, func(c *Config) error { return c.UDPFlood.Validate() }, func(c *Config, d detect.Dependencies) detect.Detector { return udpflood.New(c.UDPFlood, d) }},
	{bandwidth.Kind, func(c *Config) error { return c.Bandwidth.Validate() }, func(c *Config, d detect.Dependencies) detect.Detector { return bandwidth.New(c.Bandwidth, d) }},
	{spoof.Kind, func(c *Config) error { return c.Spoof.Validate() }, func(c *Config, d detect.Dependencies) detect.Detector { return spoof.New(c.Spoof, d) }},
	{newedge.Kind, func(c *Config) error { return c.NewEdge.Validate() }, func(c *Config, d detect.Dependencies) detect.Detector { return newedge.New(c.NewEdge, d) }},
	{beacon.Kind, func(c *Config) error { return c.Beacon.Validate() }, func(c *Config, d detect.Dependencies) detect.Detector { return beacon.New(c.Beacon, d) }},
}

// Kinds returns the alert kinds of all detectors.
func Kinds() []string {
	out := make([]string, len(registry))
	for i, e := range registry {
		out[i] = e.kind
	}
	return out
}

// Validate reports the first bad setting, prefixed with its detector.
func (c Config) Validate() error {
	for _, k := range c.Disable {
		if !slices.Contains(Kinds(), k) {
			return fmt.Errorf("disable: unknown detector %q (known: %v)", k, Kinds())
		}
	}
	for _, e := range registry {
		if err := e.validate(&c); err != nil {
			return fmt.Errorf("%s: %w", e.kind, err)
		}
	}
	return nil
}

// New builds the enabled detectors; cfg must be valid.
func New(cfg Config, deps detect.Dependencies) []detect.Detector {
	var out []detect.Detector
	for _, e := range registry {
		if !slices.Contains(cfg.Disable, e.kind) {
			out = append(out, e.build(&cfg, deps))
		}
	}
	return out
}
