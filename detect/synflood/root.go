// Package synflood detects SYN floods: half-open connections to one target
// port far above what it normally sees, often from spoofed sources.
//
// Method. For each target (address, port) it keeps an exact count of
// half-open connections. A connection is half-open from the initiator's
// bare SYN (ECE and CWR do not matter) until the initiator completes the
// handshake (its first ACK), gives up (RST, FIN), the target refuses (RST
// or ICMP, before or after a SYN-ACK), nothing comes back within the flow
// table's attempt timeout, or the flow ends. Each half-open connection is
// remembered by flow key with the incarnation of its target, and the count
// changes only when that entry is added or removed, so it never goes
// negative nor counts a connection twice. Each second it compares SYNs
// with answers (completed or refused handshakes): a CUSUM (Page 1954, as
// in SYN-dog, Wang, Zhang and Shin 2002) accumulates the excess of SYNs
// over answers in units of the target's baseline, an EWMA of its SYN rate.
// It reports a flood when the CUSUM crosses its threshold while at least
// MinHalfOpen connections are half-open, or when a one-second sliding
// window holds a burst of SYNs far above the baseline with few answers
// (which catches floods on one 5-tuple and floods whose sender resets the
// SYN-ACKs, neither of which leaves a backlog).
//
// Blame: the target address and port are the alert's destination. When
// one source address sent at least SourceShare of the SYNs it is the
// source; otherwise the source is left empty, the alert counts distinct
// sources (an estimate), calls them spoofed when there are many, and names
// the single MAC or switch port they all came through when there is one:
// on a host, the ingress port is the truth that forged addresses hide. A
// flood that pauses for less than a minute stays one flood: its source is
// not blamed anew and its totals go on.
//
// It must never raise an alarm for connections that complete (a busy web
// tier) nor for a closed port that answers every SYN with a RST: a RST
// holds nothing open. It never reports per packet: at most once a second
// per target while the flood lasts. Its tables are bounded.
package synflood

