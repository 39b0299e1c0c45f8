package plan

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// CapacityOptions tune the N+k analysis.
type CapacityOptions struct {
	// Failures is the target k; negative means the inventory's
	// cluster.target_failures.
	Failures int
	// MaxSets bounds the failure sets checked per level: a level with
	// more sets than this is sampled and the answer is heuristic.
	MaxSets int
	// SampleSets is how many sets a sampled level checks: the worst
	// candidates by several measures of load, then seeded random sets.
	SampleSets int
	// Seed seeds the sampling, so the same inventory gives the same
	// report.
	Seed uint64
	// Progress, when set, is told how many of a level's sets are done.
	Progress func(level int, done, total int64)
}

// DefaultCapacityOptions are the options the CLI starts from.
var DefaultCapacityOptions = CapacityOptions{Failures: -1, MaxSets: 50_000, SampleSets: 5_000, Seed: 1}

// CapacityReport answers "what does losing a host cost, and how many
// hosts can we lose at once?".
type CapacityReport struct {
	Hosts  int `json:"hosts"`
	Guests int `json:"guests"`
	// Target is the k the fleet should tolerate.
	Target int `json:"target_failures"`
	// Tolerates is the largest k proved: every set of k hosts was
	// checked and its restartable guests placed on the survivors.
	Tolerates int `json:"tolerates"`
	// Exact is true when Tolerates is the answer: one more failure has
	// a proved counter-example (or no host would be left).
	Exact bool `json:"exact"`
	// Estimate is the largest k for which no checked set failed; it is
	// Tolerates when the answer is exact, and may be higher when larger
	// levels were only sampled.
	Estimate int `json:"estimate"`
	// UpperBound is proved: the fleet cannot tolerate more failures.
	UpperBound  int            `json:"upper_bound"`
	MeetsTarget bool           `json:"meets_target"`
	Method      string         `json:"method"`
	Levels      []LevelCheck   `json:"levels"`
	Worst       *Witness       `json:"worst_case,omitempty"`
	Counter     *Counter       `json:"counter_example,omitempty"`
	Headroom    *Headroom      `json:"headroom,omitempty"`
	BlastRadius []HostBlast    `json:"blast_radius"`
	Colocation  []Colocation   `json:"colocation_risks"`
	Totals      CapacityTotals `json:"totals"`
}

// LevelCheck is what was checked for k simultaneous failures.
type LevelCheck struct {
	Failures   int   `json:"failures"`
	Sets       int64 `json:"sets"` // C(hosts, k), saturating
	Checked    int   `json:"checked"`
	Exhaustive bool  `json:"exhaustive"`
	Failed     int   `json:"failed"`    // sets proved impossible
	Undecided  int   `json:"undecided"` // sets neither placed nor proved impossible
}

// Witness is a placement of the restartable guests of the tightest
// failure set of a level: proof that it can be survived.
type Witness struct {
	Failed   []string  `json:"failed_hosts"`
	Restarts []Restart `json:"restarts"`
	// LostPinned are the pinned guests that stay down with their hosts.
	LostPinned []string `json:"lost_pinned,omitempty"`
	// PeakLoad is the highest host utilisation (CPU or memory) after the
	// restarts.
	PeakLoad float64 `json:"peak_load"`
}

