// Package portscan detects one source probing many ports of one target:
// SYN, connect, FIN, NULL, Xmas, ACK and UDP scans, fast or slow.
//
// Method: each first contact of a (source, target, port) is a probe whose
// outcome is a success (answered) or a failure (refused by RST or ICMP,
// unanswered, or a probe that no real connection starts with: FIN, NULL,
// Xmas, a bare ACK that draws a RST). A Threshold Random Walk over those
// outcomes (Jung et al. 2004) names a fast scanner within about four
// failed probes; a ceiling on distinct failed ports catches scans that mix
// in successes; a slowly decaying counter of failed ports catches scans at
// one probe every few seconds or minutes.
//
// It must never count retries of one port twice, nor treat mid-stream
// traffic (an ACK with data) as a probe. Its tables are bounded LRUs.
package portscan

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
const Kind = "portscan"

type probeKind uint8

const (
	probeSYN probeKind = iota
	probeFIN
	probeNULL
	probeXmas
	probeACK
	probeUDP
	numProbeKinds
)

var probeNames = [numProbeKinds]string{"syn", "fin", "null", "xmas", "ack", "udp"}

type pairKey struct{ src, dst flow.Addr }

type contactKey struct {
	src, dst flow.Addr
	port     uint16
	proto    uint8
}

type pair struct {
	walk             detect.Walk
	slow             float64
	slowAt           flow.Time
	failed, answered int
	minPort, maxPort uint16
	probes           [numProbeKinds]uint32
	first, last      flow.Time
	srcMAC, dstMAC   flow.MAC
	detected         bool
	method           string
	lastReport       flow.Time
	failedAtReport   int
}

// Detector is the portscan detector.
type Detector struct {
	cfg                     Config
	deps                    detect.Dependencies
	pairs                   *detect.LRU[pairKey, pair]
	contacts                *detect.LRU[contactKey, flow.Time]
	stepFail, stepOK, upper float64
	lower                   float64
}

// New returns a portscan detector; cfg must be valid.
func New(cfg Config, deps detect.Dependencies) *Detector {
	d := &Detector{
		cfg:      cfg,
		deps:     deps,
		pairs:    detect.NewLRU[pairKey, pair](cfg.MaxPairs),
		contacts: detect.NewLRU[contactKey, flow.Time](cfg.MaxContacts),
	}
	d.stepFail, d.stepOK, d.upper, d.lower = cfg.TRW.Steps()
	return d
}

// Name implements detect.Detector.
func (d *Detector) Name() string { return Kind }

// classify tells whether a flow whose outcome is known is a probe, of what
// kind, and whether it failed. ok is false for flows that say nothing
// about scanning (mid-stream traffic, ICMP).
func classify(f *flowtable.Flow) (kind probeKind, failed, ok bool) {
	switch f.Key.Proto {
	case flow.ProtoUDP:
		return probeUDP, f.Outcome.Failed(), true
	case flow.ProtoTCP:
	default:
		return 0, false, false
	}
	ff := f.FirstFlags &^ (flow.ECE | flow.CWR)
	switch {
	case ff&flow.SYN != 0 && ff&flow.ACK == 0:
		return probeSYN, f.Outcome.Failed(), true
	case ff&(flow.SYN|flow.ACK|flow.RST) == 0:
		// FIN, NULL, Xmas and other flag soups never open a conversation:
		// whatever the answer, they are probes that learned something.
		switch {
		case ff == 0:
			return probeNULL, true, true
		case ff&(flow.FIN|flow.PSH|flow.URG) == flow.FIN|flow.PSH|flow.URG:
			return probeXmas, true, true
		}
		return probeFIN, true, true
	case ff&flow.ACK != 0 && ff&flow.SYN == 0:
		// A bare ACK answered by RST or by nothing is an ACK scan probe;
		// anything else is the middle of a real conversation.
		if f.Payload[flowtable.Orig] == 0 && f.Packets[flowtable.Orig] <= 2 &&
			(f.Outcome == flowtable.OutcomeRefusedRST || f.Outcome == flowtable.OutcomeUnanswered) {
			return probeACK, true, true
		}
	}
	return 0, false, false
}

