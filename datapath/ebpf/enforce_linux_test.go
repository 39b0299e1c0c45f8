//go:build linux && (386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64)

package ebpf

import (
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// ctDrop is TC_ACT_SHOT (TCX_DROP).
const ctDrop = 2

const c4 = "10.0.0.3" // a third party: the management peer in quarantine tests

// Identities of the enforcement tests: A is the guest behind lo, B and M
// (10.0.0.3) are known by address.
const (
	idA = 1
	idB = 2
	idM = 3
)

func testTables(entries ...PolicyEntry) Tables {
	return Tables{
		PortIdentities: map[int]uint32{loIfindex: idA},
		AddrIdentities: map[flow.Addr]uint32{
			flow.MustParseAddr(a4): idA, flow.MustParseAddr(b4): idB, flow.MustParseAddr(c4): idM,
		},
		Entries: entries,
	}
}

// inRet runs the ingress program on frame and returns its verdict.
func (l *loTest) inRet(frame []byte) uint32 {
	l.t.Helper()
	return l.runRet(l.d.objs.PortIngress, frame, skbCtx{Ifindex: loIfindex})
}

func (l *loTest) outRet(frame []byte, ingress uint32) uint32 {
	l.t.Helper()
	return l.runRet(l.d.objs.PortEgress, frame, skbCtx{Ifindex: loIfindex, IngressIfindex: ingress})
}

func (l *loTest) runRet(p *ebpf.Program, frame []byte, ctx skbCtx) uint32 {
	l.t.Helper()
	ret, err := p.Run(&ebpf.RunOptions{Data: frame, Context: ctx})
	if err != nil {
		l.t.Fatalf("run: %v", err)
	}
	return ret
}

func verdictName(ret uint32) string {
	switch ret {
	case ctNext:
		return "pass"
	case ctDrop:
		return "drop"
	}
	return "?"
}

func (l *loTest) setPolicy(t Tables) {
	l.t.Helper()
	if err := l.d.SetPolicy(t); err != nil {
		l.t.Fatal(err)
	}
}

// starts returns the verdict and rule of each flow start drained, by
// destination port.
func starts(evs []flow.Event) map[uint16][2]uint32 {
	out := map[uint16][2]uint32{}
	for _, ev := range evs {
		if ev.Kind == flow.EventPacket && ev.FirstFlags&flow.SYN != 0 && ev.FirstFlags&flow.ACK == 0 {
			out[ev.Key.DstPort] = [2]uint32{uint32(ev.Verdict), ev.Rule}
		}
	}
	return out
}

func TestPolicyVerdicts(t *testing.T) {
	l := newLoTest(t, DefaultConfig())
	l.setPolicy(testTables(
		PolicyEntry{Src: idA, Dst: idB, Proto: flow.ProtoTCP, Lo: 22, Hi: 22, Action: flow.VerdictAllowed, Rule: 0},
		PolicyEntry{Src: idA, Dst: idB, Proto: flow.ProtoTCP, Lo: 23, Hi: 23, Action: flow.VerdictDenied, Rule: 1},
		PolicyEntry{Src: idA, Dst: idB, Proto: flow.ProtoTCP, Lo: 24, Hi: 24, Action: flow.VerdictWouldDeny, Rule: 2},
		PolicyEntry{Src: idA, Dst: idB, Proto: flow.ProtoTCP, Lo: 1000, Hi: 2000, Action: flow.VerdictDenied, Rule: 3},
		PolicyEntry{Src: idA, Dst: idB, Proto: flow.ProtoICMP, Action: flow.VerdictDenied, Rule: 4},
		PolicyEntry{Src: idA, Dst: idB, Proto: 0, Action: flow.VerdictDenied, Rule: 5},
	))
	for _, tc := range []struct {
		name  string
		frame []byte
		want  uint32
	}{
		{"allowed syn", aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.SYN)), ctNext},
		{"allowed syn-ack reply", bToA(0x0800, tcp4(b4, a4, 22, 40000, flow.SYN|flow.ACK)), ctNext},
		{"allowed ack", aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.ACK)), ctNext},
		{"allowed reply data", bToA(0x0800, tcp4(b4, a4, 22, 40000, flow.ACK|flow.PSH)), ctNext},
		{"denied syn", aToB(0x0800, tcp4(a4, b4, 40001, 23, flow.SYN)), ctDrop},
		{"denied syn retransmitted", aToB(0x0800, tcp4(a4, b4, 40001, 23, flow.SYN)), ctDrop},
		{"denied flow, later packet", aToB(0x0800, tcp4(a4, b4, 40001, 23, flow.ACK)), ctDrop},
		{"would-deny syn", aToB(0x0800, tcp4(a4, b4, 40002, 24, flow.SYN)), ctNext},
		{"ungoverned port", aToB(0x0800, tcp4(a4, b4, 40003, 25, flow.SYN)), ctNext},
		{"ungoverned pair", aToB(0x0800, tcp4(a4, c4, 40004, 23, flow.SYN)), ctNext},
		{"range: below", aToB(0x0800, tcp4(a4, b4, 40005, 999, flow.SYN)), ctNext},
		{"range: first", aToB(0x0800, tcp4(a4, b4, 40006, 1000, flow.SYN)), ctDrop},
		{"range: inside", aToB(0x0800, tcp4(a4, b4, 40007, 1537, flow.SYN)), ctDrop},
		{"range: last", aToB(0x0800, tcp4(a4, b4, 40008, 2000, flow.SYN)), ctDrop},
		{"range: above", aToB(0x0800, tcp4(a4, b4, 40009, 2001, flow.SYN)), ctNext},
		{"udp ungoverned", aToB(0x0800, ipv4(a4, b4, flow.ProtoUDP, udp(5000, 23, nil), nil, 0)), ctNext},
		{"icmp denied", aToB(0x0800, ipv4(a4, b4, flow.ProtoICMP, icmp(8, 0, 9, nil), nil, 0)), ctDrop},
		{"gre denied (other protocols)", aToB(0x0800, ipv4(a4, b4, 47, make([]byte, 8), nil, 0)), ctDrop},
		// A flow opened by a forged SYN-ACK is judged from its sender:
		// it cannot open the denied direction for a SYN to follow.
		{"forged syn-ack", aToB(0x0800, tcp4(a4, b4, 40010, 23, flow.SYN|flow.ACK)), ctDrop},
		{"syn after forged syn-ack", aToB(0x0800, tcp4(a4, b4, 40010, 23, flow.SYN)), ctDrop},
		// A RST about nothing tracked is judged too.
		{"untracked rst", aToB(0x0800, tcp4(a4, b4, 40011, 23, flow.RST)), ctDrop},
		// Neighbour discovery is never judged (ICMPv6 is ICMP here).
		{"ipv6 neighbour advertisement", aToB(0x86dd, ipv6("fd00::1", "fd00::2", flow.ProtoICMPv6, icmp(136, 0, 0, make([]byte, 16)))), ctNext},
	} {
		if got := l.inRet(tc.frame); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, verdictName(got), verdictName(tc.want))
		}
	}
	_, evs := l.drain()
	wantStarts := map[uint16][2]uint32{
		22:   {uint32(flow.VerdictAllowed), 1},
		23:   {uint32(flow.VerdictDenied), 2},
		24:   {uint32(flow.VerdictWouldDeny), 3},
		25:   {uint32(flow.VerdictNone), 0},
		999:  {uint32(flow.VerdictNone), 0},
		1000: {uint32(flow.VerdictDenied), 4},
		1537: {uint32(flow.VerdictDenied), 4},
		2000: {uint32(flow.VerdictDenied), 4},
		2001: {uint32(flow.VerdictNone), 0},
	}
	got := starts(evs)
	delete(got, 23) // two flows to 23 (c4's is ungoverned): checked below
	delete(wantStarts, 23)
	if diff := cmp.Diff(got, wantStarts); diff != "" {
		t.Errorf("flow starts' verdict and rule by port (-got +want):\n%s", diff)
	}
	var denied23 bool
	for _, ev := range evs {
		if ev.Key.DstPort == 23 && ev.Key.Dst == flow.MustParseAddr(b4) && ev.Verdict == flow.VerdictDenied && ev.Rule == 2 {
			denied23 = true
		}
	}
	if !denied23 {
		t.Errorf("no start event of the denied flow to port 23 with its verdict:\n%s", dump(evs))
	}
	// The denied flow is in the map, with both its packets.
	if f, ok := l.flowOf(flow.Key{Src: flow.MustParseAddr(a4), Dst: flow.MustParseAddr(b4), SrcPort: 40001, DstPort: 23, Proto: flow.ProtoTCP}); !ok || f.Packets[0] != 3 || f.Verdict != uint8(flow.VerdictDenied) {
		t.Errorf("denied flow in the map: %v %+v", ok, f)
	}
	hits, err := l.d.RuleHits()
	if err != nil {
		t.Fatal(err)
	}
	// Rule 1: the denied flow to 23 once however often it retries, and
	// the forged SYN-ACK's; its RST is not a flow. Rule 3: three flows.
	if diff := cmp.Diff(hits, []uint64{1, 2, 1, 3, 1, 1}); diff != "" {
		t.Errorf("rule hits (-got +want):\n%s", diff)
	}
	s := l.stats()
	if s.DroppedPolicy != 11 {
		t.Errorf("dropped by policy %d, want 11", s.DroppedPolicy)
	}

	// A new rule set applies to the flows already running, at their next
	// packet.
	l.setPolicy(testTables(PolicyEntry{Src: idA, Dst: idB, Proto: flow.ProtoTCP, Lo: 0, Hi: 65535, Action: flow.VerdictDenied, Rule: 6}))
	if got := l.inRet(aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.ACK))); got != ctDrop {
		t.Errorf("allowed flow after the new rules deny it: %s, want drop", verdictName(got))
	}
	if got := l.inRet(aToB(0x0800, tcp4(a4, b4, 40002, 24, flow.ACK))); got != ctDrop {
		t.Errorf("would-deny flow after the new rules deny it: %s, want drop", verdictName(got))
	}
	l.setPolicy(Tables{})
	if got := l.inRet(aToB(0x0800, tcp4(a4, b4, 40001, 23, flow.ACK))); got != ctNext {
		t.Errorf("denied flow after the rules are gone: %s, want pass", verdictName(got))
	}
}

