//go:build linux && (386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64)

package ebpf

import (
	"testing"
	"unsafe"

	"github.com/cilium/ebpf"
	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// record returns e as the bytes of a ring buffer record.
func record(e *bpfEvent) []byte {
	return append([]byte(nil), unsafe.Slice((*byte)(unsafe.Pointer(e)), eventSize)...)
}

func replyRecord() []byte {
	e := bpfEvent{
		TimeNs: 2e9, FirstNs: 1e9, Kind: kindReply, Outcome: outcomeAnswered,
		Key:     bpfFlowKey{Saddr: guestA, Daddr: guestB, Sport: 40000, Dport: 22, Family: 4, Proto: flow.ProtoTCP},
		Packets: [2]uint64{1, 1}, Bytes: [2]uint64{40, 44}, Ifindex: [2]uint32{3, 4}, Port: 4,
		Flags: [2]uint8{uint8(flow.SYN), uint8(flow.SYN | flow.ACK)}, FirstFlags: [2]uint8{uint8(flow.SYN), uint8(flow.SYN | flow.ACK)},
		Mac: [2][6]uint8{labMAC[0], labMAC[1]},
	}
	return record(&e)
}

func TestConvert(t *testing.T) {
	c := converter{offset: 1000}
	var got []flow.Event
	var ev flow.Event
	if !c.convert(replyRecord(), &ev, func(e *flow.Event) { got = append(got, *e) }, nil, nil) {
		t.Fatal("not converted")
	}
	k := flow.Key{Src: guestA, Dst: guestB, SrcPort: 40000, DstPort: 22, Proto: flow.ProtoTCP}
	want := []flow.Event{
		// A retransmitted SYN reported with the answer: its flags stand
		// for FirstFlags, the flow's first packet was in the start event.
		{Time: 2e9 + 1000, Kind: flow.EventPacket, Port: 3, Key: k, SrcMAC: labMAC[0], DstMAC: labMAC[1],
			Packets: 1, Bytes: 40, Flags: flow.SYN, FirstFlags: flow.SYN, Continued: true},
		{Time: 2e9 + 1000, Kind: flow.EventPacket, Port: 4, Key: k.Reverse(), SrcMAC: labMAC[1], DstMAC: labMAC[0],
			Packets: 1, Bytes: 44, Flags: flow.SYN | flow.ACK, FirstFlags: flow.SYN | flow.ACK, Continued: true},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("events (-got +want):\n%s", diff)
	}
	for _, bad := range [][]byte{nil, make([]byte, eventSize-1), make([]byte, eventSize)} {
		if c.convert(bad, &ev, func(*flow.Event) { t.Error("converted a bad record") }, nil, nil) {
			t.Errorf("record of %d bytes (kind 0) accepted", len(bad))
		}
	}
}

func TestConvertAllocs(t *testing.T) {
	c := converter{}
	raw := replyRecord()
	var ev flow.Event
	n := 0
	fn := func(*flow.Event) { n++ }
	if a := testing.AllocsPerRun(1000, func() { c.convert(raw, &ev, fn, nil, nil) }); a != 0 {
		t.Errorf("convert allocates %.1f times per record", a)
	}
}

func BenchmarkConvert(b *testing.B) {
	c := converter{}
	raw := replyRecord()
	var ev flow.Event
	n := 0
	fn := func(*flow.Event) { n++ }
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		c.convert(raw, &ev, fn, nil, nil)
	}
	b.ReportMetric(float64(n)/float64(b.N), "events/record")
}

// BenchmarkProgram runs the ingress program on a packet of a known flow,
// repeated inside the kernel by BPF_PROG_TEST_RUN, and logs the programs'
// size and load time.
func BenchmarkProgram(b *testing.B) {
	requireBPF(b)
	cfg := DefaultConfig()
	cfg.PinPath = ""
	d, err := Load(cfg)
	if err != nil {
		b.Fatalf("%+v", err)
	}
	defer d.Close()
	if err := d.register(loIfindex); err != nil {
		b.Fatal(err)
	}
	info := d.Info()
	b.Logf("program size %v, verifier processed %v, load %s", info.Size, info.Instructions, info.LoadTime)
	frame := aToB(0x0800, tcp4(a4, b4, 40000, 22, flow.ACK))
	d.objs.PortIngress.Run(&ebpf.RunOptions{Data: frame, Context: skbCtx{Ifindex: loIfindex}})
	b.Run("known-flow", func(b *testing.B) {
		_, per, err := d.objs.PortIngress.Benchmark(frame, b.N, b.ResetTimer)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(per.Nanoseconds()), "ns/packet")
	})
}
