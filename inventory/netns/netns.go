// Package netns is the inventory provider for guests that are network
// namespaces (or containers) attached to a Linux bridge by veth pairs:
// bridge port -> peer interface -> namespace -> guest, with the MAC and
// addresses the guest's interface has inside its namespace.
//
// It reads the system with iproute2's JSON output (`ip -j`), so it needs
// no privileges beyond reading links and named namespaces, and never
// changes anything. Guests are named after their namespace; a port whose
// peer is in no named namespace (a VM's tap, a container without a named
// namespace) is left to other providers.
package netns

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/crosstalk-dev/crosstalk/inventory"
)

// Port is one interface attached to a bridge.
type Port struct {
	Name  string
	Index int
}

// Ports lists the ports of bridge from sysfs, sorted by name.
func Ports(bridge string) ([]Port, error) {
	dir := filepath.Join("/sys/class/net", bridge, "brif")
	ents, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("bridge %s: no such bridge", bridge)
		}
		return nil, fmt.Errorf("bridge %s: %w", bridge, err)
	}
	var out []Port
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join("/sys/class/net", e.Name(), "ifindex"))
		if err != nil {
			continue // the port went away meanwhile
		}
		idx, err := strconv.Atoi(string(trimNL(b)))
		if err != nil {
			continue
		}
		out = append(out, Port{Name: e.Name(), Index: idx})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func trimNL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == ' ') {
		b = b[:len(b)-1]
	}
	return b
}

type ipLink struct {
	Ifindex     int    `json:"ifindex"`
	Ifname      string `json:"ifname"`
	Address     string `json:"address"`
	LinkIndex   *int   `json:"link_index"`
	LinkNetnsid *int   `json:"link_netnsid"`
	AddrInfo    []struct {
		Family string `json:"family"`
		Local  string `json:"local"`
		Scope  string `json:"scope"`
	} `json:"addr_info"`
}

type ipNetns struct {
	Name string `json:"name"`
	ID   *int   `json:"id"`
}

func ipJSON(ctx context.Context, v any, args ...string) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ip", append([]string{"-j"}, args...)...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return fmt.Errorf("ip %v: %w: %s", args, err, trimNL(ee.Stderr))
		}
		return fmt.Errorf("ip %v: %w", args, err)
	}
	if len(out) == 0 {
		return nil
	}
	return json.Unmarshal(out, v)
}

// namespaces maps the named namespaces' ids to their names.
func namespaces(ctx context.Context) (map[int]string, error) {
	var spaces []ipNetns
	if err := ipJSON(ctx, &spaces, "netns", "list"); err != nil {
		return nil, err
	}
	byID := map[int]string{}
	for _, s := range spaces {
		if s.ID != nil {
			byID[*s.ID] = s.Name
		}
	}
	return byID, nil
}

// peerNamespace is the named namespace a veth port's peer lives in.
func peerNamespace(ctx context.Context, port string, byID map[int]string) (string, ipLink, bool) {
	var links []ipLink
	if err := ipJSON(ctx, &links, "-d", "link", "show", "dev", port); err != nil || len(links) != 1 ||
		links[0].LinkNetnsid == nil || links[0].LinkIndex == nil {
		return "", ipLink{}, false
	}
	ns, ok := byID[*links[0].LinkNetnsid]
	return ns, links[0], ok
}

// ProcessesOfPorts finds, for host-side veth ports, the process that has
// lived longest in the namespace of each port's peer, with its cgroups:
// for guests that another provider names (a guests file) but whose
// processes only the namespace tells.
func ProcessesOfPorts(ctx context.Context, ports []string) map[string]*inventory.Process {
	out := map[string]*inventory.Process{}
	byID, err := namespaces(ctx)
	if err != nil {
		return out
	}
	nsOf := map[string]string{}
	var names []string
	for _, p := range ports {
		if ns, _, ok := peerNamespace(ctx, p, byID); ok {
			nsOf[p] = ns
			names = append(names, ns)
		}
	}
	procs := processes(names)
	for p, ns := range nsOf {
		if pr := procs[ns]; pr != nil {
			out[p] = pr
		}
	}
	return out
}

// Discover returns the guests behind the ports of bridge: for a veth port
// whose peer lives in a named namespace, the guest is named after the
// namespace and its port carries the peer's MAC and global addresses with
// the bridge port's name and index, the identity the datapath sees. Its
// process is the one that has lived longest in the namespace, with its
// cgroups (none when nothing runs there).
func Discover(ctx context.Context, bridge string) ([]inventory.Guest, error) {
	ports, err := Ports(bridge)
	if err != nil {
		return nil, err
	}
	byID, err := namespaces(ctx)
	if err != nil {
		return nil, err
	}
	var guests []inventory.Guest
	for _, p := range ports {
		ns, link, ok := peerNamespace(ctx, p.Name, byID)
		if !ok {
			continue
		}
		port := inventory.Port{Iface: p.Name, IfIndex: uint32(p.Index), Bridge: bridge, Model: "veth"}
		var peers []ipLink
		if err := ipJSON(ctx, &peers, "-n", ns, "addr", "show"); err == nil {
			for _, l := range peers {
				if l.Ifindex != *link.LinkIndex {
					continue
				}
				port.MAC = l.Address
				for _, a := range l.AddrInfo {
					if a.Scope == "global" {
						port.IPs = append(port.IPs, a.Local)
					}
				}
			}
		}
		guests = append(guests, inventory.Guest{Name: ns, State: "running", Ports: []inventory.Port{port}, Sources: []string{"netns"}})
	}
	var names []string
	for _, g := range guests {
		names = append(names, g.Name)
	}
	procs := processes(names)
	for i := range guests {
		guests[i].Process = procs[guests[i].Name]
	}
	return guests, nil
}
