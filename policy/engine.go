package policy

import (
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
)

// Engine decides flows under one Set as fast at 10,000 rules as at 10:
// for each pair of guests it meets, the rules that name the pair are
// merged once into port intervals, each holding the first rule that
// matches there; a flow is then a binary search per governing policy. It
// counts the hits of every rule. Safe for concurrent use.
type Engine struct {
	set   *Set
	rules []ruleRef // every rule of every policy, then each policy's default deny
	hits  []atomic.Uint64

	mu    sync.Mutex
	pairs map[pairKey]*pairDecision // bounded by maxPairs
}

// maxPairs bounds the pairs kept; past it the cache starts afresh (a
// pair costs one pass over the rules to rebuild).
const maxPairs = 1 << 16

type ruleRef struct {
	policy, rule int // rule -1: the policy's default deny
}

// Hit is a rule's counter.
type Hit struct {
	Policy, Rule string
	Hits         uint64
}

// NewEngine returns an engine for set.
func NewEngine(set *Set) *Engine {
	e := &Engine{set: set, pairs: map[pairKey]*pairDecision{}}
	for i, p := range set.Policies {
		for j := range p.Rules {
			e.rules = append(e.rules, ruleRef{i, j})
		}
	}
	for i := range set.Policies {
		e.rules = append(e.rules, ruleRef{i, -1})
	}
	e.hits = make([]atomic.Uint64, len(e.rules))
	return e
}

// Set returns the policies the engine decides by.
func (e *Engine) Set() *Set { return e.set }

// Hits returns every rule's counter, in file order, each policy's
// default deny after its rules.
func (e *Engine) Hits() []Hit {
	out := make([]Hit, 0, len(e.rules))
	for i, r := range e.rules {
		p := &e.set.Policies[r.policy]
		name := "default-deny"
		if r.rule >= 0 {
			name = p.Rules[r.rule].Name
		}
		out = append(out, Hit{Policy: p.Name, Rule: name, Hits: e.hits[i].Load()})
	}
	sort.SliceStable(out, func(i, j int) bool { return e.policyIndex(out[i].Policy) < e.policyIndex(out[j].Policy) })
	return out
}

func (e *Engine) policyIndex(name string) int {
	return slices.IndexFunc(e.set.Policies, func(p Policy) bool { return p.Name == name })
}

// Carry adds old's counters to the rules of e with the same policy and
// rule names, so that applying a new version does not reset what was
// counted.
func (e *Engine) Carry(old *Engine) {
	if old == nil {
		return
	}
	prev := map[[2]string]uint64{}
	for _, h := range old.Hits() {
		prev[[2]string{h.Policy, h.Rule}] = h.Hits
	}
	for i, r := range e.rules {
		p := &e.set.Policies[r.policy]
		name := "default-deny"
		if r.rule >= 0 {
			name = p.Rules[r.rule].Name
		}
		e.hits[i].Add(prev[[2]string{p.Name, name}])
	}
}

// Forget drops what the engine worked out per pair of guests: call it
// when guests' labels change.
func (e *Engine) Forget() {
	e.mu.Lock()
	clear(e.pairs)
	e.mu.Unlock()
}

// Decide is Set.Verdict, fast, counting the hit. src and dst are nil (or
// unnamed) for addresses no guest owns.
func (e *Engine) Decide(src, dst *inventory.Guest, proto uint8, port uint16) Verdict {
	d := e.pair(src, dst)
	var v Verdict
	for _, g := range d.governing {
		idx := g.lookup(proto, port)
		e.hits[idx].Add(1) // every governing policy's deciding rule counts
		r := e.rules[idx]
		p := &e.set.Policies[r.policy]
		name := "default-deny"
		allow := false
		if r.rule >= 0 {
			name, allow = p.Rules[r.rule].Name, p.Rules[r.rule].Action == Allow
		}
		switch {
		case allow && v.Action == "":
			v = Verdict{Action: Allowed, Policy: p.Name, Rule: name, Mode: p.Mode}
		case allow:
		case p.Mode == Enforce:
			return Verdict{Action: Denied, Policy: p.Name, Rule: name, Mode: p.Mode}
		case v.Action != WouldDeny:
			v = Verdict{Action: WouldDeny, Policy: p.Name, Rule: name, Mode: p.Mode}
		}
	}
	return v
}

type pairKey struct{ src, dst string }

// pairDecision is, for one pair of guests, each governing policy's rules
// merged into port intervals.
type pairDecision struct {
	governing []portMap
}

// portMap holds, per protocol, which rule (an index into Engine.rules)
// decides each port: starts[i] is where interval i begins; tcp and udp
// have intervals, icmp and other protocols one decision each.
type portMap struct {
	tcpStarts, udpStarts []uint16
	tcpRules, udpRules   []int32
	icmp, other          int32
}

func (m *portMap) lookup(proto uint8, port uint16) int32 {
	switch proto {
	case flow.ProtoTCP:
		return find(m.tcpStarts, m.tcpRules, port)
	case flow.ProtoUDP:
		return find(m.udpStarts, m.udpRules, port)
	case flow.ProtoICMP, flow.ProtoICMPv6:
		return m.icmp
	}
	return m.other
}

