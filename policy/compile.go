package policy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
)

// Compiled is a Set turned into the tables a datapath looks up, for the
// guests of one host:
//
//   - every guest gets a numeric identity; guests that every selector of
//     the set treats alike share one (so a host of 500 guests in a few
//     tiers has a few identities, not 500); identity 0 is "no guest"
//     (an address nobody owns);
//   - for each ordered pair of identities that some policy governs, the
//     ports 0-65535 of TCP and UDP are cut into intervals, each with the
//     one verdict every governing policy together gives it (the deny of
//     the first policy that denies, else the first allow), and ICMP and
//     other protocols get one verdict each.
//
// A pair that appears in no Entry is not governed: its flows pass,
// unjudged. Lookup gives what Set.Verdict gives, from the tables alone.
type Compiled struct {
	// Identities maps guest names to identities (1 and up).
	Identities map[string]uint32
	// Entries are sorted by Src, Dst, Proto, Lo.
	Entries []Entry
	// Rules names the rule each Entry.Rule refers to: Rules[i].
	Rules []RuleID
}

// RuleID names a rule (or a policy's default deny) for hit counters and
// alerts.
type RuleID struct {
	Policy, Rule string
	Mode         Mode
}

// Entry is one interval of one pair's verdicts. Proto is TCP or UDP
// with Lo-Hi a port range, or ICMP, or 0 for every other protocol
// (Lo=Hi=0).
type Entry struct {
	Src, Dst uint32
	Proto    uint8
	Lo, Hi   uint16
	Action   string // Allowed, Denied or WouldDeny
	Rule     uint32 // index into Compiled.Rules
}

// MaxEntries bounds the tables a compile may produce (the datapath's
// policy map is sized to it).
const MaxEntries = 1 << 20

// Compile builds the tables for set over guests. extra are selectors
// outside the set that identities must still tell apart (a quarantine's
// management peers): guests share an identity only when every selector,
// the set's and these, treats them alike.
func Compile(set *Set, guests []inventory.Guest, extra ...inventory.Selector) (*Compiled, error) {
	c := &Compiled{Identities: map[string]uint32{}}
	// Identities: a guest's signature is which selectors match it.
	var sels []*inventory.Selector
	for i := range extra {
		sels = append(sels, &extra[i])
	}
	for i := range set.Policies {
		p := &set.Policies[i]
		sels = append(sels, &p.Scope)
		for j := range p.Rules {
			sels = append(sels, &p.Rules[j].From, &p.Rules[j].To)
		}
	}
	bySig := map[string]uint32{}
	rep := []*inventory.Guest{nil} // identity -> a guest that has it (0: none)
	for i := range guests {
		g := &guests[i]
		if g.Name == "" {
			continue
		}
		var sig strings.Builder
		for _, s := range sels {
			if s.Matches(g) {
				sig.WriteByte('1')
			} else {
				sig.WriteByte('0')
			}
		}
		id, ok := bySig[sig.String()]
		if !ok {
			id = uint32(len(rep))
			bySig[sig.String()] = id
			rep = append(rep, g)
		}
		c.Identities[g.Name] = id
	}
	// Rules: every rule, then each policy's default deny.
	e := NewEngine(set)
	for _, r := range e.rules {
		p := &set.Policies[r.policy]
		name := "default-deny"
		if r.rule >= 0 {
			name = p.Rules[r.rule].Name
		}
		c.Rules = append(c.Rules, RuleID{Policy: p.Name, Rule: name, Mode: p.Mode})
	}
	// Entries: per pair, combine the governing policies' port maps.
	for src := range rep {
		for dst := range rep {
			d := e.build(rep[src], rep[dst])
			if len(d.governing) == 0 {
				continue
			}
			for _, proto := range []uint8{flow.ProtoTCP, flow.ProtoUDP} {
				for _, iv := range combine(e, d, proto) {
					c.Entries = append(c.Entries, Entry{Src: uint32(src), Dst: uint32(dst), Proto: proto, Lo: iv.lo, Hi: iv.hi, Action: iv.v.Action, Rule: iv.rule})
				}
			}
			for _, proto := range []uint8{flow.ProtoICMP, 0} {
				v, rule := e.combineAt(d, proto, 0)
				c.Entries = append(c.Entries, Entry{Src: uint32(src), Dst: uint32(dst), Proto: proto, Action: v.Action, Rule: rule})
			}
			if len(c.Entries) > MaxEntries {
				return nil, fmt.Errorf("the policy makes more than %d table entries for these guests: use fewer distinct selectors or port ranges", MaxEntries)
			}
		}
	}
	slices.SortFunc(c.Entries, compareEntry)
	return c, nil
}

