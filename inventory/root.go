// Package inventory knows the guests of a host: their names, vNICs, MACs,
// IPs and labels, and the identity table that tells which guest a MAC,
// address or switch port belongs to.
//
// Guests come from providers (a static guests file here; netns and libvirt
// later). An identity Table is immutable once built, so readers on hot
// paths never lock; a provider swaps in a new one when guests change.
package inventory

import (
	"fmt"
	"net/netip"
	"sort"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Guest is one VM, container or namespace as crosstalk knows it.
type Guest struct {
	Name   string            `yaml:"name" json:"name"`
	MACs   []string          `yaml:"macs,omitempty" json:"macs,omitempty"`
	IPs    []string          `yaml:"ips,omitempty" json:"ips,omitempty"`
	Labels map[string]string `yaml:"labels,omitempty" json:"labels,omitempty"`
	// Iface is the host-side port (tap, vnet, veth) when known.
	Iface string `yaml:"iface,omitempty" json:"iface,omitempty"`
	// IfIndex is the host-side port's interface index when known (live).
	IfIndex uint32 `yaml:"ifindex,omitempty" json:"ifindex,omitempty"`
}

// Table maps MACs, addresses and ports to guests. Build it with NewTable;
// it is safe for concurrent readers.
type Table struct {
	guests []Guest
	byMAC  map[flow.MAC]int
	byIP   map[flow.Addr]int
	byPort map[uint32]int
}

// NewTable indexes guests. Two guests may not declare the same name, MAC,
// IP or port: identity must be unambiguous.
func NewTable(guests []Guest) (*Table, error) {
	t := &Table{
		guests: append([]Guest(nil), guests...),
		byMAC:  make(map[flow.MAC]int),
		byIP:   make(map[flow.Addr]int),
		byPort: make(map[uint32]int),
	}
	names := map[string]bool{}
	for i, g := range t.guests {
		if g.Name == "" {
			return nil, fmt.Errorf("guest %d: name is required", i+1)
		}
		if names[g.Name] {
			return nil, fmt.Errorf("guest %q: declared twice", g.Name)
		}
		names[g.Name] = true
		for _, s := range g.MACs {
			m, err := flow.ParseMAC(s)
			if err != nil {
				return nil, fmt.Errorf("guest %q: macs: %w", g.Name, err)
			}
			if j, dup := t.byMAC[m]; dup {
				return nil, fmt.Errorf("guest %q: mac %s already belongs to %q", g.Name, s, t.guests[j].Name)
			}
			t.byMAC[m] = i
		}
		for _, s := range g.IPs {
			ip, err := netip.ParseAddr(s)
			if err != nil {
				return nil, fmt.Errorf("guest %q: ips: %w", g.Name, err)
			}
			a := flow.AddrFromNetip(ip)
			if j, dup := t.byIP[a]; dup {
				return nil, fmt.Errorf("guest %q: ip %s already belongs to %q", g.Name, s, t.guests[j].Name)
			}
			t.byIP[a] = i
		}
		if g.IfIndex != 0 {
			if j, dup := t.byPort[g.IfIndex]; dup {
				return nil, fmt.Errorf("guest %q: ifindex %d already belongs to %q", g.Name, g.IfIndex, t.guests[j].Name)
			}
			t.byPort[g.IfIndex] = i
		}
	}
	return t, nil
}

// Guests returns the guests sorted by name.
func (t *Table) Guests() []Guest {
	out := append([]Guest(nil), t.guests...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// GuestByMAC returns the name of the guest that declares m, or "".
func (t *Table) GuestByMAC(m flow.MAC) string {
	if i, ok := t.byMAC[m]; ok {
		return t.guests[i].Name
	}
	return ""
}

// GuestByIP returns the name of the guest that declares a, or "".
func (t *Table) GuestByIP(a flow.Addr) string {
	if i, ok := t.byIP[a]; ok {
		return t.guests[i].Name
	}
	return ""
}

// GuestByPort returns the name of the guest on switch port ifindex, or "".
func (t *Table) GuestByPort(ifindex uint32) string {
	if i, ok := t.byPort[ifindex]; ok {
		return t.guests[i].Name
	}
	return ""
}

// Lookup names the guest behind an address, else behind a MAC, and its
// host-side port; it implements alert.Identity.
func (t *Table) Lookup(a flow.Addr, m flow.MAC) (guest, iface string) {
	i, ok := t.byIP[a]
	if !ok {
		i, ok = t.byMAC[m]
	}
	if !ok {
		return "", ""
	}
	return t.guests[i].Name, t.guests[i].Iface
}
