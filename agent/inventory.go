package agent

import (
	"fmt"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/inventory/libvirt"
)

// InventoryConfig chooses where guests come from.
//
//	inventory:
//	  providers: [libvirt, netns]     # default: see Providers
//	  libvirt: {uri: "qemu:///system", resync: 30s}
//	  labels:                         # labels by name pattern
//	    - {names: ["web-*"], set: {tier: web}}
type InventoryConfig struct {
	// Providers are the sources of guests, merged into one identity
	// table: file (guests_file), netns (veth ports whose peer is in a
	// named network namespace), libvirt. Empty means: file when
	// guests_file is set, else netns, plus libvirt when its socket
	// exists.
	Providers []string       `yaml:"providers"`
	Libvirt   libvirt.Config `yaml:"libvirt"`
	// Labels give labels to guests by name pattern (shell patterns). A
	// label that disagrees with a provider's is a conflict, reported.
	Labels []LabelRule `yaml:"labels"`
}

// LabelRule sets labels on the guests whose name matches one of Names.
type LabelRule struct {
	Names []string          `yaml:"names"`
	Set   map[string]string `yaml:"set"`
}

var knownProviders = []string{"file", "netns", libvirt.Source}

// Validate reports the first bad setting.
func (c InventoryConfig) Validate() error {
	for _, p := range c.Providers {
		if !slices.Contains(knownProviders, p) {
			return fmt.Errorf("providers: unknown provider %q (want %s)", p, strings.Join(knownProviders, ", "))
		}
	}
	if err := c.Libvirt.Validate(); err != nil {
		return fmt.Errorf("libvirt: %w", err)
	}
	for i, r := range c.Labels {
		if len(r.Names) == 0 || len(r.Set) == 0 {
			return fmt.Errorf("labels[%d]: want names and set", i)
		}
		for _, p := range r.Names {
			if _, err := path.Match(p, ""); err != nil {
				return fmt.Errorf("labels[%d]: bad pattern %q", i, p)
			}
		}
	}
	return nil
}

// ProvidersFor returns the providers a configuration uses, defaults
// resolved.
func ProvidersFor(cfg Config) []string {
	if len(cfg.Inventory.Providers) > 0 {
		return cfg.Inventory.Providers
	}
	if cfg.GuestsFile != "" {
		return []string{"file"}
	}
	out := []string{"netns"}
	if _, err := os.Stat(cfg.Inventory.Libvirt.Socket()); err == nil {
		out = append(out, libvirt.Source)
	}
	return out
}

// guestBook keeps the latest report of every provider and builds the
// identity table from them. Safe for concurrent use: providers report
// from their own goroutines.
type guestBook struct {
	mu      sync.Mutex
	order   []string // providers, in merge order
	reports map[string]inventory.Report
	labels  []LabelRule
}

func newGuestBook(providers []string, labels []LabelRule) *guestBook {
	return &guestBook{order: providers, reports: map[string]inventory.Report{}, labels: labels}
}

// set records a provider's report.
func (b *guestBook) set(r inventory.Report) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.reports[r.Source] = r
}

// table merges the reports in provider order, then the configured labels,
// then a guest named after each watched port nobody claimed, so that
// alerts still say which port.
func (b *guestBook) table(ports map[int]string) *inventory.Table {
	b.mu.Lock()
	var reports []inventory.Report
	var names []string
	for _, src := range b.order {
		if r, ok := b.reports[src]; ok {
			reports = append(reports, r)
			for _, g := range r.Guests {
				names = append(names, g.Name)
			}
		}
	}
	b.mu.Unlock()
	if len(b.labels) > 0 {
		reports = append(reports, labelReport(b.labels, names))
	}
	t := inventory.Merge(reports...)
	var anon []inventory.Guest
	for idx, name := range ports {
		if t.GuestByPort(uint32(idx)) != "" {
			continue
		}
		if _, taken := t.Guest("port-" + name); taken {
			continue
		}
		anon = append(anon, inventory.Guest{Name: "port-" + name, Sources: []string{"port"},
			Ports: []inventory.Port{{Iface: name, IfIndex: uint32(idx)}}})
	}
	if len(anon) == 0 {
		return t
	}
	sort.Slice(anon, func(i, j int) bool { return anon[i].Name < anon[j].Name })
	return inventory.Merge(append(reports, inventory.Report{Source: "port", Guests: anon})...)
}

