package agent

import (
	"context"
	"errors"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/inventory/libvirt"
)

func viewOf(cfg Config, t *inventory.Table, live bool) api.GuestsView {
	v := api.GuestsView{Host: cfg.Host, Providers: ProvidersFor(cfg), Guests: t.Guests(), Conflicts: t.Conflicts(), Errors: t.Errors(), Live: live}
	if v.Guests == nil {
		v.Guests = []inventory.Guest{}
	}
	return v
}

// View returns the agent's guests now, with the addresses each guest
// announced on its ports.
func (a *Agent) View() api.GuestsView {
	t := a.id.table()
	if t == nil {
		t = inventory.Merge()
	}
	v := viewOf(a.cfg, t, true)
	a.learnedInto(v.Guests)
	return v
}

// ReadGuests reads the configured providers once, without an agent: the
// guests file, the bridges' namespaces, one pass over libvirt's domains.
// A provider that cannot answer is listed in the view's Errors; a bad
// guests file is also returned as the error (bad input).
func ReadGuests(ctx context.Context, cfg Config) (api.GuestsView, error) {
	var fileErr error
	providers := ProvidersFor(cfg)
	var reports []inventory.Report
	for _, p := range providers {
		switch p {
		case "file":
			r := inventory.Report{Source: "file"}
			if cfg.GuestsFile == "" {
				r.Err = errors.New("no guests_file (--guests) configured")
			} else {
				r.Guests, r.Err = inventory.ReadFile(cfg.GuestsFile)
			}
			fileErr = r.Err
			reports = append(reports, r)
		case "netns":
			reports = append(reports, netnsReport(ctx, cfg.Bridges))
		case libvirt.Source:
			r, _ := libvirt.New(cfg.Inventory.Libvirt, cfg.Host, nil).Snapshot()
			reports = append(reports, r)
		}
	}
	b := newGuestBook(providers, cfg.Inventory.Labels)
	for _, r := range reports {
		b.set(r)
	}
	return viewOf(cfg, b.table(nil), false), fileErr
}

// DefaultSocket is where the agent answers local questions.
const DefaultSocket = "/run/crosstalk/agent.sock"

// learnedInto adds the addresses each guest announced on its ports.
func (a *Agent) learnedInto(guests []inventory.Guest) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.learn == nil {
		return
	}
	for i := range guests {
		for j := range guests[i].Ports {
			p := &guests[i].Ports[j]
			if p.IfIndex != 0 {
				p.Learned = a.learn.addresses(p.IfIndex)
			}
		}
	}
}
