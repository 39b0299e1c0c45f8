// Command uiload serves the real API handler and web UI over generated
// data: a host of many guests and edges in a real (temporary) SQLite
// store, a few alerts, and a trickle of live flows and alerts on the
// stream. The UI's scale test and first-render benchmark run against it,
// and it is a server to develop the UI against:
//
//	go run ./bench/uiload -addr 127.0.0.1:8099 -token devtoken0123456789 [-guests 500] [-edges 5000] [-web web/dist]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/resource"
	"github.com/crosstalk-dev/crosstalk/store"
	"github.com/crosstalk-dev/crosstalk/web"
)

type backend struct {
	view api.GuestsView
	st   *store.Store
}

func (b *backend) View() api.GuestsView { return b.view }
func (b *backend) Store() *store.Store  { return b.st }
func (b *backend) NotReady() []string   { return nil }

// Policies answers a generated policy (the UI's policy page at scale).
func (b *backend) Policies() api.PolicyView {
	v := api.PolicyView{Version: 1, Applied: time.Now().UTC(), Policies: []api.Policy{}}
	for i, tier := range tiers {
		p := api.Policy{Name: "tier-" + tier, Mode: []string{"observe", "enforce"}[i%2], Scope: "tier=" + tier}
		for j, from := range tiers {
			p.Rules = append(p.Rules, api.Rule{Name: fmt.Sprintf("from-%s", from), From: "tier=" + from, To: "tier=" + tier,
				Ports: fmt.Sprintf("tcp/%d", 8000+j), Action: "allow", Hits: uint64(1000 * (i + j))})
		}
		p.Rules = append(p.Rules, api.Rule{Name: "default-deny", From: "*", To: "*", Action: "deny", Hits: uint64(17 * i)})
		v.Policies = append(v.Policies, p)
	}
	return v
}

// ApplyPolicy refuses: uiload's data is generated.
func (b *backend) ApplyPolicy(context.Context, []byte) (api.PolicyApplied, error) {
	return api.PolicyApplied{}, &api.BadInput{Err: errors.New("uiload serves generated data: apply policies to a real agent")}
}

var tiers = []string{"web", "app", "db", "cache", "batch", "mgmt"}

// options are the flags.
type options struct {
	addr, token, webDir string
	guests, edges       int
	trickle             time.Duration
	seed                uint64
}

func main() {
	var o options
	flag.StringVar(&o.addr, "addr", "127.0.0.1:8099", "listen address")
	flag.StringVar(&o.token, "token", "", "bearer token (at least 16 characters; required)")
	flag.IntVar(&o.guests, "guests", 500, "guests")
	flag.IntVar(&o.edges, "edges", 5000, "distinct guest-to-guest edges")
	flag.StringVar(&o.webDir, "web", "", "serve the UI from this directory (default: the embedded build)")
	flag.DurationVar(&o.trickle, "trickle", 200*time.Millisecond, "a live flow every this often (0: none); an alert every 25")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed")
	flag.Parse()
	if len(o.token) < 16 || o.guests < 2 || o.edges < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: uiload -token TOKEN(16+ chars) [-addr A] [-guests N] [-edges N] [-web DIR] [-trickle D] [-seed S]")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	err := serve(ctx, o, func(addr string) {
		fmt.Fprintf(os.Stderr, "uiload: %d guests, %d edges; http://%s/#token=%s\n", o.guests, o.edges, addr, o.token)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "uiload:", err)
		os.Exit(1)
	}
}

