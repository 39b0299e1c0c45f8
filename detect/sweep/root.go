// Package sweep detects one source probing one or a few ports across many
// targets: TCP, UDP and ICMP echo sweeps, and ARP who-has fan-out on the
// switch.
//
// Method: Threshold Random Walk (Jung et al. 2004) over first contacts to
// distinct targets: each first contact from a source to a target succeeds
// (answered, including an ARP reply) or fails (refused, unanswered, an ARP
// request nobody answers, a stealth probe). A walk that crosses the upper
// threshold with at least MinTargets failed targets, or TargetCeiling failed
// targets whatever the walk says, names a sweep.
//
// Monitoring and backup servers that visit every guest succeed, so their
// walks fall. The detector must never count a target twice within the
// contact TTL. Its tables are bounded LRUs.
package sweep

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// Kind is the alert kind.
const Kind = "sweep"

const (
	viaTCP = iota
	viaUDP
	viaICMP
	viaARP
	numVia
)

var viaNames = [numVia]string{"tcp", "udp", "icmp", "arp"}

type contactKey struct{ src, dst flow.Addr }

type service struct {
	proto uint8
	port  uint16
}

const maxServices = 8
const maxRecent = 32

type source struct {
	walk             detect.Walk
	failed, answered int
	via              [numVia]uint32
	services         [maxServices]service
	serviceHits      [maxServices]uint32
	first, last      flow.Time
	mac              flow.MAC
	detected         bool
	method           string
	lastReport       flow.Time
	failedAtReport   int
	recent           [maxRecent]flow.Addr
	nrecent          int
}

type pendingARP struct {
	at  flow.Time
	mac flow.MAC
}

// Detector is the sweep detector.
type Detector struct {
	cfg                     Config
	deps                    detect.Dependencies
	sources                 *detect.LRU[flow.Addr, source]
	contacts                *detect.LRU[contactKey, flow.Time]
	arps                    *detect.LRU[contactKey, pendingARP]
	stepFail, stepOK, upper float64
	lower                   float64
}

// New returns a sweep detector; cfg must be valid.
func New(cfg Config, deps detect.Dependencies) *Detector {
	d := &Detector{
		cfg:      cfg,
		deps:     deps,
		sources:  detect.NewLRU[flow.Addr, source](cfg.MaxSources),
		contacts: detect.NewLRU[contactKey, flow.Time](cfg.MaxContacts),
		arps:     detect.NewLRU[contactKey, pendingARP](cfg.MaxPendingARP),
	}
	d.stepFail, d.stepOK, d.upper, d.lower = cfg.TRW.Steps()
	return d
}

// Name implements detect.Detector.
func (d *Detector) Name() string { return Kind }

// Outcome implements detect.OutcomeObserver.
func (d *Detector) Outcome(f *flowtable.Flow) {
	var via int
	failed := f.Outcome.Failed()
	switch f.Key.Proto {
	case flow.ProtoTCP:
		via = viaTCP
		ff := f.FirstFlags &^ (flow.ECE | flow.CWR)
		switch {
		case ff&flow.SYN != 0 && ff&flow.ACK == 0:
		case ff&(flow.SYN|flow.ACK|flow.RST) == 0:
			failed = true // FIN, NULL, Xmas probes
		case ff&flow.ACK != 0 && f.Payload[flowtable.Orig] == 0 && f.Packets[flowtable.Orig] <= 2 && failed:
		default:
			return // mid-stream
		}
	case flow.ProtoUDP:
		via = viaUDP
	case flow.ProtoICMP, flow.ProtoICMPv6:
		via = viaICMP
	default:
		return
	}
	port := f.Key.DstPort
	if via == viaICMP {
		port = 0
	}
	d.contact(f.Key.Src, f.Key.Dst, f.MAC[flowtable.Orig], via, service{f.Key.Proto, port}, failed, f.OutcomeTime, f.First)
}

// ARP implements detect.ARPObserver: requests wait for their reply.
func (d *Detector) ARP(ev *flow.Event) {
	src, dst := ev.Key.Src, ev.Key.Dst
	switch ev.ARPOp {
	case flow.ARPRequest:
		if src.IsZero() || src == dst {
			return // an ARP probe or a gratuitous announcement
		}
		if p, fresh := d.arps.Put(contactKey{src, dst}); fresh {
			*p = pendingARP{at: ev.Time, mac: ev.ARPSender}
		}
	case flow.ARPReply:
		k := contactKey{dst, src} // the reply goes back to the requester
		if p, ok := d.arps.Peek(k); ok {
			at, mac := p.at, p.mac
			d.arps.Delete(k)
			d.contact(k.src, k.dst, mac, viaARP, service{}, false, ev.Time, at)
		}
	}
}

// Tick implements detect.Ticker: ARP requests past their timeout fail.
func (d *Detector) Tick(now flow.Time) {
	d.expireARP(now - flow.Time(d.cfg.ARPTimeout))
}

func (d *Detector) expireARP(deadline flow.Time) {
	for {
		k, p, ok := d.arps.Oldest()
		if !ok || p.at > deadline {
			return
		}
		at, mac := p.at, p.mac
		d.arps.Delete(k)
		d.contact(k.src, k.dst, mac, viaARP, service{}, true, at+flow.Time(d.cfg.ARPTimeout), at)
	}
}

