// Package flowtable turns flow events into bidirectional flows: it pairs
// the two directions of a conversation (initiator first), counts packets,
// bytes and TCP flags per direction, derives Zeek's conn_state, decides the
// outcome of each connection attempt (answered, refused by RST, refused by
// ICMP unreachable, unanswered after a timeout) and expires flows by event
// time.
//
// The table is bounded: it never holds more than Config.MaxFlows flows and
// evicts the flow idle for longest when full, counting evictions. It takes
// time only from events and Tick, never from the wall clock. It knows
// nothing of where events come from (pcap, AF_PACKET, eBPF) nor of what is
// hostile: it reports to an Observer and the detectors decide.
//
// A Table is not safe for concurrent use.
package flowtable

import (
	"github.com/crosstalk-dev/crosstalk/flow"
)

// Observer receives what happens to flows. Each *Flow is valid only during
// the call. Calls happen in event order, from the goroutine that calls
// Process, Tick or Flush.
type Observer interface {
	// FlowStart is called once for a new flow, after its first event.
	FlowStart(f *Flow)
	// Packet is called for every packet event applied to a flow
	// (including the first), with the direction it went.
	Packet(f *Flow, ev *flow.Event, dir Dir)
	// Outcome is called once when an attempt's outcome becomes known.
	Outcome(f *Flow)
	// FlowEnd is called when a flow leaves the table.
	FlowEnd(f *Flow, reason EndReason)
}

// Stats are the table's counters.
type Stats struct {
	Active          int    // flows held now
	Created         uint64 // flows created
	Expired         uint64 // flows that ended idle or closed
	Evicted         uint64 // flows evicted because the table was full
	EvictedPending  uint64 // evicted flows whose attempt had no outcome yet
	ICMPUnmatched   uint64 // ICMP errors about no known flow
	AttemptsDropped uint64 // attempts whose timeout could not be tracked (queue full)
	// ContinuedDropped counts later reports of flows the table had ended
	// already (eBPF): dropped, not taken for new flows.
	ContinuedDropped uint64
}

// Lists of flows in order of last activity, one per timeout class.
const (
	listTCP = iota
	listClosed
	listUDP
	listICMP
	numLists
)

type list struct{ head, tail int32 }

type attempt struct {
	idx      int32
	gen      uint32
	deadline flow.Time
}

// Table is the bounded flow table.
type Table struct {
	cfg      Config
	obs      Observer
	idx      index
	slab     []Flow
	free     []int32
	lists    [numLists]list
	timeouts [numLists]flow.Time

	attempts     []attempt
	attemptsHead int

	now       flow.Time
	nextSweep flow.Time
	sweep     flow.Time
	stats     Stats
}

// New returns an empty table that reports to obs. cfg must be valid.
func New(cfg Config, obs Observer) *Table {
	t := &Table{
		cfg: cfg,
		obs: obs,
		idx: newIndex(cfg.MaxFlows),
	}
	t.timeouts = [numLists]flow.Time{
		listTCP:    flow.Time(cfg.TCPTimeout),
		listClosed: flow.Time(cfg.ClosedTimeout),
		listUDP:    flow.Time(cfg.UDPTimeout),
		listICMP:   flow.Time(cfg.ICMPTimeout),
	}
	for i := range t.lists {
		t.lists[i] = list{-1, -1}
	}
	t.sweep = min(flow.Time(cfg.AttemptTimeout)/8, flow.Time(250e6))
	return t
}

// Stats returns the counters.
func (t *Table) Stats() Stats {
	s := t.stats
	s.Active = t.idx.n
	return s
}

// Now returns the latest event time seen.
func (t *Table) Now() flow.Time { return t.now }

// Process applies one event. Events should come in time order; a slightly
// late event is applied with its own time but never moves the table's
// clock back.
func (t *Table) Process(ev *flow.Event) {
	if ev.Time > t.now {
		t.now = ev.Time
		if t.now >= t.nextSweep {
			t.expire(t.now)
			t.nextSweep = t.now + t.sweep
		}
	}
	switch ev.Kind {
	case flow.EventPacket:
		t.packet(ev)
	case flow.EventICMPError:
		t.icmpError(ev)
	}
}

// Tick advances the table's clock to now (when no events come, in live
// mode) and expires what is due.
func (t *Table) Tick(now flow.Time) {
	if now > t.now {
		t.now = now
	}
	t.expire(t.now)
	t.nextSweep = t.now + t.sweep
}

// Flush ends every flow: pending attempts become unanswered, then all flows
// end with EndFlush. Use it at the end of input.
func (t *Table) Flush() {
	for t.attemptsHead < len(t.attempts) {
		t.popAttempt()
	}
	for l := range t.lists {
		for t.lists[l].head >= 0 {
			t.end(t.lists[l].head, EndFlush)
		}
	}
	t.attempts, t.attemptsHead = t.attempts[:0], 0
}