// serve generates the data, then answers until ctx ends; ready is called
// with the address once it listens.
func serve(ctx context.Context, o options, ready func(addr string)) error {
	dir, err := os.MkdirTemp("", "uiload")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg := store.DefaultConfig()
	cfg.Path = filepath.Join(dir, "ui.db")
	st, err := store.Open(cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(o.seed, 0))
	b := &backend{st: st, view: api.GuestsView{Host: "uiload", Providers: []string{"generated"}, Live: true}}
	for i := range o.guests {
		b.view.Guests = append(b.view.Guests, inventory.Guest{
			Name: fmt.Sprintf("vm-%03d", i), Host: "uiload", State: "running", Sources: []string{"generated"},
			Labels: map[string]string{"tier": tiers[i%len(tiers)], "env": []string{"prod", "stage"}[i%2]},
			Ports: []inventory.Port{{Iface: fmt.Sprintf("vnet%d", i), MAC: fmt.Sprintf("52:54:00:%02x:%02x:%02x", i>>16&255, i>>8&255, i&255),
				IPs: []string{fmt.Sprintf("10.%d.%d.%d", 100+i>>16&255, i>>8&255, i&255)}}},
		})
	}
	now := time.Now().UTC()
	guest := func(i int) flow.Endpoint {
		g := &b.view.Guests[i]
		return flow.Endpoint{Guest: g.Name, IP: g.Ports[0].IPs[0], Labels: g.Labels}
	}
	aFlow := func(at time.Time) *flow.Record {
		src, dst := rng.IntN(o.guests), rng.IntN(o.guests)
		if src == dst {
			dst = (dst + 1) % o.guests
		}
		port := []uint16{22, 80, 443, 5432, 6379, 8080}[rng.IntN(6)]
		s, d := guest(src), guest(dst)
		s.Port, d.Port = uint16(30000+rng.IntN(30000)), port
		verdict := "allowed"
		if rng.IntN(20) == 0 {
			verdict = "denied"
		}
		return &flow.Record{Start: at, End: at.Add(time.Second), Proto: "tcp", Src: s, Dst: d, State: "SF", Verdict: verdict,
			Packets: flow.PerDir[uint64]{Src: uint64(1 + rng.IntN(100)), Dst: uint64(1 + rng.IntN(100))},
			Bytes:   flow.PerDir[uint64]{Src: uint64(rng.IntN(1 << 20)), Dst: uint64(rng.IntN(1 << 20))}, CommunityID: "1:generated"}
	}
	// Distinct guest pairs, one port each: keep drawing until there are
	// enough (the map draws one edge per pair).
	seen := map[[2]string]bool{}
	for len(seen) < o.edges {
		r := aFlow(now.Add(-time.Duration(rng.IntN(600)) * time.Second))
		k := [2]string{r.Src.Guest, r.Dst.Guest}
		if seen[k] {
			continue
		}
		seen[k] = true
		for !st.PutFlow(r) {
			time.Sleep(time.Millisecond) // the queue is bounded: wait for the writer
		}
	}
	anAlert := func(i int, at time.Time) *alert.Alert {
		src := guest(rng.IntN(o.guests))
		dst := guest(rng.IntN(o.guests))
		return &alert.Alert{ID: fmt.Sprintf("gen-%d", i), Time: at, Kind: []string{"portscan", "sweep", "new-edge", "beacon"}[i%4],
			Severity: alert.High, Host: "uiload", Src: &src, Dst: &dst, Summary: fmt.Sprintf("%s did something to %s (generated)", src.Guest, dst.Guest),
			Evidence: map[string]any{"ports": 100 + i, "window": "30s"}, FirstSeen: at, LastSeen: at, Count: 1, Mitre: "T1046", Action: "none"}
	}
	for i := range 20 {
		st.PutAlert(anAlert(i, now.Add(-time.Duration(i)*time.Minute)), true)
	}
	if err := st.Sync(ctx); err != nil {
		return err
	}
	var ui fs.FS = web.Dist()
	if o.webDir != "" {
		ui = os.DirFS(o.webDir)
	}
	acfg := api.DefaultConfig()
	hub := api.NewHub(acfg.MaxStreams, acfg.StreamQueue)
	srv := api.New(acfg, b, hub, ui)
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	if o.trickle > 0 {
		go func() {
			tick := time.NewTicker(o.trickle)
			defer tick.Stop()
			for i := 0; ; i++ {
				select {
				case <-ctx.Done():
					return
				case t := <-tick.C:
					r := aFlow(t.UTC())
					st.PutFlow(r)
					hub.Publish(api.FlowEvent(r))
					if i%25 == 24 {
						a := anAlert(1000+i, t.UTC())
						st.PutAlert(a, true)
						hub.Publish(api.AlertEvent(a, nil))
					}
				}
			}
		}()
	}
	ready(ln.Addr().String())
	return srv.Serve(ctx, ln, o.token)
}

// Resources: uiload samples nothing.
func (b *backend) Resources() api.ResourcesView { return api.ResourcesView{Rounds: []resource.Round{}} }

// Act refuses: uiload's guests are generated, there is nothing to cut off.
func (b *backend) Act(context.Context, api.ActionRequest) (store.Action, error) {
	return store.Action{}, &api.NotImplemented{Err: errors.New("uiload serves generated data: quarantine guests of a real agent")}
}
