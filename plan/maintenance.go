package plan

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// MaintenanceOptions shape a rolling maintenance plan.
type MaintenanceOptions struct {
	// Hosts limits the plan to these hosts; empty means every host.
	Hosts []string `json:"hosts,omitempty"`
	// MaxHosts is how many hosts may be in maintenance at once.
	MaxHosts int `json:"max_hosts"`
	// MaxMigrationsPerHost is how many migrations may leave one host at
	// once; they share its migration bandwidth.
	MaxMigrationsPerHost int `json:"max_migrations_per_host"`
	// MaxMigrations bounds concurrent migrations in the whole fleet; 0
	// means MaxHosts x MaxMigrationsPerHost.
	MaxMigrations int `json:"max_migrations"`
	// PatchMinutes is how long an empty host takes to patch and reboot.
	PatchMinutes float64 `json:"patch_minutes"`
	// MaxDowntimeMs is the switch-over limit of a live migration (QEMU's
	// downtime-limit).
	MaxDowntimeMs float64 `json:"max_downtime_ms"`
	// KeepFailures is the N+k every step must still hold (0: none; the
	// fleet's target is reported per step either way).
	KeepFailures int `json:"keep_failures"`
	// Failures is the target k checked before the plan starts (negative:
	// the inventory's cluster.target_failures).
	Failures int `json:"target_failures"`
	// StepSets bounds the failure sets checked per step: steps of larger
	// fleets are sampled and say so.
	StepSets int `json:"-"`
	// Capacity tunes the check before the plan starts.
	Capacity CapacityOptions `json:"-"`
	// Progress, when set, is told how many hosts are planned.
	Progress func(done, total int) `json:"-"`
}

// DefaultMaintenanceOptions are the options the CLI starts from.
var DefaultMaintenanceOptions = MaintenanceOptions{
	MaxHosts: 1, MaxMigrationsPerHost: 2, PatchMinutes: 15, MaxDowntimeMs: 300,
	Failures: -1, StepSets: 200, Capacity: DefaultCapacityOptions,
}

// ErrBelowTarget is returned when the fleet does not hold its N+k target
// before maintenance starts: taking a host out would make it worse.
var ErrBelowTarget = errors.New("fleet is below its N+k target")

// ErrNoEvacuation is returned when no host left to patch can be emptied.
var ErrNoEvacuation = errors.New("no host left to patch can be evacuated")

// ErrOptions marks options that make no sense (a usage error).
var ErrOptions = errors.New("bad maintenance options")

// MaintenancePlan is a rolling plan that patches hosts one wave at a
// time, live-migrating their guests away first. Its JSON is the plan
// file that CheckPlan and drills read.
type MaintenancePlan struct {
	Version  int                `json:"version"`
	Options  MaintenanceOptions `json:"options"`
	Target   int                `json:"target_failures"`
	Steps    []Step             `json:"steps"`
	Summary  PlanSummary        `json:"summary"`
	Warnings []string           `json:"warnings"`
}

// Step is one wave: its hosts are evacuated, then patched together.
type Step struct {
	Step       int         `json:"step"`
	Hosts      []string    `json:"hosts"`
	Migrations []Migration `json:"migrations"`
	// PinnedDown are guests that cannot move and are down while their
	// host is patched.
	PinnedDown []string `json:"pinned_down,omitempty"`
	StartMin   float64  `json:"start_min"`
	Minutes    float64  `json:"minutes"`
	// Tolerates is the N+k that holds while the step's hosts are out,
	// checked up to the target; TolerancesSampled says whether the
	// failure sets were sampled rather than all checked.
	Tolerates        int  `json:"tolerates"`
	ToleratesSampled bool `json:"tolerates_sampled,omitempty"`
}

// Migration is one live migration of a plan.
type Migration struct {
	Guest     string  `json:"guest"`
	From      string  `json:"from"`
	To        string  `json:"to"`
	MemoryMiB int64   `json:"memory_mib"`
	DirtyRate float64 `json:"dirty_rate_mib_s"`
	// MovesAgain is true when the guest lands on a host still to patch.
	MovesAgain bool `json:"moves_again,omitempty"`
	Estimate
}

// PlanSummary sums a plan up.
type PlanSummary struct {
	Hosts         int     `json:"hosts"`
	Steps         int     `json:"steps"`
	Migrations    int     `json:"migrations"`
	GuestsMoved   int     `json:"guests_moved"`
	MovedTwice    int     `json:"guests_moved_more_than_once"`
	PinnedDown    int     `json:"pinned_guests_down"`
	NotConverging int     `json:"migrations_not_converging"`
	Minutes       float64 `json:"minutes"`
	TransferMiB   float64 `json:"transfer_mib"`
	MinTolerates  int     `json:"min_tolerates"`
}