func (t *Table) packet(ev *flow.Event) {
	h := t.idx.hash(ev.Key)
	if idx := t.find(ev.Key, h); idx >= 0 {
		f := &t.slab[idx]
		dir := Orig
		if ev.Key != f.Key {
			dir = Resp
		}
		t.update(idx, f, ev, dir)
		return
	}
	if ev.Continued {
		t.stats.ContinuedDropped++ // the table ended it already
		return
	}
	key, dir := ev.Key, Orig
	if startsAsReply(ev) {
		key, dir = key.Reverse(), Resp
	}
	idx := t.alloc()
	f := &t.slab[idx]
	*f = Flow{Key: key, First: ev.Time, Last: ev.Time, VLAN: ev.VLAN, Verdict: ev.Verdict, Rule: ev.Rule, gen: f.gen, hash: h, prev: -1, next: -1}
	if dir == Orig {
		f.FirstFlags = ev.FirstFlags
		if isAttempt(ev) {
			f.Outcome = OutcomePending
			t.pushAttempt(idx, f.gen, ev.Time+flow.Time(t.cfg.AttemptTimeout))
		}
	}
	t.idx.insert(idx, h)
	t.stats.Created++
	t.link(idx, listOf(key.Proto))
	t.count(f, ev, dir)
	t.obs.FlowStart(f)
	t.obs.Packet(f, ev, dir)
}

// startsAsReply reports whether a flow's first event is the responder's:
// a SYN-ACK, or an ICMP reply (whose key has the request type as source).
func startsAsReply(ev *flow.Event) bool {
	switch ev.Key.Proto {
	case flow.ProtoTCP:
		return ev.FirstFlags&(flow.SYN|flow.ACK) == flow.SYN|flow.ACK
	case flow.ProtoICMP, flow.ProtoICMPv6:
		v6 := ev.Key.Proto == flow.ProtoICMPv6
		return ev.Key.SrcPort < 256 && flow.IsICMPRequest(uint8(ev.Key.SrcPort), v6)
	}
	return false
}

// isAttempt reports whether an initiator's first event opens a connection
// attempt whose outcome is worth knowing. A TCP flow that starts with a RST
// is a reply to something unseen; a one-way ICMP message expects nothing.
func isAttempt(ev *flow.Event) bool {
	if ev.Key.Dst.IsGroup() || ev.Key.Src.IsZero() {
		// Multicast and broadcast have no one responder, and a source
		// without an address (DHCP, duplicate address detection) is no
		// one's attempt.
		return false
	}
	switch ev.Key.Proto {
	case flow.ProtoTCP:
		return ev.FirstFlags&flow.RST == 0
	case flow.ProtoUDP:
		return true
	case flow.ProtoICMP, flow.ProtoICMPv6:
		v6 := ev.Key.Proto == flow.ProtoICMPv6
		return ev.Key.DstPort < 256 && flow.IsICMPRequest(uint8(ev.Key.DstPort), v6)
	}
	return false
}

func listOf(proto uint8) uint8 {
	switch proto {
	case flow.ProtoTCP:
		return listTCP
	case flow.ProtoICMP, flow.ProtoICMPv6:
		return listICMP
	}
	return listUDP
}

func (t *Table) update(idx int32, f *Flow, ev *flow.Event, dir Dir) {
	if ev.Time > f.Last {
		f.Last = ev.Time
	}
	t.count(f, ev, dir)
	if dir == Resp && f.Outcome == OutcomePending {
		if f.Key.Proto == flow.ProtoTCP && ev.Flags&flow.RST != 0 && ev.Flags&flow.SYN == 0 {
			t.resolve(f, OutcomeRefusedRST, ev.Time)
		} else {
			t.resolve(f, OutcomeAnswered, ev.Time)
		}
	}
	l := f.list
	if f.Key.Proto == flow.ProtoTCP && !f.closed {
		all := f.Flags[Orig] | f.Flags[Resp]
		if all&flow.RST != 0 || (f.Flags[Orig]&f.Flags[Resp])&flow.FIN != 0 {
			f.closed = true
			l = listClosed
		}
	}
	t.unlink(idx)
	t.link(idx, l)
	t.obs.Packet(f, ev, dir)
}

func (t *Table) count(f *Flow, ev *flow.Event, dir Dir) {
	if f.Packets[dir] == 0 {
		f.MAC[dir] = ev.SrcMAC
		f.Port[dir] = ev.Port
	}
	f.Packets[dir] += uint64(ev.Packets)
	f.Bytes[dir] += ev.Bytes
	f.Payload[dir] += ev.Payload
	f.Flags[dir] |= ev.Flags
}

func (t *Table) resolve(f *Flow, o Outcome, at flow.Time) {
	f.Outcome = o
	f.OutcomeTime = at
	t.obs.Outcome(f)
}

