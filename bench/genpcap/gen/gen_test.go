package gen

import (
	"bytes"
	"crypto/sha256"
	"testing"

	"github.com/crosstalk-dev/crosstalk/decode"
	"github.com/crosstalk-dev/crosstalk/flow"
)

// digest hashes the first n frames and their times.
func digest(cfg Config, n int) [32]byte {
	h := sha256.New()
	g := New(cfg)
	var b [8]byte
	for range n {
		t, f := g.Next()
		for i := range b {
			b[i] = byte(t >> (8 * i))
		}
		h.Write(b[:])
		h.Write(f)
	}
	return [32]byte(h.Sum(nil))
}

func TestDeterministic(t *testing.T) {
	for _, mix := range []Mix{Realistic, DistinctFlows} {
		a := digest(Config{Seed: 7, Mix: mix}, 50000)
		if b := digest(Config{Seed: 7, Mix: mix}, 50000); a != b {
			t.Errorf("%s: two runs with one seed differ", mix)
		}
		if c := digest(Config{Seed: 8, Mix: mix}, 50000); a == c {
			t.Errorf("%s: seeds 7 and 8 give the same frames", mix)
		}
	}
}

func TestNoAllocations(t *testing.T) {
	for _, mix := range []Mix{Realistic, DistinctFlows} {
		g := New(Config{Seed: 1, Mix: mix})
		if n := testing.AllocsPerRun(100000, func() { g.Next() }); n != 0 {
			t.Errorf("%s: %v allocations per frame, want 0", mix, n)
		}
	}
}

// TestFramesDecode checks every frame against the decoder: valid, tracked,
// times increasing, sizes within Ethernet's, and (for distinct-flows) no
// flow key twice in either orientation.
func TestFramesDecode(t *testing.T) {
	for _, mix := range []Mix{Realistic, DistinctFlows} {
		g := New(Config{Seed: 1, Mix: mix})
		var d decode.Decoder
		var p decode.Packet
		var ev flow.Event
		seen := map[flow.Key]bool{}
		kinds := map[string]int{}
		last := flow.Time(0)
		for i := range 300000 {
			tm, f := g.Next()
			if tm <= last {
				t.Fatalf("%s: frame %d: time %d not after %d", mix, i, tm, last)
			}
			last = tm
			if len(f) < 60 || len(f) > 1518 {
				t.Fatalf("%s: frame %d: length %d", mix, i, len(f))
			}
			if err := d.Decode(f, decode.LinkEthernet, &p); err != nil {
				t.Fatalf("%s: frame %d: %v\n% x", mix, i, err, f)
			}
			if !p.Event(tm, &ev) {
				t.Fatalf("%s: frame %d: not tracked", mix, i)
			}
			switch {
			case ev.Kind == flow.EventARP:
				kinds["arp"]++
			case p.VLAN != 0:
				kinds["vlan"]++
			case p.IPVersion == 6:
				kinds["ipv6"]++
			default:
				kinds[flow.ProtoName(ev.Key.Proto)]++
			}
			if mix == DistinctFlows {
				if seen[ev.Key] || seen[ev.Key.Reverse()] {
					t.Fatalf("frame %d: flow %v seen before", i, ev.Key)
				}
				seen[ev.Key] = true
			}
		}
		t.Logf("%s: %v", mix, kinds)
		if mix == Realistic {
			for _, k := range []string{"tcp", "udp", "icmp", "arp", "ipv6", "vlan"} {
				if kinds[k] == 0 {
					t.Errorf("realistic mix without %s frames: %v", k, kinds)
				}
			}
		}
	}
}

func TestPcapWriter(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewPcapWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	frame := bytes.Repeat([]byte{0xab}, 60)
	if err := w.Write(Start+1_500_000_000+42_000, frame); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	want := []byte{0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0}
	if !bytes.Equal(b[:8], want) || len(b) != 24+16+60 {
		t.Fatalf("header % x, length %d", b[:8], len(b))
	}
	rec := b[24:40]
	sec := uint32(rec[0]) | uint32(rec[1])<<8 | uint32(rec[2])<<16 | uint32(rec[3])<<24
	usec := uint32(rec[4]) | uint32(rec[5])<<8 | uint32(rec[6])<<16 | uint32(rec[7])<<24
	if sec != uint32(Start/1e9)+1 || usec != 500042 {
		t.Errorf("record time %d.%06d", sec, usec)
	}
	if img := AppendRecord(AppendFileHeader(nil), Start+1_500_000_000+42_000, frame); !bytes.Equal(img, b) {
		t.Errorf("AppendFileHeader and AppendRecord differ from PcapWriter")
	}
}

func TestParseMix(t *testing.T) {
	for _, m := range []Mix{Realistic, DistinctFlows} {
		if got, err := ParseMix(m.String()); err != nil || got != m {
			t.Errorf("ParseMix(%q) = %v, %v", m.String(), got, err)
		}
	}
	if _, err := ParseMix("bogus"); err == nil {
		t.Error("ParseMix(bogus): no error")
	}
}
