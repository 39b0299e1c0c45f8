package agent

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/inventory/libvirt"
)

// GuestsView is what `crosstalk guests` shows: every guest from every
// provider, what the providers disagree on, and which could not answer.
type GuestsView struct {
	Host      string               `json:"host,omitempty"`
	Providers []string             `json:"providers"`
	Guests    []inventory.Guest    `json:"guests"`
	Conflicts []inventory.Conflict `json:"conflicts,omitempty"`
	Errors    []string             `json:"errors,omitempty"`
	// Live is true when a running agent answered, false when the
	// providers were read directly.
	Live bool `json:"live"`
}

func viewOf(cfg Config, t *inventory.Table, live bool) GuestsView {
	v := GuestsView{Host: cfg.Host, Providers: ProvidersFor(cfg), Guests: t.Guests(), Conflicts: t.Conflicts(), Errors: t.Errors(), Live: live}
	if v.Guests == nil {
		v.Guests = []inventory.Guest{}
	}
	return v
}

// View returns the agent's guests now, with the addresses each guest
// announced on its ports.
func (a *Agent) View() GuestsView {
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
func ReadGuests(ctx context.Context, cfg Config) (GuestsView, error) {
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

// Serve answers on a unix socket that only root can open (0600): GET
// /v1/guests returns the View as JSON, /v1/alerts, /v1/edges and
// /v1/flows the history (history.go). It is the local channel for the
// CLI; the authenticated network API is separate. It returns when ctx ends.
func (a *Agent) Serve(ctx context.Context, socket string) error {
	if err := os.MkdirAll(filepath.Dir(socket), 0o755); err != nil {
		return err
	}
	if c, err := net.DialTimeout("unix", socket, time.Second); err == nil {
		c.Close()
		return fmt.Errorf("socket %s: another agent answers there", socket)
	}
	os.Remove(socket) // a stale socket of an agent that died
	ln, err := net.Listen("unix", socket)
	if err != nil {
		return err
	}
	if err := os.Chmod(socket, 0o600); err != nil {
		ln.Close()
		return err
	}
	mux := http.NewServeMux()
	a.routes(mux)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
		os.Remove(socket)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// AskGuests asks the agent on socket for its guests.
func AskGuests(ctx context.Context, socket string) (GuestsView, error) {
	var v GuestsView
	err := Ask(ctx, socket, "/v1/guests", &v)
	return v, err
}

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
