// Package worm detects propagation: a guest that was contacted on a
// service starts probing other hosts on that same service, and names the
// chain of who infected whom.
//
// Method: every answered inbound connection to a host on a service is
// remembered (the possible infection). A host spreads when, within Window,
// it first-contacts MinTargets new hosts on one service, enough of which
// fail (worms probe addresses that are not there), as in Williamson's
// new-destination rate test (the virus throttle). A spreading host whose
// first outbound contact on the service came after an inbound contact on
// it is a worm hop; the chain extends the infector's own chain.
//
// A host that probed others on the service before anyone contacted it is
// not a worm hop (the sweep detector names it). Tables are bounded LRUs.
package worm

import (
	"fmt"
	"sort"
	"strings"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// Kind is the alert kind.
const Kind = "worm"

type service struct {
	proto uint8
	port  uint16
}

func (s service) String() string { return fmt.Sprintf("%s/%d", flow.ProtoName(s.proto), s.port) }

type hostService struct {
	host flow.Addr
	svc  service
}

type contactKey struct {
	src, dst flow.Addr
	svc      service
}

type inbound struct {
	from flow.Addr
	at   flow.Time
}

const maxRecent = 32

type spreader struct {
	firstOut    flow.Time
	winStart    flow.Time
	n, failed   int // new contacts and failures in the window
	total       int // new contacts since the spread began
	recent      [maxRecent]flow.Addr
	nrecent     int
	mac         flow.MAC
	detected    bool
	lastReport  flow.Time
	infector    flow.Addr
	infectedAt  flow.Time
	chain       []flow.Addr
	reportedNew int
}

// Detector is the worm detector.
type Detector struct {
	cfg       Config
	deps      detect.Dependencies
	inbound   *detect.LRU[hostService, inbound]
	spreaders *detect.LRU[hostService, spreader]
	contacts  *detect.LRU[contactKey, struct{}]
	chains    *detect.LRU[hostService, []flow.Addr]
}

// New returns a worm detector; cfg must be valid.
func New(cfg Config, deps detect.Dependencies) *Detector {
	return &Detector{
		cfg:       cfg,
		deps:      deps,
		inbound:   detect.NewLRU[hostService, inbound](cfg.MaxHosts),
		spreaders: detect.NewLRU[hostService, spreader](cfg.MaxHosts),
		contacts:  detect.NewLRU[contactKey, struct{}](cfg.MaxHosts * 4),
		chains:    detect.NewLRU[hostService, []flow.Addr](cfg.MaxHosts),
	}
}

// Name implements detect.Detector.
func (d *Detector) Name() string { return Kind }

// Outcome implements detect.OutcomeObserver.
func (d *Detector) Outcome(f *flowtable.Flow) {
	if f.Key.Proto != flow.ProtoTCP && f.Key.Proto != flow.ProtoUDP {
		return
	}
	if f.Key.Proto == flow.ProtoTCP && f.FirstFlags&(flow.SYN|flow.ACK) != flow.SYN {
		return // only real connection attempts spread a worm
	}
	svc := service{f.Key.Proto, f.Key.DstPort}
	now := f.OutcomeTime
	if f.Outcome == flowtable.OutcomeAnswered {
		// The infector is the last to reach the host on the service
		// before the host began probing others on it: a backup server
		// that logged in an hour earlier is not, the attacker who
		// logged in a second before is. Contacts after the spread began
		// change nothing.
		dst := hostService{f.Key.Dst, svc}
		if s, ok := d.spreaders.Peek(dst); !ok || s.firstOut > f.First {
			in, _ := d.inbound.Put(dst)
			*in = inbound{from: f.Key.Src, at: f.First}
		}
	}
	if _, fresh := d.contacts.Put(contactKey{f.Key.Src, f.Key.Dst, svc}); !fresh {
		return
	}
	hs := hostService{f.Key.Src, svc}
	s, fresh := d.spreaders.Put(hs)
	if fresh {
		s.firstOut, s.winStart = f.First, now
	}
	if now-s.winStart > flow.Time(d.cfg.Window) {
		s.winStart, s.n, s.failed = now, 0, 0
	}
	s.n++
	s.total++
	s.mac = f.MAC[flowtable.Orig]
	if f.Outcome.Failed() {
		s.failed++
	}
	if s.nrecent < maxRecent {
		s.recent[s.nrecent] = f.Key.Dst
		s.nrecent++
	}
	if s.detected {
		if now-s.lastReport >= flow.Time(d.cfg.ReportEvery) {
			d.report(hs, s, now)
		}
		return
	}
	if s.n < d.cfg.MinTargets || float64(s.failed) < d.cfg.MinFailureRatio*float64(s.n) {
		return
	}
	in, ok := d.inbound.Peek(hs)
	if !ok || in.at >= s.firstOut || s.firstOut-in.at > flow.Time(d.cfg.InfectionWindow) {
		return
	}
	s.detected = true
	s.infector, s.infectedAt = in.from, in.at
	chain := []flow.Addr{in.from}
	if c, ok := d.chains.Peek(hostService{in.from, svc}); ok {
		chain = append([]flow.Addr(nil), *c...)
	}
	chain = append(chain, hs.host)
	if len(chain) > d.cfg.MaxChain {
		chain = chain[len(chain)-d.cfg.MaxChain:]
	}
	s.chain = chain
	c, _ := d.chains.Put(hs)
	*c = chain
	d.report(hs, s, now)
}

// Flush implements detect.Flusher: ongoing spreads report final numbers.
func (d *Detector) Flush(now flow.Time) {
	var keys []hostService
	d.spreaders.Range(func(k hostService, s *spreader) bool {
		if s.detected && s.total > s.reportedNew {
			keys = append(keys, k)
		}
		return true
	})
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].host != keys[j].host {
			return string(keys[i].host[:]) < string(keys[j].host[:])
		}
		return keys[i].svc.port < keys[j].svc.port
	})
	for _, k := range keys {
		s, _ := d.spreaders.Peek(k)
		d.report(k, s, now)
	}
}

func (d *Detector) report(hs hostService, s *spreader, now flow.Time) {
	s.lastReport, s.reportedNew = now, s.total
	targets := make([]alert.Party, s.nrecent)
	for i := range targets {
		targets[i] = alert.Party{Addr: s.recent[i], Port: hs.svc.port}
	}
	s.nrecent = 0
	names := make([]string, len(s.chain))
	for i, a := range s.chain {
		names[i] = a.String()
	}
	sev := alert.High
	if len(s.chain) > 2 {
		sev = alert.Critical // a second hop: it is spreading on its own
	}
	d.deps.Reporter.Report(&alert.Finding{
		Time:     now,
		Kind:     Kind,
		Severity: sev,
		Src:      alert.Party{Addr: hs.host, MAC: s.mac},
		Targets:  targets,
		Episode:  hs.svc.String(),
		Summary: fmt.Sprintf("%s spreads on %s: contacted on it by %s, then probed %d new hosts (%d failed in the last window); chain %s",
			hs.host, hs.svc, s.infector, s.total, s.failed, strings.Join(names, " -> ")),
		Evidence: map[string]any{
			"service":         hs.svc.String(),
			"infected_by":     s.infector.String(),
			"infected_at":     s.infectedAt.Std(),
			"spread_started":  s.firstOut.Std(),
			"new_hosts":       s.total,
			"window_contacts": s.n,
			"window_failed":   s.failed,
			"chain":           names,
		},
		FirstSeen: s.infectedAt,
		Mitre:     "T1210",
	})
}
