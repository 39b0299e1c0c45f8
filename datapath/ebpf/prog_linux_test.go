//go:build linux && (386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64)

package ebpf

import (
	"testing"
	"time"
	"unsafe"

	"github.com/cilium/ebpf/btf"
	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

func ptrOf(e *bpfEvent) unsafe.Pointer { return unsafe.Pointer(e) }

var (
	macA  = flow.MAC{0x52, 0x54, 0, 0, 0, 0xa}
	macB  = flow.MAC{0x52, 0x54, 0, 0, 0, 0xb}
	bcast = flow.MAC{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
)

const (
	a4, b4 = "10.0.0.1", "10.0.0.2"
	a6, b6 = "fd00::1", "fd00::2"
)

// aToB and bToA are frames between guest A (behind lo) and guest B.
func aToB(etype uint16, l3 []byte) []byte { return ether(macB, macA, etype, l3) }
func bToA(etype uint16, l3 []byte) []byte { return ether(macA, macB, etype, l3) }

func tcp4(src, dst string, sport, dport uint16, fl flow.TCPFlags) []byte {
	return ipv4(src, dst, flow.ProtoTCP, tcp(sport, dport, fl, nil), nil, 0)
}

var synKey = flow.Key{Src: flow.MustParseAddr(a4), Dst: flow.MustParseAddr(b4), SrcPort: 40000, DstPort: 22, Proto: flow.ProtoTCP}

// TestStructSizes checks that the Go declarations bpf2go generated have
// the sizes of the C structs in the object's BTF, so that unsafe casts and
// map values agree.
func TestStructSizes(t *testing.T) {
	spec, err := loadBpf()
	if err != nil {
		t.Fatal(err)
	}
	for name, size := range map[string]uintptr{
		"event":        unsafe.Sizeof(bpfEvent{}),
		"flow":         unsafe.Sizeof(bpfFlow{}),
		"flow_key":     unsafe.Sizeof(bpfFlowKey{}),
		"port_stats":   unsafe.Sizeof(bpfPortStats{}),
		"port":         unsafe.Sizeof(bpfPort{}),
		"storm":        unsafe.Sizeof(bpfStorm{}),
		"settings":     unsafe.Sizeof(bpfSettings{}),
		"policy_key":   unsafe.Sizeof(bpfPolicyKey{}),
		"policy_value": unsafe.Sizeof(bpfPolicyValue{}),
		"port_cfg":     unsafe.Sizeof(bpfPortCfg{}),
		"port_addr":    unsafe.Sizeof(bpfPortAddr{}),
		"addr_key":     unsafe.Sizeof(bpfAddrKey{}),
	} {
		var s *btf.Struct
		if err := spec.Types.TypeByName(name, &s); err != nil {
			t.Fatalf("struct %s: %v", name, err)
		}
		if uintptr(s.Size) != size {
			t.Errorf("struct %s is %d bytes in C, %d in Go", name, s.Size, size)
		}
	}
}

func TestTCPStart(t *testing.T) {
	l := newLoTest(t, DefaultConfig())
	syn := aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.SYN))
	l.in(syn)
	raws, evs := l.drain()
	if len(raws) != 1 || raws[0].Kind != kindStart {
		t.Fatalf("got %d events (%+v), want one start", len(raws), raws)
	}
	want := []flow.Event{{
		Kind: flow.EventPacket, Port: loIfindex, Key: synKey, SrcMAC: macA,
		Packets: 1, Bytes: 40, Flags: flow.SYN, FirstFlags: flow.SYN,
	}}
	if diff := cmp.Diff(evs, want); diff != "" {
		t.Errorf("events (-got +want):\n%s", diff)
	}

	// A second packet of the same flow: counted, no event.
	l.in(aToB(0x0800, ipv4(a4, b4, flow.ProtoTCP, tcp(40000, 22, flow.SYN, []byte("retry")), nil, 0)))
	if raws, _ := l.drain(); len(raws) != 0 {
		t.Errorf("second packet of a flow: %d events, want none", len(raws))
	}
	f, ok := l.flowOf(synKey)
	if !ok {
		t.Fatal("flow not in the map")
	}
	if f.Packets != [2]uint64{2, 0} || f.Bytes != [2]uint64{85, 0} || f.Payload != [2]uint64{5, 0} {
		t.Errorf("flow counters packets %v bytes %v payload %v, want [2 0] [85 0] [5 0]", f.Packets, f.Bytes, f.Payload)
	}
	if flow.MAC(f.Mac[0]) != macA || f.Ifindex[0] != loIfindex || f.State&1 == 0 {
		t.Errorf("flow mac %x ifindex %v state %#x", f.Mac[0], f.Ifindex, f.State)
	}
	st := l.stats()
	if st.RxPackets != 2 || st.FlowsNew != 1 || st.EventsLost != 0 {
		t.Errorf("port counters %+v", st)
	}
}

