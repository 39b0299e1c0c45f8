package plan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Inventory is a fleet inventory, version 1 (DESIGN.md section 9,
// docs/fleet-inventory.md). The same structure reads from YAML or JSON.
type Inventory struct {
	Version int     `yaml:"version" json:"version"`
	Cluster Cluster `yaml:"cluster" json:"cluster"`
	Hosts   []Host  `yaml:"hosts" json:"hosts"`
	Guests  []Guest `yaml:"guests" json:"guests"`
}

// Cluster holds the fleet-wide settings.
type Cluster struct {
	// CPUOvercommit turns physical CPUs into vCPU capacity.
	CPUOvercommit float64 `yaml:"cpu_overcommit" json:"cpu_overcommit"`
	// MemoryOvercommit turns physical memory into guest memory capacity.
	MemoryOvercommit float64 `yaml:"memory_overcommit" json:"memory_overcommit"`
	// MigrationBandwidth is what one host can send to another for live
	// migration, in MiB/s.
	MigrationBandwidth float64 `yaml:"migration_bandwidth_mib_s" json:"migration_bandwidth_mib_s"`
	// TargetFailures is the k of N+k: how many hosts may fail at once.
	TargetFailures int `yaml:"target_failures" json:"target_failures"`
}

// DefaultCluster is what an inventory gets for the keys it omits.
var DefaultCluster = Cluster{CPUOvercommit: 2.0, MemoryOvercommit: 1.0, MigrationBandwidth: 1100, TargetFailures: 1}

// Host is one hypervisor.
type Host struct {
	Name      string `yaml:"name" json:"name"`
	CPUs      int    `yaml:"cpus" json:"cpus"`
	MemoryMiB int64  `yaml:"memory_mib" json:"memory_mib"`
	// CPUOvercommit and MemoryOvercommit override the cluster's ratios
	// for this host when set.
	CPUOvercommit    *float64          `yaml:"cpu_overcommit,omitempty" json:"cpu_overcommit,omitempty"`
	MemoryOvercommit *float64          `yaml:"memory_overcommit,omitempty" json:"memory_overcommit,omitempty"`
	Labels           map[string]string `yaml:"labels,omitempty" json:"labels,omitempty"`
	Patch            Patch             `yaml:"patch,omitempty" json:"patch,omitzero"`
}

// Patch is a host's patch state.
type Patch struct {
	KernelInstalled string `yaml:"kernel_installed,omitempty" json:"kernel_installed,omitempty"`
	KernelRunning   string `yaml:"kernel_running,omitempty" json:"kernel_running,omitempty"`
	QEMU            string `yaml:"qemu,omitempty" json:"qemu,omitempty"`
	Libvirt         string `yaml:"libvirt,omitempty" json:"libvirt,omitempty"`
	RebootRequired  bool   `yaml:"reboot_required,omitempty" json:"reboot_required,omitempty"`
	// LastPatched is a date, YYYY-MM-DD.
	LastPatched string `yaml:"last_patched,omitempty" json:"last_patched,omitempty"`
}

// Guest is one VM (or container) and where it runs.
type Guest struct {
	Name      string `yaml:"name" json:"name"`
	Host      string `yaml:"host" json:"host"`
	VCPUs     int    `yaml:"vcpus" json:"vcpus"`
	MemoryMiB int64  `yaml:"memory_mib" json:"memory_mib"`
	// AntiAffinity names a group whose members never share a host.
	AntiAffinity string `yaml:"anti_affinity,omitempty" json:"anti_affinity,omitempty"`
	// Affinity names a group whose members always share a host; they
	// move together.
	Affinity string `yaml:"affinity,omitempty" json:"affinity,omitempty"`
	// Migratable is false for a guest pinned to its host (passthrough,
	// local disk): it is neither migrated nor restarted elsewhere.
	Migratable *bool `yaml:"migratable,omitempty" json:"migratable,omitempty"`
	// DirtyRate is how fast the guest dirties memory, MiB/s; nil when
	// unknown.
	DirtyRate *float64 `yaml:"dirty_rate_mib_s,omitempty" json:"dirty_rate_mib_s,omitempty"`
	// Priority orders migrations and restarts: higher first.
	Priority int               `yaml:"priority,omitempty" json:"priority,omitempty"`
	Labels   map[string]string `yaml:"labels,omitempty" json:"labels,omitempty"`
}

// CanMove reports whether the guest may be migrated or restarted on
// another host.
func (g *Guest) CanMove() bool { return g.Migratable == nil || *g.Migratable }

// InventoryError is a fault in an inventory file, naming where it is.
type InventoryError struct {
	File  string // the file, when known
	Line  int    // 1-based line, 0 when unknown
	Entry string // "host hv-0001", "guest vm-000002", "cluster"
	Err   error
}

func (e *InventoryError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(":")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:", e.Line)
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	if e.Entry != "" {
		b.WriteString(e.Entry)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *InventoryError) Unwrap() error { return e.Err }

// LoadInventory reads and validates an inventory file (YAML or JSON).
func LoadInventory(path string) (*Inventory, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	inv, err := ParseInventory(data)
	if err != nil {
		var ie *InventoryError
		if errors.As(err, &ie) {
			ie.File = path
			return nil, ie
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return inv, nil
}

// ParseInventory reads and validates an inventory's contents. Unknown
// keys are errors; omitted optional keys take their defaults.
func ParseInventory(data []byte) (*Inventory, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	inv := Inventory{Cluster: DefaultCluster}
	if err := dec.Decode(&inv); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &InventoryError{Err: errors.New("empty inventory")}
		}
		return nil, yamlError(err)
	}
	if err := inv.Validate(); err != nil {
		var ie *InventoryError
		if errors.As(err, &ie) {
			ie.Line = entryLine(data, ie.Entry)
		}
		return nil, err
	}
	return &inv, nil
}

// yamlError turns the YAML decoder's message ("yaml: line 3: ...") into
// an InventoryError with the line, so every fault reads the same way.
func yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	return &InventoryError{Line: line, Err: errors.New(msg)}
}

// Validate checks sizes, names, references and the consistency of the
// placement rules. The first fault found is returned.
func (inv *Inventory) Validate() error {
	bad := func(entry, format string, args ...any) error {
		return &InventoryError{Entry: entry, Err: fmt.Errorf(format, args...)}
	}
	if inv.Version != 1 {
		return bad("", "version %d is not supported (want version: 1)", inv.Version)
	}
	c := inv.Cluster
	switch {
	case !(c.CPUOvercommit > 0) || math.IsInf(c.CPUOvercommit, 0):
		return bad("cluster", "cpu_overcommit must be positive, got %v", c.CPUOvercommit)
	case !(c.MemoryOvercommit > 0) || math.IsInf(c.MemoryOvercommit, 0):
		return bad("cluster", "memory_overcommit must be positive, got %v", c.MemoryOvercommit)
	case !(c.MigrationBandwidth > 0) || math.IsInf(c.MigrationBandwidth, 0):
		return bad("cluster", "migration_bandwidth_mib_s must be positive, got %v", c.MigrationBandwidth)
	case c.TargetFailures < 0:
		return bad("cluster", "target_failures must be 0 or more, got %d", c.TargetFailures)
	}
	if len(inv.Hosts) == 0 {
		return bad("", "no hosts")
	}
	hosts := make(map[string]*Host, len(inv.Hosts))
	for i := range inv.Hosts {
		h := &inv.Hosts[i]
		entry := "host " + h.Name
		if h.Name == "" {
			return bad(fmt.Sprintf("hosts[%d]", i), "name is missing")
		}
		if _, dup := hosts[h.Name]; dup {
			return bad(entry, "listed twice")
		}
		hosts[h.Name] = h
		if h.CPUs <= 0 {
			return bad(entry, "cpus must be positive, got %d", h.CPUs)
		}
		if h.MemoryMiB <= 0 {
			return bad(entry, "memory_mib must be positive, got %d", h.MemoryMiB)
		}
		for _, r := range []struct {
			name string
			v    *float64
		}{{"cpu_overcommit", h.CPUOvercommit}, {"memory_overcommit", h.MemoryOvercommit}} {
			if r.v != nil && (!(*r.v > 0) || math.IsInf(*r.v, 0)) {
				return bad(entry, "%s must be positive, got %v", r.name, *r.v)
			}
		}
		if d := h.Patch.LastPatched; d != "" {
			if _, err := time.Parse(time.DateOnly, d); err != nil {
				return bad(entry, "patch.last_patched %q is not a date (YYYY-MM-DD)", d)
			}
		}
	}
	guests := make(map[string]bool, len(inv.Guests))
	var biggestCPU, biggestMem float64
	for i := range inv.Hosts {
		biggestCPU = max(biggestCPU, inv.vcpuCapacity(&inv.Hosts[i]))
		biggestMem = max(biggestMem, inv.memoryCapacity(&inv.Hosts[i]))
	}
	for i := range inv.Guests {
		g := &inv.Guests[i]
		entry := "guest " + g.Name
		if g.Name == "" {
			return bad(fmt.Sprintf("guests[%d]", i), "name is missing")
		}
		if guests[g.Name] {
			return bad(entry, "listed twice")
		}
		guests[g.Name] = true
		if g.Host == "" {
			return bad(entry, "host is missing")
		}
		if hosts[g.Host] == nil {
			return bad(entry, "host %q is not in hosts", g.Host)
		}
		if g.VCPUs <= 0 {
			return bad(entry, "vcpus must be positive, got %d", g.VCPUs)
		}
		if g.MemoryMiB <= 0 {
			return bad(entry, "memory_mib must be positive, got %d", g.MemoryMiB)
		}
		if g.DirtyRate != nil && (*g.DirtyRate < 0 || math.IsNaN(*g.DirtyRate) || math.IsInf(*g.DirtyRate, 0)) {
			return bad(entry, "dirty_rate_mib_s must be 0 or more, got %v", *g.DirtyRate)
		}
		if float64(g.VCPUs) > biggestCPU || float64(g.MemoryMiB) > biggestMem {
			return bad(entry, "%d vCPUs and %d MiB is larger than any host (at most %.0f vCPUs, %.0f MiB)",
				g.VCPUs, g.MemoryMiB, biggestCPU, biggestMem)
		}
		if g.Affinity != "" && g.Affinity == g.AntiAffinity {
			return bad(entry, "affinity and anti_affinity name the same group %q", g.Affinity)
		}
	}
	return inv.validateAffinity(biggestCPU, biggestMem)
}

// validateAffinity rejects affinity groups that no placement can honour:
// members that must share a host while an anti-affinity group keeps two
// of them apart (a contradiction, the "cycle" of rules), a group pinned
// to two hosts at once, and a group too big for any host.
func (inv *Inventory) validateAffinity(biggestCPU, biggestMem float64) error {
	type group struct {
		first      string
		cpu, mem   float64
		anti       map[string]string // anti-affinity group -> first member
		pinnedHost string
		pinned     string
	}
	groups := map[string]*group{}
	for i := range inv.Guests {
		g := &inv.Guests[i]
		if g.Affinity == "" {
			continue
		}
		a := groups[g.Affinity]
		if a == nil {
			a = &group{first: g.Name, anti: map[string]string{}}
			groups[g.Affinity] = a
		}
		a.cpu += float64(g.VCPUs)
		a.mem += float64(g.MemoryMiB)
		entry := "guest " + g.Name
		if g.AntiAffinity != "" {
			if other, ok := a.anti[g.AntiAffinity]; ok {
				return &InventoryError{Entry: entry, Err: fmt.Errorf(
					"affinity group %q puts it with %s, anti-affinity group %q keeps them apart: no placement can honour both",
					g.Affinity, other, g.AntiAffinity)}
			}
			a.anti[g.AntiAffinity] = g.Name
		}
		if !g.CanMove() {
			if a.pinnedHost != "" && a.pinnedHost != g.Host {
				return &InventoryError{Entry: entry, Err: fmt.Errorf(
					"affinity group %q has pinned members on %s (%s) and %s: they can never share a host",
					g.Affinity, a.pinnedHost, a.pinned, g.Host)}
			}
			a.pinnedHost, a.pinned = g.Host, g.Name
		}
		if a.cpu > biggestCPU || a.mem > biggestMem {
			return &InventoryError{Entry: entry, Err: fmt.Errorf(
				"affinity group %q needs %.0f vCPUs and %.0f MiB together, more than any host", g.Affinity, a.cpu, a.mem)}
		}
	}
	return nil
}

func (inv *Inventory) vcpuCapacity(h *Host) float64 {
	r := inv.Cluster.CPUOvercommit
	if h.CPUOvercommit != nil {
		r = *h.CPUOvercommit
	}
	return math.Floor(float64(h.CPUs) * r)
}

func (inv *Inventory) memoryCapacity(h *Host) float64 {
	r := inv.Cluster.MemoryOvercommit
	if h.MemoryOvercommit != nil {
		r = *h.MemoryOvercommit
	}
	return math.Floor(float64(h.MemoryMiB) * r)
}

// entryLine finds the line of a named host or guest ("host hv-1",
// "guest vm-1", "hosts[3]") by reading the file again as a node tree.
// It runs only on the error path.
func entryLine(data []byte, entry string) int {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return 0
	}
	doc := root.Content[0]
	section, name, index := "", "", -1
	switch {
	case entry == "cluster":
		return keyLine(doc, "cluster")
	case strings.HasPrefix(entry, "host "):
		section, name = "hosts", strings.TrimPrefix(entry, "host ")
	case strings.HasPrefix(entry, "guest "):
		section, name = "guests", strings.TrimPrefix(entry, "guest ")
	default:
		if _, err := fmt.Sscanf(entry, "hosts[%d]", &index); err == nil {
			section = "hosts"
		} else if _, err := fmt.Sscanf(entry, "guests[%d]", &index); err == nil {
			section = "guests"
		} else {
			return 0
		}
	}
	seq := keyValue(doc, section)
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return 0
	}
	line := 0
	for i, item := range seq.Content {
		if i == index {
			return item.Line
		}
		if n := keyValue(item, "name"); n != nil && n.Value == name && index < 0 {
			line = item.Line // the last one: "listed twice" points at the repeat
		}
	}
	return line
}

func keyValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func keyLine(m *yaml.Node, key string) int {
	if m == nil || m.Kind != yaml.MappingNode {
		return 0
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}