func TestPolicyRejects(t *testing.T) {
	l := newLoTest(t, DefaultConfig())
	for _, e := range []PolicyEntry{
		{Src: 1, Dst: 2, Proto: flow.ProtoTCP, Lo: 10, Hi: 9, Action: flow.VerdictDenied},
		{Src: 1, Dst: 2, Proto: flow.ProtoTCP, Lo: 10, Hi: 10, Action: flow.VerdictNone},
		{Src: 1, Dst: 2, Proto: 47, Action: flow.VerdictDenied},
		{Src: 1, Dst: 2, Proto: flow.ProtoUDP, Action: flow.VerdictDenied, Rule: 1 << 20},
	} {
		if err := l.d.SetPolicy(testTables(e)); err == nil {
			t.Errorf("entry %+v accepted", e)
		}
	}
}

func TestPortPrefixes(t *testing.T) {
	for _, r := range [][2]uint16{{0, 65535}, {1, 65535}, {22, 22}, {1000, 2000}, {1023, 1024}, {0, 0}, {65535, 65535}, {3, 60000}} {
		ports, lens := portPrefixes(r[0], r[1])
		covered := 0
		for i := range ports {
			size := 1 << (16 - lens[i])
			if int(ports[i])%size != 0 {
				t.Errorf("%v: prefix %d/%d is not aligned", r, ports[i], lens[i])
			}
			covered += size
			if int(ports[i]) < int(r[0]) || int(ports[i])+size-1 > int(r[1]) {
				t.Errorf("%v: prefix %d/%d outside", r, ports[i], lens[i])
			}
		}
		if covered != int(r[1])-int(r[0])+1 || len(ports) > 30 {
			t.Errorf("%v: %d prefixes cover %d ports", r, len(ports), covered)
		}
	}
}