// TestOutcomes drives each way an attempt ends, converts the events and
// feeds them to a real flow table: it must reach the same outcome as from
// the packets themselves.
func TestOutcomes(t *testing.T) {
	udpProbe := ipv4(a4, b4, flow.ProtoUDP, udp(5353, 9999, []byte("hi")), nil, 0)
	for _, tc := range []struct {
		name    string
		frames  [][]byte
		kinds   []uint8
		outcome flowtable.Outcome
		state   string
	}{
		{
			name: "syn-ack answers",
			frames: [][]byte{
				aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.SYN)),
				bToA(0x0800, tcp4(b4, a4, 22, 40000, flow.SYN|flow.ACK)),
			},
			kinds:   []uint8{kindStart, kindReply},
			outcome: flowtable.OutcomeAnswered,
			state:   "S1",
		},
		{
			name: "rst refuses",
			frames: [][]byte{
				aToB(0x0800, tcp4(a4, b4, 40000, 23, flow.SYN)),
				bToA(0x0800, tcp4(b4, a4, 23, 40000, flow.RST|flow.ACK)),
			},
			kinds:   []uint8{kindStart, kindReply},
			outcome: flowtable.OutcomeRefusedRST,
			state:   "REJ",
		},
		{
			name: "icmp port unreachable refuses udp",
			frames: [][]byte{
				aToB(0x0800, udpProbe),
				// The quote: the probe's IP header and 8 bytes of UDP.
				bToA(0x0800, ipv4(b4, a4, flow.ProtoICMP, icmp(3, 3, 0, udpProbe[:28]), nil, 0)),
			},
			kinds:   []uint8{kindStart, kindICMPError},
			outcome: flowtable.OutcomeRefusedICMP,
			state:   "REJ",
		},
		{
			name: "fin both ways closes",
			frames: [][]byte{
				aToB(0x0800, tcp4(a4, b4, 40001, 80, flow.SYN)),
				bToA(0x0800, tcp4(b4, a4, 80, 40001, flow.SYN|flow.ACK)),
				aToB(0x0800, tcp4(a4, b4, 40001, 80, flow.ACK)),
				aToB(0x0800, tcp4(a4, b4, 40001, 80, flow.FIN|flow.ACK)),
				bToA(0x0800, tcp4(b4, a4, 80, 40001, flow.FIN|flow.ACK)),
				aToB(0x0800, tcp4(a4, b4, 40001, 80, flow.ACK)),
			},
			kinds:   []uint8{kindStart, kindReply, kindClose},
			outcome: flowtable.OutcomeAnswered,
			state:   "SF",
		},
		{
			name: "echo reply answers",
			frames: [][]byte{
				aToB(0x0800, ipv4(a4, b4, flow.ProtoICMP, icmp(8, 0, 0x1234, []byte("ping")), nil, 0)),
				bToA(0x0800, ipv4(b4, a4, flow.ProtoICMP, icmp(0, 0, 0x1234, []byte("ping")), nil, 0)),
			},
			kinds:   []uint8{kindStart, kindReply},
			outcome: flowtable.OutcomeAnswered,
			state:   "SF",
		},
		{
			name: "ipv6 syn-ack answers",
			frames: [][]byte{
				aToB(0x86dd, ipv6(a6, b6, flow.ProtoTCP, tcp(40000, 443, flow.SYN, nil))),
				bToA(0x86dd, ipv6(b6, a6, flow.ProtoTCP, tcp(443, 40000, flow.SYN|flow.ACK, nil))),
			},
			kinds:   []uint8{kindStart, kindReply},
			outcome: flowtable.OutcomeAnswered,
			state:   "S1",
		},
		{
			name: "icmpv6 unreachable refuses udp",
			frames: [][]byte{
				aToB(0x86dd, ipv6(a6, b6, flow.ProtoUDP, udp(5000, 53, []byte("q")))),
				bToA(0x86dd, ipv6(b6, a6, flow.ProtoICMPv6, icmp(1, 4, 0, ipv6(a6, b6, flow.ProtoUDP, udp(5000, 53, []byte("q")))))),
			},
			kinds:   []uint8{kindStart, kindICMPError},
			outcome: flowtable.OutcomeRefusedICMP,
			state:   "REJ",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLoTest(t, DefaultConfig())
			for _, f := range tc.frames {
				l.in(f)
			}
			raws, evs := l.drain()
			var kinds []uint8
			for _, r := range raws {
				kinds = append(kinds, r.Kind)
			}
			if diff := cmp.Diff(kinds, tc.kinds); diff != "" {
				t.Errorf("event kinds (-got +want):\n%s", diff)
			}
			obs := &outcomes{}
			ft := flowtable.New(flowtable.DefaultConfig(), obs)
			for i := range evs {
				evs[i].Time = flow.Time(1e9 + i)
				ft.Process(&evs[i])
			}
			ft.Flush()
			if len(obs.got) != 1 || obs.got[0] != tc.outcome {
				t.Errorf("flow table outcomes %v, want [%v]", obs.got, tc.outcome)
			}
			if len(obs.states) != 1 || obs.states[0] != tc.state {
				t.Errorf("flow table states %v, want [%s]", obs.states, tc.state)
			}
			if s := l.stats(); s.ICMPUnmatched != 0 || s.ParseErrors != 0 || s.EventsLost != 0 {
				t.Errorf("port counters %+v", s)
			}
		})
	}
}

