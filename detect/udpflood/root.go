// Package udpflood detects UDP and ICMP packet floods at one target.
//
// Method. Every UDP, ICMP and ICMPv6 packet sent towards a target address
// counts for it, except answers to the target's own traffic (the replies
// of a flow the target started: a client's DNS answers, a QUIC download,
// echo replies to its pings), which are its own doing. Unsolicited
// replies, as in reflection floods, do count. Counts go into a sliding
// window of one second made of ten 100 ms buckets of event time, so that
// a burst of a few hundred milliseconds is seen whole whatever the tick
// boundaries. Once a second, the highest one-second count since the last
// tick is compared with an absolute floor (MinPPS) and with
// BaselineFactor times the target's baseline, an EWMA of its packet rate;
// both must be exceeded. A lower floor (MinSprayPPS) applies to floods
// that spray flows and draw no answers, the mark of spoofed sources and
// rotating source ports: most packets open a new flow and few of those
// flows are answered. While a target is busy (a tenth of its lower
// threshold), the sources, destination ports and ingress of its packets
// are followed in fixed space to blame the flood.
//
// Blame: the target is the alert's destination, with the UDP port that
// got at least half of the packets (none for a flood to random ports, in
// which one source port points to reflection). When one source address
// sent at least SourceShare of the packets it is the source; otherwise the
// source is left empty, the alert counts distinct sources (an estimate),
// calls them spoofed when there are many, and names the single MAC or
// switch port they all came through when there is one: on a host, the
// ingress port is the truth that forged addresses hide. A flood that
// pauses for less than a minute stays one flood: its source is not blamed
// anew and its totals go on.
//
// It must never alert on DNS and NTP chatter, on replies to what a guest
// asked for, or below MinSprayPPS. It never reports per packet: at most once a
// second per target while the flood lasts. Its tables are bounded, and
// the per-packet work is one map lookup (none when packets keep hitting
// the same target) and no allocation; each answered flow costs one more.
//
// ICMP errors are not counted: the flow table reports them as outcomes of
// the flows they quote, not as packets.
package udpflood

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
const Kind = "udpflood"

// Mitre is the technique of a packet flood: network denial of service by
// direct network flood.
const Mitre = "T1498.001"

// spanMin is how much history a target's details keep before a flood,
// so that a burst cut in two by a tick boundary is blamed on all of it.
const spanMin = flow.Time(2 * time.Second)

// episodeGap is how long a flood may pause and still be the same flood:
// its totals go on and its source stays as first blamed.
const episodeGap = flow.Time(time.Minute)

// portShare is the share of a flood's UDP packets one port must have to be
// named: a flood to random ports has no port to name.
const portShare = 0.5

// hotShare is the share of its threshold at which a target's details
// start being followed.
const hotShare = 10

// manySources is where a flood without a main source looks spoofed.
const manySources = 32

// slowLearning divides the baseline's learning rate during a flood.
const slowLearning = 10

// span is what a busy target's packets looked like since span.first.
type span struct {
	first     flow.Time
	pkts      uint64
	peak      uint64 // most packets in a one-second window
	udp, icmp uint64
	srcs      sketch.TopK[flow.Addr]
	ports     sketch.TopK[uint16] // destination
	srcPorts  sketch.TopK[uint16]
	hll       sketch.HLL
	macs      sketch.Few[flow.MAC]
	ingress   sketch.Few[uint32] // switch ports
}

func (s *span) add(ev *flow.Event, n uint64) {
	if s.pkts == 0 {
		s.first = ev.Time
	}
	s.pkts += n
	s.srcs.Add(ev.Key.Src, ev.SrcMAC, n)
	s.hll.Add(ev.Key.Src.Uint64())
	if ev.Key.Proto == flow.ProtoUDP {
		s.udp += n
		s.ports.Add(ev.Key.DstPort, flow.MAC{}, n)
		s.srcPorts.Add(ev.Key.SrcPort, flow.MAC{}, n)
	} else {
		s.icmp += n
	}
	s.macs.Add(ev.SrcMAC)
	s.ingress.Add(ev.Port)
}

