package agent

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/inventory/netns"
	"github.com/crosstalk-dev/crosstalk/resource"
)

// ResourcesConfig is the noisy-neighbour sampling.
//
//	resources: {interval: 1s, attribution: {warn: 50ms, critical: 100ms}}
type ResourcesConfig struct {
	// Interval between sampling rounds; 0 turns sampling off.
	Interval time.Duration `yaml:"interval"`
	// Attribution tunes who is called a victim and who the aggressor, by
	// CPU, storage or the network.
	Attribution resource.AttributeConfig `yaml:"attribution"`
	// Response is the automatic brake (off by default).
	Response ResponseConfig `yaml:"response"`
	// ThrottleState is the file that keeps the throttles in force, so
	// that a killed agent's are lifted by the next; default:
	// throttles.json beside the socket.
	ThrottleState string `yaml:"throttle_state"`
}

// DefaultResourcesConfig returns the defaults: a round a second.
func DefaultResourcesConfig() ResourcesConfig {
	return ResourcesConfig{Interval: time.Second, Attribution: resource.DefaultAttributeConfig(), Response: DefaultResponseConfig()}
}

// Validate reports the first bad setting.
func (c ResourcesConfig) Validate() error {
	if c.Interval < 0 || c.Interval > 0 && c.Interval < 100*time.Millisecond {
		return fmt.Errorf("interval: want 0 (off) or at least 100ms, got %s", c.Interval)
	}
	if err := c.Attribution.Validate(); err != nil {
		return fmt.Errorf("attribution: %w", err)
	}
	if err := c.Response.Validate(); err != nil {
		return fmt.Errorf("response: %w", err)
	}
	return nil
}

// NoisyNeighbor is the alert kind of a contention.
const NoisyNeighbor = "noisy-neighbor"

// resourceLoop samples the guests every interval and reports who hurts
// whom. It runs on its own goroutine; only reporting takes the
// pipeline's lock.
func (a *Agent) resourceLoop() {
	defer a.wg.Done()
	caps := resource.Probe("/")
	a.log.Info("resource sampling", "sources", caps.String())
	for _, n := range caps.Notes {
		a.log.Info("resource sampling: " + n)
	}
	a.rounds.start(a.cfg.Resources.Interval, caps.String())
	s := resource.NewSampler("/", caps, time.Now)
	defer s.Close()
	attr := resource.NewAttributor(a.cfg.Resources.Attribution)
	resp := newResponder(a.cfg.Resources.Response)
	prev := map[string]resource.Counters{}
	tick := time.NewTicker(a.cfg.Resources.Interval)
	defer tick.Stop()
	// Guests named by a file whose processes only their namespace tells
	// (the lab, containers): looked up by port, again every 30 rounds.
	var byPort map[string]*inventory.Process
	round := 0
	for {
		select {
		case <-a.ctx.Done():
			return
		case now := <-tick.C:
			t := a.id.table()
			if t == nil {
				continue
			}
			guests := t.Guests()
			if round%30 == 0 {
				byPort = a.processesOfPorts(guests)
			}
			round++
			s.Begin()
			cur := make(map[string]resource.Counters, len(guests))
			var obs []resource.Observation
			for i := range guests {
				if guests[i].Process == nil {
					for _, p := range guests[i].Ports {
						if pr := byPort[p.Iface]; pr != nil {
							guests[i].Process = pr
						}
					}
				}
				tgt, vcpus, ok := targetOf(&guests[i])
				if !ok {
					continue
				}
				c := s.Read(&tgt)
				cur[tgt.Guest] = c
				if p, ok := prev[tgt.Guest]; ok {
					obs = append(obs, resource.Observation{Guest: tgt.Guest, VCPUs: vcpus, Rates: resource.Rate(p, c), Capped: a.throttled(tgt.Guest)})
				}
			}
			prev = cur // guests gone are forgotten: the map stays bounded by the table
			a.rounds.add(now, obs)
			for _, c := range attr.Observe(now, obs) {
				f := contentionFinding(c)
				a.mu.Lock()
				a.pipe.Report(&f)
				a.mu.Unlock()
				a.respond(resp, &c)
			}
		}
	}
}

// processesOfPorts finds the processes of guests that have none, by the
// namespace behind their (veth) ports.
func (a *Agent) processesOfPorts(guests []inventory.Guest) map[string]*inventory.Process {
	var ports []string
	for i := range guests {
		if guests[i].Process != nil {
			continue
		}
		for _, p := range guests[i].Ports {
			if p.Iface != "" {
				ports = append(ports, p.Iface)
			}
		}
	}
	if len(ports) == 0 {
		return nil
	}
	return netns.ProcessesOfPorts(a.ctx, ports)
}

// targetOf is what to sample for a running guest: its process, vCPU
// threads and cgroups when known, and its ports.
func targetOf(g *inventory.Guest) (resource.Target, int, bool) {
	if !g.Active() {
		return resource.Target{}, 0, false
	}
	t := resource.Target{Guest: g.Name}
	vcpus := 1
	if p := g.Process; p != nil {
		t.PID, t.Threads, t.Cgroups = p.PID, p.VCPUThreads, p.Cgroups
		vcpus = max(1, len(p.VCPUThreads))
	}
	for _, p := range g.Ports {
		if p.Iface != "" {
			t.Ports = append(t.Ports, p.Iface)
		}
	}
	return t, vcpus, t.PID != 0 || len(t.Ports) > 0
}

