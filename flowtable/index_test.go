package flowtable

import (
	"math/rand/v2"
	"testing"

	"github.com/crosstalk-dev/crosstalk/flow"
)

func TestHashIsOrientationFree(t *testing.T) {
	x := newIndex(1024)
	k := flow.Key{Src: a, Dst: b, SrcPort: 1234, DstPort: 80, Proto: flow.ProtoTCP}
	if x.hash(k) != x.hash(k.Reverse()) {
		t.Error("a key and its reverse hash differently")
	}
	u := k
	u.Proto = flow.ProtoUDP
	if x.hash(k) == x.hash(u) {
		t.Error("TCP and UDP on the same endpoints hash alike")
	}
}

// TestIndexChurn inserts and removes flows at random through a small table
// and checks every lookup against a plain map: backward-shift deletion must
// never lose an entry.
func TestIndexChurn(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxFlows = 512
	tab := New(cfg, &counter{})
	r := rand.New(rand.NewPCG(1, 2))
	live := map[flow.Key]bool{}
	for i := 0; i < 200_000; i++ {
		k := flow.Key{Src: flow.AddrFrom4([]byte{10, 0, 0, byte(r.IntN(4))}), Dst: b,
			SrcPort: uint16(r.IntN(600)), DstPort: 53, Proto: flow.ProtoUDP}
		if live[k] {
			idx := tab.find(k.Reverse(), tab.idx.hash(k))
			if idx < 0 {
				t.Fatalf("step %d: live flow %v not found", i, k)
			}
			tab.end(idx, EndIdle)
			delete(live, k)
			continue
		}
		if len(live) >= cfg.MaxFlows {
			continue
		}
		ev := udp(flow.Time(i), k.Src, k.Dst, k.SrcPort, k.DstPort)
		tab.Process(&ev)
		live[k] = true
	}
	if tab.Stats().Active != len(live) {
		t.Fatalf("index holds %d, want %d", tab.Stats().Active, len(live))
	}
	for k := range live {
		if tab.find(k, tab.idx.hash(k)) < 0 {
			t.Errorf("flow %v lost", k)
		}
	}
}
