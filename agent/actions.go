package agent

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/datapath/ebpf"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/resource"
	"github.com/crosstalk-dev/crosstalk/store"
)

// enforcer is what quarantine needs of the datapath: the eBPF datapath
// cuts a port off in the kernel, except from the identities allowed, and
// lifts it by itself at the expiry.
type enforcer interface {
	Quarantine(ifindex int, until time.Time, allowed []uint32) error
	Release(ifindex int) error
}

// Act is api.Backend: quarantine, throttle or release a guest.
func (a *Agent) Act(ctx context.Context, req api.ActionRequest) (store.Action, error) {
	ttl, err := req.Validate()
	if err != nil {
		return store.Action{}, err
	}
	e, canQuarantine := any(a.bpf).(enforcer)
	canQuarantine = canQuarantine && a.bpf != nil
	if req.Kind == "quarantine" && !canQuarantine {
		return store.Action{}, &api.NotImplemented{Err: errors.New("quarantine needs the eBPF datapath (--datapath ebpf): AF_PACKET sees traffic but cannot drop it")}
	}
	t := a.id.table()
	var g *inventory.Guest
	if t != nil {
		guests := t.Guests()
		for i := range guests {
			if guests[i].Name == req.Guest {
				g = &guests[i]
			}
		}
	}
	if g == nil {
		return store.Action{}, &api.BadInput{Err: fmt.Errorf("guest: no guest %q on this host", req.Guest)}
	}
	var ports []int
	for _, p := range g.Ports {
		if p.IfIndex != 0 {
			ports = append(ports, int(p.IfIndex))
		}
	}
	now := time.Now()
	act := store.Action{ID: actionID(), Time: now.UTC(), Kind: req.Kind, Guest: req.Guest}
	detail := map[string]any{}
	switch req.Kind {
	case "quarantine":
		if len(ports) == 0 {
			return store.Action{}, &api.BadInput{Err: fmt.Errorf("guest: %s has no port on this host to cut off", req.Guest)}
		}
		var sels []inventory.Selector
		for _, s := range req.AllowFrom {
			sel, err := inventory.ParseSelector(s)
			if err != nil {
				return store.Action{}, &api.BadInput{Err: fmt.Errorf("allow_from %q: %w", s, err)}
			}
			sels = append(sels, sel)
		}
		act.Expires = now.Add(ttl).UTC()
		allowed, err := a.identitiesOf(sels)
		if err != nil {
			return store.Action{}, err
		}
		for _, p := range ports {
			if err := e.Quarantine(p, act.Expires, allowed); err != nil {
				return store.Action{}, fmt.Errorf("quarantine %s: %w", req.Guest, err)
			}
		}
		detail["ports"], detail["allow_from"], detail["ttl"] = ports, req.AllowFrom, ttl.String()
	case "throttle":
		cgroups := a.cgroupsOf(g)
		if len(cgroups) == 0 {
			return store.Action{}, &api.BadInput{Err: fmt.Errorf("guest: %s has no process or cgroup this agent knows", req.Guest)}
		}
		var ports []string
		for _, p := range g.Ports {
			if p.Iface != "" {
				ports = append(ports, p.Iface)
			}
		}
		undo, err := throttleGuest(cgroups, ports, req)
		if err != nil {
			return store.Action{}, err
		}
		act.Expires = now.Add(ttl).UTC()
		a.setThrottle(req.Guest, undo, act.Expires)
		detail["cgroups"], detail["ttl"] = cgroups, ttl.String()
		if req.CPU > 0 {
			detail["cpu_cores"] = req.CPU
		}
		if req.IO > 0 {
			detail["io_bps"] = req.IO
		}
		if req.Net > 0 {
			detail["net_bits_per_s"], detail["ports"] = req.Net, ports
		}
	case "release":
		lifted := a.liftThrottle(req.Guest, "")
		if canQuarantine {
			for _, p := range ports {
				if err := e.Release(p); err != nil {
					return store.Action{}, fmt.Errorf("release %s: %w", req.Guest, err)
				}
			}
		}
		detail["throttle_lifted"], detail["quarantine_lifted"] = lifted, canQuarantine
	}
	act.Detail, _ = json.Marshal(detail)
	if a.store != nil {
		if err := a.store.PutAction(ctx, act); err != nil {
			a.log.Warn("record the action", "err", err)
		}
	}
	a.log.Warn("guest "+req.Kind, "guest", req.Guest, "until", act.Expires, "detail", string(act.Detail))
	return act, nil
}

// throttleGuest applies the caps the request asks for (CPU, I/O,
// network on the ports) and returns what lifts them; when one fails,
// those already applied are lifted.
func throttleGuest(cgroups, ports []string, req api.ActionRequest) (resource.Undo, error) {
	cores, ioBPS := req.CPU, req.IO
	caps := resource.Probe("/")
	var undo resource.Undo
	if cores > 0 {
		u, err := resource.Throttle("/", caps, cgroups, cores)
		if err != nil {
			return nil, err
		}
		undo = append(undo, u...)
	}
	if ioBPS > 0 {
		u, err := resource.ThrottleIO("/", caps, cgroups, ioBPS)
		if err != nil {
			return nil, errors.Join(err, undo.Apply())
		}
		undo = append(undo, u...)
	}
	if req.Net > 0 {
		u, err := resource.ThrottleNet(ports, req.Net)
		if err != nil {
			return nil, errors.Join(err, undo.Apply())
		}
		undo = append(undo, u...)
	}
	return undo, nil
}

// cgroupsOf are the guest's cgroups: its process's, else those of the
// process in the namespace behind its port.
func (a *Agent) cgroupsOf(g *inventory.Guest) []string {
	if g.Process != nil {
		return g.Process.Cgroups
	}
	for _, p := range a.processesOfPorts([]inventory.Guest{*g}) {
		return p.Cgroups
	}
	return nil
}

// identitiesOf are the datapath identities of the guests the selectors
// pick. The selectors join the ones the identity tables must tell apart
// (kept while the agent runs), and the tables are pushed again first, so
// that a peer shares its identity only with guests the selectors treat
// alike.
func (a *Agent) identitiesOf(sels []inventory.Selector) ([]uint32, error) {
	if len(sels) == 0 {
		return nil, nil
	}
	a.kernel.mu.Lock()
	a.kernel.extra = append(a.kernel.extra, sels...)
	if n := len(a.kernel.extra); n > 256 {
		a.kernel.extra = a.kernel.extra[n-256:] // bounded: the newest quarantines' peers
	}
	a.kernel.mu.Unlock()
	if err := a.pushPolicy(); err != nil {
		return nil, err
	}
	a.kernel.mu.Lock()
	c := a.kernel.compiled
	a.kernel.mu.Unlock()
	t := a.id.table()
	if c == nil || t == nil {
		return nil, nil
	}
	seen := map[uint32]bool{}
	var out []uint32
	for _, g := range t.Guests() {
		for i := range sels {
			if id, ok := c.Identities[g.Name]; ok && sels[i].Matches(&g) && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	if len(out) > ebpf.MaxQuarantinePeers {
		return nil, &api.BadInput{Err: fmt.Errorf("allow_from: the selectors pick %d kinds of guests, at most %d", len(out), ebpf.MaxQuarantinePeers)}
	}
	return out, nil
}

func actionID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