func find(starts []uint16, rules []int32, port uint16) int32 {
	i := sort.Search(len(starts), func(i int) bool { return starts[i] > port }) - 1
	return rules[i]
}

func (e *Engine) pair(src, dst *inventory.Guest) *pairDecision {
	k := pairKey{name(src), name(dst)}
	e.mu.Lock()
	d := e.pairs[k]
	e.mu.Unlock()
	if d != nil {
		return d
	}
	d = e.build(src, dst)
	e.mu.Lock()
	if len(e.pairs) >= maxPairs {
		clear(e.pairs)
	}
	e.pairs[k] = d
	e.mu.Unlock()
	return d
}

func name(g *inventory.Guest) string {
	if g == nil {
		return ""
	}
	return g.Name
}

// build merges, for each policy that governs the pair, the rules that
// name it into port maps: rules in order, each taking the ports no
// earlier rule took; what is left is the policy's default deny.
func (e *Engine) build(src, dst *inventory.Guest) *pairDecision {
	d := &pairDecision{}
	base := 0 // index of the policy's first rule in e.rules
	for i := range e.set.Policies {
		p := &e.set.Policies[i]
		def := int32(len(e.rules) - len(e.set.Policies) + i)
		if p.governs(src) || p.governs(dst) {
			var matching []int
			for j := range p.Rules {
				if p.Rules[j].names(src, dst) {
					matching = append(matching, j)
				}
			}
			m := portMap{icmp: def, other: def}
			m.tcpStarts, m.tcpRules = paint(p.Rules, matching, flow.ProtoTCP, int32(base), def)
			m.udpStarts, m.udpRules = paint(p.Rules, matching, flow.ProtoUDP, int32(base), def)
			for _, j := range slices.Backward(matching) {
				r := &p.Rules[j]
				if covers(r, flow.ProtoICMP) {
					m.icmp = int32(base + j)
				}
				if covers(r, 0) {
					m.other = int32(base + j)
				}
			}
			d.governing = append(d.governing, m)
		}
		base += len(p.Rules)
	}
	return d
}

// names reports whether the rule's selectors take the pair, ports aside.
func (r *Rule) names(src, dst *inventory.Guest) bool {
	return src != nil && dst != nil && src.Name != "" && dst.Name != "" && r.From.Matches(src) && r.To.Matches(dst)
}

// covers reports whether the rule takes a protocol without ports: icmp
// (icmp or any), or another one (0: only "any" or no ports at all).
func covers(r *Rule, proto uint8) bool {
	if len(r.Ports) == 0 {
		return true
	}
	for _, p := range r.Ports {
		if p.Proto == 0 && p.Lo == 0 || proto != 0 && p.Proto == proto {
			return true
		}
	}
	return false
}

// paint returns the intervals of ports 0-65535 for proto and the rule
// that decides each: the first of rules (indices into all, in order)
// whose ranges hold the port, else def. Adjacent intervals with the same
// rule are merged.
func paint(all []Rule, rules []int, proto uint8, base, def int32) ([]uint16, []int32) {
	// Boundaries: every range's start and the port after its end.
	points := []int{0}
	for _, j := range rules {
		for _, pr := range ranges(&all[j], proto) {
			points = append(points, int(pr.Lo), int(pr.Hi)+1)
		}
	}
	slices.Sort(points)
	points = slices.Compact(points)
	if points[len(points)-1] == 65536 {
		points = points[:len(points)-1]
	}
	owner := make([]int32, len(points))
	for i := range owner {
		owner[i] = -1
	}
	// next[i] skips segments already owned (path-halving), so that each
	// rule costs its own segments plus near-constant hops.
	next := make([]int, len(points)+1)
	for i := range next {
		next[i] = i
	}
	var free func(i int) int
	free = func(i int) int {
		for next[i] != i {
			next[i] = next[next[i]]
			i = next[i]
		}
		return i
	}
	for _, j := range rules {
		for _, pr := range ranges(&all[j], proto) {
			i, _ := slices.BinarySearch(points, int(pr.Lo))
			for i = free(i); i < len(points) && points[i] <= int(pr.Hi); i = free(i) {
				owner[i] = base + int32(j)
				next[i] = i + 1
			}
		}
	}
	var starts []uint16
	var out []int32
	for i, p := range points {
		o := owner[i]
		if o < 0 {
			o = def
		}
		if len(out) > 0 && out[len(out)-1] == o {
			continue
		}
		starts, out = append(starts, uint16(p)), append(out, o)
	}
	return starts, out
}

// ranges are the rule's port ranges that apply to proto (all ports when
// the rule names none).
func ranges(r *Rule, proto uint8) []PortRange {
	if len(r.Ports) == 0 {
		return []PortRange{{Lo: 0, Hi: 65535}}
	}
	var out []PortRange
	for _, p := range r.Ports {
		if p.Proto == 0 || p.Proto == proto {
			out = append(out, p)
		}
	}
	return out
}