// outcomes records what a flow table decided.
type outcomes struct {
	got    []flowtable.Outcome
	states []string
}

func (o *outcomes) FlowStart(f *flowtable.Flow)                               {}
func (o *outcomes) Packet(f *flowtable.Flow, ev *flow.Event, d flowtable.Dir) {}
func (o *outcomes) Outcome(f *flowtable.Flow)                                 { o.got = append(o.got, f.Outcome) }
func (o *outcomes) FlowEnd(f *flowtable.Flow, r flowtable.EndReason) {
	o.states = append(o.states, f.State())
}

func TestICMPErrorEvent(t *testing.T) {
	l := newLoTest(t, DefaultConfig())
	probe := ipv4(a4, b4, flow.ProtoUDP, udp(5353, 9999, nil), nil, 0)
	l.in(aToB(0x0800, probe))
	l.in(bToA(0x0800, ipv4(b4, a4, flow.ProtoICMP, icmp(3, 3, 0, probe), nil, 0)))
	// An unreachable about nothing we track.
	other := ipv4(a4, b4, flow.ProtoUDP, udp(1, 2, nil), nil, 0)
	l.in(bToA(0x0800, ipv4(b4, a4, flow.ProtoICMP, icmp(3, 3, 0, other), nil, 0)))
	_, evs := l.drain()
	key := flow.Key{Src: flow.MustParseAddr(a4), Dst: flow.MustParseAddr(b4), SrcPort: 5353, DstPort: 9999, Proto: flow.ProtoUDP}
	want := []flow.Event{
		{Kind: flow.EventPacket, Port: loIfindex, Key: key, SrcMAC: macA, Packets: 1, Bytes: 28},
		{Kind: flow.EventICMPError, Port: loIfindex, Key: flow.Key{Src: key.Dst, Dst: key.Src, Proto: flow.ProtoICMP},
			ICMPType: 3, ICMPCode: 3, Inner: key},
	}
	if diff := cmp.Diff(evs, want); diff != "" {
		t.Errorf("events (-got +want):\n%s", diff)
	}
	if s := l.stats(); s.ICMPUnmatched != 1 {
		t.Errorf("icmp unmatched %d, want 1", s.ICMPUnmatched)
	}
}

