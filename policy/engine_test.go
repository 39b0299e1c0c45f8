package policy

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
)

// randomSet writes a policy file of random rules over a small label space
// (so that rules overlap a lot), parsing it as a user's file would be.
func randomSet(rng *rand.Rand, policies, rules int) *Set {
	for {
		var b strings.Builder
		b.WriteString("version: 1\npolicies:\n")
		sel := func() string {
			switch rng.IntN(4) {
			case 0:
				return fmt.Sprintf("tier=t%d", rng.IntN(3))
			case 1:
				return fmt.Sprintf("app=a%d", rng.IntN(2))
			case 2:
				return fmt.Sprintf("name=g%d*", rng.IntN(3))
			}
			return "name=*"
		}
		port := func() string {
			switch rng.IntN(6) {
			case 0:
				return "icmp"
			case 1:
				return "any"
			case 2:
				return fmt.Sprintf("any/%d", 1+rng.IntN(40))
			case 3:
				lo := 1 + rng.IntN(40)
				return fmt.Sprintf("udp/%d-%d", lo, lo+rng.IntN(20))
			}
			lo := 1 + rng.IntN(40)
			return fmt.Sprintf("tcp/%d-%d", lo, lo+rng.IntN(20))
		}
		for i := range policies {
			fmt.Fprintf(&b, "  - name: p%d\n    mode: %s\n    scope: %s\n    rules:\n", i, []string{"observe", "enforce"}[rng.IntN(2)], sel())
			for j := range rules {
				var ports []string
				for range rng.IntN(3) {
					ports = append(ports, port())
				}
				fmt.Fprintf(&b, "      - {name: r%d, from: %q, to: %q, ports: [%s], action: %s}\n", j, sel(), sel(), strings.Join(ports, ", "), []string{"allow", "deny"}[rng.IntN(2)])
			}
		}
		if set, err := Parse([]byte(b.String())); err == nil {
			return set // else a random contradiction: draw again
		}
	}
}

// The engine decides every flow as the plain first-match evaluation does.
func TestEngineAgreesWithVerdict(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var guests []*inventory.Guest
	for i := range 9 {
		guests = append(guests, guest(fmt.Sprintf("g%d-%d", i%3, i), "tier", fmt.Sprintf("t%d", i%3), "app", fmt.Sprintf("a%d", i%2)))
	}
	guests = append(guests, nil, &inventory.Guest{}) // addresses no guest owns
	for round := range 200 {
		set := randomSet(rng, 1+rng.IntN(3), 1+rng.IntN(8))
		e := NewEngine(set)
		for range 300 {
			src, dst := guests[rng.IntN(len(guests))], guests[rng.IntN(len(guests))]
			proto := []uint8{flow.ProtoTCP, flow.ProtoUDP, flow.ProtoICMP, 47}[rng.IntN(4)]
			port := uint16(rng.IntN(70))
			if proto == flow.ProtoICMP || proto == 47 {
				port = 0
			}
			want := set.Verdict(src, dst, proto, port)
			if got := e.Decide(src, dst, proto, port); got != want {
				t.Fatalf("round %d: %s -> %s proto %d port %d: engine %+v, Verdict %+v\npolicies: %+v", round, name(src), name(dst), proto, port, got, want, set.Policies)
			}
		}
	}
}

func TestHitsAndCarry(t *testing.T) {
	set, err := Parse([]byte(shop))
	if err != nil {
		t.Fatal(err)
	}
	web := guest("web-1", "app", "shop", "tier", "web")
	db := guest("db-1", "app", "shop", "tier", "db")
	e := NewEngine(set)
	for range 3 {
		e.Decide(web, db, flow.ProtoTCP, 5432)
	}
	e.Decide(web, db, flow.ProtoTCP, 22)
	got := map[string]uint64{}
	for _, h := range e.Hits() {
		got[h.Policy+"/"+h.Rule] = h.Hits
	}
	// web -> db is governed by shop and by watch-db (db's tier).
	if got["shop/web-to-db"] != 3 || got["shop/default-deny"] != 1 || got["watch-db/from-web"] != 3 {
		t.Errorf("hits %v", got)
	}
	next := NewEngine(set)
	next.Carry(e)
	next.Decide(web, db, flow.ProtoTCP, 5432)
	for _, h := range next.Hits() {
		if h.Policy == "shop" && h.Rule == "web-to-db" && h.Hits != 4 {
			t.Errorf("after a new version, web-to-db has %d hits, want 4", h.Hits)
		}
	}
}

