package plan

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
)

// Violation is one way a plan step breaks the rules.
type Violation struct {
	Step int `json:"step"` // 0 for the plan as a whole
	// Kind is stable for scripts: unknown-host, unknown-guest,
	// wrong-source, into-maintenance, source-and-target, capacity,
	// anti-affinity, affinity-split, not-evacuated, patched-twice,
	// not-patched, too-many-hosts, tolerance.
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

func (v Violation) String() string {
	if v.Step == 0 {
		return fmt.Sprintf("plan: %s: %s", v.Kind, v.Message)
	}
	return fmt.Sprintf("step %d: %s: %s", v.Step, v.Kind, v.Message)
}

// LoadPlan reads a plan file (the JSON of a MaintenancePlan).
func LoadPlan(path string) (*MaintenancePlan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p MaintenancePlan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("%s: not a plan file: %w", path, err)
	}
	if p.Version != 1 {
		return nil, fmt.Errorf("%s: plan version %d is not supported (want 1)", path, p.Version)
	}
	return &p, nil
}

// CheckPlan replays a plan on an inventory step by step and lists every
// rule a step breaks: a migration whose guest is not where the plan says,
// a host over capacity, an anti-affinity group doubled up on a host that
// did not already hold it so, an affinity group split, a host patched
// with a movable guest still on it or patched twice, a host of the plan
// never patched, more hosts at once than the plan's limit, and an N+k
// claim that a failure set disproves. It is written apart from the
// planner (guest by guest, no shared placement code) so that it can
// catch the planner's mistakes.
func CheckPlan(inv *Inventory, p *MaintenancePlan) []Violation {
	var out []Violation
	bad := func(step int, kind, format string, args ...any) {
		out = append(out, Violation{Step: step, Kind: kind, Message: fmt.Sprintf(format, args...)})
	}
	hosts := map[string]*Host{}
	for i := range inv.Hosts {
		hosts[inv.Hosts[i].Name] = &inv.Hosts[i]
	}
	guests := map[string]*Guest{}
	where := map[string]string{}
	for i := range inv.Guests {
		g := &inv.Guests[i]
		guests[g.Name] = g
		where[g.Name] = g.Host
	}
	// Anti-affinity pairs that already share a host are the inventory's,
	// reported by Capacity; a plan must not add any.
	antiCount := func() map[[2]string]int {
		c := map[[2]string]int{}
		for name, h := range where {
			if g := guests[name]; g.AntiAffinity != "" {
				c[[2]string{g.AntiAffinity, h}]++
			}
		}
		return c
	}
	allowed := antiCount()
	patched := map[string]int{}
	for _, st := range p.Steps {
		n := st.Step
		if max := p.Options.MaxHosts; max > 0 && len(st.Hosts) > max {
			bad(n, "too-many-hosts", "%d hosts at once, the plan's limit is %d", len(st.Hosts), max)
		}
		inStep := map[string]bool{}
		for _, h := range st.Hosts {
			if hosts[h] == nil {
				bad(n, "unknown-host", "host %s is not in the inventory", h)
				continue
			}
			inStep[h] = true
			if patched[h]++; patched[h] == 2 {
				bad(n, "patched-twice", "host %s was patched in an earlier step", h)
			}
		}
		sources, targets := map[string]bool{}, map[string]bool{}
		for _, m := range st.Migrations {
			g := guests[m.Guest]
			switch {
			case g == nil:
				bad(n, "unknown-guest", "guest %s is not in the inventory", m.Guest)
				continue
			case hosts[m.To] == nil:
				bad(n, "unknown-host", "%s goes to %s, which is not in the inventory", m.Guest, m.To)
				continue
			case where[m.Guest] != m.From:
				bad(n, "wrong-source", "%s is on %s, not %s", m.Guest, where[m.Guest], m.From)
			case !g.CanMove():
				bad(n, "wrong-source", "%s is pinned (migratable: false)", m.Guest)
			}
			if inStep[m.To] {
				bad(n, "into-maintenance", "%s goes to %s, which is in maintenance in this step", m.Guest, m.To)
			}
			sources[where[m.Guest]] = true
			targets[m.To] = true
			where[m.Guest] = m.To
		}
		for h := range targets {
			if sources[h] {
				bad(n, "source-and-target", "host %s both sends and receives guests in one step", h)
			}
		}
		cpu, mem := map[string]float64{}, map[string]float64{}
		for name, h := range where {
			cpu[h] += float64(guests[name].VCPUs)
			mem[h] += float64(guests[name].MemoryMiB)
		}
		for _, h := range sortedKeys(targets) {
			if hs := hosts[h]; cpu[h] > inv.vcpuCapacity(hs)+eps || mem[h] > inv.memoryCapacity(hs)+eps {
				bad(n, "capacity", "host %s holds %.0f vCPUs and %.0f MiB, its capacity is %.0f and %.0f",
					h, cpu[h], mem[h], inv.vcpuCapacity(hs), inv.memoryCapacity(hs))
			}
		}
		now := antiCount()
		for _, k := range sortedPairs(now) {
			if now[k] > 1 && now[k] > allowed[k] {
				bad(n, "anti-affinity", "host %s holds %d members of anti-affinity group %s", k[1], now[k], k[0])
			}
		}
		affHost := map[string]string{}
		for _, name := range sortedKeys(where) {
			g := guests[name]
			if g.Affinity == "" {
				continue
			}
			if h, ok := affHost[g.Affinity]; ok && h != where[name] && targets[where[name]] {
				bad(n, "affinity-split", "affinity group %s is on %s and %s", g.Affinity, h, where[name])
			}
			if _, ok := affHost[g.Affinity]; !ok {
				affHost[g.Affinity] = where[name]
			}
		}
		for _, name := range sortedKeys(where) {
			if inStep[where[name]] && guests[name].CanMove() {
				bad(n, "not-evacuated", "%s is still on %s when it is patched", name, where[name])
			}
		}
		out = append(out, checkTolerance(inv, p, st, where)...)
	}
	scope := p.Options.Hosts
	if len(scope) == 0 {
		for _, h := range inv.Hosts {
			scope = append(scope, h.Name)
		}
	}
	for _, h := range scope {
		if patched[h] == 0 {
			bad(0, "not-patched", "host %s is in the plan but no step patches it", h)
		}
	}
	return out
}

