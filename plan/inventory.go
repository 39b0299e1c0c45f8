package plan

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
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

	// section and index locate the entry for its line: "hosts" 3 is the
	// fourth host (names can repeat, so they cannot locate it).
	section string
	index   int
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
func LoadInventory(path string) (*Inventory, error) { return loadFile(path, ParseInventory) }

// loadFile reads path and parses it, naming the file in the error.
func loadFile[T any](path string, parse func([]byte) (T, error)) (T, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var zero T
		return zero, err
	}
	v, err := parse(data)
	if err != nil {
		var ie *InventoryError
		if errors.As(err, &ie) {
			ie.File = path
			return v, ie
		}
		return v, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// ParseInventory reads and validates an inventory's contents. Unknown
// keys are errors; omitted optional keys take their defaults.
func ParseInventory(data []byte) (*Inventory, error) {
	// A first pass over the node tree catches what the typed decoder
	// lets through: a number with a fraction in a whole-number field (it
	// would be truncated) and a second YAML document (it would be
	// ignored).
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &InventoryError{Err: errors.New("empty inventory")}
		}
		return nil, yamlError(err)
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		return nil, &InventoryError{Line: extra.Line, Err: errors.New("a second YAML document: an inventory is one document")}
	case !errors.Is(err, io.EOF):
		return nil, yamlError(err)
	}
	if len(root.Content) == 0 || root.Content[0].Tag == "!!null" {
		return nil, &InventoryError{Err: errors.New("empty inventory")}
	}
	if err := wholeNumbers(root.Content[0]); err != nil {
		return nil, err
	}
	strict := yaml.NewDecoder(bytes.NewReader(data))
	strict.KnownFields(true)
	inv := Inventory{Cluster: DefaultCluster}
	if err := strict.Decode(&inv); err != nil {
		return nil, yamlError(err)
	}
	if err := inv.Validate(); err != nil {
		var ie *InventoryError
		if errors.As(err, &ie) {
			ie.Line = entryLine(root.Content[0], ie)
		}
		return nil, err
	}
	return &inv, nil
}

// wholeKeys are the fields that hold whole numbers.
var wholeKeys = map[string]bool{"version": true, "target_failures": true, "cpus": true, "memory_mib": true, "vcpus": true, "priority": true}