// A policy of 10,000 port rules between the same two groups: the engine
// decides as fast as with 10 (compare the two sub-benchmarks).
func BenchmarkDecide(b *testing.B) {
	web := guest("web-1", "tier", "web")
	db := guest("db-1", "tier", "db")
	for _, n := range []int{10, 10000} {
		var s strings.Builder
		s.WriteString("version: 1\npolicies:\n  - name: p\n    mode: enforce\n    scope: tier=db\n    rules:\n")
		for i := range n {
			fmt.Fprintf(&s, "      - {name: r%d, from: tier=web, to: tier=db, ports: [tcp/%d], action: allow}\n", i, 1+i%65535)
		}
		set, err := Parse([]byte(s.String()))
		if err != nil {
			b.Fatal(err)
		}
		e := NewEngine(set)
		b.Run(fmt.Sprintf("rules=%d", n), func(b *testing.B) {
			port := uint16(0)
			for b.Loop() {
				port = port*7 + 13
				e.Decide(web, db, flow.ProtoTCP, port)
			}
		})
	}
}

// The compiled tables give every flow the verdict Set.Verdict gives, and
// guests that selectors treat alike share an identity.
func TestCompileAgreesWithVerdict(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var guests []inventory.Guest
	for i := range 12 {
		guests = append(guests, *guest(fmt.Sprintf("g%d-%d", i%3, i), "tier", fmt.Sprintf("t%d", i%3), "app", fmt.Sprintf("a%d", i%2)))
	}
	for round := range 100 {
		set := randomSet(rng, 1+rng.IntN(3), 1+rng.IntN(8))
		c, err := Compile(set, guests)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[uint32]bool{}
		for _, id := range c.Identities {
			ids[id] = true
		}
		if len(c.Identities) != len(guests) || len(ids) > 6 {
			t.Fatalf("round %d: %d guests in %d identities (at most 6 label/name classes exist)", round, len(c.Identities), len(ids))
		}
		all := append([]*inventory.Guest{nil}, ptrs(guests)...)
		for range 400 {
			src, dst := all[rng.IntN(len(all))], all[rng.IntN(len(all))]
			proto := []uint8{flow.ProtoTCP, flow.ProtoUDP, flow.ProtoICMP, 47}[rng.IntN(4)]
			port := uint16(rng.IntN(70))
			if rng.IntN(10) == 0 {
				port = uint16(rng.IntN(65536))
			}
			if proto != flow.ProtoTCP && proto != flow.ProtoUDP {
				port = 0
			}
			want := set.Verdict(src, dst, proto, port)
			en, ok := c.Lookup(c.Identities[name(src)], c.Identities[name(dst)], proto, port)
			if ok != (want.Action != "") {
				t.Fatalf("round %d: %s -> %s %d/%d: governed %v, Verdict %+v", round, name(src), name(dst), proto, port, ok, want)
			}
			if !ok {
				continue
			}
			r := c.Rules[en.Rule]
			if en.Action != want.Action || r.Policy != want.Policy || r.Rule != want.Rule {
				t.Fatalf("round %d: %s -> %s %d/%d: table %s by %s/%s, Verdict %+v", round, name(src), name(dst), proto, port, en.Action, r.Policy, r.Rule, want)
			}
		}
	}
}

func ptrs(gs []inventory.Guest) []*inventory.Guest {
	out := make([]*inventory.Guest, len(gs))
	for i := range gs {
		out[i] = &gs[i]
	}
	return out
}

func TestPortPrefixes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 2000 {
		lo := uint16(rng.IntN(65536))
		hi := lo + uint16(rng.IntN(65536-int(lo)))
		if i == 0 {
			lo, hi = 1, 65535
		}
		ps := PortPrefixes(lo, hi)
		if len(ps) > 30 || (i == 0 && len(ps) != 16) {
			t.Fatalf("%d-%d: %d prefixes", lo, hi, len(ps))
		}
		next := uint32(lo)
		for _, p := range ps {
			size := uint32(1) << (16 - p.Len)
			if uint32(p.Port) != next || uint32(p.Port)%size != 0 {
				t.Fatalf("%d-%d: prefix %d/%d does not continue at %d", lo, hi, p.Port, p.Len, next)
			}
			next += size
		}
		if next != uint32(hi)+1 {
			t.Fatalf("%d-%d: prefixes end at %d", lo, hi, next-1)
		}
	}
}