// TestPolicySwap keeps starting new flows that both the old and the new
// tables allow (by different rules) while the tables are swapped again and
// again: every flow must have been judged allowed, by one or the other.
func TestPolicySwap(t *testing.T) {
	cfg := DefaultConfig()
	cfg.StartRate, cfg.StartBurst = 1e9, 1e6
	l := newLoTest(t, cfg)
	tables := [2]Tables{
		testTables(PolicyEntry{Src: idA, Dst: idB, Proto: flow.ProtoTCP, Lo: 22, Hi: 22, Action: flow.VerdictAllowed, Rule: 0}),
		testTables(PolicyEntry{Src: idA, Dst: idB, Proto: flow.ProtoTCP, Lo: 1, Hi: 1000, Action: flow.VerdictAllowed, Rule: 1}),
	}
	// A few thousand unrelated entries, so that a swap takes a while.
	for i := range 300 {
		tables[1].Entries = append(tables[1].Entries, PolicyEntry{Src: 10 + uint32(i), Dst: idB, Proto: flow.ProtoUDP, Lo: 7, Hi: 4000, Action: flow.VerdictDenied, Rule: 2})
	}
	l.setPolicy(tables[0])
	const minSwaps, minFlows, maxFlows = 10, 20000, 200000
	var swaps atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; !stop.Load(); i++ {
			if err := l.d.SetPolicy(tables[i%2]); err != nil {
				t.Error(err)
				return
			}
			swaps.Add(1)
		}
	}()
	frame := aToB(0x0800, tcp4(a4, b4, 0, 22, flow.SYN))
	ipHdr := 14 + 20
	var bad, flows int
	for flows < maxFlows && (flows < minFlows || swaps.Load() < minSwaps) {
		be16(frame[ipHdr:], uint16(1024+flows%60000))
		frame[ipHdr-20+12] = byte(flows / 60000) // the source address's third byte
		if ret, err := l.d.objs.PortIngress.Run(&ebpf.RunOptions{Data: frame, Context: skbCtx{Ifindex: loIfindex}}); err != nil || ret != ctNext {
			bad++
		}
		flows++
	}
	stop.Store(true)
	wg.Wait()
	if bad != 0 {
		t.Errorf("%d runs failed or dropped", bad)
	}
	verdicts := map[uint8]int{}
	var k bpfFlowKey
	var f bpfFlow
	it := l.d.objs.Flows.Iterate()
	for it.Next(&k, &f) {
		verdicts[f.Verdict]++
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	if verdicts[uint8(flow.VerdictAllowed)] != flows || len(verdicts) != 1 {
		t.Errorf("verdicts of %d flows: %v, want all allowed", flows, verdicts)
	}
	hits, err := l.d.RuleHits()
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) < 2 || hits[0]+hits[1] != uint64(flows) || hits[0] == 0 || hits[1] == 0 {
		t.Errorf("hits %v, want both rules and %d in all", hits, flows)
	}
	t.Logf("%d flows across %d swaps; hits %v", flows, swaps.Load(), hits)
	if swaps.Load() < minSwaps {
		t.Errorf("only %d swaps happened during the runs", swaps.Load())
	}
}

