package drill

import (
	"context"
	"fmt"

	"github.com/crosstalk-dev/crosstalk/plan"
)

// Model is a Migrator that touches no hypervisor: each migration takes
// what the pre-copy model says, and guests are where the inventory and
// the migrations so far put them. It is the drill's dry run.
type Model struct {
	inv   *plan.Inventory
	where map[string]string
}

// NewModel starts a dry run from the inventory's placement.
func NewModel(inv *plan.Inventory) *Model {
	m := &Model{inv: inv, where: make(map[string]string, len(inv.Guests))}
	for _, g := range inv.Guests {
		m.where[g.Name] = g.Host
	}
	return m
}

// Migrate forecasts the migration with the pre-copy model and records the
// move. It never waits: a dry run is as fast as the CPU.
func (m *Model) Migrate(ctx context.Context, guest, from, to string, o MigrateOptions) (Measured, error) {
	if err := ctx.Err(); err != nil {
		return Measured{}, fmt.Errorf("%w: %v", ErrAborted, err)
	}
	var g *plan.Guest
	for i := range m.inv.Guests {
		if m.inv.Guests[i].Name == guest {
			g = &m.inv.Guests[i]
		}
	}
	if g == nil {
		return Measured{}, fmt.Errorf("guest %s is not in the inventory", guest)
	}
	if at := m.where[guest]; at != from {
		return Measured{}, fmt.Errorf("guest %s is on %s, not %s", guest, at, from)
	}
	bw := m.inv.Cluster.MigrationBandwidth
	if o.BandwidthMiBs > 0 {
		bw = min(bw, o.BandwidthMiBs)
	}
	down := plan.DefaultMaintenanceOptions.MaxDowntimeMs
	if o.MaxDowntimeMs > 0 {
		down = o.MaxDowntimeMs
	}
	rate := 0.0
	if g.DirtyRate != nil {
		rate = *g.DirtyRate
	}
	e := plan.Precopy(float64(g.MemoryMiB), rate, bw, down/1000)
	m.where[guest] = to
	return Measured{Seconds: e.Seconds, DowntimeMs: e.DowntimeMs, TransferMiB: e.TransferMiB, Iterations: e.Iterations}, nil
}

// Locate says where the dry run has the guest.
func (m *Model) Locate(ctx context.Context, guest string) ([]string, error) {
	if h, ok := m.where[guest]; ok {
		return []string{h}, nil
	}
	return nil, fmt.Errorf("guest %s is not in the inventory", guest)
}
