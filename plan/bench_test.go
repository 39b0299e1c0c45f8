package plan

import (
	"runtime"
	"testing"
)

// benchFleet is the size the issue sets the planner's budget on: 1,000
// hosts and 20,000 guests, capacity (k=1) and a full maintenance plan
// each under 5 s and 500 MiB.
func benchFleet(b *testing.B) *Inventory {
	b.Helper()
	inv := Generate(1000, 20000, 0, 1)
	if len(inv.Guests) != 20000 {
		b.Fatalf("generated %d guests", len(inv.Guests))
	}
	return inv
}

func BenchmarkCapacity1000Hosts(b *testing.B) {
	inv := benchFleet(b)
	b.ReportAllocs()
	for b.Loop() {
		r := Capacity(inv, DefaultCapacityOptions)
		if r.Tolerates < 1 {
			b.Fatalf("tolerates %d", r.Tolerates)
		}
	}
	reportHeap(b)
}

func BenchmarkMaintenance1000Hosts(b *testing.B) {
	inv := benchFleet(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Maintenance(inv, DefaultMaintenanceOptions); err != nil {
			b.Fatal(err)
		}
	}
	reportHeap(b)
}

// reportHeap reports the peak of the Go heap the runtime has asked for,
// as MiB: the planner's memory, besides the inventory itself.
func reportHeap(b *testing.B) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapSys)/(1<<20), "heap-MiB")
}