// Restart is one guest restarted on another host.
type Restart struct {
	Guest string `json:"guest"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// Counter is a failure set whose guests cannot all be restarted.
type Counter struct {
	Failed []string `json:"failed_hosts"`
	Reason string   `json:"reason"`
	// Proved is false when the heuristics found no placement but did not
	// prove that none exists.
	Proved bool `json:"proved"`
}

// Headroom is what to add to reach the target.
type Headroom struct {
	AddHosts int `json:"add_hosts"`
	// Shape is the host added: the fleet's most common host size.
	CPUs      int   `json:"cpus"`
	MemoryMiB int64 `json:"memory_mib"`
	// Exact is false when the check with the added hosts was heuristic,
	// or when no number of hosts up to the limit was enough.
	Exact  bool   `json:"exact"`
	Reason string `json:"reason,omitempty"`
}

// HostBlast is what one host's failure takes down.
type HostBlast struct {
	Host       string  `json:"host"`
	Guests     int     `json:"guests"`
	VCPUs      int     `json:"vcpus"`
	MemoryMiB  int64   `json:"memory_mib"`
	Load       float64 `json:"load"`
	Pinned     int     `json:"pinned"`
	GroupsHit  int     `json:"anti_affinity_groups_hit"`
	GroupsLost int     `json:"anti_affinity_groups_lost"` // every member was here
}

// Colocation is a placement that concentrates risk on one host.
type Colocation struct {
	// Kind is anti-affinity-violated (members of an anti-affinity group
	// share the host), affinity-split (members of an affinity group are
	// on different hosts), tier-on-one-host (every guest of an app/tier
	// is on the host) or tier-concentrated (more than half are).
	Kind    string   `json:"kind"`
	Group   string   `json:"group"`
	Host    string   `json:"host,omitempty"`
	Members []string `json:"members"`
	Total   int      `json:"total"`
}

// CapacityTotals are the fleet's sums.
type CapacityTotals struct {
	VCPUs         int     `json:"vcpus"`
	VCPUCapacity  float64 `json:"vcpu_capacity"`
	MemoryMiB     int64   `json:"memory_mib"`
	MemoryCapMiB  float64 `json:"memory_capacity_mib"`
	PinnedGuests  int     `json:"pinned_guests"`
	AntiAffGroups int     `json:"anti_affinity_groups"`
}

// maxSampledLevels bounds how many sampled (heuristic) levels are checked
// past the last exhaustive one.
const maxSampledLevels = 2

// Capacity computes the blast radius of every host, the co-location
// risks, and the largest k such that any k hosts can fail with every
// restartable guest placed on the survivors within capacity and rules.
func Capacity(inv *Inventory, opt CapacityOptions) *CapacityReport {
	f := compile(inv)
	target := opt.Failures
	if target < 0 {
		target = inv.Cluster.TargetFailures
	}
	r := &CapacityReport{Hosts: len(f.hosts), Guests: len(inv.Guests), Target: target}
	r.BlastRadius = blastRadius(f)
	r.Colocation = colocation(f)
	r.Totals = totals(f)

	c := newChecker(f, opt)
	r.Levels, r.Tolerates, r.Estimate, r.Exact, r.Worst, r.Counter = c.levels(len(f.hosts), len(f.hosts))
	r.UpperBound = c.upperBound(r.Counter, r.Levels)
	r.Method = method(r, c.sampleSets)
	r.MeetsTarget = r.Tolerates >= target
	if !r.MeetsTarget && r.Estimate < target {
		// Something at or below the target failed (or could not be
		// placed): more hosts are the remedy. When the target was only
		// sampled without a failure, buying is not the answer; proving
		// is, and the method line says what was sampled.
		r.Headroom = headroom(inv, f, target, opt)
	}
	return r
}

// method says how the answer was reached, for people.
func method(r *CapacityReport, sampleSets int) string {
	if r.Exact {
		return fmt.Sprintf("exhaustive: every set of up to %d failed hosts was checked, and %d failures have a proved counter-example", r.Tolerates, r.Tolerates+1)
	}
	parts := []string{fmt.Sprintf("heuristic: every set of up to %d failed hosts was placed", r.Tolerates)}
	for _, l := range r.Levels {
		if !l.Exhaustive {
			parts = append(parts, fmt.Sprintf("%d failures were sampled (%d of %d sets)", l.Failures, l.Checked, l.Sets))
		}
		if l.Undecided > 0 {
			parts = append(parts, fmt.Sprintf("at %d failures %d sets found no placement, none proved impossible", l.Failures, l.Undecided))
		}
	}
	parts = append(parts, fmt.Sprintf("the answer lies in [%d, %d]", r.Tolerates, r.UpperBound))
	return strings.Join(parts, "; ")
}

// checker evaluates failure sets on one shared state.
type checker struct {
	f          *fleet
	s          *state
	p          *packer
	maxSets    int
	sampleSets int
	rng        *rand.Rand
	opt        CapacityOptions
	units      []int32
}

func newChecker(f *fleet, opt CapacityOptions) *checker {
	s := newState(f)
	maxSets, sampleSets := opt.MaxSets, opt.SampleSets
	if maxSets <= 0 {
		maxSets = DefaultCapacityOptions.MaxSets
	}
	if sampleSets <= 0 {
		sampleSets = DefaultCapacityOptions.SampleSets
	}
	return &checker{f: f, s: s, p: newPacker(s), maxSets: maxSets, sampleSets: sampleSets, rng: newSeeded(opt.Seed), opt: opt}
}

// newSeeded is the sampling's random source: seeded, so reports repeat.
func newSeeded(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x63617061)) }

// setResult is one failure set's evaluation.
type setResult struct {
	placement
	tightness float64 // demand over free capacity of the survivors
}

// evaluate fails the hosts in set (besides those already down), tries to
// restart their movable units on the rest, and rolls everything back
// unless keep is true (then the caller undoes and raises the hosts).
func (c *checker) evaluate(set []int32, keep bool) setResult {
	s := c.s
	c.units = c.units[:0]
	var needCPU, needMem float64
	for _, h := range set {
		s.setDown(h, true)
	}
	for _, h := range set {
		for _, u := range s.on[h] {
			if un := &c.f.units[u]; un.movable {
				c.units = append(c.units, u)
				needCPU += un.cpu
				needMem += un.mem
			}
		}
	}
	res := setResult{tightness: max(ratio(needCPU, s.upCPU), ratio(needMem, s.upMem))}
	mark := s.mark()
	c.p.start = (set[len(set)-1] + 1) % int32(len(c.f.hosts))
	res.placement = c.p.placeAll(c.units)
	if !keep {
		s.undo(mark)
		for _, h := range set {
			s.setDown(h, false)
		}
	}
	return res
}

func ratio(need, free float64) float64 {
	if need == 0 {
		return 0
	}
	if free <= 0 {
		return 1e9
	}
	return need / free
}

// levels checks k = 1, 2, ... failures (of n hosts up) until a set
// fails, a level is undecided, sampled levels run out, or k passes stop. It returns the per-level
// checks, the largest proved k, the largest k with no failed check,
// whether the answer is exact, the witness for the proved k and the
// counter-example for the first failing level.
func (c *checker) levels(n, stop int) (levels []LevelCheck, proved, estimate int, exact bool, worst *Witness, counter *Counter) {
	exhaustiveSoFar := true
	sampled := 0
	var worstSet []int32
	for k := 1; k <= min(n, stop); k++ {
		lvl, tight, bad := c.level(k)
		levels = append(levels, lvl)
		if bad != nil {
			counter = bad
			// A proved failure at k with every smaller level proved makes
			// k-1 the answer.
			exact = exhaustiveSoFar && bad.Proved
			break
		}
		if k == n {
			// Every host failed and nothing needed a restart (all pinned
			// or no guests): nothing more to tolerate.
			estimate = k
			if exhaustiveSoFar && lvl.Exhaustive {
				proved, exact, worstSet = k, true, tight
			}
			break
		}
		estimate = k
		if exhaustiveSoFar && lvl.Exhaustive {
			proved, worstSet = k, tight
			continue
		}
		exhaustiveSoFar = false
		if sampled++; sampled >= maxSampledLevels {
			break
		}
	}
	if worstSet != nil {
		worst = c.witness(worstSet)
	}
	return levels, proved, estimate, exact, worst, counter
}

// level checks the sets of k failed hosts: all of them when there are at
// most maxSets, else a sample. It returns the tightest placed set and,
// when one failed, the first failing set.
func (c *checker) level(k int) (LevelCheck, []int32, *Counter) {
	up := c.upHosts()
	n := len(up)
	lvl := LevelCheck{Failures: k, Sets: binomial(n, k)}
	var tightest []int32
	tightness := -1.0
	var counter *Counter
	try := func(set []int32) bool {
		res := c.evaluate(set, false)
		lvl.Checked++
		switch res.outcome {
		case placed:
			if res.tightness > tightness {
				tightness, tightest = res.tightness, slices.Clone(set)
			}
		case impossible:
			lvl.Failed++
			counter = &Counter{Failed: c.names(set), Reason: res.reason, Proved: true}
			return false
		case undecided:
			lvl.Undecided++
			if counter == nil {
				counter = &Counter{Failed: c.names(set), Reason: res.reason}
			}
		}
		if c.opt.Progress != nil && lvl.Checked%256 == 0 {
			c.opt.Progress(k, int64(lvl.Checked), min(lvl.Sets, int64(c.sampleSets)))
		}
		return true
	}
	if lvl.Sets <= int64(c.maxSets) {
		lvl.Exhaustive = true
		idx := make([]int32, k)
		set := make([]int32, k)
		for i := range idx {
			idx[i] = int32(i)
		}
		for {
			for i, j := range idx {
				set[i] = up[j]
			}
			if !try(set) || !nextCombination(idx, n) {
				break
			}
		}
	} else {
		seen := map[string]bool{}
		for _, set := range c.candidates(k, up) {
			if key := fmt.Sprint(set); !seen[key] {
				seen[key] = true
				if !try(set) {
					break
				}
			}
		}
		// Random sets until the sample is full: at most as many as exist,
		// and a bounded number of draws, since repeats are skipped.
		want := min(int64(c.sampleSets), lvl.Sets)
		for draws := 0; int64(lvl.Checked) < want && counter == nil && draws < 8*c.sampleSets; draws++ {
			set := c.randomSet(k, up)
			if key := fmt.Sprint(set); !seen[key] {
				seen[key] = true
				try(set)
			}
		}
	}
	if c.opt.Progress != nil {
		c.opt.Progress(k, int64(lvl.Checked), int64(lvl.Checked))
	}
	return lvl, tightest, counter
}

// nextCombination advances set to the next k-combination of 0..n-1 in
// lexicographic order; false after the last.
func nextCombination(set []int32, n int) bool {
	k := len(set)
	i := k - 1
	for i >= 0 && int(set[i]) == n-k+i {
		i--
	}
	if i < 0 {
		return false
	}
	set[i]++
	for j := i + 1; j < k; j++ {
		set[j] = set[j-1] + 1
	}
	return true
}

// candidates are the sets most likely to be the worst: the k hosts with
// the most load by each measure, among the hosts up.
func (c *checker) candidates(k int, up []int32) [][]int32 {
	values := c.loadMeasures()
	sets := make([][]int32, 0, len(values))
	for _, v := range values {
		set := topK(v, k, up)
		slices.Sort(set)
		sets = append(sets, set)
	}
	return sets
}

// topK is the k hosts of up with the largest value, ties to the lower
// index; a selection in O(len(up) x k), as k is small where it is used.
func topK(value []float64, k int, up []int32) []int32 {
	if k*8 > len(up) {
		hs := slices.Clone(up)
		slices.SortStableFunc(hs, func(a, b int32) int { return cmp.Compare(value[b], value[a]) })
		return hs[:k]
	}
	set := make([]int32, 0, k+1)
	for _, h := range up {
		i := len(set)
		for i > 0 && value[set[i-1]] < value[h] {
			i--
		}
		if i < k {
			set = slices.Insert(set, i, h)
			if len(set) > k {
				set = set[:k]
			}
		}
	}
	return set
}

// loadMeasures are the measures of load per host that candidates rank
// by. The fourth and fifth (restartable capacity: free plus movable use)
// are the aggregate worst cases the upper bound reads.
func (c *checker) loadMeasures() [][]float64 {
	s, f := c.s, c.f
	n := len(f.hosts)
	movCPU, movMem := make([]float64, n), make([]float64, n)
	for h := range n {
		for _, u := range s.on[h] {
			if un := &f.units[u]; un.movable {
				movCPU[h] += un.cpu
				movMem[h] += un.mem
			}
		}
	}
	values := make([][]float64, 6)
	for i := range values {
		values[i] = make([]float64, n)
	}
	for h := range n {
		fc, fm := s.free(int32(h))
		values[0][h] = s.cpu[h]
		values[1][h] = s.mem[h]
		values[2][h] = s.cpu[h]/f.hosts[h].cpu + s.mem[h]/f.hosts[h].mem
		values[3][h] = fc + movCPU[h]
		values[4][h] = fm + movMem[h]
		values[5][h] = float64(len(s.on[h]))
	}
	return values
}

// upHosts lists the hosts that are up.
func (c *checker) upHosts() []int32 {
	up := make([]int32, 0, len(c.f.hosts))
	for h := range c.f.hosts {
		if !c.s.down[h] {
			up = append(up, int32(h))
		}
	}
	return up
}

func (c *checker) randomSet(k int, up []int32) []int32 {
	set := make([]int32, 0, k)
	for len(set) < k {
		h := up[c.rng.IntN(len(up))]
		if !slices.Contains(set, h) {
			set = append(set, h)
		}
	}
	slices.Sort(set)
	return set
}

func (c *checker) names(set []int32) []string {
	out := make([]string, len(set))
	for i, h := range set {
		out[i] = c.f.hosts[h].name
	}
	return out
}

// witness places the restartable guests of set, spread over the
// survivors the way HA restarts them when that works, else as the check
// placed them, and reads the placement back.
func (c *checker) witness(set []int32) *Witness {
	s := c.s
	for _, h := range set {
		s.setDown(h, true)
	}
	defer func() {
		for _, h := range set {
			s.setDown(h, false)
		}
	}()
	c.units = c.units[:0]
	w := &Witness{Failed: c.names(set), Restarts: []Restart{}}
	for _, h := range set {
		for _, u := range s.on[h] {
			if c.f.units[u].movable {
				c.units = append(c.units, u)
			} else {
				for _, g := range c.f.units[u].guests {
					w.LostPinned = append(w.LostPinned, c.f.inv.Guests[g].Name)
				}
			}
		}
	}
	order := slices.Clone(c.units)
	c.f.largestFirst(order)
	mark := s.mark()
	if !c.p.greedy(order, spread) {
		s.undo(mark)
		if c.p.placeAll(order).outcome != placed {
			s.undo(mark)
			return w
		}
	}
	for _, m := range s.log[mark:] {
		for _, g := range c.f.units[m.unit].guests {
			w.Restarts = append(w.Restarts, Restart{Guest: c.f.inv.Guests[g].Name, From: c.f.hosts[m.from].name, To: c.f.hosts[s.at[m.unit]].name})
		}
	}
	slices.SortFunc(w.Restarts, func(a, b Restart) int { return cmp.Compare(a.Guest, b.Guest) })
	slices.Sort(w.LostPinned)
	for h := range c.f.hosts {
		if !s.down[h] {
			w.PeakLoad = max(w.PeakLoad, round3(s.load(int32(h))))
		}
	}
	s.undo(mark)
	return w
}

// upperBound is the most failures the fleet could tolerate: one less
// than the first level with a proved counter-example, else the first
// level where a necessary condition fails: for the worst sets by
// aggregate restartable capacity, or for an anti-affinity group whose
// members would outnumber the hosts left without one.
func (c *checker) upperBound(counter *Counter, levels []LevelCheck) int {
	n := len(c.f.hosts)
	if counter != nil && counter.Proved {
		return levels[len(levels)-1].Failures - 1
	}
	start := 1
	if len(levels) > 0 {
		start = levels[len(levels)-1].Failures + 1
	}
	counts := c.groupCounts()
	values := c.loadMeasures()[3:5]
	up := c.upHosts()
	var orders [][]int32
	for _, v := range values {
		hs := slices.Clone(up)
		slices.SortStableFunc(hs, func(a, b int32) int { return cmp.Compare(v[b], v[a]) })
		orders = append(orders, hs)
	}
	for k := start; k <= n; k++ {
		if c.antiBound(k, counts) {
			return k - 1
		}
		for _, o := range orders {
			if c.provedImpossible(o[:k]) {
				return k - 1
			}
		}
	}
	return n
}

// groupCounts lists, per anti-affinity group, its movable members per
// host, largest count first.
func (c *checker) groupCounts() [][]int {
	counts := make([][]int, len(c.f.groups))
	for g := range c.f.groups {
		for _, m := range c.s.members[g] {
			n := 0
			for _, u := range c.s.on[m.host] {
				if un := &c.f.units[u]; un.movable && slices.Contains(un.anti, int32(g)) {
					n++
				}
			}
			counts[g] = append(counts[g], n)
		}
		slices.SortFunc(counts[g], func(a, b int) int { return b - a })
	}
	return counts
}

// antiBound reports whether some group cannot survive k failures: fail
// the k hosts holding most of its members, and the members to restart
// outnumber the hosts left without one.
func (c *checker) antiBound(k int, counts [][]int) bool {
	n := len(c.f.hosts)
	for _, cs := range counts {
		m := len(cs)
		need := 0
		for i := 0; i < min(k, m); i++ {
			need += cs[i]
		}
		avail := n - m // failing only member hosts
		if k > m {
			avail = n - k
		}
		if need > avail {
			return true
		}
	}
	return false
}

// provedImpossible checks only the necessary conditions for a set, as
// the upper bound needs (no placement is attempted).
func (c *checker) provedImpossible(set []int32) bool {
	s := c.s
	for _, h := range set {
		s.setDown(h, true)
	}
	c.units = c.units[:0]
	for _, h := range set {
		for _, u := range s.on[h] {
			if c.f.units[u].movable {
				c.units = append(c.units, u)
			}
		}
	}
	_, bad := c.p.proveQuick(c.units)
	for _, h := range set {
		s.setDown(h, false)
	}
	return bad
}

// headroom finds how many hosts of the fleet's most common shape to add
// for the target to hold: doubling, then bisecting.
func headroom(inv *Inventory, f *fleet, target int, opt CapacityOptions) *Headroom {
	shape := commonShape(inv)
	hr := &Headroom{CPUs: shape.CPUs, MemoryMiB: shape.MemoryMiB}
	meets := func(add int) (bool, bool) {
		grown := *inv
		grown.Hosts = slices.Clone(inv.Hosts)
		taken := make(map[string]bool, len(inv.Hosts))
		for _, h := range inv.Hosts {
			taken[h.Name] = true
		}
		for i := 1; len(grown.Hosts) < len(inv.Hosts)+add; i++ {
			if name := fmt.Sprintf("new-%d", i); !taken[name] {
				grown.Hosts = append(grown.Hosts, Host{Name: name, CPUs: shape.CPUs, MemoryMiB: shape.MemoryMiB,
					CPUOvercommit: shape.CPUOvercommit, MemoryOvercommit: shape.MemoryOvercommit})
			}
		}
		g := compile(&grown)
		c := newChecker(g, CapacityOptions{MaxSets: opt.MaxSets, SampleSets: opt.SampleSets, Seed: opt.Seed})
		exact := true
		for k := 1; k <= target; k++ {
			lvl, _, bad := c.level(k)
			if bad != nil || lvl.Undecided > 0 {
				return false, exact
			}
			exact = exact && lvl.Exhaustive
		}
		return true, exact
	}
	limit := max(len(f.hosts), 16)
	lo, hi := 0, 1
	for {
		if ok, _ := meets(hi); ok {
			break
		}
		if lo = hi; hi >= limit {
			hr.AddHosts, hr.Reason = limit, fmt.Sprintf("%d more hosts of this shape are not enough: the rules (anti-affinity, pinned or oversized guests) block it", limit)
			return hr
		}
		hi = min(hi*2, limit)
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if ok, _ := meets(mid); ok {
			hi = mid
		} else {
			lo = mid
		}
	}
	_, hr.Exact = meets(hi)
	hr.AddHosts = hi
	return hr
}

// commonShape is the most common host size (ties: the larger).
func commonShape(inv *Inventory) Host {
	type key struct {
		cpus int
		mem  int64
	}
	count := map[key]int{}
	var best Host
	bestN := 0
	for _, h := range inv.Hosts {
		k := key{h.CPUs, h.MemoryMiB}
		count[k]++
		if n := count[k]; n > bestN || n == bestN && (h.CPUs > best.CPUs || h.CPUs == best.CPUs && h.MemoryMiB > best.MemoryMiB) {
			best, bestN = h, n
		}
	}
	return Host{CPUs: best.CPUs, MemoryMiB: best.MemoryMiB, CPUOvercommit: best.CPUOvercommit, MemoryOvercommit: best.MemoryOvercommit}
}

func blastRadius(f *fleet) []HostBlast {
	out := make([]HostBlast, len(f.hosts))
	groupTotal := make([]int, len(f.groups))
	for _, un := range f.units {
		for _, g := range un.anti {
			groupTotal[g]++
		}
	}
	s := newState(f)
	for h := range f.hosts {
		b := HostBlast{Host: f.hosts[h].name, Load: round3(s.load(int32(h)))}
		here := map[int32]int{}
		for _, u := range f.homeUnits[h] {
			un := &f.units[u]
			for _, gi := range un.guests {
				g := &f.inv.Guests[gi]
				b.Guests++
				b.VCPUs += g.VCPUs
				b.MemoryMiB += g.MemoryMiB
				if !un.movable {
					b.Pinned++
				}
			}
			for _, g := range un.anti {
				here[g]++
			}
		}
		b.GroupsHit = len(here)
		for g, n := range here {
			if n == groupTotal[g] && n > 1 {
				b.GroupsLost++
			}
		}
		out[h] = b
	}
	return out
}

func colocation(f *fleet) []Colocation {
	var out []Colocation
	anti := map[string]*Colocation{} // group NUL host
	antiTotal := map[string]int{}
	aff := map[string]map[string]bool{}
	affMembers := map[string][]string{}
	tiers := map[string]map[string][]string{}
	tierTotal := map[string]int{}
	for _, g := range f.inv.Guests {
		if g.AntiAffinity != "" {
			k := g.AntiAffinity + "\x00" + g.Host
			if anti[k] == nil {
				anti[k] = &Colocation{Kind: "anti-affinity-violated", Group: g.AntiAffinity, Host: g.Host}
			}
			anti[k].Members = append(anti[k].Members, g.Name)
			antiTotal[g.AntiAffinity]++
		}
		if g.Affinity != "" {
			if aff[g.Affinity] == nil {
				aff[g.Affinity] = map[string]bool{}
			}
			aff[g.Affinity][g.Host] = true
			affMembers[g.Affinity] = append(affMembers[g.Affinity], g.Name)
		}
		if app, tier := g.Labels["app"], g.Labels["tier"]; app != "" && tier != "" {
			t := app + "/" + tier
			if tiers[t] == nil {
				tiers[t] = map[string][]string{}
			}
			tiers[t][g.Host] = append(tiers[t][g.Host], g.Name)
			tierTotal[t]++
		}
	}
	for _, k := range sortedKeys(anti) {
		if c := anti[k]; len(c.Members) > 1 {
			c.Total = antiTotal[c.Group]
			out = append(out, *c)
		}
	}
	for _, a := range sortedKeys(aff) {
		if len(aff[a]) > 1 {
			out = append(out, Colocation{Kind: "affinity-split", Group: a, Members: affMembers[a], Total: len(affMembers[a])})
		}
	}
	for _, t := range sortedKeys(tiers) {
		total := tierTotal[t]
		if total < 2 {
			continue
		}
		for _, h := range sortedKeys(tiers[t]) {
			m := tiers[t][h]
			switch {
			case len(m) == total:
				out = append(out, Colocation{Kind: "tier-on-one-host", Group: t, Host: h, Members: m, Total: total})
			case total >= 3 && 2*len(m) > total:
				out = append(out, Colocation{Kind: "tier-concentrated", Group: t, Host: h, Members: m, Total: total})
			}
		}
	}
	if out == nil {
		out = []Colocation{}
	}
	return out
}

func totals(f *fleet) CapacityTotals {
	var t CapacityTotals
	for _, h := range f.hosts {
		t.VCPUCapacity += h.cpu
		t.MemoryCapMiB += h.mem
	}
	for _, g := range f.inv.Guests {
		t.VCPUs += g.VCPUs
		t.MemoryMiB += g.MemoryMiB
		if !g.CanMove() {
			t.PinnedGuests++
		}
	}
	t.AntiAffGroups = len(f.groups)
	return t
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

// sortedKeys returns a map's keys in order, for deterministic output.
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