func TestSpoof(t *testing.T) {
	cfg := DefaultConfig()
	cfg.SpoofRate, cfg.SpoofBurst = 1, 5
	l := newLoTest(t, cfg)
	if err := l.d.SetPortIdentity(loIfindex, []flow.MAC{macA}, []flow.Addr{flow.MustParseAddr(a4), flow.MustParseAddr(a6)}, SpoofEnforce); err != nil {
		t.Fatal(err)
	}
	dhcp := ether(bcast, macA, 0x0800, ipv4("0.0.0.0", "255.255.255.255", flow.ProtoUDP, udp(68, 67, make([]byte, 240)), nil, 0))
	dad := ether(flow.MAC{0x33, 0x33, 0xff, 0, 0, 1}, macA, 0x86dd, ipv6("::", "ff02::1:ff00:1", flow.ProtoICMPv6, icmp(135, 0, 0, ip6("fd00::1"))))
	linkLocal := aToB(0x86dd, ipv6("fe80::5054:ff:fe00:a", "fe80::1", flow.ProtoICMPv6, icmp(128, 0, 1, nil)))
	probe := ether(bcast, macA, 0x0806, arpBody(1, macA, "0.0.0.0", a4))
	for _, tc := range []struct {
		name  string
		frame []byte
		want  uint32
		what  SpoofWhat
	}{
		{"own addresses", aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.SYN)), ctNext, 0},
		{"own ipv6", aToB(0x86dd, ipv6(a6, b6, flow.ProtoTCP, tcp(40000, 443, flow.SYN, nil))), ctNext, 0},
		{"dhcp discover from 0.0.0.0", dhcp, ctNext, 0},
		{"ipv6 duplicate address detection from ::", dad, ctNext, 0},
		{"ipv6 link-local", linkLocal, ctNext, 0},
		{"arp probe", probe, ctNext, 0},
		{"own arp", ether(bcast, macA, 0x0806, arpBody(1, macA, a4, b4)), ctNext, 0},
		{"another ipv4 source", aToB(0x0800, tcp4(b4, c4, 40000, 22, flow.SYN)), ctDrop, SpoofIP},
		{"another ipv6 source", aToB(0x86dd, ipv6("fd00::9", b6, flow.ProtoUDP, udp(1, 2, nil))), ctDrop, SpoofIP},
		{"another mac", bToA(0x0800, tcp4(a4, b4, 40000, 22, flow.SYN)), ctDrop, SpoofMAC},
		{"arp for another's address", ether(bcast, macA, 0x0806, arpBody(2, macA, b4, c4)), ctDrop, SpoofARPIP},
		{"arp with another's mac", ether(bcast, macA, 0x0806, arpBody(2, macB, a4, c4)), ctDrop, SpoofARPMAC},
	} {
		l.spoofs = nil
		if got := l.inRet(tc.frame); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, verdictName(got), verdictName(tc.want))
		}
		l.drain()
		switch {
		case tc.what == 0 && len(l.spoofs) != 0:
			t.Errorf("%s: reported as spoofed: %+v", tc.name, l.spoofs)
		case tc.what != 0 && (len(l.spoofs) != 1 || l.spoofs[0].What != tc.what || !l.spoofs[0].Dropped || l.spoofs[0].Port != loIfindex):
			t.Errorf("%s: spoof events %+v, want one %s, dropped", tc.name, l.spoofs, tc.what)
		}
	}
	s := l.stats()
	if s.Spoofed != 5 || s.DroppedSpoof != 5 || s.SpoofSuppressed != 0 {
		t.Errorf("spoofed %d dropped %d suppressed %d, want 5 5 0", s.Spoofed, s.DroppedSpoof, s.SpoofSuppressed)
	}
	// The dropped frames opened no flow.
	if _, ok := l.flowOf(flow.Key{Src: flow.MustParseAddr(b4), Dst: flow.MustParseAddr(c4), SrcPort: 40000, DstPort: 22, Proto: flow.ProtoTCP}); ok {
		t.Error("a spoofed frame dropped in enforce mode opened a flow")
	}

	// Observe mode: the frame passes, and is reported; a flood is
	// reported at the spoof rate (the burst is spent).
	if err := l.d.SetPortIdentity(loIfindex, []flow.MAC{macA}, []flow.Addr{flow.MustParseAddr(a4)}, SpoofObserve); err != nil {
		t.Fatal(err)
	}
	l.spoofs = nil
	for i := range 20 {
		if got := l.inRet(aToB(0x0800, tcp4(c4, b4, uint16(40000+i), 22, flow.SYN))); got != ctNext {
			t.Fatalf("observe mode: %s, want pass", verdictName(got))
		}
	}
	l.drain()
	if len(l.spoofs) > 1 || (len(l.spoofs) == 1 && l.spoofs[0].Dropped) {
		t.Errorf("flood after the burst: %d events (%+v), want at most one, not dropped", len(l.spoofs), l.spoofs)
	}
	// The port no longer owns a6: its IPv6 is not checked any more, as
	// it has no IPv6 address.
	if got := l.inRet(aToB(0x86dd, ipv6("fd00::9", b6, flow.ProtoUDP, udp(1, 2, nil)))); got != ctNext {
		t.Errorf("ipv6 with no ipv6 address known: %s", verdictName(got))
	}
	s = l.stats()
	if s.Spoofed != 25 || s.DroppedSpoof != 5 || s.SpoofSuppressed < 19 {
		t.Errorf("after the flood: spoofed %d dropped %d suppressed %d", s.Spoofed, s.DroppedSpoof, s.SpoofSuppressed)
	}
	// Off: nothing is checked.
	if err := l.d.SetPortIdentity(loIfindex, nil, nil, SpoofOff); err != nil {
		t.Fatal(err)
	}
	if got := l.inRet(bToA(0x0800, tcp4(c4, b4, 1, 2, flow.SYN))); got != ctNext || l.stats().Spoofed != 25 {
		t.Errorf("off: %s, spoofed %d", verdictName(got), l.stats().Spoofed)
	}
	var n int
	var k bpfPortAddr
	var v uint8
	for it := l.d.objs.PortAddrs.Iterate(); it.Next(&k, &v); {
		n++
	}
	if n != 0 {
		t.Errorf("%d port addresses left after setting none", n)
	}
}