type target struct {
	mac  flow.MAC
	last flow.Time // last packet

	// Since the last tick.
	pkts     uint64
	peak     uint64 // most packets in a one-second window
	newFlows uint64 // packets that opened a flow
	answered uint64 // flows towards the target that it answered

	win      sketch.Window
	hot      uint64 // window count from which details are followed
	baseline float64

	alarm     bool
	since     flow.Time // when the flood began
	lastAlarm flow.Time // the last tick in alarm
	src       alert.Party
	sp        *span // nil while quiet
}

// Stats are the detector's counters.
type Stats struct {
	Targets        int    // targets followed now
	TargetsEvicted uint64 // targets forgotten because MaxTargets was reached
	Busy           int    // targets whose details are followed
	Findings       uint64
}

// Detector is the udpflood detector. Not safe for concurrent use.
type Detector struct {
	cfg     Config
	deps    detect.Dependencies
	targets *detect.LRU[flow.Addr, target]
	free    []*span

	// The last target looked up: a flood hits one target many times in a
	// row. Valid until the LRU adds or deletes an entry.
	lastKey flow.Addr
	last    *target

	lastTick flow.Time
	idle     []flow.Addr
	stats    Stats
}

// New returns a udpflood detector; cfg must be valid.
func New(cfg Config, deps detect.Dependencies) *Detector {
	return &Detector{
		cfg:     cfg,
		deps:    deps,
		targets: detect.NewLRU[flow.Addr, target](cfg.MaxTargets),
	}
}

// Name implements detect.Detector.
func (d *Detector) Name() string { return Kind }

// Stats returns the counters.
func (d *Detector) Stats() Stats {
	s := d.stats
	s.Targets = d.targets.Len()
	s.TargetsEvicted = d.targets.Evicted
	d.targets.Range(func(_ flow.Addr, t *target) bool {
		if t.sp != nil {
			s.Busy++
		}
		return true
	})
	return s
}

// Packet implements detect.PacketObserver.
func (d *Detector) Packet(f *flowtable.Flow, ev *flow.Event, dir flowtable.Dir) {
	switch ev.Key.Proto {
	case flow.ProtoUDP, flow.ProtoICMP, flow.ProtoICMPv6:
	default:
		return
	}
	if dir == flowtable.Resp && f.Packets[flowtable.Orig] > 0 {
		return // an answer to what the target sent
	}
	t := d.get(ev)
	n := uint64(ev.Packets)
	if f.Packets[flowtable.Orig]+f.Packets[flowtable.Resp] == n {
		t.newFlows++
	}
	t.pkts += n
	t.last = ev.Time
	s := t.win.Add(ev.Time, n)
	t.peak = max(t.peak, s)
	if t.sp == nil {
		if s < t.hot {
			return
		}
		t.sp = d.newSpan()
	}
	t.sp.add(ev, n)
}

// Outcome implements detect.OutcomeObserver: it counts the flows a target
// answered.
func (d *Detector) Outcome(f *flowtable.Flow) {
	if f.Outcome != flowtable.OutcomeAnswered || f.Key.Proto == flow.ProtoTCP {
		return
	}
	k := f.Key.Dst
	if d.last != nil && d.lastKey == k {
		d.last.answered++
	} else if t, ok := d.targets.Get(k); ok {
		d.lastKey, d.last = k, t
		t.answered++
	}
}

func (d *Detector) get(ev *flow.Event) *target {
	k := ev.Key.Dst
	if d.last != nil && d.lastKey == k {
		return d.last
	}
	t, ok := d.targets.Get(k)
	if !ok {
		if d.targets.Len() >= d.cfg.MaxTargets {
			if _, old, ok := d.targets.Oldest(); ok && old.sp != nil {
				d.release(old)
			}
		}
		t, _ = d.targets.Put(k)
		t.mac = ev.DstMAC
		t.hot = uint64(d.cfg.MinSprayPPS / hotShare)
	}
	d.lastKey, d.last = k, t
	return t
}

