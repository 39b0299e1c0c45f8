// Package detecttest builds detector scenarios as flow events and runs
// them through the real flow table, engine and alert manager, so that
// detector tests read as traffic ("web-1 connects to app-1 on 8080")
// rather than as hand-made callbacks.
package detecttest

import (
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// Start is the event time scenarios begin at: 2026-01-01T00:00:00Z.
var Start = flow.FromTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))

// Reply says how a target answers a probe.
type Reply int

// Replies.
const (
	Open     Reply = iota // TCP: SYN-ACK (then the client completes and closes); UDP/ICMP: an answer
	Closed                // TCP: RST; UDP: ICMP port unreachable
	Filtered              // nothing comes back
)

// Addr parses an IP address.
func Addr(s string) flow.Addr { return flow.MustParseAddr(s) }

// MACOf returns the MAC the scenarios give an IPv4 address: 02:00 then
// the four address bytes.
func MACOf(a flow.Addr) flow.MAC { return flow.MAC{2, 0, a[12], a[13], a[14], a[15]} }

// Gen accumulates events in time order. Its clock only moves forward, by
// Advance or by the small delays inside each exchange.
type Gen struct {
	Now    flow.Time
	Events []flow.Event
	sport  uint16
}

// NewGen returns a generator starting at Start.
func NewGen() *Gen { return &Gen{Now: Start, sport: 40000} }

// Advance moves the clock.
func (g *Gen) Advance(d time.Duration) *Gen { g.Now += flow.Time(d); return g }

func (g *Gen) nextPort() uint16 {
	g.sport++
	if g.sport < 40000 {
		g.sport = 40000
	}
	return g.sport
}

// Packet appends one packet event from src to dst and moves the clock 10 µs.
func (g *Gen) Packet(src, dst flow.Addr, proto uint8, sp, dp uint16, flags flow.TCPFlags, payload int) {
	hdr := 20 + 8
	if proto == flow.ProtoTCP {
		hdr = 20 + 20
	}
	g.Events = append(g.Events, flow.Event{
		Time: g.Now, Kind: flow.EventPacket,
		Key:    flow.Key{Src: src, Dst: dst, SrcPort: sp, DstPort: dp, Proto: proto},
		SrcMAC: MACOf(src), DstMAC: MACOf(dst),
		Packets: 1, Bytes: uint64(hdr + payload), Payload: uint64(payload),
		Flags: flags, FirstFlags: flags,
	})
	g.Now += flow.Time(10 * time.Microsecond)
}

// TCP opens a TCP connection from src to dst:port. An Open target
// completes the handshake, exchanges request and response bytes and both
// sides close; Closed answers RST; Filtered stays silent.
func (g *Gen) TCP(src, dst string, port uint16, r Reply, request, response int) {
	s, d, sp := Addr(src), Addr(dst), g.nextPort()
	g.Packet(s, d, flow.ProtoTCP, sp, port, flow.SYN, 0)
	switch r {
	case Open:
		g.Packet(d, s, flow.ProtoTCP, port, sp, flow.SYN|flow.ACK, 0)
		g.Packet(s, d, flow.ProtoTCP, sp, port, flow.ACK, 0)
		if request > 0 {
			g.Packet(s, d, flow.ProtoTCP, sp, port, flow.PSH|flow.ACK, request)
		}
		for left := response; left > 0; left -= 1448 {
			g.Packet(d, s, flow.ProtoTCP, port, sp, flow.PSH|flow.ACK, min(left, 1448))
		}
		g.Packet(s, d, flow.ProtoTCP, sp, port, flow.FIN|flow.ACK, 0)
		g.Packet(d, s, flow.ProtoTCP, port, sp, flow.FIN|flow.ACK, 0)
		g.Packet(s, d, flow.ProtoTCP, sp, port, flow.ACK, 0)
	case Closed:
		g.Packet(d, s, flow.ProtoTCP, port, sp, flow.RST|flow.ACK, 0)
	}
}

// Probe sends one TCP segment with the given flags (a stealth probe) from
// src to dst:port; a Closed target answers RST, others stay silent.
func (g *Gen) Probe(src, dst string, port uint16, flags flow.TCPFlags, r Reply) {
	s, d, sp := Addr(src), Addr(dst), g.nextPort()
	g.Packet(s, d, flow.ProtoTCP, sp, port, flags, 0)
	if r == Closed {
		g.Packet(d, s, flow.ProtoTCP, port, sp, flow.RST, 0)
	}
}