func TestQuarantine(t *testing.T) {
	l := newLoTest(t, DefaultConfig())
	const peer = 55 // a registered port, as in TestEgress
	if err := l.d.register(peer); err != nil {
		t.Fatal(err)
	}
	tables := testTables()
	tables.PortIdentities[peer] = idB
	l.setPolicy(tables)
	toB := func(sport uint16, fl flow.TCPFlags) []byte { return aToB(0x0800, tcp4(a4, b4, sport, 22, fl)) }
	toM := func(sport uint16) []byte { return aToB(0x0800, tcp4(a4, c4, sport, 22, flow.SYN)) }
	fromB := bToA(0x0800, tcp4(b4, a4, 50000, 80, flow.SYN))
	fromM := bToA(0x0800, tcp4(c4, a4, 50001, 80, flow.SYN))
	// A connection that runs before the quarantine.
	if l.inRet(toB(40000, flow.SYN)) != ctNext {
		t.Fatal("flow before the quarantine dropped")
	}

	check := func(when string, want uint32) {
		t.Helper()
		for _, tc := range []struct {
			name string
			ret  uint32
			want uint32
		}{
			{"running flow to B", l.inRet(toB(40000, flow.ACK)), want},
			{"new flow to B", l.inRet(toB(uint16(41000+time.Now().UnixNano()%1000), flow.SYN)), want},
			{"new flow to the peer M", l.inRet(toM(uint16(42000 + time.Now().UnixNano()%1000))), ctNext},
			{"from B, entering elsewhere", l.outRet(fromB, elsewhere), want},
			{"from M, entering elsewhere", l.outRet(fromM, elsewhere), ctNext},
			{"from B's port", l.outRet(fromB, peer), want},
			{"arp for B", l.inRet(ether(bcast, macA, 0x0806, arpBody(1, macA, a4, b4))), want},
			{"arp for M", l.inRet(ether(bcast, macA, 0x0806, arpBody(1, macA, a4, c4))), ctNext},
			{"lldp", l.inRet(ether(macB, macA, 0x88cc, make([]byte, 46))), want},
		} {
			if tc.ret != tc.want {
				t.Errorf("%s: %s: %s, want %s", when, tc.name, verdictName(tc.ret), verdictName(tc.want))
			}
		}
	}
	check("before", ctNext)

	const ttl = 700 * time.Millisecond
	if err := l.d.Quarantine(loIfindex, time.Now().Add(ttl), []uint32{idM}); err != nil {
		t.Fatal(err)
	}
	check("quarantined", ctDrop)
	_, evs := l.drain()
	var cut int
	for _, ev := range evs {
		if ev.Kind == flow.EventPacket && ev.Verdict == flow.VerdictDenied && ev.Rule == RuleQuarantine {
			cut++
		}
	}
	if cut != 1 {
		t.Errorf("%d flow events with the quarantine's verdict, want the new flow to B's:\n%s", cut, dump(evs))
	}
	if s := l.stats(); s.DroppedQuarantine != 6 {
		t.Errorf("dropped by quarantine %d", s.DroppedQuarantine)
	}
	time.Sleep(ttl)
	check("expired", ctNext)

	if err := l.d.Quarantine(loIfindex, time.Now().Add(time.Hour), nil); err != nil {
		t.Fatal(err)
	}
	if l.inRet(toM(43000)) != ctDrop || l.inRet(toB(40000, flow.ACK)) != ctDrop {
		t.Error("quarantine with no peers lets something through")
	}
	if err := l.d.Release(loIfindex); err != nil {
		t.Fatal(err)
	}
	check("released", ctNext)
	if err := l.d.Quarantine(loIfindex, time.Now().Add(-time.Second), nil); err == nil {
		t.Error("quarantine until a past time accepted")
	}
}

