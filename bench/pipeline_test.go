package bench

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"sort"
	"testing"

	"github.com/crosstalk-dev/crosstalk/agent"
	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/bench/genpcap/gen"
	"github.com/crosstalk-dev/crosstalk/datapath/pcapfile"
	"github.com/crosstalk-dev/crosstalk/decode"
	"github.com/crosstalk-dev/crosstalk/flow"
)

// benchPackets is the size of the chunks of traffic BenchmarkPipeline
// makes in memory (about 670 MB of pcap each): big enough that the flow
// table and the detectors reach their steady state, as in bench/replay.sh.
const benchPackets = 1_000_000

// stream is the realistic mix as a pcap image in memory, made in chunks of
// benchPackets frames: a benchmark replays a chunk, then makes the next
// one with its timer stopped. The traffic never repeats: looping over one
// chunk would repeat every conversation at a fixed interval and with the
// same sizes, which the beacon detector rightly reports.
type stream struct {
	g      *gen.Generator
	image  []byte
	frames []frameRef
	bytes  int64 // frame bytes made
	made   int64 // frames made
}

type frameRef struct {
	t      flow.Time
	off, n uint32
}

func newStream() *stream {
	s := &stream{
		g:      gen.New(gen.Config{Seed: 1, Mix: gen.Realistic}),
		image:  make([]byte, 0, 700<<20),
		frames: make([]frameRef, 0, benchPackets),
	}
	s.fill()
	return s
}

// fill replaces the chunk with the next benchPackets frames.
func (s *stream) fill() {
	s.image = gen.AppendFileHeader(s.image[:0])
	s.frames = s.frames[:0]
	for range benchPackets {
		t, f := s.g.Next()
		off := len(s.image) + gen.RecordHeaderLen
		s.image = gen.AppendRecord(s.image, t, f)
		s.frames = append(s.frames, frameRef{t, uint32(off), uint32(len(f))})
		s.bytes += int64(len(f))
	}
	s.made += benchPackets
}

// countSink counts alerts and keeps nothing.
type countSink struct{ opened, closed int }

func (s *countSink) Open(*alert.Alert)  { s.opened++ }
func (s *countSink) Close(*alert.Alert) { s.closed++ }

// BenchmarkPipeline measures the whole userspace path per packet (decode,
// flow table, every detector, alert manager) on the realistic mix, on one
// goroutine. One op is one packet, so ns/op is the time per packet and
// allocs/op the allocations per packet once the tables are warm (rounded
// down; allocs/Mpkt gives the fraction). "frames" takes the frames from
// memory; "pcap" also parses the pcap records, as replay does, from the
// image in memory (no system calls).
func BenchmarkPipeline(b *testing.B) {
	b.Run("frames", func(b *testing.B) {
		s := newStream()
		p := agent.NewPipeline(agent.DefaultConfig(), nil, &countSink{}, nil)
		// A first chunk fills the flow table and the detectors'
		// tables: what follows is the steady state.
		for _, f := range s.frames {
			p.Frame(f.t, s.image[f.off:f.off+f.n], decode.LinkEthernet)
		}
		s.fill()
		m := newMeter(b, s)
		j := 0
		for b.Loop() {
			f := &s.frames[j]
			p.Frame(f.t, s.image[f.off:f.off+f.n], decode.LinkEthernet)
			if j++; j == len(s.frames) {
				m.pause()
				s.fill()
				j = 0
				m.resume()
			}
		}
		m.report()
		if st := p.Stats(); st.Tracked != st.Frames {
			b.Fatalf("%d of %d frames not tracked", st.Frames-st.Tracked, st.Frames)
		}
	})
	b.Run("pcap", func(b *testing.B) {
		s := newStream()
		p := agent.NewPipeline(agent.DefaultConfig(), nil, &countSink{}, nil)
		var rec pcapfile.Record
		r := openImage(b, s)
		for r.Next(&rec) == nil {
			p.Frame(rec.Time, rec.Data, decode.LinkType(rec.LinkType))
		}
		s.fill()
		r = openImage(b, s)
		m := newMeter(b, s)
		for b.Loop() {
			if err := r.Next(&rec); err != nil {
				if !errors.Is(err, io.EOF) {
					b.Fatal(err)
				}
				m.pause()
				r.Close()
				s.fill()
				r = openImage(b, s)
				m.resume()
				if err := r.Next(&rec); err != nil {
					b.Fatal(err)
				}
			}
			p.Frame(rec.Time, rec.Data, decode.LinkType(rec.LinkType))
		}
		m.report()
	})
}