// wholeNumbers rejects a number with a fraction in a whole-number field;
// labels are free-form and not looked into.
func wholeNumbers(n *yaml.Node) error {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "labels" {
				continue
			}
			if wholeKeys[k.Value] && v.Kind == yaml.ScalarNode && v.Tag == "!!float" {
				if !strings.ContainsAny(v.Value, ".eEnN") {
					return &InventoryError{Line: v.Line, Err: fmt.Errorf("%s %s is out of range", k.Value, v.Value)}
				}
				return &InventoryError{Line: v.Line, Err: fmt.Errorf("%s must be a whole number, got %s", k.Value, v.Value)}
			}
			if err := wholeNumbers(v); err != nil {
				return err
			}
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if err := wholeNumbers(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// yamlError turns the YAML decoder's message ("yaml: line 3: ...") into
// an InventoryError with the line and words for people instead of Go
// type names, so every fault reads the same way.
func yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	te, typed := err.(*yaml.TypeError)
	if typed && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	if !typed {
		// Syntax errors. The decoder leaves the line out when it is the
		// first, and for errors of structure it gives the line before
		// the block it was reading (a 0-based line): name that block.
		for _, p := range parserErrors {
			if strings.HasPrefix(msg, p) {
				line++
				msg += " in the block that starts on this line"
				break
			}
		}
		line = max(line, 1)
	}
	return &InventoryError{Line: line, Err: errors.New(yamlWords(msg))}
}

// parserErrors are the decoder's messages for errors of structure (as
// opposed to a bad character), whose line is the enclosing block's.
var parserErrors = []string{
	"did not find expected key", "did not find expected '-' indicator", "did not find expected ',' or ']'",
	"did not find expected ',' or '}'", "did not find expected node content", "did not find expected <document start>",
}

// unmarshalError matches the decoder's "cannot unmarshal !!str `many`
// into int".
var unmarshalError = regexp.MustCompile("cannot unmarshal !!(\\w+) (`[^`]*` )?into (\\S+)")

// yamlWords rewrites the decoder's Go-speak into the file's words.
func yamlWords(msg string) string {
	if m := unmarshalError.FindStringSubmatch(msg); m != nil {
		want := map[string]string{
			"int": "a whole number", "int64": "a whole number", "float64": "a number", "*float64": "a number",
			"bool": "true or false", "*bool": "true or false", "string": "a string",
			"[]plan.Host": "a list of hosts", "[]plan.Guest": "a list of guests",
			"plan.Cluster": "a mapping of cluster settings", "plan.Patch": "a mapping of patch facts",
			"plan.Inventory": "a mapping", "map[string]string": "a mapping of labels", "plan.Requirements": "a mapping",
		}[m[3]]
		if want == "" {
			want = "what the field takes"
		}
		got := map[string]string{"map": "a mapping", "seq": "a list", "str": "a string", "int": "a number", "float": "a number", "bool": "true or false", "null": "nothing"}[m[1]]
		if m[2] != "" {
			got = strings.TrimSpace(m[2])
		}
		return strings.Replace(msg, m[0], fmt.Sprintf("%s is not %s", got, want), 1)
	}
	return strings.NewReplacer(
		"not found in type plan.Inventory", "is not a key of an inventory",
		"not found in type plan.Cluster", "is not a key of cluster",
		"not found in type plan.Host", "is not a key of a host",
		"not found in type plan.Guest", "is not a key of a guest",
		"not found in type plan.Patch", "is not a key of a host's patch",
		"not found in type plan.Requirements", "is not a key of a requirements file",
	).Replace(msg)
}

// Validate checks sizes, names, references and the consistency of the
// placement rules. The first fault found is returned.
func (inv *Inventory) Validate() error {
	bad := func(entry, format string, args ...any) error {
		return &InventoryError{Entry: entry, Err: fmt.Errorf(format, args...), index: -1}
	}
	at := func(section string, i int, entry, format string, args ...any) error {
		return &InventoryError{Entry: entry, Err: fmt.Errorf(format, args...), section: section, index: i}
	}
	switch inv.Version {
	case 1:
	case 0:
		return bad("", "version is missing (want version: 1)")
	default:
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
		bad := func(entry, format string, args ...any) error { return at("hosts", i, entry, format, args...) }
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
		if inv.vcpuCapacity(h) < 1 {
			return bad(entry, "%d CPUs at an overcommit of %v leave no whole vCPU", h.CPUs, inv.cpuRatio(h))
		}
		if inv.memoryCapacity(h) < 1 {
			return bad(entry, "%d MiB at a memory overcommit of %v leave no whole MiB", h.MemoryMiB, inv.memoryRatio(h))
		}
		if d := h.Patch.LastPatched; d != "" {
			if _, err := time.Parse(time.DateOnly, d); err != nil {
				return bad(entry, "patch.last_patched %q is not a date (YYYY-MM-DD)", d)
			}
		}
	}
	guests := make(map[string]bool, len(inv.Guests))
	shapes := inv.hostShapes()
	for i := range inv.Guests {
		g := &inv.Guests[i]
		entry := "guest " + g.Name
		bad := func(entry, format string, args ...any) error { return at("guests", i, entry, format, args...) }
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
		if !shapes.fit(float64(g.VCPUs), float64(g.MemoryMiB)) {
			return bad(entry, "%d vCPUs and %d MiB is larger than any host (%s)", g.VCPUs, g.MemoryMiB, shapes)
		}
		if g.Affinity != "" && g.Affinity == g.AntiAffinity {
			return bad(entry, "affinity and anti_affinity name the same group %q", g.Affinity)
		}
	}
	return inv.validateAffinity(shapes)
}

// shapes are the largest host capacities (vCPUs, MiB): the hosts no
// other host beats in both.
type shapes [][2]float64

func (inv *Inventory) hostShapes() shapes {
	distinct := map[[2]float64]bool{}
	var all shapes
	for i := range inv.Hosts {
		h := [2]float64{inv.vcpuCapacity(&inv.Hosts[i]), inv.memoryCapacity(&inv.Hosts[i])}
		if !distinct[h] {
			distinct[h] = true
			all = append(all, h)
		}
	}
	var out shapes
	for _, a := range all {
		beaten := false
		for _, b := range all {
			if b != a && b[0] >= a[0] && b[1] >= a[1] {
				beaten = true
				break
			}
		}
		if !beaten {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b [2]float64) int { return cmp.Compare(b[0], a[0]) })
	return out
}

// fit reports whether some host has room for cpu vCPUs and mem MiB.
func (s shapes) fit(cpu, mem float64) bool {
	for _, h := range s {
		if cpu <= h[0] && mem <= h[1] {
			return true
		}
	}
	return false
}

func (s shapes) String() string {
	parts := make([]string, len(s))
	for i, h := range s {
		parts[i] = fmt.Sprintf("%.0f vCPUs with %.0f MiB", h[0], h[1])
	}
	return "largest hosts: " + strings.Join(parts, ", ")
}

// validateAffinity rejects affinity groups that no placement can honour:
// members that must share a host while an anti-affinity group keeps two
// of them apart (a contradiction, the "cycle" of rules), a group pinned
// to two hosts at once, and a group too big for any host.
func (inv *Inventory) validateAffinity(shapes shapes) error {
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
				return &InventoryError{Entry: entry, section: "guests", index: i, Err: fmt.Errorf(
					"affinity group %q puts it with %s, anti-affinity group %q keeps them apart: no placement can honour both",
					g.Affinity, other, g.AntiAffinity)}
			}
			a.anti[g.AntiAffinity] = g.Name
		}
		if !g.CanMove() {
			if a.pinnedHost != "" && a.pinnedHost != g.Host {
				return &InventoryError{Entry: entry, section: "guests", index: i, Err: fmt.Errorf(
					"affinity group %q has pinned members on %s (%s) and %s: they can never share a host",
					g.Affinity, a.pinnedHost, a.pinned, g.Host)}
			}
			a.pinnedHost, a.pinned = g.Host, g.Name
		}
		if !shapes.fit(a.cpu, a.mem) {
			return &InventoryError{Entry: entry, section: "guests", index: i, Err: fmt.Errorf(
				"affinity group %q needs %.0f vCPUs and %.0f MiB together, more than any host (%s)", g.Affinity, a.cpu, a.mem, shapes)}
		}
	}
	return nil
}