func TestFrames(t *testing.T) {
	v6Key := flow.Key{Src: flow.MustParseAddr(a6), Dst: flow.MustParseAddr(b6), SrcPort: 40000, DstPort: 443, Proto: flow.ProtoTCP}
	for _, tc := range []struct {
		name  string
		frame []byte
		want  []flow.Event
		check func(t *testing.T, s PortStats)
	}{
		{
			name:  "vlan tag",
			frame: tagged(aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.SYN)), 42),
			want: []flow.Event{{Kind: flow.EventPacket, Port: loIfindex, VLAN: 42, Key: synKey, SrcMAC: macA,
				Packets: 1, Bytes: 40, Flags: flow.SYN, FirstFlags: flow.SYN}},
		},
		{
			name:  "ipv4 options",
			frame: aToB(0x0800, ipv4(a4, b4, flow.ProtoTCP, tcp(40000, 22, flow.SYN, nil), []byte{1, 1, 1, 0, 1, 1, 1, 0}, 0)),
			want: []flow.Event{{Kind: flow.EventPacket, Port: loIfindex, Key: synKey, SrcMAC: macA,
				Packets: 1, Bytes: 48, Flags: flow.SYN, FirstFlags: flow.SYN}},
		},
		{
			name:  "ipv6 tcp",
			frame: aToB(0x86dd, ipv6(a6, b6, flow.ProtoTCP, tcp(40000, 443, flow.SYN, []byte("x")))),
			want: []flow.Event{{Kind: flow.EventPacket, Port: loIfindex, Key: v6Key, SrcMAC: macA,
				Packets: 1, Bytes: 61, Payload: 1, Flags: flow.SYN, FirstFlags: flow.SYN}},
		},
		{
			name:  "icmp echo request",
			frame: aToB(0x0800, ipv4(a4, b4, flow.ProtoICMP, icmp(8, 0, 7, []byte("abcd")), nil, 0)),
			want: []flow.Event{{Kind: flow.EventPacket, Port: loIfindex, SrcMAC: macA, Packets: 1, Bytes: 32, Payload: 4,
				Key: flow.Key{Src: flow.MustParseAddr(a4), Dst: flow.MustParseAddr(b4), SrcPort: 7, DstPort: 8, Proto: flow.ProtoICMP}}},
		},
		{
			name:  "arp request",
			frame: ether(bcast, macA, 0x0806, arpBody(1, macA, a4, b4)),
			want: []flow.Event{{Kind: flow.EventARP, Port: loIfindex, SrcMAC: macA, DstMAC: bcast, ARPOp: 1, ARPSender: macA,
				Key: flow.Key{Src: flow.MustParseAddr(a4), Dst: flow.MustParseAddr(b4)}}},
		},
		{
			// Kernel 6.18's test run refuses an IPv4 frame shorter than
			// an IP header (EINVAL), so the shortest is cut after it.
			name:  "ipv4 without its tcp header",
			frame: aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.SYN)[:20]),
			check: func(t *testing.T, s PortStats) {
				if s.ParseErrors != 1 {
					t.Errorf("parse errors %d, want 1", s.ParseErrors)
				}
			},
		},
		{
			name:  "ipv4 header length beyond the frame",
			frame: aToB(0x0800, append([]byte{0x4f}, tcp4(a4, b4, 40000, 22, flow.SYN)[1:]...)),
			check: func(t *testing.T, s PortStats) {
				if s.ParseErrors != 1 {
					t.Errorf("parse errors %d, want 1", s.ParseErrors)
				}
			},
		},
		{
			// The same holds for IPv6 and its 40-byte header.
			name:  "ipv6 with half a tcp header",
			frame: aToB(0x86dd, ipv6(a6, b6, flow.ProtoTCP, tcp(40000, 443, flow.SYN, nil))[:50]),
			check: func(t *testing.T, s PortStats) {
				if s.ParseErrors != 1 {
					t.Errorf("parse errors %d, want 1", s.ParseErrors)
				}
			},
		},
		{
			name:  "truncated tcp",
			frame: aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.SYN)[:30]),
			check: func(t *testing.T, s PortStats) {
				if s.ParseErrors != 1 {
					t.Errorf("parse errors %d, want 1", s.ParseErrors)
				}
			},
		},
		{
			name:  "garbage",
			frame: []byte("\xde\xad\xbe\xef\x00\x01\x02\x03\x04\x05\x06\x07\x08\x00\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99\x99"),
			check: func(t *testing.T, s PortStats) {
				if s.ParseErrors != 1 {
					t.Errorf("parse errors %d, want 1", s.ParseErrors)
				}
			},
		},
		{
			name:  "lldp",
			frame: ether(macB, macA, 0x88cc, make([]byte, 46)),
			check: func(t *testing.T, s PortStats) {
				if s.Other != 1 {
					t.Errorf("other %d, want 1", s.Other)
				}
			},
		},
		{
			name:  "ipv6 extension header",
			frame: aToB(0x86dd, ipv6(a6, b6, 0, make([]byte, 16))),
			check: func(t *testing.T, s PortStats) {
				if s.Other != 1 {
					t.Errorf("other %d, want 1", s.Other)
				}
			},
		},
		{
			name:  "non-first fragment",
			frame: aToB(0x0800, ipv4(a4, b4, flow.ProtoUDP, make([]byte, 64), nil, 185)),
			check: func(t *testing.T, s PortStats) {
				if s.Fragments != 1 {
					t.Errorf("fragments %d, want 1", s.Fragments)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLoTest(t, DefaultConfig())
			l.in(tc.frame)
			_, evs := l.drain()
			if diff := cmp.Diff(evs, tc.want); diff != "" {
				t.Errorf("events (-got +want):\n%s", diff)
			}
			s := l.stats()
			if s.RxPackets != 1 || s.RxBytes != uint64(len(tc.frame)) {
				t.Errorf("rx %d packets %d bytes, want 1 and %d", s.RxPackets, s.RxBytes, len(tc.frame))
			}
			if tc.check != nil {
				tc.check(t, s)
			}
		})
	}
}

