package plan

import (
	"encoding/json"
	"fmt"
	"os"
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
	// The placement is kept per host, and each step looks only at the
	// hosts and guests it touches, so a plan of a thousand steps over
	// tens of thousands of guests replays in seconds.
	on := map[string]map[string]bool{}
	cpu, mem := map[string]float64{}, map[string]float64{}
	partMembers := map[string][]string{}
	for _, name := range sortedKeys(where) {
		h := where[name]
		if on[h] == nil {
			on[h] = map[string]bool{}
		}
		on[h][name] = true
		cpu[h] += float64(guests[name].VCPUs)
		mem[h] += float64(guests[name].MemoryMiB)
		if pt, ok := part[name]; ok {
			partMembers[pt] = append(partMembers[pt], name)
		}
	}
	moveGuest := func(name, to string) {
		from := where[name]
		delete(on[from], name)
		cpu[from] -= float64(guests[name].VCPUs)
		mem[from] -= float64(guests[name].MemoryMiB)
		if on[to] == nil {
			on[to] = map[string]bool{}
		}
		on[to][name] = true
		cpu[to] += float64(guests[name].VCPUs)
		mem[to] += float64(guests[name].MemoryMiB)
		where[name] = to
	}
	tol := newTolerance(inv, p)
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
		parts := map[string]bool{}
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
			if pt, ok := part[m.Guest]; ok {
				parts[pt] = true
			}
			moveGuest(m.Guest, m.To)
		}
		for _, h := range sortedKeys(targets) {
			if sources[h] {
				bad(n, "source-and-target", "host %s both sends and receives guests in one step", h)
			}
		}
		for _, h := range sortedKeys(targets) {
			if hs := hosts[h]; cpu[h] > inv.vcpuCapacity(hs)+eps || mem[h] > inv.memoryCapacity(hs)+eps {
				bad(n, "capacity", "host %s holds %.0f vCPUs and %.0f MiB, its capacity is %.0f and %.0f",
					h, cpu[h], mem[h], inv.vcpuCapacity(hs), inv.memoryCapacity(hs))
			}
		}
		// Members of each anti-affinity group on the hosts that took
		// guests: a pair that did not share a host in the inventory is a
		// new violation.
		for _, h := range sortedKeys(targets) {
			members := map[string][]string{}
			for _, name := range sortedKeys(on[h]) {
				if g := guests[name]; g.AntiAffinity != "" {
					members[g.AntiAffinity] = append(members[g.AntiAffinity], name)
				}
			}
			for _, group := range sortedKeys(members) {
				ms := members[group]
			pairs:
				for i := range ms {
					for j := i + 1; j < len(ms); j++ {
						if home[ms[i]] != home[ms[j]] {
							bad(n, "anti-affinity", "host %s holds %s and %s of anti-affinity group %s", h, ms[i], ms[j], group)
							break pairs
						}
					}
				}
			}
		}
		for _, pt := range sortedKeys(parts) {
			ms := partMembers[pt]
			for _, name := range ms[1:] {
				if where[name] != where[ms[0]] {
					bad(n, "affinity-split", "affinity group %s: %s is on %s, apart from its group on %s", guests[name].Affinity, name, where[name], where[ms[0]])
				}
			}
		}
		for _, h := range st.Hosts {
			for _, name := range sortedKeys(on[h]) {
				if !stays(name) {
					bad(n, "not-evacuated", "%s is still on %s when it is patched", name, h)
				}
			}
		}
		out = append(out, tol.step(st, where)...)
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

// tolerance re-checks steps' N+k claims on the replayed placement with
// the capacity search. Units are the inventory's (each part of a split
// affinity group its own), as the planner's are; the placement follows
// the plan's migrations, the step's hosts are out.
type tolerance struct {
	f     *fleet
	c     *checker
	guest map[string]int32
}

func newTolerance(inv *Inventory, p *MaintenancePlan) *tolerance {
	f := compile(inv)
	sets := p.Options.StepSets
	if sets <= 0 {
		sets = DefaultMaintenanceOptions.StepSets
	}
	t := &tolerance{f: f, c: newChecker(f, CapacityOptions{MaxSets: sets, SampleSets: sets, Seed: 2}), guest: map[string]int32{}}
	for i, g := range inv.Guests {
		t.guest[g.Name] = int32(i)
	}
	return t
}

// step moves the units of the step's migrated guests where the replay
// put them, then checks the claim with the step's hosts out: a proved
// failing set at or below the claim is a violation.
func (t *tolerance) step(st Step, where map[string]string) []Violation {
	s := t.c.s
	for _, m := range st.Migrations {
		gi, ok := t.guest[m.Guest]
		h, known := t.f.hostIndex[where[m.Guest]]
		if !ok || !known {
			continue
		}
		if u := t.f.guestUnit[gi]; s.at[u] != h {
			s.remove(u)
			s.add(u, h)
		}
	}
	if st.Tolerates <= 0 {
		return nil
	}
	var out []int32
	for _, name := range st.Hosts {
		if h, ok := t.f.hostIndex[name]; ok && !s.down[h] {
			s.setDown(h, true)
			out = append(out, h)
		}
	}
	defer func() {
		for _, h := range out {
			s.setDown(h, false)
		}
	}()
	up := len(t.c.upHosts())
	if up == 0 {
		return nil
	}
	levels, _, _, _, _, counter := t.c.levels(up, st.Tolerates)
	if counter == nil || !counter.Proved || levels[len(levels)-1].Failures > st.Tolerates {
		return nil
	}
	return []Violation{{Step: st.Step, Kind: "tolerance", Message: fmt.Sprintf(
		"claims N+%d, but losing %v while %v are out cannot be survived: %s", st.Tolerates, counter.Failed, st.Hosts, counter.Reason)}}
}