func (inv *Inventory) cpuRatio(h *Host) float64 {
	if h.CPUOvercommit != nil {
		return *h.CPUOvercommit
	}
	return inv.Cluster.CPUOvercommit
}

func (inv *Inventory) memoryRatio(h *Host) float64 {
	if h.MemoryOvercommit != nil {
		return *h.MemoryOvercommit
	}
	return inv.Cluster.MemoryOvercommit
}

func (inv *Inventory) vcpuCapacity(h *Host) float64 {
	return math.Floor(float64(h.CPUs) * inv.cpuRatio(h))
}

func (inv *Inventory) memoryCapacity(h *Host) float64 {
	return math.Floor(float64(h.MemoryMiB) * inv.memoryRatio(h))
}

// entryLine finds the line of the entry an error names, in the node tree
// of the file: the cluster key, or the index-th item of hosts or guests.
func entryLine(doc *yaml.Node, e *InventoryError) int {
	if e.Entry == "cluster" {
		return keyLine(doc, "cluster")
	}
	if e.section == "" {
		return 0
	}
	seq := keyValue(doc, e.section)
	if seq == nil || seq.Kind != yaml.SequenceNode || e.index < 0 || e.index >= len(seq.Content) {
		return 0
	}
	return seq.Content[e.index].Line
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
