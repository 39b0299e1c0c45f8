package drill

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/plan"
)

func shop(t *testing.T) *plan.Inventory {
	t.Helper()
	inv, err := plan.LoadInventory("../testdata/plan/shop.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

// TestRunModelAndBack: a dry run of a whole plan with Back does every
// migration and its return, and leaves every guest where it started.
func TestRunModelAndBack(t *testing.T) {
	inv := shop(t)
	p, err := plan.Maintenance(inv, plan.DefaultMaintenanceOptions)
	if err != nil {
		t.Fatal(err)
	}
	m := NewModel(inv)
	r := Run(context.Background(), p, m, Options{Back: true})
	if r.Summary.Done != 2*p.Summary.Migrations || r.Summary.Failed+r.Summary.Aborted != 0 {
		t.Fatalf("summary %+v, plan has %d migrations", r.Summary, p.Summary.Migrations)
	}
	for _, g := range inv.Guests {
		if on, _ := m.Locate(context.Background(), g.Name); !cmp.Equal(on, []string{g.Host}) {
			t.Errorf("%s ends on %v, started on %s", g.Name, on, g.Host)
		}
	}
	// The forecast of a dry run is the plan's own estimate when nothing
	// shares the link.
	first := r.Migrations[0]
	if first.Measured == nil || first.Measured.Iterations < 2 || first.Measured.Seconds <= 0 {
		t.Errorf("first migration %+v", first)
	}
}

// stuck is a Migrator whose migrations never finish until aborted, and
// that can be told to lose track of a guest.
type stuck struct {
	where map[string][]string
}

func (s *stuck) Migrate(ctx context.Context, guest, from, to string, o MigrateOptions) (Measured, error) {
	<-ctx.Done()
	return Measured{}, ErrAborted
}

func (s *stuck) Locate(ctx context.Context, guest string) ([]string, error) {
	return s.where[guest], nil
}

func TestRunAbortsOnTimeout(t *testing.T) {
	inv := shop(t)
	p, err := Single(inv, "web-1", "hv-b3")
	if err != nil {
		t.Fatal(err)
	}
	s := &stuck{where: map[string][]string{"web-1": {"hv-a1"}}}
	r := Run(context.Background(), p, s, Options{Timeout: 20 * time.Millisecond, Back: true})
	want := []Outcome{{Step: 1, Guest: "web-1", From: "hv-a1", To: "hv-b3", Status: "aborted", Error: "migration aborted",
		Planned: p.Steps[0].Migrations[0].Estimate, RunningOn: []string{"hv-a1"}}}
	if diff := cmp.Diff(r.Migrations, want); diff != "" {
		t.Errorf("outcomes (-got +want):\n%s", diff)
	}
	if r.Summary.Aborted != 1 || r.Summary.Done != 0 {
		t.Errorf("summary %+v", r.Summary)
	}
	// A guest active on two hosts after an abort is a failure, said so.
	s.where["web-1"] = []string{"hv-a1", "hv-b3"}
	r = Run(context.Background(), p, s, Options{Timeout: 20 * time.Millisecond})
	if o := r.Migrations[0]; o.Status != "failed" || !strings.Contains(o.Error, "active on 2 hosts") {
		t.Errorf("outcome %+v", o)
	}
}

func TestSingleErrors(t *testing.T) {
	inv := shop(t)
	for _, c := range []struct{ guest, to, want string }{
		{"nope", "hv-b3", `guest "nope" is not in the inventory`},
		{"web-1", "hv-zz", `host "hv-zz" is not in the inventory`},
		{"web-1", "hv-a1", "already on hv-a1"},
		{"gpu-1", "hv-b3", "pinned"},
	} {
		if _, err := Single(inv, c.guest, c.to); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Single(%s, %s) = %v, want %q", c.guest, c.to, err, c.want)
		}
	}
}
