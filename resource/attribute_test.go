package resource

import (
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"
)

var start = time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)

// series runs rounds through a fresh attributor; each round's
// observations come from obs(i).
func series(t *testing.T, cfg AttributeConfig, rounds int, obs func(i int) []Observation) (first int, found []Contention) {
	t.Helper()
	a := NewAttributor(cfg)
	first = -1
	for i := range rounds {
		got := a.Observe(start.Add(time.Duration(i)*time.Second), obs(i))
		if len(got) > 0 && first < 0 {
			first = i
		}
		found = append(found, got...)
	}
	return first, found
}

func guest(name string, vcpus int, cpu, delayPerVCPU, throttled float64) Observation {
	return Observation{Guest: name, VCPUs: vcpus, Rates: Rates{CPU: cpu, Delay: delayPerVCPU * float64(vcpus), Throttled: throttled}}
}

func TestHogAndVictim(t *testing.T) {
	const onset = 60
	first, found := series(t, DefaultAttributeConfig(), 80, func(i int) []Observation {
		if i < onset {
			return []Observation{guest("db-1", 2, 0.3, 0.004, 0), guest("hog", 2, 0.1, 0.003, 0), guest("idle", 1, 0.01, 0.001, 0)}
		}
		return []Observation{guest("db-1", 2, 0.25, 0.080, 0), guest("hog", 2, 1.9, 0.010, 0), guest("idle", 1, 0.01, 0.002, 0)}
	})
	if first < onset || first > onset+9 {
		t.Fatalf("first contention at round %d, want within 10 s of the onset (%d); %+v", first, onset, found)
	}
	c := found[0]
	if c.Aggressor != "hog" || len(c.Victims) != 1 || c.Victims[0].Guest != "db-1" || c.Resource != "cpu" || c.Victims[0].Critical {
		t.Fatalf("contention %+v", c)
	}
	if c.Victims[0].Delay < 70*time.Millisecond || c.Victims[0].Baseline > 10*time.Millisecond || !c.Since.Equal(start.Add(onset*time.Second)) {
		t.Errorf("victim %+v since %s", c.Victims[0], c.Since)
	}
	t.Logf("round %d: %s uses %.2f cores (%.0f%%), %s waits %s/s per vCPU (baseline %s)", first, c.Aggressor, c.Cores, 100*c.Share, c.Victims[0].Guest, c.Victims[0].Delay, c.Victims[0].Baseline)
}

func TestNobodyBlamed(t *testing.T) {
	for _, c := range []struct {
		name string
		obs  func(i int) []Observation
	}{
		{"a busy guest and no one suffering", func(i int) []Observation {
			cpu := 0.1
			if i >= 30 {
				cpu = 1.95
			}
			return []Observation{guest("busy", 2, cpu, 0.004, 0), guest("a", 1, 0.05, 0.002, 0), guest("b", 1, 0.05, 0.002, 0)}
		}},
		{"slowed only by its own quota", func(i int) []Observation {
			d, thr := 0.002, 0.0
			if i >= 30 {
				d, thr = 0.150, 0.400 // its cpu.max holds it back
			}
			return []Observation{guest("capped", 1, 0.5, d, thr), guest("other", 2, 1.5, 0.003, 0)}
		}},
		{"the host is busy, no guest stands out", func(i int) []Observation {
			d := 0.003
			if i >= 30 {
				d = 0.090
			}
			return []Observation{guest("a", 1, 0.1, d, 0), guest("b", 1, 0.1, d, 0), guest("c", 1, 0.1, 0.004, 0)}
		}},
		{"a blip of two bad rounds", func(i int) []Observation {
			d := 0.003
			if i == 30 || i == 31 {
				d = 0.2
			}
			return []Observation{guest("v", 1, 0.1, d, 0), guest("hog", 2, 1.9, 0.003, 0)}
		}},
	} {
		if _, found := series(t, DefaultAttributeConfig(), 60, c.obs); len(found) > 0 {
			t.Errorf("%s: %+v", c.name, found[0])
		}
	}
}

