package flowtable

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// recorder is an Observer that writes what happened as text lines.
type recorder struct{ log []string }

func (r *recorder) FlowStart(f *Flow)              { r.log = append(r.log, "start "+f.Key.String()) }
func (r *recorder) Packet(*Flow, *flow.Event, Dir) {}
func (r *recorder) Outcome(f *Flow) {
	r.log = append(r.log, fmt.Sprintf("outcome %s %s at %s", f.Key, f.Outcome, time.Duration(f.OutcomeTime)))
}
func (r *recorder) FlowEnd(f *Flow, reason EndReason) {
	r.log = append(r.log, fmt.Sprintf("end %s %s %d/%d reason=%d", f.Key, f.State(), f.Packets[Orig], f.Packets[Resp], reason))
}

var (
	a = flow.MustParseAddr("10.0.0.1")
	b = flow.MustParseAddr("10.0.0.2")
)

func ms(n int) flow.Time { return flow.Time(time.Duration(n) * time.Millisecond) }

func tcp(at flow.Time, src, dst flow.Addr, sp, dp uint16, fl flow.TCPFlags) flow.Event {
	return flow.Event{Time: at, Kind: flow.EventPacket, Key: flow.Key{Src: src, Dst: dst, SrcPort: sp, DstPort: dp, Proto: flow.ProtoTCP},
		Packets: 1, Bytes: 40, Flags: fl, FirstFlags: fl}
}

func udp(at flow.Time, src, dst flow.Addr, sp, dp uint16) flow.Event {
	return flow.Event{Time: at, Kind: flow.EventPacket, Key: flow.Key{Src: src, Dst: dst, SrcPort: sp, DstPort: dp, Proto: flow.ProtoUDP},
		Packets: 1, Bytes: 60, Payload: 32}
}

