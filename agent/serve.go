package agent

import (
	"context"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/store"
	"github.com/crosstalk-dev/crosstalk/web"
)

// The agent is the API's backend (package api): its guests, its store,
// its readiness; its pipeline feeds the API's live stream (a.hub).

// Store returns the agent's history, nil when it keeps none.
func (a *Agent) Store() *store.Store { return a.store }

// NotReady says why the agent is not capturing; nil once Start has
// succeeded and until Stop.
func (a *Agent) NotReady() []string {
	switch {
	case a.ctx == nil || a.ring == nil && a.bpf == nil:
		return []string{"starting: not capturing yet"}
	case a.ctx.Err() != nil:
		return []string{"stopping"}
	}
	return nil
}

// Serve answers the API until ctx ends: on the unix socket (cfg.Socket,
// root-only, no token) and, when api.addr is set, on that address with
// the bearer token (api.Server.ServeDoors).
func (a *Agent) Serve(ctx context.Context) error {
	return api.New(a.cfg.API, a, a.hub, web.Dist()).ServeDoors(ctx, a.cfg.Socket, a.log)
}
