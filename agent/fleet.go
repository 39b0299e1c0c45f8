package agent

import (
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/resource"
)

// fleetState is what the agent tells the fleet publisher: its guests as
// `crosstalk guests` shows them, and the last resource round.
type fleetState struct{ a *Agent }

func (s fleetState) Guests() []inventory.Guest { return s.a.View().Guests }

func (s fleetState) Resources() []resource.Use {
	r, _ := s.a.rounds.last()
	return r.Guests
}
