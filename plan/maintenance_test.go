package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mustPlan plans maintenance and fails the test on an error or on any
// violation the checker finds.
func mustPlan(t *testing.T, inv *Inventory, opt MaintenanceOptions) *MaintenancePlan {
	t.Helper()
	p, err := Maintenance(inv, opt)
	if err != nil {
		t.Fatalf("Maintenance: %v", err)
	}
	if vs := CheckPlan(inv, p); len(vs) > 0 {
		t.Fatalf("the plan breaks the rules: %v", vs)
	}
	return p
}

// TestMaintenancePassesChecker: every plan, on fleets of several sizes,
// fills and option sets, passes the step-by-step checker and patches
// every host in its scope exactly once.
func TestMaintenancePassesChecker(t *testing.T) {
	cases := []struct {
		hosts, guests, spare int
		opt                  func(*MaintenanceOptions)
	}{
		{6, 60, 0, nil},
		{12, 250, 0, nil},
		{12, 250, 1, func(o *MaintenanceOptions) { o.MaxHosts = 2 }},
		{20, 300, 2, func(o *MaintenanceOptions) { o.MaxHosts = 3; o.MaxMigrations = 4 }},
		{20, 300, 0, func(o *MaintenanceOptions) { o.Hosts = []string{"hv-0003", "hv-0007", "hv-0011"} }},
		{30, 500, 1, func(o *MaintenanceOptions) { o.KeepFailures = 1; o.MaxHosts = 2 }},
	}
	for i, c := range cases {
		for seed := range uint64(4) {
			t.Run(fmt.Sprintf("%d-seed%d", i, seed), func(t *testing.T) {
				inv := Generate(c.hosts, c.guests, c.spare, seed)
				opt := DefaultMaintenanceOptions
				if c.opt != nil {
					c.opt(&opt)
				}
				p := mustPlan(t, inv, opt)
				want := len(opt.Hosts)
				if want == 0 {
					want = c.hosts
				}
				if p.Summary.Hosts != want {
					t.Errorf("plan patches %d hosts, want %d", p.Summary.Hosts, want)
				}
				for _, st := range p.Steps {
					if len(st.Hosts) > opt.MaxHosts {
						t.Errorf("step %d has %d hosts, limit %d", st.Step, len(st.Hosts), opt.MaxHosts)
					}
					if opt.KeepFailures > 0 && st.Tolerates < opt.KeepFailures {
						t.Errorf("step %d tolerates %d, must keep %d", st.Step, st.Tolerates, opt.KeepFailures)
					}
				}
			})
		}
	}
}

// TestMaintenanceMovesOnce: with one empty host's worth of room, every
// migratable guest moves exactly once: the spare is patched first and
// each host is evacuated onto hosts already patched.
func TestMaintenanceMovesOnce(t *testing.T) {
	for seed := range uint64(5) {
		inv := Generate(16, 300, 1, seed)
		p := mustPlan(t, inv, DefaultMaintenanceOptions)
		moves := map[string]int{}
		for _, st := range p.Steps {
			for _, m := range st.Migrations {
				moves[m.Guest]++
				if m.MovesAgain {
					t.Errorf("seed %d: %s lands on %s, a host still to patch", seed, m.Guest, m.To)
				}
			}
		}
		movable := 0
		for _, g := range inv.Guests {
			if g.CanMove() {
				movable++
				if moves[g.Name] != 1 {
					t.Errorf("seed %d: %s moved %d times", seed, g.Name, moves[g.Name])
				}
			}
		}
		if p.Summary.MovedTwice != 0 || p.Summary.GuestsMoved != movable {
			t.Errorf("seed %d: summary %+v, %d movable guests", seed, p.Summary, movable)
		}
		if len(p.Steps[0].Migrations) != 0 {
			t.Errorf("seed %d: the first step should patch the empty host without migrations, got %d", seed, len(p.Steps[0].Migrations))
		}
	}
}