// Maintenance plans a rolling patch of the chosen hosts. It refuses a
// fleet that is already below its N+k target. Each wave takes the hosts
// cheapest to evacuate, sends their guests to hosts already patched
// first (so they do not move again), then to hosts outside the plan,
// and only then to hosts still to patch; no step ever breaks capacity,
// anti-affinity or affinity. A fleet with an empty host's worth of room
// moves each guest at most once.
func Maintenance(inv *Inventory, opt MaintenanceOptions) (*MaintenancePlan, error) {
	if err := opt.validate(inv); err != nil {
		return nil, err
	}
	f := compile(inv)
	target := opt.Failures
	if target < 0 {
		target = inv.Cluster.TargetFailures
	}
	p := &MaintenancePlan{Version: 1, Options: opt, Target: target, Steps: []Step{}, Warnings: []string{}}
	p.Options.Capacity, p.Options.Progress = CapacityOptions{}, nil

	start := newChecker(f, opt.Capacity)
	_, proved, estimate, _, _, counter := start.levels(len(f.hosts), target)
	if proved < target && counter != nil && counter.Proved {
		return nil, fmt.Errorf("%w: it tolerates %d host failures, the target is %d (losing %v: %s)",
			ErrBelowTarget, proved, target, counter.Failed, counter.Reason)
	}
	if proved < target {
		p.Warnings = append(p.Warnings, fmt.Sprintf(
			"N+%d before the plan was checked by sampling only (proved N+%d, no failing set found up to N+%d)", target, proved, estimate))
	}

	m := &maintainer{f: f, s: start.s, opt: opt, target: target, inScope: make([]bool, len(f.hosts)), patched: make([]bool, len(f.hosts))}
	m.p = newPacker(m.s)
	var pending []int32
	for _, h := range opt.scope(f) {
		m.inScope[h] = true
		pending = append(pending, h)
	}
	moves := map[int32]int{} // guest -> migrations
	clock := 0.0
	p.Summary.MinTolerates = target
	for len(pending) > 0 {
		wave, why := m.wave(pending)
		if len(wave) == 0 {
			return nil, fmt.Errorf("%w (%d left after %d steps): %s", ErrNoEvacuation, len(pending), len(p.Steps), why)
		}
		step := m.step(wave, len(p.Steps)+1, moves)
		step.StartMin = round3(clock)
		clock += step.Minutes
		p.Summary.MinTolerates = min(p.Summary.MinTolerates, step.Tolerates)
		for _, mg := range step.Migrations {
			if !mg.Converges {
				p.Summary.NotConverging++
				p.Warnings = append(p.Warnings, fmt.Sprintf(
					"step %d: %s dirties %.0f MiB/s and will not converge at %.0f MiB/s: use auto-converge or post-copy, or shut it down for the patch",
					step.Step, mg.Guest, mg.DirtyRate, inv.Cluster.MigrationBandwidth))
			}
			p.Summary.TransferMiB += mg.TransferMiB
		}
		p.Summary.Migrations += len(step.Migrations)
		p.Summary.PinnedDown += len(step.PinnedDown)
		p.Steps = append(p.Steps, step)
		for _, h := range wave {
			m.s.setDown(h, false)
			m.patched[h] = true
		}
		pending = slices.DeleteFunc(pending, func(h int32) bool { return slices.Contains(wave, h) })
		if opt.Progress != nil {
			opt.Progress(len(m.inScope)-len(pending), len(m.inScope))
		}
	}
	p.Summary.Hosts = len(opt.scope(f))
	p.Summary.Steps = len(p.Steps)
	p.Summary.GuestsMoved = len(moves)
	for _, n := range moves {
		if n > 1 {
			p.Summary.MovedTwice++
		}
	}
	p.Summary.Minutes = round3(clock)
	p.Summary.TransferMiB = round3(p.Summary.TransferMiB)
	return p, nil
}

func (opt *MaintenanceOptions) validate(inv *Inventory) error {
	if err := opt.check(inv); err != nil {
		return fmt.Errorf("%w: %w", ErrOptions, err)
	}
	return nil
}

func (opt *MaintenanceOptions) check(inv *Inventory) error {
	switch {
	case opt.MaxHosts < 1:
		return fmt.Errorf("max hosts at once must be 1 or more, got %d", opt.MaxHosts)
	case opt.MaxMigrationsPerHost < 1:
		return fmt.Errorf("max migrations per host must be 1 or more, got %d", opt.MaxMigrationsPerHost)
	case opt.MaxMigrations < 0:
		return fmt.Errorf("max migrations must be 0 (no limit) or more, got %d", opt.MaxMigrations)
	case opt.PatchMinutes < 0:
		return fmt.Errorf("patch minutes must be 0 or more, got %v", opt.PatchMinutes)
	case !(opt.MaxDowntimeMs > 0):
		return fmt.Errorf("max downtime must be positive, got %v ms", opt.MaxDowntimeMs)
	case opt.KeepFailures < 0:
		return fmt.Errorf("failures to keep must be 0 or more, got %d", opt.KeepFailures)
	}
	known := map[string]bool{}
	for _, h := range inv.Hosts {
		known[h.Name] = true
	}
	for _, h := range opt.Hosts {
		if !known[h] {
			return fmt.Errorf("host %q is not in the inventory", h)
		}
	}
	return nil
}

