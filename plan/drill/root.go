// Package drill rehearses a maintenance plan for real: it executes the
// plan's live migrations through each host's hypervisor, one at a time,
// measures each (duration, downtime, bytes, iterations) against the
// pre-copy model's forecast, aborts a migration that outlasts its timeout
// and then checks that the guest runs on exactly one host. With Back,
// every guest is returned where it started, so a drill leaves the fleet as
// it found it.
//
// The runner knows hypervisors only through Migrator: Libvirt drives real
// hosts over the libvirt RPC protocol; Model answers from the pre-copy
// model (a dry run). This package never patches or reboots a host.
package drill

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/crosstalk-dev/crosstalk/plan"
)

// Migrator moves guests between hosts.
type Migrator interface {
	// Migrate moves guest live from one host to another and returns what
	// it measured. When ctx ends first it aborts the migration and
	// returns ErrAborted (wrapped); the guest must then still run on the
	// source.
	Migrate(ctx context.Context, guest, from, to string, o MigrateOptions) (Measured, error)
	// Locate lists the hosts on which guest is active (running or
	// paused).
	Locate(ctx context.Context, guest string) ([]string, error)
}

// MigrateOptions tune one migration.
type MigrateOptions struct {
	// BandwidthMiBs caps the migration's bandwidth; 0 leaves the
	// hypervisor's default.
	BandwidthMiBs float64
	// MaxDowntimeMs is the switch-over limit; 0 leaves the default.
	MaxDowntimeMs float64
}

// Measured is what one migration took.
type Measured struct {
	Seconds     float64 `json:"seconds"`
	DowntimeMs  float64 `json:"downtime_ms"`
	TransferMiB float64 `json:"transfer_mib"`
	Iterations  int     `json:"iterations"`
}

// ErrAborted is returned by a Migrator whose migration was aborted.
var ErrAborted = errors.New("migration aborted")

// Options shape a drill.
type Options struct {
	// Step limits the drill to one step of the plan; 0 runs them all.
	Step int
	// Back returns every moved guest to where it started once the drill
	// is done, in reverse order.
	Back bool
	// Timeout bounds each migration; it is then aborted.
	Timeout time.Duration
	// Migrate is passed to every migration.
	Migrate MigrateOptions
	// Progress, when set, is told how many migrations are done.
	Progress func(done, total int)
	// Now is the clock (time.Now when nil): the drill measures real time.
	Now func() time.Time
}

// Report is the drill's record.
type Report struct {
	Started    string    `json:"started"`
	Seconds    float64   `json:"seconds"`
	Migrations []Outcome `json:"migrations"`
	Summary    Summary   `json:"summary"`
}

// Outcome is one migration of the drill.
type Outcome struct {
	Step  int    `json:"step"`
	Guest string `json:"guest"`
	From  string `json:"from"`
	To    string `json:"to"`
	// Back marks the return trip of a guest.
	Back bool `json:"back,omitempty"`
	// Status is done, aborted (timed out, guest left on the source) or
	// failed.
	Status   string        `json:"status"`
	Error    string        `json:"error,omitempty"`
	Planned  plan.Estimate `json:"planned"`
	Measured *Measured     `json:"measured,omitempty"`
	// RunningOn is where the guest was active after the migration.
	RunningOn []string `json:"running_on"`
}

// Summary sums a drill up.
type Summary struct {
	Done             int     `json:"done"`
	Aborted          int     `json:"aborted"`
	Failed           int     `json:"failed"`
	MedianDowntimeMs float64 `json:"median_downtime_ms"`
	MaxDowntimeMs    float64 `json:"max_downtime_ms"`
	TransferMiB      float64 `json:"transfer_mib"`
}

// Run executes the plan's migrations in order and, with Back, returns
// every moved guest at the end, in reverse order: later steps of a plan
// rely on the moves of earlier ones, and undoing the moves backwards
// passes through the same placements, so no return breaks a rule the
// plan kept. A failed or aborted migration is recorded and the drill
// goes on with the next.
func Run(ctx context.Context, p *plan.MaintenancePlan, m Migrator, opt Options) *Report {
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	start := now()
	r := &Report{Started: start.UTC().Format(time.RFC3339), Migrations: []Outcome{}}
	type move struct {
		step int
		mg   plan.Migration
	}
	var pending []move
	for _, st := range p.Steps {
		if opt.Step == 0 || st.Step == opt.Step {
			for _, mg := range st.Migrations {
				pending = append(pending, move{st.Step, mg})
			}
		}
	}
	total := len(pending)
	if opt.Back {
		total *= 2
	}
	progress := func() {
		if opt.Progress != nil {
			opt.Progress(len(r.Migrations), total)
		}
	}
	var moved []move
	for _, mv := range pending {
		o := migrate(ctx, m, mv.step, mv.mg, false, opt)
		if o.Status == "done" {
			moved = append(moved, mv)
		}
		r.Migrations = append(r.Migrations, o)
		progress()
	}
	if opt.Back {
		total = len(pending) + len(moved) // only what moved comes back
		for _, mv := range slices.Backward(moved) {
			back := mv.mg
			back.From, back.To = mv.mg.To, mv.mg.From
			r.Migrations = append(r.Migrations, migrate(ctx, m, mv.step, back, true, opt))
			progress()
		}
	}
	r.Seconds = round3(now().Sub(start).Seconds())
	r.Summary = summarize(r.Migrations)
	return r
}