// Outcome implements detect.OutcomeObserver.
func (d *Detector) Outcome(f *flowtable.Flow) {
	kind, failed, ok := classify(f)
	if !ok {
		return
	}
	now := f.OutcomeTime
	ck := contactKey{f.Key.Src, f.Key.Dst, f.Key.DstPort, f.Key.Proto}
	seen, fresh := d.contacts.Put(ck)
	if !fresh && now-*seen < flow.Time(d.cfg.ContactTTL) {
		return // a retry of a port already counted
	}
	*seen = now

	p, isNew := d.pairs.Put(pairKey{f.Key.Src, f.Key.Dst})
	if isNew {
		p.first, p.minPort, p.maxPort = f.First, f.Key.DstPort, f.Key.DstPort
	}
	p.last = max(p.last, now)
	p.srcMAC, p.dstMAC = f.MAC[flowtable.Orig], f.MAC[flowtable.Resp]
	p.probes[kind]++
	p.minPort, p.maxPort = min(p.minPort, f.Key.DstPort), max(p.maxPort, f.Key.DstPort)
	if !failed {
		p.answered++
		if p.walk.Step(int64(now), d.stepOK, int64(d.cfg.TRWHalfLife)) < d.lower {
			p.walk.LLR = 0 // looks benign so far; keep watching from scratch
		}
		return
	}
	p.failed++
	llr := p.walk.Step(int64(now), d.stepFail, int64(d.cfg.TRWHalfLife))
	p.slow = detect.Decayed(p.slow, int64(p.slowAt), int64(now), int64(d.cfg.SlowHalfLife)) + 1
	p.slowAt = now
	if !p.detected {
		switch {
		case llr >= d.upper:
			p.method = "sequential-test"
		case p.failed >= d.cfg.PortCeiling:
			p.method = "port-ceiling"
		case p.slow >= d.cfg.SlowThreshold:
			p.method = "slow-counter"
		default:
			return
		}
		p.detected = true
		d.report(f.Key.Src, f.Key.Dst, p, now)
		return
	}
	if now-p.lastReport >= flow.Time(d.cfg.ReportEvery) {
		d.report(f.Key.Src, f.Key.Dst, p, now)
	}
}

// Flush implements detect.Flusher: ongoing scans report their final numbers.
func (d *Detector) Flush(now flow.Time) {
	var keys []pairKey
	d.pairs.Range(func(k pairKey, p *pair) bool {
		if p.detected && p.failed > p.failedAtReport {
			keys = append(keys, k)
		}
		return true
	})
	// Report in a fixed order so that replay output never depends on
	// LRU order.
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.src != b.src {
			return string(a.src[:]) < string(b.src[:])
		}
		return string(a.dst[:]) < string(b.dst[:])
	})
	for _, k := range keys {
		p, _ := d.pairs.Peek(k)
		d.report(k.src, k.dst, p, p.last)
	}
}

func (d *Detector) report(src, dst flow.Addr, p *pair, now flow.Time) {
	p.lastReport, p.failedAtReport = now, p.failed
	types := map[string]any{}
	var names []string
	for k, n := range p.probes {
		if n > 0 {
			types[probeNames[k]] = n
			names = append(names, strings.ToUpper(probeNames[k]))
		}
	}
	sev := alert.Medium
	if p.failed >= 100 {
		sev = alert.High
	}
	probed := p.failed + p.answered
	d.deps.Reporter.Report(&alert.Finding{
		Time:     now,
		Kind:     Kind,
		Severity: sev,
		Src:      alert.Party{Addr: src, MAC: p.srcMAC},
		Dst:      alert.Party{Addr: dst, MAC: p.dstMAC},
		Summary: fmt.Sprintf("%s probed %d ports of %s (%s, ports %d-%d): %d closed or silent, %d answered",
			src, probed, dst, strings.Join(names, "+"), p.minPort, p.maxPort, p.failed, p.answered),
		Evidence: map[string]any{
			"ports_probed":   probed,
			"ports_failed":   p.failed,
			"ports_answered": p.answered,
			"port_min":       p.minPort,
			"port_max":       p.maxPort,
			"probe_types":    types,
			"llr":            round2(p.walk.LLR),
			"method":         p.method,
			"duration_s":     round2(p.last.Sub(p.first).Seconds()),
		},
		FirstSeen: p.first,
		Mitre:     "T1046",
	})
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
