package agent

import (
	"context"
	"fmt"
	"sync"

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
// the bearer token (and TLS when configured). A door that cannot open or
// fails closes the other and is the error: an agent whose API was asked
// for should not run without it.
func (a *Agent) Serve(ctx context.Context) error {
	srv := api.New(a.cfg.API, a, a.hub, web.Dist())
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	fail := func(err error) {
		once.Do(func() { first = err })
		cancel()
	}
	if a.cfg.API.Addr != "" {
		ln, token, err := srv.Listen()
		if err != nil {
			return fmt.Errorf("api %s: %w", a.cfg.API.Addr, err)
		}
		a.log.Info("api listening", "addr", ln.Addr().String(), "tls", a.cfg.API.TLSCert != "", "token_file", a.cfg.API.TokenFile)
		wg.Go(func() {
			if err := srv.Serve(ctx, ln, token); err != nil {
				fail(fmt.Errorf("api %s: %w", a.cfg.API.Addr, err))
			}
		})
	}
	if a.cfg.Socket != "" {
		wg.Go(func() {
			if err := srv.ServeSocket(ctx, a.cfg.Socket); err != nil {
				fail(fmt.Errorf("socket %s: %w", a.cfg.Socket, err))
			}
		})
	}
	wg.Wait()
	return first
}