func migrate(ctx context.Context, m Migrator, step int, mg plan.Migration, back bool, opt Options) Outcome {
	o := Outcome{Step: step, Guest: mg.Guest, From: mg.From, To: mg.To, Back: back, Planned: mg.Estimate, RunningOn: []string{}}
	mctx, cancel := ctx, context.CancelFunc(func() {})
	if opt.Timeout > 0 {
		mctx, cancel = context.WithTimeout(ctx, opt.Timeout)
	}
	measured, err := m.Migrate(mctx, mg.Guest, mg.From, mg.To, opt.Migrate)
	cancel()
	switch {
	case err == nil:
		o.Status, o.Measured = "done", &measured
	case errors.Is(err, ErrAborted):
		o.Status, o.Error = "aborted", err.Error()
	default:
		o.Status, o.Error = "failed", err.Error()
	}
	// Where the guest runs now is read with a fresh deadline: an aborted
	// drill still has to know that the guest survived.
	lctx, lcancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer lcancel()
	on, lerr := m.Locate(lctx, mg.Guest)
	if on != nil {
		o.RunningOn = on
	}
	want := mg.To
	if o.Status != "done" {
		want = mg.From
	}
	switch {
	case lerr != nil:
		o.Status, o.Error = "failed", joinErr(o.Error, fmt.Sprintf("locate %s: %v", mg.Guest, lerr))
	case len(on) != 1:
		o.Status, o.Error = "failed", joinErr(o.Error, fmt.Sprintf("%s is active on %d hosts %v, want exactly one (%s)", mg.Guest, len(on), on, want))
	case on[0] != want:
		o.Status, o.Error = "failed", joinErr(o.Error, fmt.Sprintf("%s is active on %s, want %s", mg.Guest, on[0], want))
	}
	return o
}

func joinErr(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func summarize(os []Outcome) Summary {
	var s Summary
	var downs []float64
	for _, o := range os {
		switch o.Status {
		case "done":
			s.Done++
		case "aborted":
			s.Aborted++
		default:
			s.Failed++
		}
		if o.Measured != nil {
			downs = append(downs, o.Measured.DowntimeMs)
			s.TransferMiB += o.Measured.TransferMiB
			s.MaxDowntimeMs = max(s.MaxDowntimeMs, o.Measured.DowntimeMs)
		}
	}
	if len(downs) > 0 {
		slices.Sort(downs)
		n := len(downs)
		s.MedianDowntimeMs = downs[n/2]
		if n%2 == 0 {
			s.MedianDowntimeMs = (downs[n/2-1] + downs[n/2]) / 2
		}
	}
	s.TransferMiB = round3(s.TransferMiB)
	return s
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

// Single is a plan of one migration, and with Back its return: the
// smallest drill ("move vm-1 to hv-2 and back").
func Single(inv *plan.Inventory, guest, to string) (*plan.MaintenancePlan, error) {
	var g *plan.Guest
	for i := range inv.Guests {
		if inv.Guests[i].Name == guest {
			g = &inv.Guests[i]
		}
	}
	if g == nil {
		return nil, fmt.Errorf("guest %q is not in the inventory", guest)
	}
	found := false
	for _, h := range inv.Hosts {
		found = found || h.Name == to
	}
	switch {
	case !found:
		return nil, fmt.Errorf("host %q is not in the inventory", to)
	case g.Host == to:
		return nil, fmt.Errorf("guest %s is already on %s", guest, to)
	case !g.CanMove():
		return nil, fmt.Errorf("guest %s is pinned (migratable: false)", guest)
	}
	rate := 0.0
	if g.DirtyRate != nil {
		rate = *g.DirtyRate
	}
	mg := plan.Migration{Guest: g.Name, From: g.Host, To: to, MemoryMiB: g.MemoryMiB, DirtyRate: rate,
		Estimate: plan.Precopy(float64(g.MemoryMiB), rate, inv.Cluster.MigrationBandwidth, plan.DefaultMaintenanceOptions.MaxDowntimeMs/1000)}
	return &plan.MaintenancePlan{Version: 1, Steps: []plan.Step{{Step: 1, Migrations: []plan.Migration{mg}}}}, nil
}

// WriteTable writes the drill for people: one row per migration with the
// forecast beside the measurement, then the summary.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STEP\tGUEST\tFROM\tTO\tSTATUS\tSECONDS (PLANNED)\tDOWNTIME MS (PLANNED)\tMIB SENT\tITERATIONS\tRUNNING ON")
	for _, o := range r.Migrations {
		guest := o.Guest
		if o.Back {
			guest += " (back)"
		}
		secs, down, sent, iters := "-", "-", "-", "-"
		if m := o.Measured; m != nil {
			secs = fmt.Sprintf("%.1f", m.Seconds)
			down = fmt.Sprintf("%.0f", m.DowntimeMs)
			sent = fmt.Sprintf("%.0f", m.TransferMiB)
			iters = fmt.Sprintf("%d", m.Iterations)
		}
		status := o.Status
		if o.Error != "" {
			status += ": " + o.Error
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s (%.1f)\t%s (%.0f)\t%s\t%s\t%s\n", o.Step, guest, o.From, o.To, status,
			secs, o.Planned.Seconds, down, o.Planned.DowntimeMs, sent, iters, strings.Join(o.RunningOn, " "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	s := r.Summary
	_, err := fmt.Fprintf(w, "\n%d migrations done, %d aborted, %d failed in %.1f s; downtime median %.0f ms, max %.0f ms; %.0f MiB sent\n",
		s.Done, s.Aborted, s.Failed, r.Seconds, s.MedianDowntimeMs, s.MaxDowntimeMs, s.TransferMiB)
	return err
}
