package resource

import (
	"testing"
	"time"
)

func TestHistoryBounds(t *testing.T) {
	t0 := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	round := func(i, guests int) Round {
		r := Round{Time: t0.Add(time.Duration(i) * time.Second)}
		for range guests {
			r.Guests = append(r.Guests, Use{CPU: float64(i)})
		}
		return r
	}
	h := NewHistory(3, 100)
	if _, ok := h.Last(); ok || len(h.Rounds()) != 0 {
		t.Fatal("a new history holds rounds")
	}
	for i := range 10 {
		h.Add(round(i, 2))
	}
	rs := h.Rounds()
	if len(rs) != 3 || rs[0].Guests[0].CPU != 7 || rs[2].Guests[0].CPU != 9 {
		t.Fatalf("kept %d rounds from %v, want rounds 7-9", len(rs), rs)
	}
	// The sample bound: rounds of 40 guests, 100 samples, keeps two.
	for i := 10; i < 13; i++ {
		h.Add(round(i, 40))
	}
	if rs := h.Rounds(); len(rs) != 2 || rs[0].Guests[0].CPU != 11 || h.samples != 80 {
		t.Fatalf("kept %d rounds (%d samples), want 2 (80)", len(rs), h.samples)
	}
	// One round larger than the bound is still kept: the newest always is.
	h.Add(round(13, 500))
	if last, ok := h.Last(); !ok || len(h.Rounds()) != 1 || len(last.Guests) != 500 {
		t.Fatalf("kept %d rounds, want the newest alone", len(h.Rounds()))
	}
	// The list is a copy: appending to it changes nothing held.
	_ = append(h.Rounds(), round(99, 1))
	if len(h.Rounds()) != 1 {
		t.Fatal("Rounds shares its list")
	}
}

func TestUsePerVCPU(t *testing.T) {
	o := Observation{Guest: "db-1", VCPUs: 4, Capped: true, Rates: Rates{CPU: 2, Delay: 0.4, IORead: 5, SentPackets: 7, Drops: 1}}
	u := o.Use()
	if u.Guest != "db-1" || u.CPU != 2 || u.Delay != 0.1 || u.IORead != 5 || u.SentPackets != 7 || u.Drops != 1 || !u.Capped {
		t.Fatalf("Use() = %+v", u)
	}
	if u := (&Observation{Rates: Rates{Delay: 0.3}}).Use(); u.Delay != 0.3 {
		t.Fatalf("no vCPUs counted as one: delay %g, want 0.3", u.Delay)
	}
}