func TestDeterministic(t *testing.T) {
	run := func() []Contention {
		_, found := series(t, DefaultAttributeConfig(), 50, func(i int) []Observation {
			var out []Observation
			for g := range 20 {
				d := 0.002 + float64((i*7+g*13)%5)/1000
				cpu := 0.1
				if i > 25 && g < 5 {
					d = 0.120
				}
				if i > 25 && g == 19 {
					cpu = 3.5
				}
				out = append(out, guest(fmt.Sprint("g", g), 1+g%3, cpu, d, 0))
			}
			return out
		})
		return found
	}
	a, b := run(), run()
	if len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Fatalf("two runs of the same series: %d and %d findings, equal %v", len(a), len(b), reflect.DeepEqual(a, b))
	}
	if a[0].Aggressor != "g19" || len(a[0].Victims) != 5 {
		t.Errorf("first finding %+v", a[0])
	}
}

func TestAttributorBounded(t *testing.T) {
	cfg := DefaultAttributeConfig()
	cfg.MaxGuests = 10
	a := NewAttributor(cfg)
	for i := range 100 {
		a.Observe(start.Add(time.Duration(i)*time.Second), []Observation{guest(fmt.Sprint("g", i), 1, 0.1, 0.001, 0)})
	}
	if len(a.guests) != 10 {
		t.Errorf("%d guests tracked, want at most 10", len(a.guests))
	}
	if err := (AttributeConfig{}).Validate(); err == nil {
		t.Error("the zero config validated")
	}
}

// Two CPU-bound guests on one CPU both wait for it: the one whose demand
// grew (the hog, started later) is the aggressor, the one whose work was
// there before is the victim.
func TestSymmetricContention(t *testing.T) {
	first, found := series(t, DefaultAttributeConfig(), 70, func(i int) []Observation {
		if i < 40 {
			return []Observation{guest("db-1", 1, 0.95, 0.01, 0), guest("rogue", 1, 0.01, 0.001, 0)}
		}
		return []Observation{guest("db-1", 1, 0.5, 0.48, 0), guest("rogue", 1, 0.5, 0.49, 0)}
	})
	if first < 40 || len(found) == 0 || found[0].Aggressor != "rogue" || len(found[0].Victims) != 1 || found[0].Victims[0].Guest != "db-1" || !found[0].Victims[0].Critical {
		t.Fatalf("first at %d: %+v", first, found)
	}
}

// withNet gives an observation port counters: sent and received packets a
// second (bytes at 1,000 a packet).
func withNet(o Observation, sent, recv float64) Observation {
	o.Rates.SentPackets, o.Rates.SentBytes, o.Rates.RecvPackets = sent, sent*1000, recv
	return o
}