func TestTable(t *testing.T) {
	cases := []struct {
		name   string
		events []flow.Event
		want   []string
	}{{
		name: "handshake and close",
		events: []flow.Event{
			tcp(ms(0), a, b, 1000, 80, flow.SYN), tcp(ms(1), b, a, 80, 1000, flow.SYN|flow.ACK), tcp(ms(2), a, b, 1000, 80, flow.ACK),
			tcp(ms(3), a, b, 1000, 80, flow.FIN|flow.ACK), tcp(ms(4), b, a, 80, 1000, flow.FIN|flow.ACK),
		},
		want: []string{
			"start tcp 10.0.0.1:1000 -> 10.0.0.2:80",
			"outcome tcp 10.0.0.1:1000 -> 10.0.0.2:80 answered at 1ms",
			"end tcp 10.0.0.1:1000 -> 10.0.0.2:80 SF 3/2 reason=3",
		},
	}, {
		name:   "refused by RST",
		events: []flow.Event{tcp(ms(0), a, b, 1000, 81, flow.SYN), tcp(ms(1), b, a, 81, 1000, flow.RST|flow.ACK)},
		want: []string{
			"start tcp 10.0.0.1:1000 -> 10.0.0.2:81",
			"outcome tcp 10.0.0.1:1000 -> 10.0.0.2:81 refused-rst at 1ms",
			"end tcp 10.0.0.1:1000 -> 10.0.0.2:81 REJ 1/1 reason=3",
		},
	}, {
		name:   "unanswered after the attempt timeout",
		events: []flow.Event{tcp(ms(0), a, b, 1000, 82, flow.SYN), udp(ms(6000), a, b, 5, 6)},
		want: []string{
			"start tcp 10.0.0.1:1000 -> 10.0.0.2:82",
			"outcome tcp 10.0.0.1:1000 -> 10.0.0.2:82 unanswered at 5s",
			"start udp 10.0.0.1:5 -> 10.0.0.2:6",
			"outcome udp 10.0.0.1:5 -> 10.0.0.2:6 unanswered at 6s",
			"end tcp 10.0.0.1:1000 -> 10.0.0.2:82 S0 1/0 reason=3",
			"end udp 10.0.0.1:5 -> 10.0.0.2:6 S0 1/0 reason=3",
		},
	}, {
		name: "udp refused by ICMP port unreachable",
		events: []flow.Event{udp(ms(0), a, b, 5000, 53), {Time: ms(2), Kind: flow.EventICMPError,
			Key: flow.Key{Src: b, Dst: a, Proto: flow.ProtoICMP}, ICMPType: 3, ICMPCode: 3,
			Inner: flow.Key{Src: a, Dst: b, SrcPort: 5000, DstPort: 53, Proto: flow.ProtoUDP}}},
		want: []string{
			"start udp 10.0.0.1:5000 -> 10.0.0.2:53",
			"outcome udp 10.0.0.1:5000 -> 10.0.0.2:53 refused-icmp at 2ms",
			"end udp 10.0.0.1:5000 -> 10.0.0.2:53 REJ 1/0 reason=3",
		},
	}, {
		name: "echo request and reply",
		events: []flow.Event{
			{Time: ms(0), Kind: flow.EventPacket, Packets: 1, Key: flow.Key{Src: a, Dst: b, SrcPort: 7, DstPort: 8, Proto: flow.ProtoICMP}},
			{Time: ms(1), Kind: flow.EventPacket, Packets: 1, Key: flow.Key{Src: b, Dst: a, SrcPort: 8, DstPort: 7, Proto: flow.ProtoICMP}},
		},
		want: []string{
			"start icmp 10.0.0.1:7 -> 10.0.0.2:8",
			"outcome icmp 10.0.0.1:7 -> 10.0.0.2:8 answered at 1ms",
			"end icmp 10.0.0.1:7 -> 10.0.0.2:8 SF 1/1 reason=3",
		},
	}, {
		name:   "a SYN-ACK seen first makes its receiver the initiator",
		events: []flow.Event{tcp(ms(0), b, a, 80, 1000, flow.SYN|flow.ACK), tcp(ms(1), a, b, 1000, 80, flow.ACK)},
		want: []string{
			"start tcp 10.0.0.1:1000 -> 10.0.0.2:80",
			"end tcp 10.0.0.1:1000 -> 10.0.0.2:80 OTH 1/1 reason=3",
		},
	}, {
		name:   "idle flows expire by event time",
		events: []flow.Event{udp(ms(0), a, b, 1, 2), udp(ms(1), b, a, 2, 1), udp(ms(61_000), a, b, 3, 4)},
		want: []string{
			"start udp 10.0.0.1:1 -> 10.0.0.2:2",
			"outcome udp 10.0.0.1:1 -> 10.0.0.2:2 answered at 1ms",
			"end udp 10.0.0.1:1 -> 10.0.0.2:2 SF 1/1 reason=1",
			"start udp 10.0.0.1:3 -> 10.0.0.2:4",
			"outcome udp 10.0.0.1:3 -> 10.0.0.2:4 unanswered at 1m1s",
			"end udp 10.0.0.1:3 -> 10.0.0.2:4 S0 1/0 reason=3",
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{}
			tab := New(DefaultConfig(), r)
			for i := range c.events {
				tab.Process(&c.events[i])
			}
			tab.Flush()
			if diff := cmp.Diff(r.log, c.want); diff != "" {
				t.Errorf("(-got +want)\n%s", diff)
			}
			if n := tab.Stats().Active; n != 0 {
				t.Errorf("%d flows left after Flush", n)
			}
		})
	}
}

func TestStates(t *testing.T) {
	cases := []struct {
		name string
		orig []flow.TCPFlags
		resp []flow.TCPFlags
		want string
	}{
		{"S0", []flow.TCPFlags{flow.SYN}, nil, "S0"},
		{"S1", []flow.TCPFlags{flow.SYN, flow.ACK}, []flow.TCPFlags{flow.SYN | flow.ACK}, "S1"},
		{"S2", []flow.TCPFlags{flow.SYN, flow.FIN | flow.ACK}, []flow.TCPFlags{flow.SYN | flow.ACK}, "S2"},
		{"S3", []flow.TCPFlags{flow.SYN}, []flow.TCPFlags{flow.SYN | flow.ACK, flow.FIN | flow.ACK}, "S3"},
		{"RSTO", []flow.TCPFlags{flow.SYN, flow.RST}, []flow.TCPFlags{flow.SYN | flow.ACK}, "RSTO"},
		{"RSTR", []flow.TCPFlags{flow.SYN}, []flow.TCPFlags{flow.SYN | flow.ACK, flow.RST}, "RSTR"},
		{"RSTOS0", []flow.TCPFlags{flow.SYN, flow.RST}, nil, "RSTOS0"},
		{"SH", []flow.TCPFlags{flow.SYN, flow.FIN}, nil, "SH"},
		{"OTH midstream", []flow.TCPFlags{flow.ACK | flow.PSH}, []flow.TCPFlags{flow.ACK}, "OTH"},
		{"OTH xmas", []flow.TCPFlags{flow.FIN | flow.PSH | flow.URG}, nil, "OTH"},
	}
	for _, c := range cases {
		f := Flow{Key: flow.Key{Proto: flow.ProtoTCP}, FirstFlags: c.orig[0]}
		for _, fl := range c.orig {
			f.Flags[Orig] |= fl
			f.Packets[Orig]++
		}
		for _, fl := range c.resp {
			f.Flags[Resp] |= fl
			f.Packets[Resp]++
		}
		if got := f.State(); got != c.want {
			t.Errorf("%s: State() = %s, want %s", c.name, got, c.want)
		}
	}
}