// Flush implements detect.Flusher: pending ARP requests fail, and ongoing
// sweeps report their final numbers.
func (d *Detector) Flush(now flow.Time) {
	d.expireARP(math.MaxInt64)
	var keys []flow.Addr
	d.sources.Range(func(k flow.Addr, s *source) bool {
		if s.detected && s.failed > s.failedAtReport {
			keys = append(keys, k)
		}
		return true
	})
	sort.Slice(keys, func(i, j int) bool { return string(keys[i][:]) < string(keys[j][:]) })
	for _, k := range keys {
		s, _ := d.sources.Peek(k)
		d.report(k, s, s.last)
	}
}

func (d *Detector) contact(src, dst flow.Addr, mac flow.MAC, via int, svc service, failed bool, now, first flow.Time) {
	seen, fresh := d.contacts.Put(contactKey{src, dst})
	if !fresh && now-*seen < flow.Time(d.cfg.ContactTTL) {
		return
	}
	*seen = now
	s, isNew := d.sources.Put(src)
	if isNew {
		s.first = first
	}
	s.last = max(s.last, now)
	if !mac.IsZero() {
		s.mac = mac
	}
	s.via[via]++
	if via != viaARP {
		s.addService(svc)
	}
	if !failed {
		s.answered++
		if s.walk.Step(int64(now), d.stepOK, int64(d.cfg.TRWHalfLife)) < d.lower {
			s.walk.LLR = 0
		}
		return
	}
	s.failed++
	if s.nrecent < maxRecent {
		s.recent[s.nrecent] = dst
		s.nrecent++
	}
	llr := s.walk.Step(int64(now), d.stepFail, int64(d.cfg.TRWHalfLife))
	if !s.detected {
		switch {
		case llr >= d.upper && s.failed >= d.cfg.MinTargets:
			s.method = "sequential-test"
		case s.failed >= d.cfg.TargetCeiling:
			s.method = "target-ceiling"
		default:
			return
		}
		s.detected = true
		d.report(src, s, now)
		return
	}
	if now-s.lastReport >= flow.Time(d.cfg.ReportEvery) {
		d.report(src, s, now)
	}
}

func (s *source) addService(svc service) {
	for i := range s.services {
		if s.serviceHits[i] > 0 && s.services[i] == svc {
			s.serviceHits[i]++
			return
		}
	}
	// Replace the least used slot; the few services a sweep uses win.
	j := 0
	for i := range s.services {
		if s.serviceHits[i] < s.serviceHits[j] {
			j = i
		}
	}
	s.services[j], s.serviceHits[j] = svc, 1
}

func (s *source) topServices() []string {
	idx := []int{}
	for i := range s.services {
		if s.serviceHits[i] > 0 {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return s.serviceHits[idx[a]] > s.serviceHits[idx[b]] })
	var out []string
	for _, i := range idx[:min(len(idx), 3)] {
		svc := s.services[i]
		if svc.proto == flow.ProtoICMP || svc.proto == flow.ProtoICMPv6 {
			out = append(out, flow.ProtoName(svc.proto))
			continue
		}
		out = append(out, fmt.Sprintf("%s/%d", flow.ProtoName(svc.proto), svc.port))
	}
	return out
}

func (d *Detector) report(src flow.Addr, s *source, now flow.Time) {
	s.lastReport, s.failedAtReport = now, s.failed
	targets := make([]alert.Party, s.nrecent)
	for i := range targets {
		targets[i] = alert.Party{Addr: s.recent[i]}
	}
	s.nrecent = 0
	via := map[string]any{}
	var names []string
	for i, n := range s.via {
		if n > 0 {
			via[viaNames[i]] = n
			names = append(names, strings.ToUpper(viaNames[i]))
		}
	}
	svcs := s.topServices()
	sev := alert.Medium
	if s.failed >= 100 {
		sev = alert.High
	}
	mitre := "T1046" // network service discovery
	if s.via[viaTCP]+s.via[viaUDP] < s.via[viaICMP]+s.via[viaARP] {
		mitre = "T1018" // remote system discovery
	}
	what := strings.Join(names, ", ")
	if len(svcs) > 0 {
		what += "; " + strings.Join(svcs, ", ")
	}
	ev := map[string]any{
		"targets_probed":   s.failed + s.answered,
		"targets_failed":   s.failed,
		"targets_answered": s.answered,
		"via":              via,
		"llr":              math.Round(s.walk.LLR*100) / 100,
		"method":           s.method,
		"duration_s":       math.Round(s.last.Sub(s.first).Seconds()*100) / 100,
	}
	if len(svcs) > 0 {
		ev["services"] = svcs
	}
	d.deps.Reporter.Report(&alert.Finding{
		Time:     now,
		Kind:     Kind,
		Severity: sev,
		Src:      alert.Party{Addr: src, MAC: s.mac},
		Targets:  targets,
		Summary: fmt.Sprintf("%s swept %d hosts (%s): %d silent or refused, %d answered",
			src, s.failed+s.answered, what, s.failed, s.answered),
		Evidence:  ev,
		FirstSeen: s.first,
		Mitre:     mitre,
	})
}