// TestNetworkHog: rogue floods web-1; the receiver's CPU rises (the
// accounting charges it the softirq and its reads), the probe guest
// waits. The aggressor is the sender, by its port counters; web-1 is
// named as the receiver, not blamed.
func TestNetworkHog(t *testing.T) {
	const onset = 40
	first, found := series(t, DefaultAttributeConfig(), 60, func(i int) []Observation {
		if i < onset {
			return []Observation{withNet(guest("rogue", 1, 0.02, 0.002, 0), 10, 10), withNet(guest("web-1", 1, 0.05, 0.002, 0), 50, 50),
				withNet(guest("app-1", 1, 0.1, 0.003, 0), 1000, 1000)}
		}
		return []Observation{withNet(guest("rogue", 1, 0.6, 0.010, 0), 400000, 20000), withNet(guest("web-1", 1, 0.95, 0.020, 0), 20000, 400000),
			withNet(guest("app-1", 1, 0.1, 0.090, 0), 1000, 1000)}
	})
	if first < onset || first > onset+9 || len(found) == 0 {
		t.Fatalf("first contention at round %d; %+v", first, found)
	}
	c := found[0]
	if c.Resource != "network" || c.Aggressor != "rogue" || !reflect.DeepEqual(c.Receivers, []string{"web-1"}) ||
		len(c.Victims) != 1 || c.Victims[0].Guest != "app-1" || c.Packets != 400000 {
		t.Fatalf("contention %+v", c)
	}

	// The same CPU picture without the traffic is a CPU hog, web-1.
	_, found = series(t, DefaultAttributeConfig(), 60, func(i int) []Observation {
		if i < onset {
			return []Observation{guest("rogue", 1, 0.02, 0.002, 0), guest("web-1", 1, 0.05, 0.002, 0), guest("app-1", 1, 0.1, 0.003, 0)}
		}
		return []Observation{guest("rogue", 1, 0.02, 0.002, 0), guest("web-1", 1, 0.95, 0.020, 0), guest("app-1", 1, 0.1, 0.090, 0)}
	})
	if len(found) == 0 || found[0].Resource != "cpu" || found[0].Aggressor != "web-1" {
		t.Fatalf("without traffic: %+v", found)
	}

	// A CPU hog beside a heavy sender whose traffic it does not receive:
	// the CPU hog.
	_, found = series(t, DefaultAttributeConfig(), 60, func(i int) []Observation {
		if i < onset {
			return []Observation{withNet(guest("backup", 1, 0.1, 0.002, 0), 100000, 100), withNet(guest("hog", 1, 0.05, 0.002, 0), 10, 10),
				withNet(guest("app-1", 1, 0.1, 0.003, 0), 1000, 1000)}
		}
		return []Observation{withNet(guest("backup", 1, 0.1, 0.002, 0), 200000, 100), withNet(guest("hog", 1, 1.9, 0.010, 0), 10, 10),
			withNet(guest("app-1", 1, 0.1, 0.090, 0), 1000, 1000)}
	})
	if len(found) == 0 || found[0].Resource != "cpu" || found[0].Aggressor != "hog" {
		t.Fatalf("a CPU hog beside a sender: %+v", found)
	}
}

// TestNewcomerIsNotTheVictim: a hog that ran alone before (nobody
// suffered), rests, then shares one CPU with a steady server: both wait
// for the CPU, but the server was there first. However long the
// contention lasts, the hog is never called the server's victim, nor
// once its quota holds it back.
func TestNewcomerIsNotTheVictim(t *testing.T) {
	_, found := series(t, DefaultAttributeConfig(), 100, func(i int) []Observation {
		switch {
		case i < 15: // the hog alone
			return []Observation{guest("hog", 1, 1.0, 0.003, 0), guest("db-1", 1, 0.01, 0.001, 0)}
		case i < 35: // rest; db-1 starts serving
			return []Observation{guest("hog", 1, 0.0, 0.000, 0), guest("db-1", 1, 1.0, 0.003, 0)}
		case i < 80: // one CPU shared: both wait
			return []Observation{guest("hog", 1, 0.5, 0.500, 0), guest("db-1", 1, 0.5, 0.500, 0)}
		case i < 83: // the throttle begins mid-round: db-1 runs again, the hog waits
			return []Observation{guest("hog", 1, 0.2, 0.800, 0.300), guest("db-1", 1, 0.9, 0.050, 0)}
		default: // the hog throttled: its own quota holds it back, all
			// its threads wait (their delay sums to more than the
			// wall time it is held)
			return []Observation{guest("hog", 1, 0.1, 2.500, 0.900), guest("db-1", 1, 0.95, 0.020, 0)}
		}
	})
	if len(found) == 0 {
		t.Fatal("no contention")
	}
	for _, c := range found {
		if c.Aggressor != "hog" || len(c.Victims) != 1 || c.Victims[0].Guest != "db-1" {
			t.Fatalf("contention %+v", c)
		}
	}
}

// withIO gives an observation I/O figures: pressure (share of time stalled)
// and bytes a second.
func withIO(o Observation, pressure, bytes float64) Observation {
	o.Rates.Have |= HavePressure
	o.Rates.PressureIO, o.Rates.IOWrite = pressure, bytes
	return o
}