type counter struct{ starts, ends, evicted int }

func (c *counter) FlowStart(*Flow)                { c.starts++ }
func (c *counter) Packet(*Flow, *flow.Event, Dir) {}
func (c *counter) Outcome(*Flow)                  {}
func (c *counter) FlowEnd(f *Flow, r EndReason) {
	c.ends++
	if r == EndEvicted {
		c.evicted++
	}
}

func TestBoundedWithEviction(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxFlows = 64
	c := &counter{}
	tab := New(cfg, c)
	for i := 0; i < 10_000; i++ {
		ev := udp(ms(i), a, b, uint16(i), 53)
		tab.Process(&ev)
		if n := tab.Stats().Active; n > cfg.MaxFlows {
			t.Fatalf("%d flows held, bound is %d", n, cfg.MaxFlows)
		}
	}
	tab.Flush()
	st := tab.Stats()
	if st.Evicted == 0 || c.evicted != int(st.Evicted) || c.starts != 10_000 || c.ends != 10_000 {
		t.Errorf("stats %+v, observer %+v", st, c)
	}
}

func TestNoAllocsSteadyState(t *testing.T) {
	tab := New(DefaultConfig(), &counter{})
	evs := []flow.Event{tcp(ms(0), a, b, 1000, 80, flow.SYN), tcp(ms(1), b, a, 80, 1000, flow.SYN|flow.ACK)}
	for i := range evs {
		tab.Process(&evs[i])
	}
	ev := tcp(ms(2), a, b, 1000, 80, flow.ACK)
	if n := testing.AllocsPerRun(1000, func() { tab.Process(&ev) }); n != 0 {
		t.Errorf("Process allocates %v times per event on a known flow", n)
	}
}

func BenchmarkProcess(b *testing.B) {
	// 4096 concurrent flows, packets round-robin over them in both directions.
	tab := New(DefaultConfig(), &counter{})
	const n = 4096
	evs := make([]flow.Event, 0, 2*n)
	for i := 0; i < n; i++ {
		src := flow.AddrFrom4([]byte{10, 1, byte(i >> 8), byte(i)})
		evs = append(evs, tcp(0, src, flow.MustParseAddr("10.2.0.1"), uint16(30000+i), 443, flow.ACK))
		evs = append(evs, tcp(0, flow.MustParseAddr("10.2.0.1"), src, 443, uint16(30000+i), flow.ACK))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ev := &evs[i%len(evs)]
		ev.Time = flow.Time(i)
		tab.Process(ev)
	}
}

func TestGroupTrafficIsNoAttempt(t *testing.T) {
	r := &recorder{}
	tab := New(DefaultConfig(), r)
	evs := []flow.Event{
		udp(ms(0), a, flow.MustParseAddr("224.0.0.251"), 5353, 5353),
		udp(ms(1), a, flow.MustParseAddr("255.255.255.255"), 68, 67),
		{Time: ms(2), Kind: flow.EventPacket, Packets: 1, Key: flow.Key{Src: flow.MustParseAddr("::"), Dst: flow.MustParseAddr("ff02::1:ff00:1"), SrcPort: 0, DstPort: 135, Proto: flow.ProtoICMPv6}},
		{Time: ms(3), Kind: flow.EventPacket, Packets: 1, Key: flow.Key{Src: flow.MustParseAddr("fe80::1"), Dst: flow.MustParseAddr("ff02::1:ff00:2"), SrcPort: 0, DstPort: 135, Proto: flow.ProtoICMPv6}},
	}
	for i := range evs {
		tab.Process(&evs[i])
	}
	tab.Flush()
	for _, line := range r.log {
		if strings.HasPrefix(line, "outcome") {
			t.Errorf("group or sourceless traffic got an outcome: %s", line)
		}
	}
}
