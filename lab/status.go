package lab

import (
	"context"
	"fmt"
	"net/netip"
	"path/filepath"
	"slices"
	"strings"
)

// StatusReport is what Status finds; its JSON form is a contract (see
// the package documentation).
type StatusReport struct {
	Lab    string `json:"lab"`
	Bridge string `json:"bridge"`
	// Missing lists "bridge" when the lab's bridge is gone.
	Missing []string      `json:"missing,omitempty"`
	Guests  []GuestStatus `json:"guests"`
	// StateDir is the lab's state directory (not part of the JSON).
	StateDir string `json:"-"`
}

// GuestStatus is one guest as the system has it.
type GuestStatus struct {
	Name      string            `json:"name"`
	Namespace string            `json:"namespace"`
	Port      string            `json:"port"`
	IfIndex   uint32            `json:"ifindex"`
	MAC       string            `json:"mac"`
	IPs       []string          `json:"ips"`
	Labels    map[string]string `json:"labels"`
	Up        bool              `json:"up"`
	// Missing lists what the guest lacks (see the package documentation).
	Missing []string `json:"missing,omitempty"`
}

// Status reads the lab from the system: which of its guests' namespaces,
// ports, interfaces, addresses and processes exist. The guests it expects
// come from the lab's state directory, else from cfg (Guests), else from
// the namespaces and ports found. It returns ErrNotUp when nothing of the
// lab exists.
func Status(ctx context.Context, cfg Config) (*StatusReport, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.StateDir == "" {
		cfg.StateDir = filepath.Join(StateRoot, cfg.Name)
	}
	st, err := readState(cfg.StateDir)
	if err != nil {
		return nil, err
	}
	links, err := hostLinks(ctx)
	if err != nil {
		return nil, err
	}
	nss, err := namespaces(ctx)
	if err != nil {
		return nil, err
	}
	br := BridgeName(cfg.Name)
	if st == nil {
		found := 0
		for n, l := range links {
			if owned(cfg.Name, l) {
				found = max(found, portIndex(cfg.Name, n))
			}
		}
		for ns := range nss {
			if isLabNamespace(cfg.Name, ns) {
				found = max(found, guestIndex(strings.TrimPrefix(ns, namespacePrefix(cfg.Name))))
			}
		}
		if found == 0 && !owned(cfg.Name, links[br]) {
			return nil, fmt.Errorf("%w: no bridge %s, no namespace %s*, no state in %s", ErrNotUp, br, namespacePrefix(cfg.Name), cfg.StateDir)
		}
		if cfg.Guests == 0 {
			cfg.Guests = found
		}
	} else {
		// What the lab was built with wins.
		cfg.Guests, cfg.Subnet, cfg.Subnet6, cfg.NoWorkload = 0, netip.Prefix{}, netip.Prefix{}, false
	}
	cfg.Command = []string{"-"} // not needed to read the system
	c, err := cfg.complete(st)
	if err != nil {
		return nil, err
	}
	rep := &StatusReport{Lab: c.Name, Bridge: br, Guests: []GuestStatus{}, StateDir: c.StateDir}
	if l := links[br]; !owned(cfg.Name, l) || l.LinkInfo.Kind != "bridge" {
		rep.Missing = append(rep.Missing, "bridge")
	}
	for _, g := range c.layout() {
		gs, err := guestStatus(ctx, c, g, links, nss)
		if err != nil {
			return nil, err
		}
		rep.Guests = append(rep.Guests, gs)
	}
	return rep, nil
}

func guestStatus(ctx context.Context, c Config, g Guest, links map[string]*link, nss map[string]bool) (GuestStatus, error) {
	gs := GuestStatus{Name: g.Name, Namespace: g.Namespace, Port: g.Port, IPs: []string{}, Labels: g.Labels()}
	miss := func(what string) { gs.Missing = append(gs.Missing, what) }
	port := links[g.Port]
	if !owned(c.Name, port) {
		port = nil // someone else's link of the same name
	}
	var eth0 *link
	if !nss[g.Namespace] {
		miss("namespace")
	}
	if port == nil {
		miss("port")
	} else {
		gs.IfIndex = port.Index
		if port.Master != BridgeName(c.Name) {
			miss("bridge")
		}
	}
	if nss[g.Namespace] {
		var err error
		if eth0, err = nsLink(ctx, g.Namespace, "eth0"); err != nil {
			return gs, err
		}
		if eth0 == nil {
			miss("eth0")
		} else {
			gs.MAC = eth0.Address
			gs.IPs = eth0.globalIPs()
			if !strings.EqualFold(eth0.Address, g.MAC) {
				miss("mac")
			}
			if !slices.Contains(gs.IPs, g.IPv4.String()) {
				miss("ipv4")
			}
			if !slices.Contains(gs.IPs, g.IPv6.String()) {
				miss("ipv6")
			}
		}
	}
	if (port != nil && !port.running()) || (eth0 != nil && !eth0.running()) {
		miss("link")
	}
	pid := readPID(pidFile(c.StateDir, g.Name))
	if ns, ok := isGuestProcess(pid, c.Name); pid == 0 || !alive(pid) || !ok || ns != g.Namespace {
		miss("process")
	}
	gs.Up = len(gs.Missing) == 0
	return gs, nil
}