// UDP sends a datagram of size bytes from src to dst:port. Open answers
// with a datagram, Closed with ICMP port unreachable.
func (g *Gen) UDP(src, dst string, port uint16, r Reply, size int) {
	s, d, sp := Addr(src), Addr(dst), g.nextPort()
	g.Packet(s, d, flow.ProtoUDP, sp, port, 0, size)
	switch r {
	case Open:
		g.Packet(d, s, flow.ProtoUDP, port, sp, 0, size)
	case Closed:
		g.Events = append(g.Events, flow.Event{
			Time: g.Now, Kind: flow.EventICMPError, SrcMAC: MACOf(d), DstMAC: MACOf(s),
			Key:      flow.Key{Src: d, Dst: s, Proto: flow.ProtoICMP, SrcPort: 3, DstPort: 3},
			ICMPType: 3, ICMPCode: 3,
			Inner: flow.Key{Src: s, Dst: d, SrcPort: sp, DstPort: port, Proto: flow.ProtoUDP},
		})
		g.Now += flow.Time(10 * time.Microsecond)
	}
}

// Ping sends an ICMP echo request; Open targets reply.
func (g *Gen) Ping(src, dst string, r Reply) {
	s, d, id := Addr(src), Addr(dst), g.nextPort()
	g.Packet(s, d, flow.ProtoICMP, id, 8, 0, 56)
	if r == Open {
		g.Packet(d, s, flow.ProtoICMP, 8, id, 0, 56)
	}
}

// ARP sends an ARP request from src for target; Open targets reply.
func (g *Gen) ARP(src, target string, r Reply) {
	s, t := Addr(src), Addr(target)
	g.Events = append(g.Events, flow.Event{Time: g.Now, Kind: flow.EventARP, Key: flow.Key{Src: s, Dst: t},
		SrcMAC: MACOf(s), DstMAC: flow.MAC{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, ARPOp: flow.ARPRequest, ARPSender: MACOf(s)})
	g.Now += flow.Time(10 * time.Microsecond)
	if r == Open {
		g.Events = append(g.Events, flow.Event{Time: g.Now, Kind: flow.EventARP, Key: flow.Key{Src: t, Dst: s},
			SrcMAC: MACOf(t), DstMAC: MACOf(s), ARPOp: flow.ARPReply, ARPSender: MACOf(t)})
		g.Now += flow.Time(10 * time.Microsecond)
	}
}

// Sink collects alerts in memory.
type Sink struct{ Opened, Closed []alert.Alert }

// Open implements alert.Sink.
func (s *Sink) Open(a *alert.Alert) { s.Opened = append(s.Opened, *a) }

// Close implements alert.Sink.
func (s *Sink) Close(a *alert.Alert) { s.Closed = append(s.Closed, *a) }

// Run replays events through a flow table with default settings, the
// given detectors and an alert manager, and returns the alerts. make
// builds the detectors from the dependencies (the reporter).
func Run(t testing.TB, events []flow.Event, make func(deps detect.Dependencies) []detect.Detector) []alert.Alert {
	t.Helper()
	return RunWith(t, events, nil, make)
}

// RunWith is Run with an identity for the detectors.
func RunWith(t testing.TB, events []flow.Event, id detect.Identity, make func(deps detect.Dependencies) []detect.Detector) []alert.Alert {
	t.Helper()
	sink := &Sink{}
	mgr := alert.NewManager(alert.DefaultConfig(), alert.Dependencies{Sink: sink})
	dets := make(detect.Dependencies{Reporter: mgr, Identity: id})
	eng := detect.NewEngine(flowtable.DefaultConfig(), dets, nil, mgr)
	for i := range events {
		eng.Process(&events[i])
	}
	eng.Flush()
	mgr.Flush()
	return sink.Closed
}

// Kinds returns "kind src->dst" for each alert, for compact assertions.
func Kinds(as []alert.Alert) []string {
	var out []string
	for _, a := range as {
		s := a.Kind + " "
		if a.Src != nil {
			s += a.Src.IP
		}
		s += "->"
		if a.Dst != nil {
			s += a.Dst.IP
		}
		out = append(out, s)
	}
	return out
}