func openImage(b *testing.B, s *stream) *pcapfile.Reader {
	r, err := pcapfile.NewReader(bytes.NewReader(s.image), "realistic.pcap")
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// meter adds to ns/op the metrics of a packet benchmark: packets/s, and
// allocations per million packets counted while the timer runs (allocs/op
// is rounded down to a whole number).
type meter struct {
	b       *testing.B
	mallocs uint64
	ms      runtime.MemStats
}

func newMeter(b *testing.B, s *stream) *meter {
	b.SetBytes(s.bytes / s.made)
	b.ReportAllocs()
	m := &meter{b: b}
	runtime.ReadMemStats(&m.ms)
	return m
}

// pause stops the timer, to make the next chunk.
func (m *meter) pause() {
	m.b.StopTimer()
	before := m.ms.Mallocs
	runtime.ReadMemStats(&m.ms)
	m.mallocs += m.ms.Mallocs - before
}

func (m *meter) resume() {
	runtime.ReadMemStats(&m.ms)
	m.b.StartTimer()
}

// report ends the measure; call it after the loop.
func (m *meter) report() {
	before := m.ms.Mallocs
	runtime.ReadMemStats(&m.ms)
	m.mallocs += m.ms.Mallocs - before
	n := float64(m.b.N)
	m.b.ReportMetric(n/m.b.Elapsed().Seconds(), "packets/s")
	m.b.ReportMetric(float64(m.mallocs)/n*1e6, "allocs/Mpkt")
}

// TestRealisticMixAlerts checks that the benchmark's traffic is what it
// claims: every frame decodes into a flow event, and the only alerts are
// the hostile traffic's (port scans and sweeps), never the benign
// conversations.
func TestRealisticMixAlerts(t *testing.T) {
	// The first sweep starts after about 300,000 packets.
	const n = 1_000_000
	s := &sink{} // corpus_test.go's sink keeps the alerts
	p := agent.NewPipeline(agent.DefaultConfig(), nil, s, nil)
	g := gen.New(gen.Config{Seed: 1, Mix: gen.Realistic})
	for range n {
		p.Frame(nextFrame(g))
	}
	p.Close()
	st := p.Stats()
	if st.Tracked != st.Frames {
		t.Errorf("%d of %d frames not tracked (truncated %d, malformed %d, unsupported %d)",
			st.Frames-st.Tracked, st.Frames, st.Truncated, st.Malformed, st.Unsupported)
	}
	kinds := map[string]int{}
	for _, a := range s.alerts {
		kinds[a.Kind]++
	}
	if kinds["portscan"] == 0 || kinds["sweep"] == 0 {
		t.Errorf("want portscan and sweep alerts, got %v", kinds)
	}
	var other []string
	for k := range kinds {
		if k != "portscan" && k != "sweep" {
			other = append(other, k)
		}
	}
	sort.Strings(other)
	if len(other) > 0 {
		t.Errorf("benign traffic raised %v (all alerts: %v)", other, kinds)
	}
	t.Logf("%d packets, %d flows, alerts %v", st.Frames, st.FlowTable.Created, kinds)
}

// nextFrame returns the generator's next frame as Pipeline.Frame takes it.
func nextFrame(g *gen.Generator) (flow.Time, []byte, decode.LinkType) {
	t, f := g.Next()
	return t, f, decode.LinkEthernet
}

// TestMemoryBounded feeds 10 million distinct flows, 1 µs apart so that
// none can expire, through a pipeline whose flow table holds 2^20 flows:
// the flows beyond the bound must be evicted and counted, never crash the
// process, and the heap must stay bounded.
//
// The heap is sampled every million packets right after a forced
// collection (HeapInuse then is what the pipeline retains) and must stay
// under 512 MiB. Between collections HeapInuse also counts garbage (the
// old arrays of the flow table as it grows), whose amount depends on GOGC
// and on when the collector runs; it is logged, not asserted.
func TestMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped under -short: feeds 10 million flows through the pipeline (about 30 s)")
	}
	const (
		packets  = 10_000_000
		maxFlows = 1 << 20
		maxHeap  = 512 << 20
	)
	cfg := agent.DefaultConfig()
	cfg.FlowTable.MaxFlows = maxFlows
	s := &countSink{}
	p := agent.NewPipeline(cfg, nil, s, nil)
	g := gen.New(gen.Config{Seed: 1, Mix: gen.DistinctFlows})
	var ms runtime.MemStats
	var peak, peakRaw uint64
	for i := 1; i <= packets; i++ {
		p.Frame(nextFrame(g))
		if i%1_000_000 == 0 {
			runtime.ReadMemStats(&ms)
			raw := ms.HeapInuse
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak, peakRaw = max(peak, ms.HeapInuse), max(peakRaw, raw)
			st := p.Stats().FlowTable
			t.Logf("%2dM packets: heap in use %3d MiB after GC (%3d MiB before), flows %d, evicted %d",
				i/1_000_000, ms.HeapInuse>>20, raw>>20, st.Active, st.Evicted)
		}
	}
	st := p.Stats()
	if peak >= maxHeap {
		t.Errorf("heap in use after GC peaked at %d MiB, want under %d MiB", peak>>20, maxHeap>>20)
	}
	if st.FlowTable.Active > maxFlows {
		t.Errorf("%d flows held, want at most %d", st.FlowTable.Active, maxFlows)
	}
	if st.FlowTable.Evicted <= 8_000_000 {
		t.Errorf("%d flows evicted, want more than 8M", st.FlowTable.Evicted)
	}
	if st.FlowTable.Created != packets {
		t.Errorf("%d flows created from %d distinct flows", st.FlowTable.Created, packets)
	}
	p.Close()
	t.Logf("peak heap in use %d MiB after GC, %d MiB between collections; %d flows created, %d evicted, %d alerts",
		peak>>20, peakRaw>>20, st.FlowTable.Created, st.FlowTable.Evicted, s.closed)
}
