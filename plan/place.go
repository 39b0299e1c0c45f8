package plan

import (
	"fmt"
	"math"
)

// outcome is the answer to one placement problem: can these units all
// find a host among the hosts that are up?
type outcome int

const (
	placed     outcome = iota // a placement was found; its moves are applied
	impossible                // proved: no placement exists
	undecided                 // the heuristics found none and the search budget ran out
)

func (o outcome) String() string {
	return [...]string{"placed", "impossible", "undecided"}[o]
}

// placement is an outcome with its reason when no placement was found.
type placement struct {
	outcome outcome
	reason  string
}

// packer places sets of units and owns the scratch space and the exact
// search budget for doing so many times over.
type packer struct {
	s *state
	// searchNodes bounds each exact search; 0 disables it.
	searchNodes int
	// maxSearch is the problem size (units, hosts up) up to which the
	// exact search runs after the heuristics fail.
	maxSearch int
	order     []int32
	// start is where first-fit begins its scan (wrapping around): the
	// host after the failed ones, so that checks of many failure sets do
	// not all wade through the same full hosts at the low indexes.
	start int32
}

func newPacker(s *state) *packer {
	return &packer{s: s, searchNodes: 200_000, maxSearch: 48}
}

// placeAll finds a host for every unit in units (which stand on hosts
// that are down). On success the moves stay applied for the caller to
// read and undo; otherwise the state is as it was. First-fit and
// best-fit decreasing are tried first, then the conditions every
// placement must meet (to prove there is none), then, on small
// problems, an exhaustive search.
func (p *packer) placeAll(units []int32) placement {
	s := p.s
	if len(units) == 0 {
		return placement{outcome: placed}
	}
	p.order = append(p.order[:0], units...)
	s.f.largestFirst(p.order)
	mark := s.mark()
	if p.greedy(p.order, firstFit) {
		return placement{outcome: placed}
	}
	s.undo(mark)
	if p.greedy(p.order, bestFit) {
		return placement{outcome: placed}
	}
	s.undo(mark)
	if reason, ok := p.proveImpossible(p.order); ok {
		return placement{outcome: impossible, reason: reason}
	}
	up := 0
	for h := range s.down {
		if !s.down[h] {
			up++
		}
	}
	if p.searchNodes > 0 && len(p.order) <= p.maxSearch && up <= p.maxSearch {
		nodes := p.searchNodes
		found, complete := p.search(p.order, 0, &nodes)
		if found {
			return placement{outcome: placed}
		}
		s.undo(mark)
		if complete {
			return placement{outcome: impossible, reason: fmt.Sprintf(
				"no placement of its %d units on the %d hosts left exists (exhaustive search)", len(p.order), up)}
		}
	}
	return placement{outcome: undecided, reason: fmt.Sprintf(
		"first-fit and best-fit found no placement of %d units on %d hosts and none of the quick proofs apply", len(p.order), up)}
}

type strategy int

const (
	firstFit strategy = iota // lowest host index that fits
	bestFit                  // the host left fullest
	spread                   // the host left emptiest (how HA restarts guests)
)

// greedy places units in the given order, each on the host the strategy
// picks. It reports whether every unit found one.
func (p *packer) greedy(units []int32, how strategy) bool {
	s := p.s
	for _, u := range units {
		h := p.pick(u, how)
		if h < 0 {
			return false
		}
		s.moveTo(u, h)
	}
	return true
}

func (p *packer) pick(u int32, how strategy) int32 {
	s := p.s
	best, bestScore := int32(-1), 0.0
	un := &s.f.units[u]
	n := int32(len(s.f.hosts))
	for i := range n {
		h := i
		if how == firstFit {
			h = (p.start + i) % n
		}
		if !s.fits(u, h) {
			continue
		}
		if how == firstFit {
			return h
		}
		fh := &s.f.hosts[h]
		left := min((fh.cpu-s.cpu[h]-un.cpu)/fh.cpu, (fh.mem-s.mem[h]-un.mem)/fh.mem)
		score := left
		if how == bestFit {
			score = -left
		}
		if best < 0 || score > bestScore {
			best, bestScore = h, score
		}
	}
	return best
}

// proveImpossible checks conditions every placement must meet: enough
// free CPU and memory in total, enough hosts free of each anti-affinity
// group for its members, and a host for each unit on its own.
func (p *packer) proveImpossible(units []int32) (string, bool) {
	if reason, bad := p.proveQuick(units); bad {
		return reason, true
	}
	if reason, bad := p.proveGroups(units); bad {
		return reason, true
	}
	s, f := p.s, p.s.f
	for _, u := range units {
		ok := false
		for h := range f.hosts {
			if s.fits(u, int32(h)) {
				ok = true
				break
			}
		}
		if !ok {
			un := &f.units[u]
			return fmt.Sprintf("%s (%.0f vCPUs, %.0f MiB) fits on none of the hosts left", f.unitName(u), un.cpu, un.mem), true
		}
	}
	return "", false
}

