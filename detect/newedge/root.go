// Package newedge reports a guest that, after a learning period, talks to a
// peer and port it never used before: the "new-edge" alert kind.
//
// Method: an edge is (initiator address, responder address, protocol,
// responder port), the port being the ICMP type for ICMP. For Config.LearnFor
// of event time after the first event the detector sees, every answered flow
// adds its edge to a baseline without alerting. Afterwards an answered flow
// on an edge outside the baseline raises one low-severity finding and joins
// the baseline, so each new edge alerts once. This is the edge-baseline idea
// of network-behaviour anomaly detection (e.g. Zeek's known-services and
// known-hosts scripts, "first seen" rules in SIEMs), applied per guest pair.
//
// Only answered attempts make edges (flowtable.OutcomeAnswered): a refused or
// unanswered attempt is not a conversation, and failed probes are the
// business of the portscan and sweep detectors. Counting them here would turn
// every scan into thousands of new-edge findings. Flows first seen
// mid-stream (the capture or the table started late) still count once the
// other side answers.
//
// The detector never blocks or judges policy; it says "this is new", at low
// severity, for a person or the policy recommender to review. It never
// alerts during the learning period, keeps at most Config.MaxEdges edges,
// and takes time only from events and Tick.
package newedge

import (
	"fmt"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// Kind is the alert kind this detector reports.
const Kind = "new-edge"

// edge is the baseline key: packed, comparable, pointer-free.
type edge struct {
	src, dst flow.Addr
	port     uint16
	proto    uint8
}

// Stats are the detector's counters.
type Stats struct {
	Edges    int    // edges in the baseline now
	Learned  uint64 // edges added during the learning period
	NewEdges uint64 // findings: new edges after the learning period
	Dropped  uint64 // edges not learned because the baseline was full
}

// Detector is the new-edge detector. Not safe for concurrent use.
type Detector struct {
	cfg      Config
	deps     detect.Dependencies
	edges    map[edge]struct{}
	started  bool
	learnEnd flow.Time
	stats    Stats
}

// New returns a detector; cfg must be valid.
func New(cfg Config, deps detect.Dependencies) *Detector {
	return &Detector{cfg: cfg, deps: deps, edges: make(map[edge]struct{})}
}

// Name returns the alert kind.
func (d *Detector) Name() string { return Kind }

// Stats returns the counters.
func (d *Detector) Stats() Stats {
	s := d.stats
	s.Edges = len(d.edges)
	return s
}

// Learning reports whether the detector is still in its learning period at
// event time now.
func (d *Detector) Learning(now flow.Time) bool { return !d.started || now < d.learnEnd }

func (d *Detector) start(now flow.Time) {
	if !d.started {
		d.started = true
		d.learnEnd = now.Add(d.cfg.LearnFor)
	}
}

// Tick starts the learning clock at the first second of event time.
func (d *Detector) Tick(now flow.Time) { d.start(now) }

// Outcome learns or reports the edge of each answered attempt.
func (d *Detector) Outcome(f *flowtable.Flow) {
	if f.Outcome != flowtable.OutcomeAnswered {
		return
	}
	now := f.OutcomeTime
	d.start(now)
	e := edge{src: f.Key.Src, dst: f.Key.Dst, port: f.Key.DstPort, proto: f.Key.Proto}
	if _, ok := d.edges[e]; ok {
		return
	}
	learning := now < d.learnEnd
	baseline := len(d.edges)
	if len(d.edges) < d.cfg.MaxEdges {
		d.edges[e] = struct{}{}
		if learning {
			d.stats.Learned++
		}
	} else {
		d.stats.Dropped++
	}
	if learning {
		return
	}
	d.stats.NewEdges++
	d.report(f, now, baseline)
}

func (d *Detector) report(f *flowtable.Flow, now flow.Time, baseline int) {
	proto := flow.ProtoName(f.Key.Proto)
	svc := fmt.Sprintf("%s/%d", proto, f.Key.DstPort)
	dst := alert.Party{Addr: f.Key.Dst, MAC: f.MAC[flowtable.Resp]}
	on := "on " + svc
	switch f.Key.Proto {
	case flow.ProtoTCP, flow.ProtoUDP:
		dst.Port = f.Key.DstPort
	case flow.ProtoICMP, flow.ProtoICMPv6:
		on = fmt.Sprintf("with %s type %d", proto, f.Key.DstPort)
	}
	d.deps.Reporter.Report(&alert.Finding{
		Time:     now,
		Kind:     Kind,
		Severity: alert.Low,
		Src:      alert.Party{Addr: f.Key.Src, MAC: f.MAC[flowtable.Orig]},
		Dst:      dst,
		Episode:  svc,
		Summary: fmt.Sprintf("%s talked to %s %s for the first time; the baseline learned over %s has %d %s",
			f.Key.Src, f.Key.Dst, on, d.cfg.LearnFor.Round(time.Second), baseline, plural(baseline, "edge", "edges")),
		Evidence: map[string]any{
			"proto":            proto,
			"port":             f.Key.DstPort,
			"baseline_edges":   baseline,
			"learned_for_s":    int64(d.cfg.LearnFor / time.Second),
			"since_learning_s": int64(now.Sub(d.learnEnd) / time.Second),
		},
		FirstSeen: f.First,
	})
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