func (d *Detector) newSpan() *span {
	if n := len(d.free); n > 0 {
		s := d.free[n-1]
		d.free = d.free[:n-1]
		return s
	}
	return new(span)
}

func (d *Detector) release(t *target) {
	*t.sp = span{}
	d.free = append(d.free, t.sp)
	t.sp = nil
}

// Tick implements detect.Ticker: once a second each target's peak rate is
// compared with its threshold, floods are reported and baselines learn.
func (d *Detector) Tick(now flow.Time) {
	secs := 1.0
	if d.lastTick != 0 {
		secs = max(now.Sub(d.lastTick).Seconds(), 1)
	}
	d.lastTick = max(d.lastTick, now)
	d.targets.Range(func(k flow.Addr, t *target) bool {
		d.evaluate(k, t, now, secs)
		if !t.alarm && now.Sub(t.last) >= d.cfg.IdleTimeout {
			d.idle = append(d.idle, k)
		}
		return true
	})
	for _, k := range d.idle {
		if t, ok := d.targets.Peek(k); ok && t.sp != nil {
			d.release(t)
		}
		d.targets.Delete(k)
	}
	if len(d.idle) > 0 {
		d.idle, d.last = d.idle[:0], nil
	}
}

// thresholds returns the packet rates a flood must reach: any flood, and
// one that sprays flows without answers.
func (d *Detector) thresholds(t *target) (all, spray float64) {
	b := d.cfg.BaselineFactor * t.baseline
	return max(float64(d.cfg.MinPPS), b), max(float64(d.cfg.MinSprayPPS), b)
}

// sprays reports whether the second's packets mostly opened flows that
// went unanswered.
func (d *Detector) sprays(t *target) bool {
	return t.newFlows > 0 && float64(t.newFlows) >= d.cfg.MinNewFlowShare*float64(t.pkts) &&
		float64(t.answered) <= d.cfg.MaxAnsweredShare*float64(t.newFlows)
}

func (d *Detector) evaluate(k flow.Addr, t *target, now flow.Time, secs float64) {
	c := &d.cfg
	th, spray := d.thresholds(t)
	if d.sprays(t) {
		th = spray
	}
	if t.sp != nil {
		t.sp.peak = max(t.sp.peak, t.peak)
	}
	if float64(t.peak) >= th {
		if !t.alarm && (t.lastAlarm == 0 || now-t.lastAlarm >= episodeGap) {
			t.since, t.src = now, d.blame(t)
		}
		t.alarm, t.lastAlarm = true, now
		d.report(k, t, now, th)
	} else {
		t.alarm = false
	}

	a := -math.Expm1(-math.Ln2 * secs / c.BaselineHalfLife.Seconds())
	if t.alarm {
		a /= slowLearning
	}
	t.baseline += a * (float64(t.pkts)/secs - t.baseline)
	_, spray = d.thresholds(t)
	t.hot = uint64(spray / hotShare)
	t.pkts, t.peak, t.newFlows, t.answered = 0, 0, 0, 0

	if t.sp != nil && !t.alarm && (t.lastAlarm == 0 || now-t.lastAlarm >= episodeGap) && now-t.sp.first >= spanMin {
		if t.win.Add(now, 0) >= t.hot {
			*t.sp = span{}
		} else {
			d.release(t)
		}
	}
}

// blame returns the source that sent at least SourceShare of the span's
// packets, or an empty party.
func (d *Detector) blame(t *target) alert.Party {
	if t.sp == nil || t.sp.pkts == 0 {
		return alert.Party{}
	}
	top, lower := t.sp.srcs.Top()
	if float64(lower) < d.cfg.SourceShare*float64(t.sp.pkts) {
		return alert.Party{}
	}
	return alert.Party{Addr: top.Key, MAC: top.MAC}
}

