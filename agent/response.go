package agent

import (
	"fmt"
	"time"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/resource"
)

// ResponseConfig is the automatic response to noisy neighbours: off by
// default. When on, a contention that lasts brakes its aggressor, step
// by step, each throttle lifting by itself after TTL unless the
// contention still holds (then it is applied again).
//
//	resources:
//	  response:
//	    enabled: true
//	    ttl: 10m
//	    steps:
//	      - {after: 30s, cpu: 0.5, io_bps: 52428800, net_bits_per_s: 200000000}
//	      - {after: 2m, cpu: 0.1, io_bps: 10485760, net_bits_per_s: 20000000}
type ResponseConfig struct {
	Enabled bool           `yaml:"enabled"`
	TTL     time.Duration  `yaml:"ttl"`
	Steps   []ResponseStep `yaml:"steps"`
}

// ResponseStep is one escalation: once a contention has lasted After,
// its aggressor is capped on the contended resource (cpu: CPU, io: IO,
// network: Net; a cap of 0 leaves that resource alone).
type ResponseStep struct {
	After time.Duration `yaml:"after"`
	CPU   float64       `yaml:"cpu"`
	IO    uint64        `yaml:"io_bps"`
	Net   uint64        `yaml:"net_bits_per_s"`
}

// DefaultResponseConfig: off; when turned on without steps, half a CPU,
// 50 MiB/s and 200 Mbit/s after 30 s, a tenth of a CPU, 10 MiB/s and
// 20 Mbit/s after 2 min, for 10 min.
func DefaultResponseConfig() ResponseConfig {
	return ResponseConfig{TTL: 10 * time.Minute, Steps: []ResponseStep{
		{After: 30 * time.Second, CPU: 0.5, IO: 50 << 20, Net: 200_000_000},
		{After: 2 * time.Minute, CPU: 0.1, IO: 10 << 20, Net: 20_000_000},
	}}
}

// maxResponseSteps bounds the escalation.
const maxResponseSteps = 8

// Validate reports the first bad setting.
func (c ResponseConfig) Validate() error {
	if c.TTL < time.Minute || c.TTL > api.MaxTTL {
		return fmt.Errorf("ttl: want 1m to %s, got %s", api.MaxTTL, c.TTL)
	}
	if c.Enabled && len(c.Steps) == 0 || len(c.Steps) > maxResponseSteps {
		return fmt.Errorf("steps: want 1 to %d when enabled, got %d", maxResponseSteps, len(c.Steps))
	}
	for i, s := range c.Steps {
		switch {
		case s.After < 0 || i > 0 && s.After <= c.Steps[i-1].After:
			return fmt.Errorf("steps[%d].after: want a time after the step before's", i)
		case s.CPU < 0 || s.CPU > 4096 || s.IO != 0 && s.IO < 1<<20 || s.Net != 0 && s.Net < 1_000_000:
			return fmt.Errorf("steps[%d]: cpu above 0, io_bps at least 1 MiB/s, net_bits_per_s at least 1 Mbit/s", i)
		case s.CPU == 0 && s.IO == 0 && s.Net == 0:
			return fmt.Errorf("steps[%d]: caps nothing", i)
		}
	}
	return nil
}

// responder decides the escalation. Time is the contentions' own.
type responder struct {
	cfg ResponseConfig
	// applied: by aggressor and resource, the step in force and when it
	// was applied (a step is applied again when its TTL is half gone).
	applied map[string]appliedStep
}

type appliedStep struct {
	step int
	at   time.Time
}

// maxResponders bounds the aggressors followed.
const maxResponders = 4096

func newResponder(cfg ResponseConfig) *responder {
	return &responder{cfg: cfg, applied: map[string]appliedStep{}}
}

// decide returns the throttle to apply for a contention, if any: the
// highest step its duration has reached, when it is above the one in
// force, or the one in force again when half its TTL is gone.
func (r *responder) decide(c *resource.Contention) (api.ActionRequest, bool) {
	if !r.cfg.Enabled {
		return api.ActionRequest{}, false
	}
	lasted := c.Time.Sub(c.Since)
	step := -1
	for i, s := range r.cfg.Steps {
		if lasted >= s.After && capFor(s, c.Resource) {
			step = i
		}
	}
	if step < 0 {
		return api.ActionRequest{}, false
	}
	key := c.Aggressor + "/" + c.Resource
	if old, ok := r.applied[key]; ok && old.step >= step && c.Time.Sub(old.at) < r.cfg.TTL/2 {
		return api.ActionRequest{}, false
	}
	if len(r.applied) >= maxResponders {
		r.forget(c.Time)
	}
	r.applied[key] = appliedStep{step, c.Time}
	s := r.cfg.Steps[step]
	req := api.ActionRequest{Kind: "throttle", Guest: c.Aggressor, TTL: r.cfg.TTL.String()}
	switch c.Resource {
	case "cpu":
		req.CPU = s.CPU
	case "io":
		req.IO = s.IO
	case "network":
		req.Net = s.Net
	}
	return req, true
}

// capFor tells whether a step caps the resource.
func capFor(s ResponseStep, resource string) bool {
	switch resource {
	case "cpu":
		return s.CPU > 0
	case "io":
		return s.IO > 0
	case "network":
		return s.Net > 0
	}
	return false
}

// forget drops the steps whose throttles have lifted by now, and if
// none has, all of them (the map stays bounded).
func (r *responder) forget(now time.Time) {
	for k, a := range r.applied {
		if now.Sub(a.at) >= r.cfg.TTL {
			delete(r.applied, k)
		}
	}
	if len(r.applied) >= maxResponders {
		clear(r.applied)
	}
}

// respond applies the automatic response to a contention (from the
// resource loop), and says so in the log and the actions' record.
func (a *Agent) respond(r *responder, c *resource.Contention) {
	req, ok := r.decide(c)
	if !ok {
		return
	}
	if _, err := a.Act(a.ctx, req); err != nil {
		a.log.Warn("automatic response", "guest", req.Guest, "resource", c.Resource, "err", err)
		return
	}
	a.log.Warn("automatic response: throttled a noisy neighbour", "guest", req.Guest, "resource", c.Resource,
		"lasted", c.Time.Sub(c.Since).Round(time.Second), "cpu", req.CPU, "io_bps", req.IO, "net_bits_per_s", req.Net, "ttl", req.TTL)
}
