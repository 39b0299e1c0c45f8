package plan

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// mustInventory parses an inventory written in a test.
func mustInventory(t *testing.T, yaml string) *Inventory {
	t.Helper()
	inv, err := ParseInventory([]byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

// randomFleet builds a small fleet: a few hosts, a handful of guests of
// mixed sizes, some in anti-affinity groups, some pinned.
func randomFleet(rng *rand.Rand, hosts, guests int) *Inventory {
	inv := &Inventory{Version: 1, Cluster: Cluster{CPUOvercommit: []float64{1, 1.5}[rng.IntN(2)], MemoryOvercommit: 1, MigrationBandwidth: 1000, TargetFailures: 1}}
	for h := range hosts {
		inv.Hosts = append(inv.Hosts, Host{Name: fmt.Sprintf("h%d", h), CPUs: 4 + 4*rng.IntN(2), MemoryMiB: int64(8192 * (1 + rng.IntN(2)))})
	}
	used := make([]struct{ cpu, mem int64 }, hosts)
	for g := 0; g < guests; g++ {
		h := rng.IntN(hosts)
		cpu, mem := 1+rng.IntN(3), int64(1024*(1+rng.IntN(4)))
		if used[h].cpu+int64(cpu) > int64(inv.Hosts[h].CPUs) || used[h].mem+mem > inv.Hosts[h].MemoryMiB {
			continue
		}
		used[h].cpu += int64(cpu)
		used[h].mem += mem
		gu := Guest{Name: fmt.Sprintf("g%d", g), Host: inv.Hosts[h].Name, VCPUs: cpu, MemoryMiB: mem}
		if rng.IntN(3) == 0 {
			gu.AntiAffinity = fmt.Sprintf("a%d", rng.IntN(2))
		}
		if rng.IntN(8) == 0 {
			no := false
			gu.Migratable = &no
		}
		if n := len(inv.Guests); n > 0 && inv.Guests[n-1].Host == gu.Host && inv.Guests[n-1].AntiAffinity == "" && gu.AntiAffinity == "" && rng.IntN(4) == 0 {
			// An affinity pair with the guest before it, on the same host.
			inv.Guests[n-1].Affinity = fmt.Sprintf("f%d", g)
			gu.Affinity = inv.Guests[n-1].Affinity
		}
		inv.Guests = append(inv.Guests, gu)
	}
	return inv
}

// bruteTolerates is the answer by exhaustive search, written without the
// planner's machinery: for each k, every set of k failed hosts, every
// assignment of their movable guests to the survivors.
func bruteTolerates(inv *Inventory) int {
	n := len(inv.Hosts)
	hostOf := map[string]int{}
	for i, h := range inv.Hosts {
		hostOf[h.Name] = i
	}
	for k := 1; k <= n; k++ {
		for mask := 0; mask < 1<<n; mask++ {
			if popcount(mask) != k {
				continue
			}
			if !bruteSurvives(inv, hostOf, mask) {
				return k - 1
			}
		}
	}
	return n
}

func popcount(x int) int {
	c := 0
	for ; x != 0; x &= x - 1 {
		c++
	}
	return c
}

func bruteSurvives(inv *Inventory, hostOf map[string]int, failed int) bool {
	n := len(inv.Hosts)
	cpu, mem := make([]float64, n), make([]float64, n)
	groups := make([]map[string]int, n)
	for i := range groups {
		groups[i] = map[string]int{}
	}
	// Members of an affinity group on one failed host move as one item,
	// and not at all when one of them is pinned.
	var move []Guest
	item := map[string]int{}
	pinned := map[string]bool{}
	for _, g := range inv.Guests {
		if g.Affinity != "" && !g.CanMove() {
			pinned[g.Affinity+"@"+g.Host] = true
		}
	}
	for _, g := range inv.Guests {
		h := hostOf[g.Host]
		if failed&(1<<h) != 0 {
			key := g.Affinity + "@" + g.Host
			switch {
			case !g.CanMove() || g.Affinity != "" && pinned[key]:
			case g.Affinity != "":
				if i, ok := item[key]; ok {
					move[i].VCPUs += g.VCPUs
					move[i].MemoryMiB += g.MemoryMiB
				} else {
					item[key] = len(move)
					move = append(move, g)
				}
			default:
				move = append(move, g)
			}
			continue
		}
		cpu[h] += float64(g.VCPUs)
		mem[h] += float64(g.MemoryMiB)
		if g.AntiAffinity != "" {
			groups[h][g.AntiAffinity]++
		}
	}
	var try func(i int) bool
	try = func(i int) bool {
		if i == len(move) {
			return true
		}
		g := move[i]
		for h := range n {
			if failed&(1<<h) != 0 {
				continue
			}
			if cpu[h]+float64(g.VCPUs) > inv.vcpuCapacity(&inv.Hosts[h]) || mem[h]+float64(g.MemoryMiB) > inv.memoryCapacity(&inv.Hosts[h]) {
				continue
			}
			if g.AntiAffinity != "" && groups[h][g.AntiAffinity] > 0 {
				continue
			}
			cpu[h] += float64(g.VCPUs)
			mem[h] += float64(g.MemoryMiB)
			if g.AntiAffinity != "" {
				groups[h][g.AntiAffinity]++
			}
			ok := try(i + 1)
			cpu[h] -= float64(g.VCPUs)
			mem[h] -= float64(g.MemoryMiB)
			if g.AntiAffinity != "" {
				groups[h][g.AntiAffinity]--
			}
			if ok {
				return true
			}
		}
		return false
	}
	return try(0)
}

// TestCapacityExactAgainstBruteForce compares the planner's N+k with an
// exhaustive search on hundreds of random small fleets: the answer must
// be exact and equal, with a witness or a counter-example that holds.
func TestCapacityExactAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 600 {
		inv := randomFleet(rng, 3+rng.IntN(3), 4+rng.IntN(13))
		if err := inv.Validate(); err != nil {
			continue
		}
		want := bruteTolerates(inv)
		r := Capacity(inv, DefaultCapacityOptions)
		if !r.Exact || r.Tolerates != want {
			t.Fatalf("fleet %d: tolerates %d (exact %v, %s), brute force says %d\n%+v", i, r.Tolerates, r.Exact, r.Method, want, inv)
		}
		if r.UpperBound != want {
			t.Errorf("fleet %d: upper bound %d, want %d", i, r.UpperBound, want)
		}
		if want > 0 && (r.Worst == nil || len(r.Worst.Failed) != want) {
			t.Errorf("fleet %d: witness %+v for k=%d", i, r.Worst, want)
		}
		if want > 0 {
			checkWitness(t, inv, r.Worst)
		}
		if want < len(inv.Hosts) && (r.Counter == nil || !r.Counter.Proved || len(r.Counter.Failed) != want+1) {
			t.Errorf("fleet %d: counter-example %+v for k=%d", i, r.Counter, want+1)
		}
	}
}

// checkWitness replays a witness placement on the inventory and checks
// capacity and anti-affinity on every survivor.
func checkWitness(t *testing.T, inv *Inventory, w *Witness) {
	t.Helper()
	failed := map[string]bool{}
	for _, h := range w.Failed {
		failed[h] = true
	}
	to := map[string]string{}
	for _, r := range w.Restarts {
		to[r.Guest] = r.To
	}
	cpu, mem := map[string]float64{}, map[string]float64{}
	anti := map[[2]string]int{}
	pinned := map[string]bool{} // affinity parts with a pinned member stay down whole
	for _, g := range inv.Guests {
		if g.Affinity != "" && !g.CanMove() {
			pinned[g.Affinity+"@"+g.Host] = true
		}
	}
	for _, g := range inv.Guests {
		h := g.Host
		if failed[h] {
			if !g.CanMove() || g.Affinity != "" && pinned[g.Affinity+"@"+g.Host] {
				continue
			}
			if to[g.Name] == "" || failed[to[g.Name]] {
				t.Fatalf("witness leaves %s (on failed %s) without a survivor", g.Name, h)
			}
			h = to[g.Name]
		}
		cpu[h] += float64(g.VCPUs)
		mem[h] += float64(g.MemoryMiB)
		if g.AntiAffinity != "" {
			if anti[[2]string{g.AntiAffinity, h}]++; anti[[2]string{g.AntiAffinity, h}] > 1 && to[g.Name] != "" {
				t.Fatalf("witness puts two of %s on %s", g.AntiAffinity, h)
			}
		}
	}
	partTo := map[string]string{}
	for _, g := range inv.Guests {
		if g.Affinity == "" || to[g.Name] == "" {
			continue
		}
		key := g.Affinity + "@" + g.Host
		if prev, ok := partTo[key]; ok && prev != to[g.Name] {
			t.Fatalf("witness splits affinity group %s: %s and %s", g.Affinity, prev, to[g.Name])
		}
		partTo[key] = to[g.Name]
	}
	for i := range inv.Hosts {
		h := &inv.Hosts[i]
		if cpu[h.Name] > inv.vcpuCapacity(h) || mem[h.Name] > inv.memoryCapacity(h) {
			t.Fatalf("witness overfills %s: %v vCPUs, %v MiB", h.Name, cpu[h.Name], mem[h.Name])
		}
	}
}

const smallFleet = `version: 1
cluster: {cpu_overcommit: 1.0, memory_overcommit: 1.0, migration_bandwidth_mib_s: 1000, target_failures: 1}
hosts:
  - {name: hv-1, cpus: 8, memory_mib: 16384}
  - {name: hv-2, cpus: 8, memory_mib: 16384}
  - {name: hv-3, cpus: 8, memory_mib: 16384}
guests:
  - {name: web-1, host: hv-1, vcpus: 2, memory_mib: 4096, anti_affinity: web, labels: {app: shop, tier: web}}
  - {name: web-2, host: hv-2, vcpus: 2, memory_mib: 4096, anti_affinity: web, labels: {app: shop, tier: web}}
  - {name: db-1, host: hv-3, vcpus: 3, memory_mib: 6144, labels: {app: shop, tier: db}}
  - {name: db-2, host: hv-3, vcpus: 3, memory_mib: 6144, labels: {app: shop, tier: db}}
  - {name: gpu-1, host: hv-1, vcpus: 2, memory_mib: 2048, migratable: false}
`

func TestCapacitySmall(t *testing.T) {
	inv := mustInventory(t, smallFleet)
	r := Capacity(inv, DefaultCapacityOptions)
	if !r.Exact || r.Tolerates != 1 || !r.MeetsTarget {
		t.Fatalf("tolerates %d exact %v meets %v, want 1 exact", r.Tolerates, r.Exact, r.MeetsTarget)
	}
	// Losing hv-1 and hv-2 leaves hv-3 two vCPUs for both web guests.
	if r.Counter == nil || !r.Counter.Proved || !cmp.Equal(r.Counter.Failed, []string{"hv-1", "hv-2"}) {
		t.Fatalf("counter-example %+v", r.Counter)
	}
	wantColo := []Colocation{{Kind: "tier-on-one-host", Group: "shop/db", Host: "hv-3", Members: []string{"db-1", "db-2"}, Total: 2}}
	if diff := cmp.Diff(r.Colocation, wantColo); diff != "" {
		t.Errorf("co-location (-got +want):\n%s", diff)
	}
	wantBlast := HostBlast{Host: "hv-1", Guests: 2, VCPUs: 4, MemoryMiB: 6144, Load: 0.5, Pinned: 1, GroupsHit: 1}
	if diff := cmp.Diff(r.BlastRadius[0], wantBlast); diff != "" {
		t.Errorf("blast radius of hv-1 (-got +want):\n%s", diff)
	}
	if r.Worst == nil || len(r.Worst.LostPinned) > 0 && r.Worst.Failed[0] != "hv-1" {
		t.Errorf("witness %+v", r.Worst)
	}
}

func TestCapacityHeadroom(t *testing.T) {
	// Three full hosts: nothing can fail until a host is added.
	inv := mustInventory(t, `version: 1
cluster: {cpu_overcommit: 1.0, target_failures: 1}
hosts:
  - {name: a, cpus: 4, memory_mib: 8192}
  - {name: b, cpus: 4, memory_mib: 8192}
  - {name: c, cpus: 4, memory_mib: 8192}
guests:
  - {name: g1, host: a, vcpus: 4, memory_mib: 4096}
  - {name: g2, host: b, vcpus: 4, memory_mib: 4096}
  - {name: g3, host: c, vcpus: 4, memory_mib: 4096}
`)
	r := Capacity(inv, DefaultCapacityOptions)
	if r.Tolerates != 0 || r.MeetsTarget || !r.Exact {
		t.Fatalf("tolerates %d meets %v exact %v", r.Tolerates, r.MeetsTarget, r.Exact)
	}
	want := &Headroom{AddHosts: 1, CPUs: 4, MemoryMiB: 8192, Exact: true}
	if diff := cmp.Diff(r.Headroom, want); diff != "" {
		t.Errorf("headroom (-got +want):\n%s", diff)
	}
	if !strings.Contains(r.Counter.Reason, "vCPUs") {
		t.Errorf("counter-example reason %q should name the short resource", r.Counter.Reason)
	}
}

// TestCapacityAffinityMovesTogether: an affinity group restarts on one
// host or not at all.
func TestCapacityAffinityMovesTogether(t *testing.T) {
	inv := mustInventory(t, `version: 1
cluster: {cpu_overcommit: 1.0}
hosts:
  - {name: a, cpus: 8, memory_mib: 8192}
  - {name: b, cpus: 8, memory_mib: 8192}
  - {name: c, cpus: 8, memory_mib: 8192}
guests:
  - {name: app, host: a, vcpus: 3, memory_mib: 1024, affinity: pair}
  - {name: cache, host: a, vcpus: 3, memory_mib: 1024, affinity: pair}
  - {name: x, host: b, vcpus: 4, memory_mib: 1024}
  - {name: y, host: c, vcpus: 4, memory_mib: 1024}
`)
	// Losing a: the pair needs 6 vCPUs on one host, b and c have 4 free
	// each. 8 free in total, yet it cannot survive.
	r := Capacity(inv, DefaultCapacityOptions)
	if r.Tolerates != 0 || !r.Exact || r.Counter.Failed[0] != "a" {
		t.Fatalf("tolerates %d exact %v counter %+v", r.Tolerates, r.Exact, r.Counter)
	}
}

// TestCapacityLargeIsHeuristic: on a fleet too big to enumerate, the
// report says so and brackets the answer.
func TestCapacityLargeIsHeuristic(t *testing.T) {
	inv := Generate(60, 1200, 0, 11)
	opt := DefaultCapacityOptions
	opt.MaxSets = 500
	opt.SampleSets = 200
	r := Capacity(inv, opt)
	if r.Levels[0].Exhaustive != true || r.Levels[1].Exhaustive {
		t.Fatalf("levels %+v: level 1 must be exhaustive and level 2 (1770 sets) sampled", r.Levels)
	}
	if r.Exact && r.Estimate > r.Tolerates {
		t.Fatalf("exact with estimate %d above tolerates %d", r.Estimate, r.Tolerates)
	}
	if !strings.HasPrefix(r.Method, "heuristic") || r.UpperBound < r.Estimate || r.Tolerates > r.Estimate {
		t.Fatalf("method %q, bounds %d <= %d <= %d", r.Method, r.Tolerates, r.Estimate, r.UpperBound)
	}
}

// TestCapacityReviewCases holds faults a review found: sampling more sets
// than exist, and added hosts named like an existing one.
func TestCapacityReviewCases(t *testing.T) {
	inv := mustInventory(t, `version: 1
cluster: {cpu_overcommit: 1.0}
hosts:
  - {name: a, cpus: 4, memory_mib: 8192}
  - {name: new-1, cpus: 4, memory_mib: 8192}
  - {name: c, cpus: 4, memory_mib: 8192}
guests:
  - {name: g1, host: a, vcpus: 4, memory_mib: 1024}
  - {name: g2, host: new-1, vcpus: 4, memory_mib: 1024}
  - {name: g3, host: c, vcpus: 4, memory_mib: 1024}
`)
	roomy := *inv
	roomy.Guests = []Guest{{Name: "g1", Host: "a", VCPUs: 1, MemoryMiB: 1024}}
	opt := DefaultCapacityOptions
	opt.MaxSets = 1 // every level sampled, with far fewer sets than the sample size
	done := make(chan *CapacityReport, 1)
	go func() { done <- Capacity(&roomy, opt) }()
	select {
	case r := <-done:
		if r.Levels[0].Checked != 3 {
			t.Errorf("level 1 checked %d sets, there are 3", r.Levels[0].Checked)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Capacity did not return: it keeps drawing sets that do not exist")
	}
	r := Capacity(inv, DefaultCapacityOptions)
	if r.Headroom == nil || r.Headroom.AddHosts != 1 {
		t.Errorf("headroom %+v, want 1 host (the added host must not take new-1's guests)", r.Headroom)
	}
}