func TestMaintenanceRefusesBelowTarget(t *testing.T) {
	inv := mustInventory(t, `version: 1
cluster: {cpu_overcommit: 1.0, target_failures: 1}
hosts:
  - {name: a, cpus: 4, memory_mib: 8192}
  - {name: b, cpus: 4, memory_mib: 8192}
guests:
  - {name: g1, host: a, vcpus: 3, memory_mib: 1024}
  - {name: g2, host: b, vcpus: 3, memory_mib: 1024}
`)
	_, err := Maintenance(inv, DefaultMaintenanceOptions)
	if !errors.Is(err, ErrBelowTarget) || !strings.Contains(err.Error(), "tolerates 0") {
		t.Fatalf("err = %v, want ErrBelowTarget naming the level", err)
	}
	// Asked for N+0, the same fleet cannot be evacuated either: say why.
	opt := DefaultMaintenanceOptions
	opt.Failures = 0
	_, err = Maintenance(inv, opt)
	if !errors.Is(err, ErrNoEvacuation) || !strings.Contains(err.Error(), "host a: needs 3 vCPUs") {
		t.Fatalf("err = %v, want a refusal naming the host that cannot be evacuated", err)
	}
}

func TestMaintenancePinnedAndConvergence(t *testing.T) {
	inv := mustInventory(t, `version: 1
cluster: {cpu_overcommit: 1.0, migration_bandwidth_mib_s: 1000, target_failures: 0}
hosts:
  - {name: a, cpus: 8, memory_mib: 16384}
  - {name: b, cpus: 8, memory_mib: 16384}
guests:
  - {name: quiet, host: a, vcpus: 2, memory_mib: 4096, dirty_rate_mib_s: 10}
  - {name: busy, host: a, vcpus: 2, memory_mib: 4096, dirty_rate_mib_s: 2000}
  - {name: gpu, host: b, vcpus: 2, memory_mib: 2048, migratable: false}
`)
	p := mustPlan(t, inv, DefaultMaintenanceOptions)
	var down []string
	for _, st := range p.Steps {
		down = append(down, st.PinnedDown...)
		for _, m := range st.Migrations {
			if m.Guest == "busy" && m.Converges || m.Guest == "quiet" && !m.Converges {
				t.Errorf("%s: converges %v", m.Guest, m.Converges)
			}
		}
	}
	if diff := cmp.Diff(down, []string{"gpu"}); diff != "" {
		t.Errorf("pinned down (-got +want):\n%s", diff)
	}
	if p.Summary.NotConverging != 1 || !slices.ContainsFunc(p.Warnings, func(w string) bool { return strings.Contains(w, "busy") }) {
		t.Errorf("summary %+v warnings %q: busy must be flagged", p.Summary, p.Warnings)
	}
}

func TestMaintenanceOptionErrors(t *testing.T) {
	inv := Generate(3, 10, 0, 1)
	for _, c := range []struct {
		opt  func(*MaintenanceOptions)
		want string
	}{
		{func(o *MaintenanceOptions) { o.MaxHosts = 0 }, "max hosts"},
		{func(o *MaintenanceOptions) { o.MaxMigrationsPerHost = 0 }, "max migrations per host"},
		{func(o *MaintenanceOptions) { o.Hosts = []string{"hv-9999"} }, `host "hv-9999" is not in the inventory`},
		{func(o *MaintenanceOptions) { o.MaxDowntimeMs = 0 }, "max downtime"},
	} {
		opt := DefaultMaintenanceOptions
		c.opt(&opt)
		if _, err := Maintenance(inv, opt); !errors.Is(err, ErrOptions) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("err = %v, want %q", err, c.want)
		}
	}
}

