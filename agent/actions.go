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
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/store"
)

// enforcer is what quarantine needs of the datapath: the eBPF datapath
// cuts a port off in the kernel, except from the identities allowed, and
// lifts it by itself at the expiry.
type enforcer interface {
	Quarantine(ifindex int, until time.Time, allowed []uint32) error
	Release(ifindex int) error
}

// Act is api.Backend: quarantine or release a guest.
func (a *Agent) Act(ctx context.Context, req api.ActionRequest) (store.Action, error) {
	ttl, err := req.Validate()
	if err != nil {
		return store.Action{}, err
	}
	e, ok := any(a.bpf).(enforcer)
	if a.bpf == nil || !ok {
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
	now := time.Now()
	act := store.Action{ID: actionID(), Time: now.UTC(), Kind: req.Kind, Guest: req.Guest}
	switch req.Kind {
	case "quarantine":
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
	case "release":
		for _, p := range ports {
			if err := e.Release(p); err != nil {
				return store.Action{}, fmt.Errorf("release %s: %w", req.Guest, err)
			}
		}
	}
	act.Detail, _ = json.Marshal(map[string]any{"ports": ports, "allow_from": req.AllowFrom, "ttl": ttl.String()})
	if a.store != nil {
		if err := a.store.PutAction(ctx, act); err != nil {
			a.log.Warn("record the action", "err", err)
		}
	}
	a.log.Warn("guest "+req.Kind+"d", "guest", req.Guest, "until", act.Expires, "allow_from", req.AllowFrom)
	return act, nil
}

// identitiesOf are the datapath identities of the guests the selectors
// pick. The identity tables come with the policy compiler's wiring into
// the datapath; until then a quarantine can only cut a guest off from
// everyone, and asking for management peers is refused rather than
// silently ignored.
func (a *Agent) identitiesOf(sels []inventory.Selector) ([]uint32, error) {
	if len(sels) > 0 {
		return nil, &api.NotImplemented{Err: errors.New("allow_from needs the datapath's identity tables, which this agent does not load yet")}
	}
	return nil, nil
}

func actionID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