// checkTolerance re-checks a step's N+k claim on the placement after its
// migrations, with its hosts out: a proved failing set below the claim is
// a violation.
func checkTolerance(inv *Inventory, p *MaintenancePlan, st Step, where map[string]string) []Violation {
	if st.Tolerates <= 0 {
		return nil
	}
	out := st.Hosts
	view := Inventory{Version: 1, Cluster: inv.Cluster}
	for _, h := range inv.Hosts {
		if !slices.Contains(out, h.Name) {
			view.Hosts = append(view.Hosts, h)
		}
	}
	if len(view.Hosts) == 0 {
		return nil
	}
	for _, g := range inv.Guests {
		if h := where[g.Name]; !slices.Contains(out, h) {
			g.Host = h
			view.Guests = append(view.Guests, g)
		}
	}
	sets := p.Options.StepSets
	if sets <= 0 {
		sets = DefaultMaintenanceOptions.StepSets
	}
	c := newChecker(compile(&view), CapacityOptions{MaxSets: sets, SampleSets: sets, Seed: 2})
	levels, _, _, _, _, counter := c.levels(len(view.Hosts), st.Tolerates)
	if counter == nil || !counter.Proved || levels[len(levels)-1].Failures > st.Tolerates {
		return nil
	}
	return []Violation{{Step: st.Step, Kind: "tolerance", Message: fmt.Sprintf(
		"claims N+%d, but losing %v while %v are out cannot be survived: %s", st.Tolerates, counter.Failed, st.Hosts, counter.Reason)}}
}

func sortedPairs(m map[[2]string]int) [][2]string {
	keys := make([][2]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int {
		if a[0] != b[0] {
			if a[0] < b[0] {
				return -1
			}
			return 1
		}
		if a[1] < b[1] {
			return -1
		}
		if a[1] > b[1] {
			return 1
		}
		return 0
	})
	return keys
}