// TestCheckPlanCatches: the checker finds each kind of broken step.
func TestCheckPlanCatches(t *testing.T) {
	inv := mustInventory(t, `version: 1
cluster: {cpu_overcommit: 1.0, target_failures: 0}
hosts:
  - {name: a, cpus: 8, memory_mib: 16384}
  - {name: b, cpus: 8, memory_mib: 16384}
  - {name: c, cpus: 8, memory_mib: 16384}
guests:
  - {name: w1, host: a, vcpus: 2, memory_mib: 2048, anti_affinity: web}
  - {name: w2, host: b, vcpus: 2, memory_mib: 2048, anti_affinity: web}
  - {name: big, host: c, vcpus: 5, memory_mib: 4096}
  - {name: p1, host: a, vcpus: 1, memory_mib: 1024, affinity: pair}
  - {name: p2, host: a, vcpus: 1, memory_mib: 1024, affinity: pair}
`)
	step := func(hosts []string, ms ...Migration) Step { return Step{Step: 1, Hosts: hosts, Migrations: ms} }
	mig := func(g, from, to string) Migration { return Migration{Guest: g, From: from, To: to} }
	cases := []struct {
		name  string
		steps []Step
		want  []string // kinds
	}{
		{"wrong source", []Step{step([]string{"a"}, mig("w1", "b", "c"))}, []string{"wrong-source", "not-evacuated", "not-evacuated", "not-patched", "not-patched"}},
		{"into maintenance", []Step{step([]string{"a", "b"}, mig("w1", "a", "b"))}, []string{"into-maintenance", "anti-affinity", "not-evacuated", "not-evacuated", "not-evacuated", "not-evacuated", "not-patched"}},
		{"capacity", []Step{step([]string{"a"}, mig("w1", "a", "c"), mig("p1", "a", "c"), mig("p2", "a", "c"))}, []string{"capacity", "not-patched", "not-patched"}},
		{"anti-affinity", []Step{step([]string{"a"}, mig("w1", "a", "b"), mig("p1", "a", "b"), mig("p2", "a", "b"))}, []string{"anti-affinity", "not-patched", "not-patched"}},
		{"affinity split", []Step{step([]string{"a"}, mig("w1", "a", "c"), mig("p1", "a", "b"), mig("p2", "a", "c"))}, []string{"affinity-split", "not-patched", "not-patched"}},
		{"not evacuated", []Step{step([]string{"c"})}, []string{"not-evacuated", "not-patched", "not-patched"}},
		{"unknown guest", []Step{step([]string{"c"}, mig("ghost", "c", "a"))}, []string{"unknown-guest", "not-evacuated", "not-patched", "not-patched"}},
		{"source and target", []Step{step([]string{"a", "c"}, mig("w1", "a", "b"), mig("w2", "b", "c"))}, []string{"into-maintenance", "source-and-target", "not-evacuated", "not-evacuated", "not-evacuated", "not-evacuated", "not-patched"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &MaintenancePlan{Version: 1, Options: DefaultMaintenanceOptions, Steps: c.steps}
			p.Options.MaxHosts = 2
			var kinds []string
			for _, v := range CheckPlan(inv, p) {
				kinds = append(kinds, v.Kind)
			}
			if diff := cmp.Diff(kinds, c.want); diff != "" {
				t.Errorf("violations (-got +want):\n%s\n%v", diff, CheckPlan(inv, p))
			}
		})
	}
	// A good plan for the same fleet passes, and patching a host twice
	// or claiming a tolerance it does not have is caught.
	p := mustPlan(t, inv, DefaultMaintenanceOptions)
	p.Steps = append(p.Steps, Step{Step: len(p.Steps) + 1, Hosts: []string{p.Steps[0].Hosts[0]}})
	p.Steps[0].Tolerates = 2
	var kinds []string
	for _, v := range CheckPlan(inv, p) {
		kinds = append(kinds, v.Kind)
	}
	if !slices.Contains(kinds, "patched-twice") || !slices.Contains(kinds, "tolerance") {
		t.Errorf("violations %v: want patched-twice and tolerance", CheckPlan(inv, p))
	}
}

func TestPrecopy(t *testing.T) {
	cases := []struct {
		name                 string
		mem, dirty, bw, down float64
		want                 Estimate
	}{
		{"idle guest: one round, nothing left", 4096, 0, 1024, 0.3, Estimate{Seconds: 4, DowntimeMs: 0, TransferMiB: 4096, Iterations: 2, Converges: true}},
		// 4096 MiB at 1024 MiB/s: 4 s, 400 MiB dirtied (0.39 s > 0.3 s),
		// then 0.39 s more, 39 MiB dirtied: 38 ms of downtime, 4.429 s in all.
		{"converges in three rounds", 4096, 100, 1024, 0.3, Estimate{Seconds: 4.429, DowntimeMs: 38.147, TransferMiB: 4535.063, Iterations: 3, Converges: true}},
		{"dirties faster than the link", 4096, 2000, 1024, 0.3, Estimate{Seconds: 8, DowntimeMs: 4000, TransferMiB: 8192, Iterations: 2, Converges: false}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(Precopy(c.mem, c.dirty, c.bw, c.down), c.want); diff != "" {
				t.Errorf("(-got +want):\n%s", diff)
			}
		})
	}
}