// scope lists the hosts to patch, in inventory order.
func (opt *MaintenanceOptions) scope(f *fleet) []int32 {
	var out []int32
	for h := range f.hosts {
		if len(opt.Hosts) == 0 || slices.Contains(opt.Hosts, f.hosts[h].name) {
			out = append(out, int32(h))
		}
	}
	return out
}

// maintainer carries the planning state between waves.
type maintainer struct {
	f       *fleet
	s       *state
	p       *packer
	opt     MaintenanceOptions
	target  int
	inScope []bool
	patched []bool
	mark    int // start of the current wave in the state's log
}

// wave picks up to MaxHosts hosts to patch next, cheapest to evacuate
// first, and evacuates them (the moves stay applied). It returns why
// the first refused host could not go when none could.
func (m *maintainer) wave(pending []int32) ([]int32, string) {
	s := m.s
	cost := func(h int32) (mem float64, units int) {
		for _, u := range s.on[h] {
			if un := &m.f.units[u]; un.movable {
				mem += un.mem
				units++
			}
		}
		return mem, units
	}
	order := slices.Clone(pending)
	memCost := make(map[int32]float64, len(order))
	unitCost := make(map[int32]int, len(order))
	for _, h := range order {
		memCost[h], unitCost[h] = cost(h)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		if c := cmp.Compare(memCost[a], memCost[b]); c != 0 {
			return c
		}
		return cmp.Compare(unitCost[a], unitCost[b])
	})
	m.mark = s.mark()
	var wave []int32
	why := ""
	targets := map[int32]bool{}
	for _, h := range order {
		if len(wave) == m.opt.MaxHosts {
			break
		}
		if targets[h] {
			continue // it took guests in this wave: it cannot also leave
		}
		mark := s.mark()
		s.setDown(h, true)
		reason, ok := m.evacuate(h)
		if ok && m.opt.KeepFailures > 0 {
			if got, _ := m.tolerates(m.opt.KeepFailures); got < m.opt.KeepFailures {
				reason, ok = fmt.Sprintf("taking it out leaves N+%d, below the N+%d to keep", got, m.opt.KeepFailures), false
			}
		}
		if !ok {
			s.undo(mark)
			s.setDown(h, false)
			if why == "" {
				why = fmt.Sprintf("host %s: %s", m.f.hosts[h].name, reason)
			}
			continue
		}
		for _, mv := range s.log[mark:] {
			targets[s.at[mv.unit]] = true
		}
		wave = append(wave, h)
	}
	return wave, why
}

// evacuate moves every movable unit off host h (already down): to a
// patched host if one fits, else to a host outside the plan, else to a
// host still to patch; when that greedy order fails, any placement the
// packer finds will do.
func (m *maintainer) evacuate(h int32) (string, bool) {
	s := m.s
	var units []int32
	for _, u := range s.on[h] {
		if m.f.units[u].movable {
			units = append(units, u)
		}
	}
	m.f.largestFirst(units)
	mark := s.mark()
	greedyOK := true
	for _, u := range units {
		t := m.pickTarget(u)
		if t < 0 {
			greedyOK = false
			break
		}
		s.moveTo(u, t)
	}
	if greedyOK {
		return "", true
	}
	s.undo(mark)
	res := m.p.placeAll(units)
	if res.outcome == placed {
		return "", true
	}
	return res.reason, false
}

// pickTarget chooses where unit u goes: the fullest patched host it fits
// on (so patched room is used before anything else), else the fullest
// host outside the plan, else the emptiest host still to patch (keeping
// every unpatched host easy to evacuate later).
func (m *maintainer) pickTarget(u int32) int32 {
	s := m.s
	un := &m.f.units[u]
	best := [3]int32{-1, -1, -1}
	score := [3]float64{}
	for h := range m.f.hosts {
		h := int32(h)
		if !s.fits(u, h) {
			continue
		}
		fh := &m.f.hosts[h]
		left := min((fh.cpu-s.cpu[h]-un.cpu)/fh.cpu, (fh.mem-s.mem[h]-un.mem)/fh.mem)
		tier, sc := 2, left
		switch {
		case m.patched[h]:
			tier, sc = 0, -left
		case !m.inScope[h]:
			tier, sc = 1, -left
		}
		if best[tier] < 0 || sc > score[tier] {
			best[tier], score[tier] = h, sc
		}
	}
	for _, b := range best {
		if b >= 0 {
			return b
		}
	}
	return -1
}