// proveQuick is the part of proveImpossible that costs O(hosts + units):
// the aggregate and anti-affinity conditions.
func (p *packer) proveQuick(units []int32) (string, bool) {
	s, f := p.s, p.s.f
	var needCPU, needMem, freeCPU, freeMem float64
	for _, u := range units {
		needCPU += f.units[u].cpu
		needMem += f.units[u].mem
	}
	for h := range f.hosts {
		if !s.down[h] {
			c, m := s.free(int32(h))
			freeCPU += c
			freeMem += m
		}
	}
	if needCPU > freeCPU+eps {
		return fmt.Sprintf("needs %.0f vCPUs, the hosts left have %.0f free", needCPU, freeCPU), true
	}
	if needMem > freeMem+eps {
		return fmt.Sprintf("needs %.0f MiB, the hosts left have %.0f MiB free", needMem, freeMem), true
	}
	need := map[int32]int{}
	for _, u := range units {
		for _, g := range f.units[u].anti {
			need[g]++
		}
	}
	up := 0
	for h := range s.down {
		if !s.down[h] {
			up++
		}
	}
	for _, g := range sortedKeys(need) {
		avail := up
		for _, m := range s.members[g] {
			if !s.down[m.host] {
				avail--
			}
		}
		if need[g] > avail {
			return fmt.Sprintf("anti-affinity group %s needs a host without a member for each of its %d to place, %d such hosts are left",
				f.groups[g], need[g], avail), true
		}
	}
	return "", false
}

// proveGroups checks each anti-affinity group on its own: its members to
// place must each get a different host without a member, one they fit
// on (a bipartite matching), and together fit in those hosts' free room.
func (p *packer) proveGroups(units []int32) (string, bool) {
	s, f := p.s, p.s.f
	byGroup := map[int32][]int32{}
	for _, u := range units {
		for _, g := range f.units[u].anti {
			byGroup[g] = append(byGroup[g], u)
		}
	}
	for _, g := range sortedKeys(byGroup) {
		members := byGroup[g]
		if len(members) < 2 {
			continue
		}
		var hosts []int32
		var freeCPU, freeMem, needCPU, needMem float64
		for h := range f.hosts {
			if !s.down[h] && !s.holds(g, int32(h)) {
				hosts = append(hosts, int32(h))
				c, m := s.free(int32(h))
				freeCPU += c
				freeMem += m
			}
		}
		for _, u := range members {
			needCPU += f.units[u].cpu
			needMem += f.units[u].mem
		}
		if needCPU > freeCPU+eps || needMem > freeMem+eps {
			return fmt.Sprintf("anti-affinity group %s: its %d members to place need %.0f vCPUs and %.0f MiB, the %d hosts without one have %.0f and %.0f free",
				f.groups[g], len(members), needCPU, needMem, len(hosts), freeCPU, freeMem), true
		}
		if matched := p.match(members, hosts); matched < len(members) {
			return fmt.Sprintf("anti-affinity group %s: only %d of its %d members to place can each get a host of their own with room",
				f.groups[g], matched, len(members)), true
		}
	}
	return "", false
}

// match is the size of a maximum matching of units to hosts they fit on
// (Kuhn's augmenting paths; groups are small).
func (p *packer) match(units, hosts []int32) int {
	owner := make(map[int32]int, len(hosts)) // host -> index in units
	var try func(i int, seen map[int32]bool) bool
	try = func(i int, seen map[int32]bool) bool {
		for _, h := range hosts {
			if seen[h] || !p.s.fits(units[i], h) {
				continue
			}
			seen[h] = true
			if j, taken := owner[h]; !taken || try(j, seen) {
				owner[h] = i
				return true
			}
		}
		return false
	}
	n := 0
	for i := range units {
		if try(i, map[int32]bool{}) {
			n++
		}
	}
	return n
}

// search is a depth-first search over hosts for units[i:], largest unit
// first. Hosts that are interchangeable (same capacity, same use, no
// member of any group still to place) are tried once. It reports whether
// a placement was found (left applied) and whether the search was
// complete (false when the node budget ran out).
func (p *packer) search(units []int32, i int, nodes *int) (found, complete bool) {
	if i == len(units) {
		return true, true
	}
	s := p.s
	u := units[i]
	type shape struct{ cpu, mem, usedCPU, usedMem float64 }
	var tried []shape
	complete = true
	for h := range s.f.hosts {
		h := int32(h)
		if !s.fits(u, h) {
			continue
		}
		clean := p.clean(units[i:], h)
		if clean {
			sh := shape{s.f.hosts[h].cpu, s.f.hosts[h].mem, s.cpu[h], s.mem[h]}
			seen := false
			for _, t := range tried {
				if t == sh {
					seen = true
					break
				}
			}
			if seen {
				continue
			}
			tried = append(tried, sh)
		}
		if *nodes <= 0 {
			return false, false
		}
		*nodes--
		mark := s.mark()
		s.moveTo(u, h)
		f, c := p.search(units, i+1, nodes)
		if f {
			return true, true
		}
		s.undo(mark)
		complete = complete && c
		if !c {
			return false, false
		}
	}
	return false, complete
}

// clean reports whether host h holds no member of any anti-affinity group
// of the units still to place.
func (p *packer) clean(rest []int32, h int32) bool {
	s := p.s
	for _, u := range rest {
		for _, g := range s.f.units[u].anti {
			if s.holds(g, h) {
				return false
			}
		}
	}
	return true
}

// binomial is C(n, k), saturating at math.MaxInt64.
func binomial(n, k int) int64 {
	if k < 0 || k > n {
		return 0
	}
	k = min(k, n-k)
	r := int64(1)
	for i := 1; i <= k; i++ {
		hi, lo := mulDiv(r, int64(n-k+i), int64(i))
		if hi {
			return math.MaxInt64
		}
		r = lo
	}
	return r
}

// mulDiv returns r*m/d (exact: r*m is divisible by d in binomial's
// recurrence) and whether it overflowed.
func mulDiv(r, m, d int64) (bool, int64) {
	if r > math.MaxInt64/m {
		// r*m/d = (r/d)*m + (r%d)*m/d, still exact overall.
		q := r / d * m
		if r/d > math.MaxInt64/m {
			return true, 0
		}
		return false, q + r%d*m/d
	}
	return false, r * m / d
}