// TestSweep checks that a flow gone quiet with counters no event carried
// gets them reported by the sweep, and that a flow idle past its timeout
// is removed.
func TestSweep(t *testing.T) {
	cfg := DefaultConfig()
	cfg.ReportInterval, cfg.OtherIdle, cfg.SweepInterval = time.Second, 2500*time.Millisecond, time.Second
	l := newLoTest(t, cfg)
	probe := aToB(0x0800, ipv4(a4, b4, flow.ProtoUDP, udp(5000, 53, []byte("q")), nil, 0))
	l.in(probe)
	l.in(probe)
	l.in(probe)
	if raws, _ := l.drain(); len(raws) != 1 {
		t.Fatalf("%d events, want the start", len(raws))
	}
	var got []flow.Event
	var ev flow.Event
	sweep := func() {
		got = got[:0]
		l.d.sweepFlows(func(e *flow.Event) { c := *e; c.Time = 0; got = append(got, c) }, &ev)
	}
	sweep()
	if len(got) != 0 {
		t.Errorf("sweep before the report interval: %+v", got)
	}
	time.Sleep(cfg.ReportInterval + 100*time.Millisecond)
	sweep()
	key := flow.Key{Src: flow.MustParseAddr(a4), Dst: flow.MustParseAddr(b4), SrcPort: 5000, DstPort: 53, Proto: flow.ProtoUDP}
	want := []flow.Event{{Kind: flow.EventPacket, Port: loIfindex, Key: key, SrcMAC: macA, Packets: 2, Bytes: 58, Payload: 2, Continued: true}}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("sweep after the interval (-got +want):\n%s", diff)
	}
	sweep()
	if len(got) != 0 {
		t.Errorf("second sweep reported again: %+v", got)
	}
	time.Sleep(cfg.OtherIdle)
	sweep()
	if _, ok := l.flowOf(key); ok || len(got) != 0 {
		t.Errorf("flow idle past its timeout: in the map %v, events %+v", ok, got)
	}
	st, _ := l.d.Stats()
	if st.Sweeps != 4 || st.SweptReported != 1 || st.SweptRemoved != 1 {
		t.Errorf("sweeps %d reported %d removed %d, want 4 1 1", st.Sweeps, st.SweptReported, st.SweptRemoved)
	}
}