// tolerates checks the N+k that holds with the current hosts down, up
// to k, and whether it was sampled.
func (m *maintainer) tolerates(k int) (int, bool) {
	c := &checker{f: m.f, s: m.s, p: m.p, maxSets: max(m.opt.StepSets, 1), sampleSets: max(m.opt.StepSets, 1),
		rng: newSeeded(m.opt.Capacity.Seed), opt: CapacityOptions{}}
	levels, proved, estimate, _, _, _ := c.levels(len(c.upHosts()), k)
	sampled := false
	for _, l := range levels {
		sampled = sampled || !l.Exhaustive
	}
	if sampled {
		return estimate, true
	}
	return proved, false
}

// step turns the applied moves of a wave into a Step with migration
// estimates, durations and the N+k that holds during it.
func (m *maintainer) step(wave []int32, n int, moves map[int32]int) Step {
	s, f := m.s, m.f
	st := Step{Step: n, Migrations: []Migration{}}
	for _, h := range wave {
		st.Hosts = append(st.Hosts, f.hosts[h].name)
		for _, u := range s.on[h] {
			for _, g := range f.units[u].guests {
				st.PinnedDown = append(st.PinnedDown, f.inv.Guests[g].Name)
			}
		}
	}
	slices.Sort(st.PinnedDown)
	bySource := map[int32][]int{}
	for _, mv := range s.log[m.mark:] {
		to := s.at[mv.unit]
		for _, g := range f.units[mv.unit].guests {
			guest := &f.inv.Guests[g]
			rate := 0.0
			if guest.DirtyRate != nil {
				rate = *guest.DirtyRate
			}
			bySource[mv.from] = append(bySource[mv.from], len(st.Migrations))
			st.Migrations = append(st.Migrations, Migration{
				Guest: guest.Name, From: f.hosts[mv.from].name, To: f.hosts[to].name,
				MemoryMiB: guest.MemoryMiB, DirtyRate: rate,
				MovesAgain: m.inScope[to] && !m.patched[to],
			})
			moves[g]++
		}
	}
	// Lanes per host within the fleet-wide bound. When the wave has more
	// hosts than the bound allows migrations, each host gets one lane
	// and the hosts take turns on the bound's slots, longest first.
	lanes, slots := m.opt.MaxMigrationsPerHost, len(wave)
	if limit := m.opt.MaxMigrations; limit > 0 {
		lanes = max(1, min(lanes, limit/len(wave)))
		slots = min(slots, limit)
	}
	var hostTimes []float64
	for _, src := range wave {
		hostTimes = append(hostTimes, m.schedule(st.Migrations, bySource[src], lanes))
	}
	evacuation := makespan(hostTimes, slots)
	st.Minutes = round3(evacuation/60 + m.opt.PatchMinutes)
	st.Tolerates, st.ToleratesSampled = m.tolerates(m.target)
	return st
}

// makespan is how long jobs take on n parallel slots, longest first
// (each to the slot free first).
func makespan(jobs []float64, n int) float64 {
	jobs = slices.Clone(jobs)
	slices.SortFunc(jobs, func(a, b float64) int { return cmp.Compare(b, a) })
	busy := make([]float64, max(1, n))
	for _, j := range jobs {
		i := slices.Index(busy, slices.Min(busy))
		busy[i] += j
	}
	return slices.Max(busy)
}

// schedule estimates the migrations leaving one host, which share its
// bandwidth over lanes running at once, longest first, and returns how
// long the host takes to empty (seconds). A migration that would not
// converge on a shared lane runs alone with the whole link.
func (m *maintainer) schedule(ms []Migration, idx []int, lanes int) float64 {
	bw := m.f.inv.Cluster.MigrationBandwidth
	down := m.opt.MaxDowntimeMs / 1000
	lanes = max(1, min(lanes, len(idx)))
	shared := bw / float64(lanes)
	var alone float64
	var queue []int
	for _, i := range idx {
		mg := &ms[i]
		mg.Estimate = Precopy(float64(mg.MemoryMiB), mg.DirtyRate, shared, down)
		if !mg.Converges && lanes > 1 {
			mg.Estimate = Precopy(float64(mg.MemoryMiB), mg.DirtyRate, bw, down)
			alone += mg.Seconds
			continue
		}
		queue = append(queue, i)
	}
	times := make([]float64, len(queue))
	for j, i := range queue {
		times[j] = ms[i].Seconds
	}
	return alone + makespan(times, lanes)
}
