package inventory

import (
	"fmt"
	"testing"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// fleet returns a host's worth of libvirt guests (two ports each) and a
// guests file that adds labels to half of them.
func fleet(n int) (Report, Report) {
	lv := Report{Source: "libvirt"}
	file := Report{Source: "file"}
	for i := 0; i < n; i++ {
		g := Guest{Name: fmt.Sprintf("vm-%05d", i), UUID: fmt.Sprintf("%08x-0000-4000-8000-000000000000", i), State: "running",
			Labels: map[string]string{"tier": "web"}, Sources: []string{"libvirt"}}
		for j := 0; j < 2; j++ {
			g.Ports = append(g.Ports, Port{Iface: fmt.Sprintf("vnet%d", 2*i+j), IfIndex: uint32(10 + 2*i + j),
				MAC: fmt.Sprintf("52:54:%02x:%02x:%02x:%02x", j, i>>16&255, i>>8&255, i&255)})
		}
		lv.Guests = append(lv.Guests, g)
		if i%2 == 0 {
			file.Guests = append(file.Guests, Guest{Name: g.Name, Labels: map[string]string{"env": "prod"},
				Ports: []Port{{MAC: g.Ports[0].MAC, IPs: []string{fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)}}}})
		}
	}
	return lv, file
}

// BenchmarkMerge1000 rebuilds the identity table of a 1,000-guest host
// from two providers, as the agent does on every libvirt event: against
// the one-second budget for following a hot-plug.
func BenchmarkMerge1000(b *testing.B) {
	lv, file := fleet(1000)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if t := Merge(lv, file); t.Len() != 1000 {
			b.Fatal(t.Len())
		}
	}
}

// BenchmarkLookup names the guest behind an address, as every alert and
// flow record does; BenchmarkLookupMapBaseline is a bare map lookup of
// the same key, the floor in the same run.
func BenchmarkLookup(b *testing.B) {
	lv, file := fleet(1000)
	t := Merge(lv, file)
	a := flow.MustParseAddr("10.0.3.230")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if t.Lookup(a, flow.MAC{}).Name == "" {
			b.Fatal("unknown")
		}
	}
}

func BenchmarkLookupMapBaseline(b *testing.B) {
	m := map[flow.Addr]int{}
	for i := 0; i < 1000; i++ {
		m[flow.MustParseAddr(fmt.Sprintf("10.0.%d.%d", i>>8, i&255))] = i
	}
	a := flow.MustParseAddr("10.0.3.230")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, ok := m[a]; !ok {
			b.Fatal("unknown")
		}
	}
}