// labelReport gives the configured labels to the guests they match.
func labelReport(rules []LabelRule, names []string) inventory.Report {
	r := inventory.Report{Source: "config"}
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] {
			continue
		}
		seen[name] = true
		var labels map[string]string
		for _, rule := range rules {
			if !slices.ContainsFunc(rule.Names, func(p string) bool { ok, _ := path.Match(p, name); return ok }) {
				continue
			}
			if labels == nil {
				labels = map[string]string{}
			}
			for k, v := range rule.Set {
				if _, set := labels[k]; !set { // the first rule that sets a key wins
					labels[k] = v
				}
			}
		}
		if labels != nil {
			r.Guests = append(r.Guests, inventory.Guest{Name: name, Labels: labels})
		}
	}
	return r
}

// liveIdentity is the identity the pipeline asks; the inventory swaps the
// table behind it atomically as guests come and go.
type liveIdentity struct {
	p atomic.Pointer[inventory.Table]
}

func (l *liveIdentity) table() *inventory.Table { return l.p.Load() }

func (l *liveIdentity) Lookup(a flow.Addr, m flow.MAC) flow.GuestRef {
	if t := l.table(); t != nil {
		return t.Lookup(a, m)
	}
	return flow.GuestRef{}
}

func (l *liveIdentity) ByName(name string) flow.GuestRef {
	if t := l.table(); t != nil {
		return t.ByName(name)
	}
	return flow.GuestRef{Name: name}
}

func (l *liveIdentity) GuestByMAC(m flow.MAC) string {
	if t := l.table(); t != nil {
		return t.GuestByMAC(m)
	}
	return ""
}

func (l *liveIdentity) GuestByIP(a flow.Addr) string {
	if t := l.table(); t != nil {
		return t.GuestByIP(a)
	}
	return ""
}

func (l *liveIdentity) GuestByPort(p uint32) string {
	if t := l.table(); t != nil {
		return t.GuestByPort(p)
	}
	return ""
}

// changes describes, for the log, how the guests changed between two
// tables: guests that came, went, or whose ports changed.
func changes(old, now *inventory.Table) []string {
	before := map[string]inventory.Guest{}
	if old != nil {
		for _, g := range old.Guests() {
			before[g.Name] = g
		}
	}
	var out []string
	for _, g := range now.Guests() {
		o, ok := before[g.Name]
		delete(before, g.Name)
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("guest %s appeared (%s, %s)", g.Name, strings.Join(g.Sources, "+"), portList(g)))
		case portList(o) != portList(g) || o.State != g.State:
			out = append(out, fmt.Sprintf("guest %s changed: %s %s -> %s %s", g.Name, o.State, portList(o), g.State, portList(g)))
		}
	}
	for name := range before {
		out = append(out, "guest "+name+" gone")
	}
	sort.Strings(out)
	return out
}

func portList(g inventory.Guest) string {
	var ps []string
	for _, p := range g.Ports {
		s := p.Iface
		if s == "" {
			s = "-"
		}
		if p.IfIndex != 0 {
			s += fmt.Sprintf("#%d", p.IfIndex)
		}
		if p.MAC != "" {
			s += "/" + p.MAC
		}
		ps = append(ps, s)
	}
	return "[" + strings.Join(ps, " ") + "]"
}

// guestPorts are the host ports of the table's active guests, ifindex ->
// name: with libvirt, the agent watches every guest's tap, whatever bridge
// it is on.
func guestPorts(t *inventory.Table) map[int]string {
	out := map[int]string{}
	if t == nil {
		return out
	}
	for _, g := range t.Guests() {
		if !g.Active() || slices.Equal(g.Sources, []string{"port"}) {
			continue
		}
		for _, p := range g.Ports {
			if p.IfIndex != 0 && p.Iface != "" {
				out[int(p.IfIndex)] = p.Iface
			}
		}
	}
	return out
}