var _ = errors.Is

// BenchmarkPolicy measures the programs' cost per packet with a policy of
// 10 and of 10,000 rules (entries over many pairs and port ranges, each a
// handful of trie entries): a new flow's first packet (judged, tracked,
// its start reported; each packet a new flow, timed by the kernel run by
// run), a first packet beyond the start rate (judged, not tracked), and a
// packet of a known flow.
func BenchmarkPolicy(b *testing.B) {
	requireBPF(b)
	for _, rules := range []int{10, 10000} {
		b.Run("rules="+itoa(rules), func(b *testing.B) {
			cfg := DefaultConfig()
			cfg.PinPath = ""
			cfg.StartRate, cfg.StartBurst = 1e9, 1e9
			d, err := Load(cfg)
			if err != nil {
				b.Fatalf("%+v", err)
			}
			defer d.Close()
			if err := d.register(loIfindex); err != nil {
				b.Fatal(err)
			}
			tables := testTables(PolicyEntry{Src: idA, Dst: idB, Proto: flow.ProtoTCP, Lo: 1, Hi: 65535, Action: flow.VerdictAllowed, Rule: 0})
			for i := range rules - 1 {
				lo := uint16(i * 7 % 60000)
				tables.Entries = append(tables.Entries, PolicyEntry{
					Src: 10 + uint32(i%97), Dst: 10 + uint32(i/97), Proto: flow.ProtoTCP, Lo: lo, Hi: lo + 300,
					Action: flow.VerdictDenied, Rule: uint32(1 + i%1000),
				})
			}
			start := time.Now()
			if err := d.SetPolicy(tables); err != nil {
				b.Fatal(err)
			}
			keys, _, _ := d.policyKeys(tables.Entries)
			b.Logf("%d rules, %d trie entries, SetPolicy %s", rules, len(keys), time.Since(start))
			ring := make(chan struct{})
			go func() { d.Read(func(*flow.Event) {}); close(ring) }() // keep the ring drained
			defer func() { d.Close(); <-ring }()

			frame := aToB(0x0800, tcp4(a4, b4, 0, 22, flow.SYN))
			b.Run("new-flow", func(b *testing.B) {
				var total time.Duration
				n := 0
				for b.Loop() {
					be16(frame[34:], uint16(n))
					frame[26+1] = byte(n >> 16) // source address, second byte
					_, per, err := d.objs.PortIngress.Benchmark(frame, 1, nil)
					if err != nil {
						b.Fatal(err)
					}
					total += per
					n++
				}
				b.ReportMetric(float64(total.Nanoseconds())/float64(n), "ns/packet")
			})
			b.Run("known-flow", func(b *testing.B) {
				known := aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.ACK))
				d.objs.PortIngress.Benchmark(known, 1, nil)
				_, per, err := d.objs.PortIngress.Benchmark(known, b.N, b.ResetTimer)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(per.Nanoseconds()), "ns/packet")
			})
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