// TestIOHog: a guest starts writing 80 MB/s; db-1, which commits small
// writes, stalls on I/O. The hog stalls too (it waits for its own
// writes) but its I/O grew: it is the aggressor by its bytes, not a
// victim. An asynchronous flooder that shows no pressure is found the
// same way; a busy writer with nobody stalling raises nothing.
func TestIOHog(t *testing.T) {
	const onset = 40
	for _, c := range []struct {
		name        string
		hogPressure float64
		victim      float64 // db-1's pressure during
		want        bool
	}{
		{"the hog stalls on its own writes too", 0.25, 0.20, true},
		{"an asynchronous flooder", 0.0, 0.20, true},
		{"nobody stalls", 0.30, 0.01, false},
	} {
		_, found := series(t, DefaultAttributeConfig(), 60, func(i int) []Observation {
			if i < onset {
				return []Observation{withIO(guest("hog", 1, 0.02, 0.002, 0), 0, 0), withIO(guest("db-1", 1, 0.1, 0.003, 0), 0.01, 400e3)}
			}
			return []Observation{withIO(guest("hog", 1, 0.3, 0.002, 0), c.hogPressure, 80e6), withIO(guest("db-1", 1, 0.1, 0.003, 0), c.victim, 350e3)}
		})
		if !c.want {
			if len(found) > 0 {
				t.Errorf("%s: %+v", c.name, found)
			}
			continue
		}
		if len(found) == 0 {
			t.Errorf("%s: no contention", c.name)
			continue
		}
		f := found[0]
		if f.Resource != "io" || f.Aggressor != "hog" || len(f.Victims) != 1 || f.Victims[0].Guest != "db-1" || f.IOBytes != 80e6 || math.Abs(f.Victims[0].Pressure-c.victim) > 1e-9 {
			t.Errorf("%s: %+v", c.name, f)
		}
	}
}

// TestCappedIsNoVictim: a guest the agent throttled waits, round after
// round, and in the rounds where the cap comes into force its quota
// counters lag; it is nobody's victim while the cap holds.
func TestCappedIsNoVictim(t *testing.T) {
	a := NewAttributor(DefaultAttributeConfig())
	for i := range 60 {
		hog := Observation{Guest: "hog", VCPUs: 1, Rates: Rates{CPU: 0.02, Delay: 0.002}}
		db := guest("db-1", 1, 0.1, 0.003, 0)
		if i >= 30 { // capped; its threads wait, its counters say little
			hog = Observation{Guest: "hog", VCPUs: 1, Rates: Rates{CPU: 0.1, Delay: 2.5, Throttled: 0.01}, Capped: true}
			db = guest("db-1", 1, 0.95, 0.003, 0)
		}
		if got := a.Observe(start.Add(time.Duration(i)*time.Second), []Observation{hog, db}); len(got) > 0 {
			t.Fatalf("round %d: %+v", i, got)
		}
	}
}

// TestBaselineFromABusyStart: the guests are first seen while they boot
// together on one CPU (both waiting); then db-1 runs alone; then the hog
// starts. db-1's normal is its quiet level, not its first, contended one.
func TestBaselineFromABusyStart(t *testing.T) {
	first, found := series(t, DefaultAttributeConfig(), 60, func(i int) []Observation {
		switch {
		case i < 10: // booting together
			return []Observation{guest("hog", 1, 0.5, 0.5, 0), guest("db-1", 1, 0.5, 0.5, 0)}
		case i < 30: // db-1 busy alone
			return []Observation{guest("hog", 1, 0.01, 0.001, 0), guest("db-1", 1, 1.0, 0.01, 0)}
		default:
			return []Observation{guest("hog", 1, 0.5, 0.5, 0), guest("db-1", 1, 0.5, 0.5, 0)}
		}
	})
	if first < 30 || first > 40 || found[0].Aggressor != "hog" || found[0].Victims[0].Guest != "db-1" {
		t.Fatalf("first at %d: %+v", first, found)
	}
}
