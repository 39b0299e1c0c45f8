package server

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/plan"
	"github.com/crosstalk-dev/crosstalk/resource"
	"github.com/crosstalk-dev/crosstalk/store"
	"github.com/crosstalk-dev/crosstalk/web"
)

// The server is the API's backend for the whole fleet: every host's
// guests, the fleet's store, the hosts and the planner's inventory.
// Policies and actions stay with each host's agent.

// View returns every host's guests, each with its host, by host then
// name.
func (s *Server) View() api.GuestsView {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := api.GuestsView{Providers: []string{"fleet"}, Guests: []inventory.Guest{}, Live: true}
	for _, name := range s.hostNames() {
		h := s.hosts[name]
		if h.inventory == nil {
			continue
		}
		for _, g := range h.inventory.Guests {
			g.Host = name
			v.Guests = append(v.Guests, g)
		}
	}
	return v
}

func (s *Server) hostNames() []string {
	names := make([]string, 0, len(s.hosts))
	for n := range s.hosts {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Store returns the fleet's store.
func (s *Server) Store() *store.Store { return s.st }

// NotReady says why the server is not consuming.
func (s *Server) NotReady() []string {
	if !s.ready.Load() {
		return []string{"the fleet stream is not ready (NATS unreachable or starting)"}
	}
	return nil
}

var errAgentsOnly = errors.New("the fleet server does not enforce: apply policies and take actions on each host's agent (--addr AGENT)")

// Policies: the server enforces none.
func (s *Server) Policies() api.PolicyView { return api.PolicyView{Policies: []api.Policy{}} }

// ApplyPolicy is an agent's.
func (s *Server) ApplyPolicy(context.Context, []byte) (api.PolicyApplied, error) {
	return api.PolicyApplied{}, &api.NotImplemented{Err: errAgentsOnly}
}

// Act is an agent's.
func (s *Server) Act(context.Context, api.ActionRequest) (store.Action, error) {
	return store.Action{}, &api.NotImplemented{Err: errAgentsOnly}
}

// Resources returns the hosts' recent resource rounds (the last few
// minutes of each), oldest first.
func (s *Server) Resources() api.ResourcesView {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := api.ResourcesView{Rounds: []resource.Round{}}
	for _, name := range s.hostNames() {
		if h := s.hosts[name]; h.rounds != nil {
			v.Rounds = append(v.Rounds, h.rounds.Rounds()...)
		}
	}
	slices.SortStableFunc(v.Rounds, func(a, b resource.Round) int { return a.Time.Compare(b.Time) })
	return v
}

// Hosts lists the hosts the server has heard from.
func (s *Server) Hosts(ctx context.Context) ([]api.HostView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	out := []api.HostView{}
	for _, name := range s.hostNames() {
		h := s.hosts[name]
		v := api.HostView{Name: name, FirstSeen: h.firstSeen, LastSeen: h.lastSeen, Up: now.Sub(h.lastSeen) < s.cfg.HostTimeout}
		if h.inventory != nil {
			v.Guests, v.Agent = len(h.inventory.Guests), h.inventory.Agent
		}
		if h.facts != nil {
			v.CPUs, v.MemoryMiB, v.Patch, v.Labels = h.facts.CPUs, h.facts.MemoryMiB, h.facts.Patch, h.facts.Labels
		}
		out = append(out, v)
	}
	return out, nil
}

// Inventory is the fleet inventory (DESIGN.md section 9) of the hosts
// whose facts and guests the server has: what `crosstalk plan --server`
// plans on. A guest of unknown size counts as 1 vCPU and no memory; a
// name that more than one host uses is qualified by its host
// ("hv-01/web-1") for all of them, as the planner's names are the
// fleet's.
func (s *Server) Inventory(ctx context.Context) (*plan.Inventory, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	inv := &plan.Inventory{Version: 1, Cluster: plan.DefaultCluster, Hosts: []plan.Host{}, Guests: []plan.Guest{}}
	hostsOf := map[string]int{}
	for _, h := range s.hosts {
		if h.facts != nil && h.inventory != nil {
			for _, g := range h.inventory.Guests {
				if g.Active() {
					hostsOf[g.Name]++
				}
			}
		}
	}
	for _, name := range s.hostNames() {
		h := s.hosts[name]
		if h.facts == nil {
			continue // not a host the planner can place anything on yet
		}
		inv.Hosts = append(inv.Hosts, plan.Host{Name: name, CPUs: h.facts.CPUs, MemoryMiB: h.facts.MemoryMiB, Labels: h.facts.Labels, Patch: h.facts.Patch})
		if h.inventory == nil {
			continue
		}
		for _, g := range h.inventory.Guests {
			if !g.Active() {
				continue
			}
			gname := g.Name
			if hostsOf[gname] > 1 {
				gname = name + "/" + gname
			}
			inv.Guests = append(inv.Guests, plan.Guest{Name: gname, Host: name, VCPUs: max(1, g.VCPUs), MemoryMiB: g.MemoryMiB, Labels: g.Labels})
		}
	}
	return inv, nil
}

// Serve answers the API until ctx ends, like an agent's.
func (s *Server) Serve(ctx context.Context) error {
	srv := api.New(s.cfg.API, s, s.hub, web.Dist())
	return srv.ServeDoors(ctx, s.cfg.Socket, s.log)
}