type interval struct {
	lo, hi uint16
	v      Verdict
	rule   uint32
}

// combine cuts proto's ports at every governing policy's boundaries and
// gives each piece its combined verdict; neighbours with the same verdict
// and rule merge.
func combine(e *Engine, d *pairDecision, proto uint8) []interval {
	points := []int{0}
	for _, g := range d.governing {
		starts := g.tcpStarts
		if proto == flow.ProtoUDP {
			starts = g.udpStarts
		}
		for _, s := range starts {
			points = append(points, int(s))
		}
	}
	slices.Sort(points)
	points = slices.Compact(points)
	var out []interval
	for i, p := range points {
		hi := 65535
		if i+1 < len(points) {
			hi = points[i+1] - 1
		}
		v, rule := e.combineAt(d, proto, uint16(p))
		if n := len(out); n > 0 && out[n-1].v == v && out[n-1].rule == rule {
			out[n-1].hi = uint16(hi)
			continue
		}
		out = append(out, interval{uint16(p), uint16(hi), v, rule})
	}
	return out
}

// combineAt is Decide for a pair already worked out, without counting,
// returning the deciding rule's index.
func (e *Engine) combineAt(d *pairDecision, proto uint8, port uint16) (Verdict, uint32) {
	var v Verdict
	var rule uint32
	for _, g := range d.governing {
		idx := g.lookup(proto, port)
		r := e.rules[idx]
		p := &e.set.Policies[r.policy]
		name, allow := "default-deny", false
		if r.rule >= 0 {
			name, allow = p.Rules[r.rule].Name, p.Rules[r.rule].Action == Allow
		}
		switch {
		case allow && v.Action == "":
			v, rule = Verdict{Action: Allowed, Policy: p.Name, Rule: name, Mode: p.Mode}, uint32(idx)
		case allow:
		case p.Mode == Enforce:
			return Verdict{Action: Denied, Policy: p.Name, Rule: name, Mode: p.Mode}, uint32(idx)
		case v.Action != WouldDeny:
			v, rule = Verdict{Action: WouldDeny, Policy: p.Name, Rule: name, Mode: p.Mode}, uint32(idx)
		}
	}
	return v, rule
}

// Lookup finds the verdict for a flow between two identities from the
// entries alone, as a datapath does; ok is false when no policy governs
// the pair.
func (c *Compiled) Lookup(src, dst uint32, proto uint8, port uint16) (Entry, bool) {
	switch proto {
	case flow.ProtoTCP, flow.ProtoUDP:
	case flow.ProtoICMPv6:
		proto, port = flow.ProtoICMP, 0
	case flow.ProtoICMP:
		port = 0
	default:
		proto, port = 0, 0
	}
	i, _ := slices.BinarySearchFunc(c.Entries, Entry{Src: src, Dst: dst, Proto: proto, Lo: port}, compareEntry)
	// i is the first entry not before (src, dst, proto, port): the one
	// holding port starts there, or is the one before.
	for _, j := range []int{i, i - 1} {
		if j >= 0 && j < len(c.Entries) {
			en := c.Entries[j]
			if en.Src == src && en.Dst == dst && en.Proto == proto && en.Lo <= port && port <= en.Hi {
				return en, true
			}
		}
	}
	return Entry{}, false
}

func compareEntry(a, b Entry) int {
	switch {
	case a.Src != b.Src:
		return cmp(a.Src, b.Src)
	case a.Dst != b.Dst:
		return cmp(a.Dst, b.Dst)
	case a.Proto != b.Proto:
		return cmp(uint32(a.Proto), uint32(b.Proto))
	}
	return cmp(uint32(a.Lo), uint32(b.Lo))
}

func cmp(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// PortPrefixes splits lo-hi into the fewest (port, prefix length) pairs
// that cover it exactly, for a longest-prefix-match table keyed by port:
// 1-65535 is 16 prefixes, an arbitrary range at most 30.
func PortPrefixes(lo, hi uint16) []PortPrefix {
	var out []PortPrefix
	for l := uint32(lo); l <= uint32(hi); {
		size := uint32(1)
		bits := uint8(16)
		for bits > 0 && l&(size*2-1) == 0 && l+size*2-1 <= uint32(hi) {
			size *= 2
			bits--
		}
		out = append(out, PortPrefix{Port: uint16(l), Len: bits})
		l += size
	}
	return out
}

// PortPrefix is a port and how many of its 16 bits are significant.
type PortPrefix struct {
	Port uint16
	Len  uint8
}