// contentionFinding is the alert for a contention: the aggressor as the
// source, the worst victim as the target, every victim with its loss.
func contentionFinding(c resource.Contention) alert.Finding {
	sev := alert.Medium
	var victims []map[string]any
	var targets []alert.Party
	for _, v := range c.Victims {
		if v.Critical {
			sev = alert.High
		}
		if c.Resource == "io" {
			victims = append(victims, map[string]any{"guest": v.Guest, "io_pressure": round2(v.Pressure),
				"io_pressure_baseline": round2(v.PressureBaseline), "critical": v.Critical})
		} else {
			victims = append(victims, map[string]any{"guest": v.Guest, "delay_ms_per_s_per_vcpu": v.Delay.Milliseconds(),
				"baseline_ms_per_s_per_vcpu": v.Baseline.Milliseconds(), "critical": v.Critical})
		}
		targets = append(targets, alert.Party{Guest: v.Guest})
	}
	worst := c.Victims[0]
	others := ""
	if n := len(c.Victims) - 1; n > 0 {
		others = fmt.Sprintf(" and %d more", n)
	}
	f := alert.Finding{
		Time:     flow.FromTime(c.Time),
		Kind:     NoisyNeighbor,
		Severity: sev,
		Src:      alert.Party{Guest: c.Aggressor},
		Dst:      alert.Party{Guest: worst.Guest},
		Targets:  targets,
		Episode:  c.Resource,
		Summary:  contentionSummary(&c, worst, others),
		Evidence: map[string]any{
			"resource":        c.Resource,
			"aggressor_cores": round2(c.Cores),
			"aggressor_share": round2(c.Share),
			"victims":         victims,
			"since":           c.Since.UTC().Format(time.RFC3339),
		},
		FirstSeen: flow.FromTime(c.Since),
		Mitre:     "T1496", // resource hijacking
	}
	if c.Resource == "io" {
		f.Evidence["aggressor_io_bytes_per_s"] = int64(c.IOBytes)
	}
	if c.Resource == "network" {
		f.Evidence["aggressor_packets_per_s"] = int64(c.Packets)
		f.Evidence["aggressor_bytes_per_s"] = int64(c.Bytes)
		if len(c.Receivers) > 0 {
			f.Evidence["receivers"] = c.Receivers
		}
	}
	return f
}

// contentionSummary says who hurts whom, by what and by how much.
func contentionSummary(c *resource.Contention, worst resource.Victim, others string) string {
	wait := fmt.Sprintf("%s waits %s per second per vCPU for a CPU (normally %s)",
		worst.Guest, worst.Delay.Round(time.Millisecond), worst.Baseline.Round(time.Millisecond))
	if c.Resource == "io" {
		return fmt.Sprintf("%s is hurting %s%s on storage: it moves %.0f MB a second (%.0f%% of the guests' I/O), and %s stalls on I/O %.0f%% of the time (normally %.0f%%)",
			c.Aggressor, worst.Guest, others, c.IOBytes/1e6, 100*c.Share, worst.Guest, 100*worst.Pressure, 100*worst.PressureBaseline)
	}
	if c.Resource != "network" {
		return fmt.Sprintf("%s is hurting %s%s on cpu: it uses %.1f cores (%.0f%% of the guests'), and %s",
			c.Aggressor, worst.Guest, others, c.Cores, 100*c.Share, wait)
	}
	recv := ""
	if len(c.Receivers) > 0 {
		recv = fmt.Sprintf(" (to %s, whose CPU pays for receiving it)", strings.Join(c.Receivers, ", "))
	}
	return fmt.Sprintf("%s is hurting %s%s on the virtual network: it sends %.0f packets (%.0f MB) a second into the switch%s, %.0f%% of what the guests send, and %s",
		c.Aggressor, worst.Guest, others, c.Packets, c.Bytes/1e6, recv, 100*c.Share, wait)
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// resourceRounds keeps the sampler's recent rounds: about ten minutes,
// and at most maxResourceSamples guest samples (~200 bytes each).
type resourceRounds struct {
	mu       sync.Mutex
	h        *resource.History
	interval time.Duration
	sources  string
}

const maxResourceSamples = 100_000

func (r *resourceRounds) start(interval time.Duration, sources string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.h = resource.NewHistory(min(api.MaxRounds, int(10*time.Minute/interval)), maxResourceSamples)
	r.interval, r.sources = interval, sources
}

func (r *resourceRounds) add(now time.Time, obs []resource.Observation) {
	round := resource.Round{Time: now.UTC().Truncate(time.Millisecond), Guests: make([]resource.Use, len(obs))}
	for i := range obs {
		round.Guests[i] = obs[i].Use()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.h.Add(round)
}

func (r *resourceRounds) last() (resource.Round, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.h == nil {
		return resource.Round{}, false
	}
	return r.h.Last()
}

// Resources answers GET /api/v1/resources.
func (a *Agent) Resources() api.ResourcesView {
	r := &a.rounds
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.h == nil {
		return api.ResourcesView{Rounds: []resource.Round{}}
	}
	return api.ResourcesView{Interval: r.interval.String(), Sources: r.sources, Rounds: r.h.Rounds()}
}
