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
// rule a step breaks: a migration whose guest is not where the plan says
// (or cannot move), a host over capacity, two members of an anti-affinity
// group on one host that did not share one in the inventory, an affinity
// group's part split, a host patched with a movable guest still on it or
// patched twice, a host of the plan never patched, more hosts at once
// than the plan's limit, and an N+k claim that a failure set disproves.
// The replay is written apart from the planner, guest by guest, so that
// it catches the planner's mistakes; only the N+k claims are re-checked
// with the capacity search on the replayed placement.
func CheckPlan(inv *Inventory, p *MaintenancePlan) []Violation {
	var out []Violation
	said := map[string]bool{} // a broken rule that lasts is reported at the step that broke it
	bad := func(step int, kind, format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if said[kind+msg] {
			return
		}
		said[kind+msg] = true
		out = append(out, Violation{Step: step, Kind: kind, Message: msg})
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
	// The inventory's placement is the reference for the rules: pairs of
	// an anti-affinity group that already share a host are its own
	// (Capacity reports them), and an affinity group already split is
	// kept as the parts it has (each host's part moves as one). A plan
	// must not add a pair, nor split a part.
	home := map[string]string{}
	part := map[string]string{} // guest -> affinity part: group NUL home host
	pinnedPart := map[string]bool{}
	for name, h := range where {
		home[name] = h
		if g := guests[name]; g.Affinity != "" {
			part[name] = g.Affinity + "\x00" + h
			if !g.CanMove() {
				pinnedPart[part[name]] = true
			}
		}
	}
	// stays reports whether a guest cannot move: pinned, or in an
	// affinity part with a pinned member.
	stays := func(name string) bool { return !guests[name].CanMove() || pinnedPart[part[name]] }
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
			case stays(m.Guest):
				bad(n, "wrong-source", "%s is pinned (migratable: false, or an affinity member of a pinned guest)", m.Guest)
			}
			if inStep[m.To] {
				bad(n, "into-maintenance", "%s goes to %s, which is in maintenance in this step", m.Guest, m.To)
			}
			sources[where[m.Guest]] = true
			targets[m.To] = true
			where[m.Guest] = m.To
		}
		for _, h := range sortedKeys(targets) {
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
		// Members of each anti-affinity group per host: a pair that did
		// not share a host in the inventory is a new violation.
		members := map[[2]string][]string{}
		for _, name := range sortedKeys(where) {
			if g := guests[name]; g.AntiAffinity != "" {
				k := [2]string{g.AntiAffinity, where[name]}
				members[k] = append(members[k], name)
			}
		}
		for _, k := range sortedPairs(members) {
			ms := members[k]
		pairs:
			for i := range ms {
				for j := i + 1; j < len(ms); j++ {
					if home[ms[i]] != home[ms[j]] {
						bad(n, "anti-affinity", "host %s holds %s and %s of anti-affinity group %s", k[1], ms[i], ms[j], k[0])
						break pairs
					}
				}
			}
		}
		partHost := map[string]string{}
		for _, name := range sortedKeys(where) {
			pt, ok := part[name]
			if !ok {
				continue
			}
			if h, seen := partHost[pt]; !seen {
				partHost[pt] = where[name]
			} else if h != where[name] {
				bad(n, "affinity-split", "affinity group %s: %s is on %s, apart from its group on %s", guests[name].Affinity, name, where[name], h)
			}
		}
		for _, name := range sortedKeys(where) {
			if inStep[where[name]] && !stays(name) {
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
	split := splitGroups(inv)
	for _, g := range inv.Guests {
		if h := where[g.Name]; !slices.Contains(out, h) {
			if split[g.Affinity] {
				// Each part of a group the inventory has split stays its
				// own unit, as the planner keeps it.
				g.Affinity += "@" + g.Host
			}
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

// splitGroups are the affinity groups whose members the inventory puts on
// more than one host.
func splitGroups(inv *Inventory) map[string]bool {
	first := map[string]string{}
	split := map[string]bool{}
	for _, g := range inv.Guests {
		if g.Affinity == "" {
			continue
		}
		if h, ok := first[g.Affinity]; !ok {
			first[g.Affinity] = g.Host
		} else if h != g.Host {
			split[g.Affinity] = true
		}
	}
	return split
}

func sortedPairs[V any](m map[[2]string]V) [][2]string {
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
