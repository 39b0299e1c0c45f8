package sketch

import (
	"strings"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/flow"
)

func TestWindow(t *testing.T) {
	var w Window
	ms := func(n int) flow.Time { return flow.Time(time.Duration(n) * time.Millisecond) }
	for i := 0; i < 10; i++ {
		w.Add(ms(i*100), 10)
	}
	if got := w.Add(ms(950), 0); got != 100 {
		t.Errorf("one second of 10 per 100 ms = %d, want 100", got)
	}
	if got := w.Add(ms(1450), 0); got != 50 {
		t.Errorf("half a second later = %d, want 50", got)
	}
	if got := w.Add(ms(5000), 1); got != 1 {
		t.Errorf("after a long gap = %d, want 1", got)
	}
}

func TestTopK(t *testing.T) {
	var k TopK[int]
	for i := 0; i < 1000; i++ {
		k.Add(i%50, flow.MAC{}, 1) // 50 keys of 20 each
		k.Add(7, flow.MAC{1}, 2)   // one heavy hitter
	}
	top, lower := k.Top()
	if top.Key != 7 || lower < 2000 || top.MAC != (flow.MAC{}) && top.MAC != (flow.MAC{1}) {
		t.Errorf("top %+v lower %d", top, lower)
	}
}

func TestHLL(t *testing.T) {
	for _, n := range []int{1, 30, 3000, 40000} {
		var h HLL
		for i := 0; i < n; i++ {
			h.Add(uint64(i) * 7919)
			h.Add(uint64(i) * 7919) // duplicates do not count
		}
		got := float64(h.Estimate())
		if got < 0.9*float64(n) || got > 1.1*float64(n) {
			t.Errorf("estimate of %d distinct = %.0f", n, got)
		}
	}
}

func TestFormat(t *testing.T) {
	if got := Commas(37841); got != "37,841" {
		t.Errorf("Commas = %s", got)
	}
	if got := Approx(37623); got != "37,600" {
		t.Errorf("Approx = %s", got)
	}
	if got := Round2(0.12345); got != 0.12 {
		t.Errorf("Round2 = %v", got)
	}
}

func TestFew(t *testing.T) {
	var f Few[int]
	if _, ok := f.One(); ok {
		t.Error("empty set has one value")
	}
	f.Add(3)
	f.Add(3)
	if v, ok := f.One(); !ok || v != 3 {
		t.Errorf("One = %d, %v", v, ok)
	}
	for i := 0; i < 10; i++ {
		f.Add(i)
	}
	if _, ok := f.One(); ok {
		t.Error("many values reported as one")
	}
}

func TestTotals(t *testing.T) {
	for _, c := range []struct {
		rate, peak, total uint64
		want              string
	}{
		{100, 100, 100, ""},
		{100, 100, 5000, " (5,000 in all)"},
		{100, 23665, 37841, " (peak 23,665/s, 37,841 in all)"},
	} {
		var b strings.Builder
		Totals(&b, c.rate, c.peak, c.total)
		if b.String() != c.want {
			t.Errorf("Totals(%d, %d, %d) = %q, want %q", c.rate, c.peak, c.total, b.String(), c.want)
		}
	}
}