// TestEgress checks that a frame is accounted once: at the ingress of the
// port it came from when that port is registered, else at the egress of
// the port it goes to.
func TestEgress(t *testing.T) {
	l := newLoTest(t, DefaultConfig())
	const peer = 55
	if err := l.d.register(peer); err != nil {
		t.Fatal(err)
	}
	syn := bToA(0x0800, tcp4(b4, a4, 40000, 22, flow.SYN))
	l.out(syn, peer)
	if raws, _ := l.drain(); len(raws) != 0 {
		t.Errorf("frame from a registered port: %d events at egress, want none", len(raws))
	}
	l.out(syn, elsewhere)
	_, evs := l.drain()
	key := flow.Key{Src: flow.MustParseAddr(b4), Dst: flow.MustParseAddr(a4), SrcPort: 40000, DstPort: 22, Proto: flow.ProtoTCP}
	want := []flow.Event{{Kind: flow.EventPacket, Port: elsewhere, Key: key, SrcMAC: macB,
		Packets: 1, Bytes: 40, Flags: flow.SYN, FirstFlags: flow.SYN}}
	if diff := cmp.Diff(evs, want); diff != "" {
		t.Errorf("events (-got +want):\n%s", diff)
	}
	if s := l.stats(); s.TxPackets != 2 || s.RxPackets != 0 || s.FlowsNew != 1 {
		t.Errorf("port counters %+v", s)
	}
}

