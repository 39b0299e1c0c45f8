package agent

import (
	"sync"

	"github.com/crosstalk-dev/crosstalk/fleet"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/resource"
)

// fleetState is what the agent tells the fleet publisher: its guests as
// `crosstalk guests` shows them, and the last resource round.
type fleetState struct{ a *Agent }

func (s fleetState) Guests() []inventory.Guest { return s.a.View().Guests }

func (s fleetState) Resources() []fleet.GuestResources { return s.a.lastRound.get() }

// lastRound keeps the resource sampler's last round for the fleet.
type lastRound struct {
	mu     sync.Mutex
	guests []fleet.GuestResources
}

func (l *lastRound) set(obs []resource.Observation) {
	out := make([]fleet.GuestResources, 0, len(obs))
	for _, o := range obs {
		out = append(out, fleet.GuestResources{Guest: o.Guest, CPU: o.Rates.CPU, Delay: o.Rates.Delay / float64(max(1, o.VCPUs)),
			IOBytes: o.Rates.IORead + o.Rates.IOWrite, SentPackets: o.Rates.SentPackets, SentBytes: o.Rates.SentBytes})
	}
	l.mu.Lock()
	l.guests = out
	l.mu.Unlock()
}

func (l *lastRound) get() []fleet.GuestResources {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.guests
}