// icmpError marks the attempt an ICMP destination-unreachable refers to.
func (t *Table) icmpError(ev *flow.Event) {
	idx := t.find(ev.Inner, t.idx.hash(ev.Inner))
	if idx < 0 {
		t.stats.ICMPUnmatched++
		return
	}
	f := &t.slab[idx]
	unreachable := (ev.Key.Proto == flow.ProtoICMP && ev.ICMPType == 3) ||
		(ev.Key.Proto == flow.ProtoICMPv6 && ev.ICMPType == 1)
	if ev.Time > f.Last {
		f.Last = ev.Time
	}
	if unreachable && f.Outcome == OutcomePending {
		f.ICMPType, f.ICMPCode = ev.ICMPType, ev.ICMPCode
		t.resolve(f, OutcomeRefusedICMP, ev.Time)
	}
	t.unlink(idx)
	t.link(idx, f.list)
}

// alloc returns a free slot, evicting the longest-idle flow when full.
func (t *Table) alloc() int32 {
	if n := len(t.free); n > 0 {
		idx := t.free[n-1]
		t.free = t.free[:n-1]
		return idx
	}
	if len(t.slab) < t.cfg.MaxFlows {
		if len(t.slab) == cap(t.slab) {
			// Grow by hand: append would overshoot MaxFlows.
			grown := make([]Flow, len(t.slab), min(max(2*cap(t.slab), 1024), t.cfg.MaxFlows))
			copy(grown, t.slab)
			t.slab = grown
		}
		t.slab = append(t.slab, Flow{})
		return int32(len(t.slab) - 1)
	}
	victim := t.lists[listClosed].head
	if victim < 0 {
		for l := range t.lists {
			h := t.lists[l].head
			if h >= 0 && (victim < 0 || t.slab[h].Last < t.slab[victim].Last) {
				victim = h
			}
		}
	}
	if t.slab[victim].Outcome == OutcomePending {
		t.stats.EvictedPending++
	}
	t.stats.Evicted++
	t.end(victim, EndEvicted)
	n := len(t.free)
	idx := t.free[n-1]
	t.free = t.free[:n-1]
	return idx
}

// end removes a flow and tells the observer. Idle flows and flushed flows
// whose attempt is still pending become unanswered first; an evicted
// attempt stays pending, since nobody knows what became of it.
func (t *Table) end(idx int32, reason EndReason) {
	f := &t.slab[idx]
	if f.Outcome == OutcomePending && reason != EndEvicted {
		t.resolve(f, OutcomeUnanswered, min(t.now, f.First+flow.Time(t.cfg.AttemptTimeout)))
	}
	if reason == EndIdle {
		t.stats.Expired++
	}
	t.obs.FlowEnd(f, reason)
	t.idx.remove(idx, f.hash)
	t.unlink(idx)
	f.gen++
	t.free = append(t.free, idx)
}

func (t *Table) expire(now flow.Time) {
	for t.attemptsHead < len(t.attempts) && t.attempts[t.attemptsHead].deadline <= now {
		t.popAttempt()
	}
	if t.attemptsHead > 1024 && t.attemptsHead*2 > len(t.attempts) {
		n := copy(t.attempts, t.attempts[t.attemptsHead:])
		t.attempts, t.attemptsHead = t.attempts[:n], 0
	}
	for l := range t.lists {
		to := t.timeouts[l]
		for h := t.lists[l].head; h >= 0 && t.slab[h].Last+to <= now; h = t.lists[l].head {
			t.end(h, EndIdle)
		}
	}
}

func (t *Table) pushAttempt(idx int32, gen uint32, deadline flow.Time) {
	if len(t.attempts)-t.attemptsHead >= t.cfg.MaxFlows {
		t.stats.AttemptsDropped++
		t.attemptsHead++
	}
	t.attempts = append(t.attempts, attempt{idx, gen, deadline})
}

func (t *Table) popAttempt() {
	a := t.attempts[t.attemptsHead]
	t.attemptsHead++
	f := &t.slab[a.idx]
	if f.gen == a.gen && f.Outcome == OutcomePending {
		t.resolve(f, OutcomeUnanswered, min(a.deadline, t.now))
	}
}

func (t *Table) link(idx int32, l uint8) {
	f := &t.slab[idx]
	f.list = l
	f.next = -1
	f.prev = t.lists[l].tail
	if f.prev >= 0 {
		t.slab[f.prev].next = idx
	} else {
		t.lists[l].head = idx
	}
	t.lists[l].tail = idx
}

func (t *Table) unlink(idx int32) {
	f := &t.slab[idx]
	l := &t.lists[f.list]
	if f.prev >= 0 {
		t.slab[f.prev].next = f.next
	} else {
		l.head = f.next
	}
	if f.next >= 0 {
		t.slab[f.next].prev = f.prev
	} else {
		l.tail = f.prev
	}
	f.prev, f.next = -1, -1
}