// TestStartBucket sends a burst of new flows (a SYN scan) beyond the start
// bucket: the first StartBurst are reported, the rest counted per port and
// against the source.
func TestStartBucket(t *testing.T) {
	cfg := DefaultConfig()
	cfg.StartRate, cfg.StartBurst = 1, 50
	l := newLoTest(t, cfg)
	const probes = 300
	for i := range probes {
		l.in(aToB(0x0800, tcp4(a4, b4, 40000, uint16(1+i), flow.SYN)))
	}
	raws, _ := l.drain()
	if len(raws) != cfg.StartBurst {
		t.Errorf("%d start events, want %d (the burst)", len(raws), cfg.StartBurst)
	}
	s := l.stats()
	if s.StartsSuppressed != probes-uint64(cfg.StartBurst) || s.FlowsNew != uint64(cfg.StartBurst) {
		t.Errorf("suppressed %d new %d, want %d and %d", s.StartsSuppressed, s.FlowsNew, probes-cfg.StartBurst, cfg.StartBurst)
	}
	storms, err := l.d.Storms()
	if err != nil {
		t.Fatal(err)
	}
	if len(storms) != 1 {
		t.Fatalf("%d storm sources, want 1: %+v", len(storms), storms)
	}
	st := storms[0]
	if st.Src != flow.MustParseAddr(a4) || st.Suppressed != probes-50 || st.Replies != 0 || st.Port != loIfindex ||
		st.LastDst != flow.MustParseAddr(b4) || st.LastDstPort != probes || st.LastProto != flow.ProtoTCP || st.Dsts != 1 {
		t.Errorf("storm %+v", st)
	}
	// 250 distinct ports in 256 bits: linear counting is within ~15%.
	if st.DstPorts < 200 || st.DstPorts > 320 {
		t.Errorf("distinct ports estimate %d, want about 250", st.DstPorts)
	}
	t.Logf("storm: %+v", st)
}

// TestUpdate checks that a flow still active after the report interval
// reports its counters since the previous event, both directions. The
// kernel's clock cannot be faked: it sleeps one interval.
func TestUpdate(t *testing.T) {
	cfg := DefaultConfig()
	cfg.ReportInterval = time.Second
	l := newLoTest(t, cfg)
	l.in(aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.SYN)))
	l.in(bToA(0x0800, tcp4(b4, a4, 22, 40000, flow.SYN|flow.ACK)))
	l.in(aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.ACK)))
	l.in(aToB(0x0800, ipv4(a4, b4, flow.ProtoTCP, tcp(40000, 22, flow.ACK|flow.PSH, []byte("data")), nil, 0)))
	l.in(bToA(0x0800, tcp4(b4, a4, 22, 40000, flow.ACK)))
	if raws, _ := l.drain(); len(raws) != 2 {
		t.Fatalf("%d events before the interval, want start and reply", len(raws))
	}
	time.Sleep(cfg.ReportInterval + 100*time.Millisecond)
	l.in(aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.ACK)))
	raws, evs := l.drain()
	if len(raws) != 1 || raws[0].Kind != kindUpdate {
		t.Fatalf("got %+v, want one update", raws)
	}
	want := []flow.Event{
		{Kind: flow.EventPacket, Port: loIfindex, Key: synKey, SrcMAC: macA, DstMAC: macB,
			Packets: 3, Bytes: 124, Payload: 4, Flags: flow.ACK | flow.PSH, FirstFlags: flow.ACK | flow.PSH, Continued: true},
		{Kind: flow.EventPacket, Port: loIfindex, Key: synKey.Reverse(), SrcMAC: macB, DstMAC: macA,
			Packets: 1, Bytes: 40, Flags: flow.ACK, FirstFlags: flow.ACK, Continued: true},
	}
	if diff := cmp.Diff(evs, want); diff != "" {
		t.Errorf("events (-got +want):\n%s", diff)
	}
}
