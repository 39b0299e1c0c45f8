// Package inventory knows the guests of a host: their names, UUIDs,
// labels, vNICs (ports) with MACs and addresses, state, the QEMU process
// behind them, and the identity table that tells which guest a MAC,
// address or switch port belongs to.
//
// Guests come from providers: a static guests file (this package),
// network namespaces on a bridge (inventory/netns) and libvirt
// (inventory/libvirt). Merge joins what they report into one Table and
// reports, never silently resolves, what they disagree on. A Table is
// immutable once built, so readers on hot paths never lock; the agent
// swaps in a new one when guests change.
package inventory

import (
	"maps"
	"slices"
	"strings"
)

// Guest is one VM, container or namespace as crosstalk knows it.
type Guest struct {
	Name string `json:"name"`
	// UUID is the hypervisor's identifier (libvirt), when there is one.
	UUID string `json:"uuid,omitempty"`
	// Host is the host the guest runs on (the agent's host name).
	Host   string            `json:"host,omitempty"`
	Labels map[string]string `json:"labels,omitempty"`
	Ports  []Port            `json:"ports,omitempty"`
	// VCPUs and MemoryMiB are the guest's size (libvirt's domain, a
	// guests file), 0 when unknown: the fleet's planner reads them.
	VCPUs     int   `json:"vcpus,omitempty"`
	MemoryMiB int64 `json:"memory_mib,omitempty"`
	// State is the provider's word for it: running, paused, shutoff, ...
	// Empty when the provider has no notion of state (a guests file).
	State string `json:"state,omitempty"`
	// Process is the QEMU process behind a VM, when known.
	Process *Process `json:"process,omitempty"`
	// Sources are the providers that reported the guest ("file",
	// "netns", "libvirt", "config", "port"), in the order merged.
	Sources []string `json:"sources,omitempty"`
	// Problems are defects found while reading the guest, for people.
	Problems []string `json:"problems,omitempty"`
}

// Port is one of a guest's network interfaces. Iface and IfIndex are the
// host-side switch port (tap, vnet, veth, macvtap): on a live host the
// port a frame entered on is the truth; MAC and IPs are claims.
type Port struct {
	Iface   string `json:"iface,omitempty"`
	IfIndex uint32 `json:"ifindex,omitempty"`
	MAC     string `json:"mac,omitempty"`
	// IPs are the declared addresses (a guests file, the namespace's own
	// interface): they name the guest in lookups.
	IPs []string `json:"ips,omitempty"`
	// Learned are the addresses the guest announced on the port (ARP,
	// DHCP, neighbour discovery). Shown, never trusted for identity.
	Learned []string `json:"learned,omitempty"`
	Bridge  string   `json:"bridge,omitempty"`
	Model   string   `json:"model,omitempty"`
}

// Process is the QEMU process of a VM, for the resource work: its PID,
// the threads that run its vCPUs, and the cgroups it is in.
type Process struct {
	PID         int      `json:"pid"`
	VCPUThreads []int    `json:"vcpu_threads,omitempty"`
	Cgroups     []string `json:"cgroups,omitempty"`
}

// Active reports whether the guest can send traffic: only active guests
// claim MACs, addresses and ports in the identity table (a shut-off clone
// that shares a MAC with a running guest claims nothing).
func (g *Guest) Active() bool {
	switch g.State {
	case "shutoff", "crashed", "stopped":
		return false
	}
	return true
}

// MACs lists the guest's port MACs.
func (g *Guest) MACs() []string {
	var out []string
	for _, p := range g.Ports {
		if p.MAC != "" {
			out = append(out, p.MAC)
		}
	}
	return out
}

// IPs lists the guest's declared addresses, port by port.
func (g *Guest) IPs() []string {
	var out []string
	for _, p := range g.Ports {
		out = append(out, p.IPs...)
	}
	return out
}

// Clone returns a deep copy.
func (g Guest) Clone() Guest {
	g.Labels = maps.Clone(g.Labels)
	g.Sources = slices.Clone(g.Sources)
	g.Problems = slices.Clone(g.Problems)
	ports := make([]Port, len(g.Ports))
	for i, p := range g.Ports {
		p.IPs = slices.Clone(p.IPs)
		p.Learned = slices.Clone(p.Learned)
		ports[i] = p
	}
	if g.Ports == nil {
		ports = nil
	}
	g.Ports = ports
	if g.Process != nil {
		p := *g.Process
		p.VCPUThreads = slices.Clone(p.VCPUThreads)
		p.Cgroups = slices.Clone(p.Cgroups)
		g.Process = &p
	}
	return g
}

// normalMAC is how MACs are compared and shown: lower case.
func normalMAC(s string) string { return strings.ToLower(s) }