// FuzzCheckPlan feeds hostile plan files to the checker: it must never
// panic, whatever the steps name or claim.
func FuzzCheckPlan(f *testing.F) {
	inv, err := LoadInventory("testdata/plan/shop.yaml")
	if err != nil {
		f.Fatal(err)
	}
	p, err := Maintenance(inv, DefaultMaintenanceOptions)
	if err != nil {
		f.Fatal(err)
	}
	good, _ := json.Marshal(p)
	f.Add(good)
	f.Add([]byte(`{"version":1,"options":{"max_hosts":1},"steps":[{"step":1,"hosts":["hv-a1","hv-a1"],"migrations":[{"guest":"web-1","from":"hv-a1","to":"nowhere"}],"tolerates":9}]}`))
	f.Add([]byte(`{"version":1,"steps":[{"step":1,"hosts":[],"migrations":[{"guest":"gpu-1","from":"hv-b2","to":"hv-b2"}],"tolerates":-3}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p MaintenancePlan
		if json.Unmarshal(data, &p) != nil || len(p.Steps) > 50 {
			return
		}
		for _, st := range p.Steps {
			if st.Tolerates > 3 || len(st.Migrations) > 100 {
				return // keep each run quick: the claim check enumerates failure sets
			}
		}
		for _, v := range CheckPlan(inv, &p) {
			if v.Kind == "" || v.Message == "" {
				t.Fatalf("violation without kind or message: %+v", v)
			}
		}
	})
}

// TestCheckPlanFixtures: plans that move one member of an affinity pair,
// or bring a new member next to an anti-affinity pair the inventory
// already had, are caught; and the planner's own plans for fleets whose
// rules are already broken (a split affinity group, an affinity group
// with a pinned member, split parts brought back together) pass.
func TestCheckPlanFixtures(t *testing.T) {
	dir := filepath.Join("testdata", "check")
	for _, c := range []struct {
		fleet, plan string
		want        []string
	}{
		{"aff.yaml", "aff.plan.json", []string{"affinity-split"}},
		{"anti.yaml", "anti.plan.json", []string{"anti-affinity"}},
	} {
		inv, err := LoadInventory(filepath.Join(dir, c.fleet))
		if err != nil {
			t.Fatal(err)
		}
		p, err := LoadPlan(filepath.Join(dir, c.plan))
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, v := range CheckPlan(inv, p) {
			kinds = append(kinds, v.Kind)
		}
		if diff := cmp.Diff(kinds, c.want); diff != "" {
			t.Errorf("%s: violations (-got +want):\n%s\n%v", c.plan, diff, CheckPlan(inv, p))
		}
	}
	for _, fleet := range []string{"split.yaml", "pinaff.yaml", "tolfp.yaml"} {
		inv, err := LoadInventory(filepath.Join(dir, fleet))
		if err != nil {
			t.Fatal(err)
		}
		mustPlan(t, inv, DefaultMaintenanceOptions)
	}
}

// TestMaintenanceFleetWideMigrationLimit: with --max-migrations 1, two
// hosts of a wave evacuate one after the other.
func TestMaintenanceFleetWideMigrationLimit(t *testing.T) {
	inv := mustInventory(t, `version: 1
cluster: {target_failures: 0, migration_bandwidth_mib_s: 100}
hosts:
  - {name: h1, cpus: 8, memory_mib: 65536}
  - {name: h2, cpus: 8, memory_mib: 65536}
  - {name: h3, cpus: 8, memory_mib: 65536}
  - {name: h4, cpus: 8, memory_mib: 65536}
guests:
  - {name: a, host: h1, vcpus: 1, memory_mib: 6000}
  - {name: b, host: h2, vcpus: 1, memory_mib: 6000}
`)
	minutes := func(limit int) float64 {
		opt := DefaultMaintenanceOptions
		opt.MaxHosts, opt.MaxMigrations, opt.PatchMinutes = 2, limit, 0
		p := mustPlan(t, inv, opt)
		return p.Steps[1].Minutes
	}
	// Each migration takes 60 s at 100 MiB/s.
	if got := minutes(0); got != 1 {
		t.Errorf("no limit: step takes %v min, want 1 (both hosts at once)", got)
	}
	if got := minutes(1); got != 2 {
		t.Errorf("one migration at a time: step takes %v min, want 2", got)
	}
}