func (d *Detector) report(k flow.Addr, t *target, now flow.Time, threshold float64) {
	sp := t.sp
	if sp == nil {
		sp = &span{first: now} // a single event carried the whole flood
	}
	_, srcLower := sp.srcs.Top()
	port, portLower := sp.ports.Top()
	var sources uint64
	srcShare, dstPortShare := 0.0, 0.0
	if sp.pkts > 0 {
		sources = sp.hll.Estimate()
		srcShare = float64(srcLower) / float64(sp.pkts)
	}
	dst := alert.Party{Addr: k, MAC: t.mac}
	proto := "UDP"
	switch {
	case sp.udp > 0 && sp.icmp*10 > sp.pkts:
		proto = "UDP and ICMP"
	case sp.icmp > sp.udp:
		proto = "ICMP"
	}
	srcPort, srcPortLower := sp.srcPorts.Top()
	srcPortShare := 0.0
	if sp.udp > 0 {
		dstPortShare = float64(portLower) / float64(sp.udp)
		srcPortShare = float64(srcPortLower) / float64(sp.udp)
		if proto != "ICMP" && dstPortShare >= portShare {
			dst.Port = port.Key
		}
	}
	victim := k.String()
	if dst.Port != 0 {
		victim = netip.AddrPortFrom(k.Netip(), dst.Port).String()
	}
	sev := alert.High
	if t.peak >= 10*uint64(d.cfg.MinPPS) {
		sev = alert.Critical
	}
	var b strings.Builder
	if !t.src.Addr.IsZero() {
		fmt.Fprintf(&b, "%s flooded %s with %s %s packets in 1 s", t.src.Addr, victim, sketch.Commas(t.peak), proto)
		sketch.Totals(&b, t.peak, sp.peak, sp.pkts)
	} else {
		fmt.Fprintf(&b, "%s was flooded with %s %s packets in 1 s", victim, sketch.Commas(t.peak), proto)
		sketch.Totals(&b, t.peak, sp.peak, sp.pkts)
		fmt.Fprintf(&b, " from about %s sources", sketch.Approx(sources))
		if sources >= manySources {
			b.WriteString(" (spoofed?)")
		}
		d.via(&b, sp)
	}
	if dst.Port == 0 && sp.udp > 0 && srcPortShare >= portShare {
		// Many destination ports, one source port: replies nobody asked
		// for, as in reflection (DNS 53, NTP 123, IKE 500/4500...).
		fmt.Fprintf(&b, ", from UDP port %d to many ports (reflection?)", srcPort.Key)
	}
	fmt.Fprintf(&b, "; baseline %s pps", sketch.Commas(uint64(t.baseline+0.5)))
	first := t.since
	if sp.first != 0 {
		first = min(first, sp.first)
	}
	d.stats.Findings++
	d.deps.Reporter.Report(&alert.Finding{
		Time:     now,
		Kind:     Kind,
		Severity: sev,
		Src:      t.src,
		Dst:      dst,
		Summary:  b.String(),
		Evidence: map[string]any{
			"pps":                t.peak,
			"packets":            t.pkts,
			"baseline_pps":       sketch.Round2(t.baseline),
			"threshold_pps":      sketch.Round2(threshold),
			"new_flows":          t.newFlows,
			"answered_flows":     t.answered,
			"sources":            sources,
			"top_source_share":   sketch.Round2(srcShare),
			"top_port":           port.Key,
			"top_port_share":     sketch.Round2(dstPortShare),
			"top_src_port":       srcPort.Key,
			"top_src_port_share": sketch.Round2(srcPortShare),
			"peak_pps":           max(sp.peak, t.peak),
			"udp_packets":        sp.udp,
			"icmp_packets":       sp.icmp,
			"packets_total":      sp.pkts,
		},
		FirstSeen: first,
		Mitre:     Mitre,
	})
}

// via names the one switch port or MAC that all of a spoofed flood came
// through.
func (d *Detector) via(b *strings.Builder, sp *span) {
	port, _ := sp.ingress.One()
	mac, _ := sp.macs.One()
	b.WriteString(detect.Ingress(d.deps.Identity, port, mac))
}