import (
	"fmt"
	"github.com/crosstalk-dev/crosstalk/detect/sketch"
	"math"
	"net/netip"
	"strings"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// Kind is the alert kind.
const Kind = "synflood"

// Mitre is the technique of a SYN flood: endpoint denial of service by OS
// exhaustion flood, whose description names TCP state exhaustion.
const Mitre = "T1499.001"

// maxHandshake bounds the initiator packets, SYN retransmissions
// included, before the ACK that completes a handshake. Later initiator
// packets are not looked up, which keeps established traffic free of map
// lookups; a connection that completes after more SYNs than that (no
// common stack sends more than seven) stays half-open until its flow ends.
const maxHandshake = 8

// spanMin is how much history a quiet target's source statistics keep, so
// that a burst cut in two by a tick boundary is still blamed on all of it.
const spanMin = flow.Time(2 * time.Second)

// episodeGap is how long a flood may pause and still be the same flood:
// its totals go on and its source stays as first blamed.
const episodeGap = flow.Time(time.Minute)

// manySources is where a flood without a main source looks spoofed.
const manySources = 32

// slowLearning divides the baseline's learning rate during a flood.
const slowLearning = 10

type targetKey struct {
	addr flow.Addr
	port uint16
}

// span is what a target's SYNs looked like since span.first: kept from a
// couple of seconds before a flood until a minute after its end, to blame
// it and to total it.
type span struct {
	first flow.Time
	syns  uint64
	peak  uint64 // most SYNs in a one-second window
	srcs  sketch.TopK[flow.Addr]
	hll   sketch.HLL
	macs  sketch.Few[flow.MAC]
	ports sketch.Few[uint32] // switch ports
}

func (s *span) add(ev *flow.Event, n uint64) {
	if s.syns == 0 {
		s.first = ev.Time
	}
	s.syns += n
	s.srcs.Add(ev.Key.Src, ev.SrcMAC, n)
	s.hll.Add(ev.Key.Src.Uint64())
	s.macs.Add(ev.SrcMAC)
	s.ports.Add(ev.Port)
}

type target struct {
	inc     uint32 // incarnation: half-open entries of a forgotten target do not count
	mac     flow.MAC
	lastSYN flow.Time

	halfOpen    int
	halfOpenMax int // the most half-open since the last tick

	// Since the last tick.
	syn, synAck, completed, refused, aborted uint64
	peak                                     uint64 // most SYNs in a one-second window

	win      sketch.Window
	baseline float64 // EWMA of SYNs per second
	cusum    float64

	// active: counted something since the last tick (or must be watched:
	// alarm, CUSUM, half-open); only active targets are evaluated.
	active bool
	evalAt flow.Time // the tick that last evaluated it

	alarm     bool
	since     flow.Time // when the flood began
	lastAlarm flow.Time // the last tick in alarm
	src       alert.Party
	sp        span
}

// Stats are the detector's counters.
type Stats struct {
	Targets         int    // target ports followed now
	TargetsEvicted  uint64 // targets forgotten because MaxTargets was reached
	HalfOpen        int    // half-open connections followed now
	HalfOpenDropped uint64 // half-open connections not followed because MaxHalfOpen was reached
	Findings        uint64
}

// Detector is the synflood detector. Not safe for concurrent use.
type Detector struct {
	cfg      Config
	deps     detect.Dependencies
	targets  *detect.LRU[targetKey, target]
	half     map[flow.Key]uint32 // half-open connection -> its target's incarnation
	halfPeak int
	inc      uint32

	// The last target looked up: a flood hits one target many times in a
	// row. Valid until the LRU adds or deletes an entry.
	lastKey targetKey
	last    *target

	lastTick flow.Time
	// active lists the targets to evaluate at the next tick: a host has
	// many services, and a second sees few of them.
	active, next []targetKey
	stats        Stats
}

// New returns a synflood detector; cfg must be valid.
func New(cfg Config, deps detect.Dependencies) *Detector {
	return &Detector{
		cfg:     cfg,
		deps:    deps,
		targets: detect.NewLRU[targetKey, target](cfg.MaxTargets),
		half:    make(map[flow.Key]uint32),
	}
}

// Name implements detect.Detector.
func (d *Detector) Name() string { return Kind }

// Stats returns the counters.
func (d *Detector) Stats() Stats {
	s := d.stats
	s.Targets = d.targets.Len()
	s.TargetsEvicted = d.targets.Evicted
	s.HalfOpen = len(d.half)
	return s
}

// isSYN reports whether flags open a connection: SYN without ACK or RST,
// whatever ECE, CWR and the rest say.
func isSYN(fl flow.TCPFlags) bool { return fl&(flow.SYN|flow.ACK|flow.RST) == flow.SYN }

func keyOf(f *flowtable.Flow) targetKey { return targetKey{f.Key.Dst, f.Key.DstPort} }

// find returns target k, or nil.
func (d *Detector) find(k targetKey) *target {
	if d.last != nil && d.lastKey == k {
		return d.last
	}
	t, ok := d.targets.Get(k)
	if !ok {
		return nil
	}
	d.wake(k, t)
	d.lastKey, d.last = k, t
	return t
}

// get returns target k, adding it if new.
func (d *Detector) get(k targetKey, ev *flow.Event) *target {
	if d.last != nil && d.lastKey == k {
		return d.last
	}
	t, isNew := d.targets.Put(k)
	if isNew {
		d.inc++
		t.inc = d.inc
		t.mac = ev.DstMAC
		t.evalAt = d.lastTick
	}
	d.wake(k, t)
	d.lastKey, d.last = k, t
	return t
}

// wake puts a quiet target back on the active list, first catching up
// on the ticks it slept through: its baseline decays as if each had
// counted nothing, and a finished span is cleared, as evaluate would have.
func (d *Detector) wake(k targetKey, t *target) {
	if t.active {
		return
	}
	t.active = true
	d.active = append(d.active, k)
	if gap := d.lastTick - t.evalAt; gap > 0 && t.evalAt != 0 {
		t.baseline *= math.Exp2(-time.Duration(gap).Seconds() / d.cfg.BaselineHalfLife.Seconds())
		t.cusum = max(t.cusum-d.cfg.CUSUMDrift*math.Floor(time.Duration(gap).Seconds()), 0)
	}
	t.evalAt = d.lastTick
	if !t.alarm && (t.lastAlarm == 0 || d.lastTick-t.lastAlarm >= episodeGap) &&
		(t.sp.syns == 0 || d.lastTick-t.sp.first >= spanMin) {
		t.sp = span{}
	}
}

// Packet implements detect.PacketObserver. Only flows that began with a
// bare SYN matter; past their first maxHandshake initiator packets they
// cost two comparisons.
func (d *Detector) Packet(f *flowtable.Flow, ev *flow.Event, dir flowtable.Dir) {
	if f.Key.Proto != flow.ProtoTCP || !isSYN(f.FirstFlags) {
		return
	}
	fl := ev.Flags
	if dir == flowtable.Resp {
		// A RST instead of a SYN-ACK is a refusal and comes as an
		// Outcome; a RST after it frees the half-open slot too.
		if fl&flow.RST != 0 && f.Outcome == flowtable.OutcomeAnswered {
			if t := d.leave(f); t != nil {
				t.refused++
			}
		}
		return
	}
	prior := f.Packets[flowtable.Orig] - uint64(ev.Packets)
	switch {
	case prior == 0:
		// The initiator's first event begins with the SYN. A datapath that
		// batches may have put the rest of the handshake in it too.
		t := d.get(keyOf(f), ev)
		rest := fl & (flow.ACK | flow.RST | flow.FIN)
		n := uint64(1)
		if rest == 0 {
			n = uint64(ev.Packets)
		}
		d.addSYN(t, ev, n)
		switch {
		case rest == 0:
			d.enter(f, t)
		case fl&flow.ACK != 0 && fl&flow.RST == 0:
			t.completed++
		default:
			t.aborted++
		}
	case fl&(flow.SYN|flow.ACK) == flow.SYN:
		d.addSYN(d.get(keyOf(f), ev), ev, uint64(ev.Packets))
	case fl&(flow.ACK|flow.RST|flow.FIN) != 0 && prior < maxHandshake:
		if t := d.leave(f); t != nil {
			if fl&flow.ACK != 0 && fl&flow.RST == 0 {
				t.completed++
			} else {
				t.aborted++
			}
		}
	}
}

// Outcome implements detect.OutcomeObserver.
func (d *Detector) Outcome(f *flowtable.Flow) {
	if f.Key.Proto != flow.ProtoTCP || !isSYN(f.FirstFlags) {
		return
	}
	switch f.Outcome {
	case flowtable.OutcomeAnswered:
		if f.Flags[flowtable.Resp]&(flow.SYN|flow.ACK) == flow.SYN|flow.ACK {
			if t := d.find(keyOf(f)); t != nil {
				t.synAck++
			}
		}
	case flowtable.OutcomeRefusedRST, flowtable.OutcomeRefusedICMP:
		t := d.leave(f)
		if t == nil {
			t = d.find(keyOf(f))
		}
		if t != nil {
			t.refused++
		}
	case flowtable.OutcomeUnanswered:
		// Nothing came back: the target holds nothing for it.
		d.leave(f)
	}
}

// FlowEnd implements detect.FlowEnder.
func (d *Detector) FlowEnd(f *flowtable.Flow, _ flowtable.EndReason) {
	if f.Key.Proto == flow.ProtoTCP && isSYN(f.FirstFlags) {
		d.leave(f)
	}
}

func (d *Detector) addSYN(t *target, ev *flow.Event, n uint64) {
	t.syn += n
	t.lastSYN = ev.Time
	if s := t.win.Add(ev.Time, n); s > t.peak {
		t.peak = s
	}
	t.sp.add(ev, n)
}

// enter makes f half-open at t.
func (d *Detector) enter(f *flowtable.Flow, t *target) {
	if len(d.half) >= d.cfg.MaxHalfOpen {
		d.stats.HalfOpenDropped++
		return
	}
	d.half[f.Key] = t.inc
	d.halfPeak = max(d.halfPeak, len(d.half))
	t.halfOpen++
	t.halfOpenMax = max(t.halfOpenMax, t.halfOpen)
}

// leave ends f's half-open state if it has one, and returns its target;
// nil when f was not half-open or its target has been forgotten since.
func (d *Detector) leave(f *flowtable.Flow) *target {
	inc, ok := d.half[f.Key]
	if !ok {
		return nil
	}
	delete(d.half, f.Key)
	t := d.find(keyOf(f))
	if t == nil || t.inc != inc {
		return nil
	}
	t.halfOpen--
	return t
}

// Tick implements detect.Ticker: once a second, each target's SYNs and
// answers feed its CUSUM and baseline, and floods are reported.
func (d *Detector) Tick(now flow.Time) {
	secs := 1.0
	if d.lastTick != 0 {
		secs = max(now.Sub(d.lastTick).Seconds(), 1)
	}
	d.lastTick = max(d.lastTick, now)
	for _, k := range d.active {
		t, ok := d.targets.Peek(k)
		if !ok || !t.active || (t.evalAt == now && now != 0) {
			continue // forgotten since, or listed twice
		}
		d.evaluate(k, t, now, secs)
		t.evalAt = now
		if t.alarm || t.cusum > 0 || t.halfOpen > 0 {
			d.next = append(d.next, k) // still to watch next second
		} else {
			t.active = false
		}
	}
	d.active, d.next = d.next, d.active[:0]
	d.last = nil // the cached target may have gone quiet
	// Quiet targets idle for IdleTimeout are forgotten, least recently
	// used first.
	for {
		k, t, ok := d.targets.Oldest()
		if !ok || t.active || t.halfOpen > 0 || now.Sub(t.lastSYN) < d.cfg.IdleTimeout {
			break
		}
		d.targets.Delete(k)
	}
	if len(d.half) == 0 && d.halfPeak > 1<<16 {
		// Maps keep their peak size: give a flood's memory back.
		d.half, d.halfPeak = make(map[flow.Key]uint32), 0
	}
}

func (d *Detector) evaluate(k targetKey, t *target, now flow.Time, secs float64) {
	c := &d.cfg
	answered := t.completed + t.refused
	x := (float64(t.syn) - float64(answered)) / max(t.baseline, c.MinBaseline)
	t.cusum = min(max(t.cusum+x-c.CUSUMDrift, 0), c.CUSUMThreshold)
	backlog := t.halfOpenMax >= c.MinHalfOpen && t.cusum >= c.CUSUMThreshold
	burst := t.peak >= uint64(c.MinSYNRate) && float64(t.peak) >= c.RateFactor*t.baseline &&
		float64(answered) <= c.MaxAnsweredShare*float64(t.syn)
	t.sp.peak = max(t.sp.peak, t.peak)
	switch {
	case backlog || burst:
		if !t.alarm && (t.lastAlarm == 0 || now-t.lastAlarm >= episodeGap) {
			t.since, t.src = now, d.blame(t)
		}
		t.alarm, t.lastAlarm = true, now
		d.report(k, t, now)
	default:
		t.alarm = false
	}

	a := -math.Expm1(-math.Ln2 * secs / c.BaselineHalfLife.Seconds())
	if t.alarm {
		a /= slowLearning
	}
	t.baseline += a * (float64(t.syn)/secs - t.baseline)

	t.syn, t.synAck, t.completed, t.refused, t.aborted, t.peak = 0, 0, 0, 0, 0, 0
	t.halfOpenMax = t.halfOpen
	if !t.alarm && (t.lastAlarm == 0 || now-t.lastAlarm >= episodeGap) &&
		(t.sp.syns == 0 || now-t.sp.first >= spanMin) {
		t.sp = span{}
	}
}

// blame returns the source that sent at least SourceShare of the span's
// SYNs, or an empty party.
func (d *Detector) blame(t *target) alert.Party {
	top, lower := t.sp.srcs.Top()
	if t.sp.syns == 0 || float64(lower) < d.cfg.SourceShare*float64(t.sp.syns) {
		return alert.Party{}
	}
	return alert.Party{Addr: top.Key, MAC: top.MAC}
}

func (d *Detector) report(k targetKey, t *target, now flow.Time) {
	c := &d.cfg
	rate := max(t.peak, t.syn)
	_, lower := t.sp.srcs.Top()
	share := 0.0
	if t.sp.syns > 0 {
		share = float64(lower) / float64(t.sp.syns)
	}
	sources := t.sp.hll.Estimate()
	sev := alert.High
	if rate >= 100*uint64(c.MinSYNRate) || t.halfOpenMax >= 100*c.MinHalfOpen {
		sev = alert.Critical
	}
	first := t.since
	if t.sp.first != 0 {
		first = min(first, t.sp.first)
	}
	victim := netip.AddrPortFrom(k.addr.Netip(), k.port).String()
	var b strings.Builder
	if !t.src.Addr.IsZero() {
		fmt.Fprintf(&b, "%s flooded %s with %s SYNs in 1 s", t.src.Addr, victim, sketch.Commas(rate))
		sketch.Totals(&b, rate, t.sp.peak, t.sp.syns)
	} else {
		fmt.Fprintf(&b, "%s was flooded with %s SYNs in 1 s", victim, sketch.Commas(rate))
		sketch.Totals(&b, rate, t.sp.peak, t.sp.syns)
		fmt.Fprintf(&b, " from about %s sources", sketch.Approx(sources))
		if sources >= manySources {
			b.WriteString(" (spoofed?)")
		}
		d.via(&b, t)
	}
	fmt.Fprintf(&b, "; %s half-open, %s completed", sketch.Commas(uint64(t.halfOpenMax)), sketch.Commas(t.completed))
	if t.refused > 0 {
		fmt.Fprintf(&b, ", %s refused", sketch.Commas(t.refused))
	}
	d.stats.Findings++
	d.deps.Reporter.Report(&alert.Finding{
		Time:     now,
		Kind:     Kind,
		Severity: sev,
		Src:      t.src,
		Dst:      alert.Party{Addr: k.addr, MAC: t.mac, Port: k.port},
		Episode:  fmt.Sprintf("tcp/%d", k.port),
		Summary:  b.String(),
		Evidence: map[string]any{
			"syn_per_s":          rate,
			"peak_syn_per_s":     max(t.sp.peak, rate),
			"syns":               t.syn,
			"syn_acks":           t.synAck,
			"completed":          t.completed,
			"refused":            t.refused,
			"half_open":          t.halfOpenMax,
			"baseline_syn_per_s": sketch.Round2(t.baseline),
			"cusum":              sketch.Round2(t.cusum),
			"sources":            sources,
			"top_source_share":   sketch.Round2(share),
			"syns_total":         t.sp.syns,
		},
		FirstSeen: first,
		Mitre:     Mitre,
	})
}

// via names the one switch port or MAC that all of a spoofed flood came
// through.
func (d *Detector) via(b *strings.Builder, t *target) {
	port, _ := t.sp.ports.One()
	mac, _ := t.sp.macs.One()
	b.WriteString(detect.Ingress(d.deps.Identity, port, mac))
}
