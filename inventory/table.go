package inventory

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Report is what one provider says: the guests it knows. Source names it
// ("file", "netns", "libvirt", ...).
type Report struct {
	Source string
	Guests []Guest
	// Err is set when the provider could not answer afresh (libvirtd is
	// away): the table's Errors say so. Guests may then be the last ones
	// it knew (running guests outlive their libvirtd).
	Err error
}

// Conflict is something two providers (or two guests) disagree on. The
// disputed fact is left out of the table: an ambiguous MAC, address or
// port names nobody, a disputed label or UUID is not set.
type Conflict struct {
	// What is in dispute: "mac 52:54:00:00:00:11", "ip 10.0.0.5",
	// "port 7", "label role", "uuid".
	What string `json:"what"`
	// Claims are the guests (with their source) and the values they
	// claim, sorted.
	Claims []string `json:"claims"`
}

func (c Conflict) String() string {
	return c.What + ": " + strings.Join(c.Claims, " vs ")
}

// Table maps MACs, addresses and ports to guests. Build it with NewTable
// or Merge; it is safe for concurrent readers and never changes.
type Table struct {
	guests    []Guest // sorted by name
	byName    map[string]int
	byMAC     map[flow.MAC]portRef
	byIP      map[flow.Addr]portRef
	byPort    map[uint32]portRef
	conflicts []Conflict
	errors    []string
}

// portRef is a guest and one of its ports (-1: the guest, no port).
type portRef struct{ guest, port int }

// NewTable indexes the guests of one source (a guests file) and refuses
// anything ambiguous: two guests may not declare the same name, MAC, IP
// or port.
func NewTable(guests []Guest) (*Table, error) {
	t, err := build(guests, true)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Merge joins the providers' reports into one table. Guests of the same
// name are one guest: their ports, labels and sources are joined. What the
// reports disagree on (a label's value, a UUID, a MAC or port claimed by
// two guests) is reported in Conflicts and left out; a provider that could
// not answer afresh is listed in Errors. Invalid values (a MAC that is not one)
// become the guest's Problems. Merge never fails.
func Merge(reports ...Report) *Table {
	byName := map[string]*Guest{}
	var order []string
	var conflicts []Conflict
	var errs []string
	for _, r := range reports {
		if r.Err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", r.Source, r.Err))
		}
		for _, in := range r.Guests {
			if in.Name == "" {
				errs = append(errs, fmt.Sprintf("%s: a guest without a name (skipped)", r.Source))
				continue
			}
			in = in.Clone()
			if len(in.Sources) == 0 {
				in.Sources = []string{r.Source}
			}
			g, seen := byName[in.Name]
			if !seen {
				byName[in.Name] = &in
				order = append(order, in.Name)
				continue
			}
			conflicts = append(conflicts, join(g, &in)...)
		}
	}
	guests := make([]Guest, 0, len(order))
	for _, name := range order {
		guests = append(guests, *byName[name])
	}
	t, _ := build(guests, false)
	t.conflicts = append(conflicts, t.conflicts...)
	sort.Slice(t.conflicts, func(i, j int) bool { return t.conflicts[i].What < t.conflicts[j].What })
	t.errors = errs
	return t
}

// join merges b (a later report of the same guest) into a and returns
// what they disagree on.
func join(a, b *Guest) []Conflict {
	var out []Conflict
	who := func(g *Guest) string { return strings.Join(g.Sources, "+") }
	if a.UUID != "" && b.UUID != "" && !strings.EqualFold(a.UUID, b.UUID) {
		out = append(out, Conflict{What: "uuid of " + a.Name, Claims: sorted(who(a)+"="+a.UUID, who(b)+"="+b.UUID)})
		a.UUID = ""
		a.Problems = append(a.Problems, "providers disagree on the UUID")
	} else if a.UUID == "" {
		a.UUID = b.UUID
	}
	if a.VCPUs == 0 {
		a.VCPUs = b.VCPUs
	}
	if a.MemoryMiB == 0 {
		a.MemoryMiB = b.MemoryMiB
	}
	for k, v := range b.Labels {
		old, ok := a.Labels[k]
		switch {
		case !ok:
			if a.Labels == nil {
				a.Labels = map[string]string{}
			}
			a.Labels[k] = v
		case old != v:
			out = append(out, Conflict{What: "label " + k + " of " + a.Name, Claims: sorted(who(a)+"="+old, who(b)+"="+v)})
			delete(a.Labels, k)
			a.Problems = append(a.Problems, "providers disagree on label "+k)
		}
	}
	if a.State == "" {
		a.State = b.State
	}
	if a.Host == "" {
		a.Host = b.Host
	}
	if a.Process == nil {
		a.Process = b.Process
	}
	for _, p := range b.Ports {
		if i := samePort(a.Ports, p); i >= 0 {
			q := &a.Ports[i]
			if q.Iface == "" {
				q.Iface, q.IfIndex = p.Iface, p.IfIndex
			}
			if q.MAC == "" {
				q.MAC = p.MAC
			}
			q.IPs = union(q.IPs, p.IPs)
			q.Learned = union(q.Learned, p.Learned)
			if q.Bridge == "" {
				q.Bridge = p.Bridge
			}
			if q.Model == "" {
				q.Model = p.Model
			}
			continue
		}
		a.Ports = append(a.Ports, p)
	}
	for _, s := range b.Sources {
		if !slices.Contains(a.Sources, s) {
			a.Sources = append(a.Sources, s)
		}
	}
	a.Problems = append(a.Problems, b.Problems...)
	return out
}

// samePort finds the port of ports that p describes: the same MAC, or the
// same host-side port.
func samePort(ports []Port, p Port) int {
	for i, q := range ports {
		if p.MAC != "" && q.MAC != "" {
			if normalMAC(p.MAC) == normalMAC(q.MAC) {
				return i
			}
			continue
		}
		if (p.IfIndex != 0 && p.IfIndex == q.IfIndex) || (p.Iface != "" && p.Iface == q.Iface) {
			return i
		}
	}
	return -1
}

func union(a, b []string) []string {
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

func sorted(s ...string) []string { sort.Strings(s); return s }

// build indexes guests. strict refuses ambiguity (a guests file); else an
// ambiguous key is left out of the index and reported.
func build(guests []Guest, strict bool) (*Table, error) {
	t := &Table{
		guests: slices.Clone(guests),
		byName: make(map[string]int),
		byMAC:  make(map[flow.MAC]portRef),
		byIP:   make(map[flow.Addr]portRef),
		byPort: make(map[uint32]portRef),
	}
	for i, g := range t.guests {
		if g.Name == "" {
			return nil, fmt.Errorf("guest %d: name is required", i+1)
		}
	}
	sort.SliceStable(t.guests, func(i, j int) bool { return t.guests[i].Name < t.guests[j].Name })
	claims := map[string][]portRef{} // disputed keys (non-strict)
	for i := range t.guests {
		g := &t.guests[i]
		if _, dup := t.byName[g.Name]; dup {
			return nil, fmt.Errorf("guest %q: declared twice", g.Name)
		}
		t.byName[g.Name] = i
		if !g.Active() {
			continue
		}
		for j := range g.Ports {
			p := &g.Ports[j]
			ref := portRef{i, j}
			if p.MAC != "" {
				m, err := flow.ParseMAC(p.MAC)
				if err != nil {
					if strict {
						return nil, fmt.Errorf("guest %q: mac: %w", g.Name, err)
					}
					g.Problems = append(g.Problems, fmt.Sprintf("port %s: %v", p.Iface, err))
				} else if err := claim(t, t.byMAC, m, ref, "mac "+normalMAC(p.MAC), strict, claims); err != nil {
					return nil, err
				}
			}
			for _, s := range p.IPs {
				ip, err := netip.ParseAddr(s)
				if err != nil {
					if strict {
						return nil, fmt.Errorf("guest %q: ips: %w", g.Name, err)
					}
					g.Problems = append(g.Problems, fmt.Sprintf("ip %q: %v", s, err))
					continue
				}
				if err := claim(t, t.byIP, flow.AddrFromNetip(ip), ref, "ip "+ip.String(), strict, claims); err != nil {
					return nil, err
				}
			}
			if p.IfIndex != 0 {
				if err := claim(t, t.byPort, p.IfIndex, ref, fmt.Sprintf("port %d", p.IfIndex), strict, claims); err != nil {
					return nil, err
				}
			}
		}
	}
	t.claimInactive()
	for what, refs := range claims {
		var cs []string
		for _, r := range refs {
			g := &t.guests[r.guest]
			cs = append(cs, g.Name+" ("+strings.Join(g.Sources, "+")+")")
		}
		t.conflicts = append(t.conflicts, Conflict{What: what, Claims: sorted(cs...)})
	}
	return t, nil
}

// claimInactive lets guests that are not running keep their MACs and
// addresses where no running guest claims them, so that the flows a
// guest had open when it stopped are still named when they end. A key
// two stopped guests share names neither (clones); nobody is in conflict.
func (t *Table) claimInactive() {
	macs, ips := map[flow.MAC]int{}, map[flow.Addr]int{}
	for i := range t.guests {
		g := &t.guests[i]
		if g.Active() {
			continue
		}
		for j, p := range g.Ports {
			ref := portRef{i, j}
			if m, err := flow.ParseMAC(p.MAC); err == nil && p.MAC != "" {
				fallback(t.byMAC, macs, m, ref)
			}
			for _, s := range p.IPs {
				if ip, err := netip.ParseAddr(s); err == nil {
					fallback(t.byIP, ips, flow.AddrFromNetip(ip), ref)
				}
			}
		}
	}
}

// fallback claims key for a stopped guest's ref unless a running guest
// has it; seen counts the stopped guests that asked (-1: shared, nobody).
func fallback[K comparable](index map[K]portRef, seen map[K]int, key K, ref portRef) {
	switch owner, ok := seen[key]; {
	case !ok:
		if _, taken := index[key]; taken {
			seen[key] = -1
			return
		}
		seen[key] = ref.guest
		index[key] = ref
	case owner >= 0 && owner != ref.guest:
		delete(index, key)
		seen[key] = -1
	}
}

// claim indexes key for ref. A key already claimed by another guest is an
// error when strict; else it is taken out of the index and its claims
// recorded (a third claimant joins them).
func claim[K comparable](t *Table, index map[K]portRef, key K, ref portRef, what string, strict bool, disputed map[string][]portRef) error {
	if refs, ok := disputed[what]; ok {
		for _, r := range refs {
			if r.guest == ref.guest {
				return nil
			}
		}
		disputed[what] = append(refs, ref)
		return nil
	}
	old, taken := index[key]
	switch {
	case !taken:
		index[key] = ref
	case old.guest == ref.guest:
		// the same guest says it twice (two ports sharing an address)
	case strict:
		g := &t.guests[ref.guest]
		return fmt.Errorf("guest %q: %s already belongs to %q", g.Name, what, t.guests[old.guest].Name)
	default:
		delete(index, key)
		disputed[what] = []portRef{old, ref}
	}
	return nil
}

// Guests returns copies of the guests, sorted by name.
func (t *Table) Guests() []Guest {
	out := make([]Guest, len(t.guests))
	for i, g := range t.guests {
		out[i] = g.Clone()
	}
	return out
}

// Guest returns a copy of the named guest.
func (t *Table) Guest(name string) (Guest, bool) {
	i, ok := t.byName[name]
	if !ok {
		return Guest{}, false
	}
	return t.guests[i].Clone(), true
}

// Conflicts returns what the providers disagree on, sorted.
func (t *Table) Conflicts() []Conflict { return slices.Clone(t.conflicts) }

// Errors returns the providers that could not answer, and why.
func (t *Table) Errors() []string { return slices.Clone(t.errors) }

// Len returns the number of guests.
func (t *Table) Len() int { return len(t.guests) }

func (t *Table) name(r portRef, ok bool) string {
	if !ok {
		return ""
	}
	return t.guests[r.guest].Name
}

func (t *Table) ref(r portRef, ok bool) flow.GuestRef {
	if !ok {
		return flow.GuestRef{}
	}
	g := &t.guests[r.guest]
	return flow.GuestRef{Name: g.Name, Iface: g.Ports[r.port].Iface, Labels: g.Labels}
}

// GuestByMAC returns the name of the guest that declares m, or "".
func (t *Table) GuestByMAC(m flow.MAC) string { r, ok := t.byMAC[m]; return t.name(r, ok) }

// GuestByIP returns the name of the guest that declares a, or "".
func (t *Table) GuestByIP(a flow.Addr) string { r, ok := t.byIP[a]; return t.name(r, ok) }

// GuestByPort returns the name of the guest on switch port ifindex, or "".
func (t *Table) GuestByPort(ifindex uint32) string { r, ok := t.byPort[ifindex]; return t.name(r, ok) }

// PortRef returns the guest on switch port ifindex.
func (t *Table) PortRef(ifindex uint32) flow.GuestRef {
	r, ok := t.byPort[ifindex]
	return t.ref(r, ok)
}

// Lookup names the guest behind an address, else behind a MAC, with the
// port that matched and the guest's labels; it implements alert.Identity.
func (t *Table) Lookup(a flow.Addr, m flow.MAC) flow.GuestRef {
	r, ok := t.byIP[a]
	if !ok {
		r, ok = t.byMAC[m]
	}
	return t.ref(r, ok)
}

// ByName returns the named guest's reference (its labels), or just the
// name when the table does not know it; it implements alert.Identity.
func (t *Table) ByName(name string) flow.GuestRef {
	i, ok := t.byName[name]
	if !ok {
		return flow.GuestRef{Name: name}
	}
	return flow.GuestRef{Name: name, Labels: t.guests[i].Labels}
}

// Equal reports whether two tables hold the same guests, conflicts and
// errors: the agent logs and swaps only when something changed.
func (t *Table) Equal(u *Table) bool {
	if t == nil || u == nil {
		return t == u
	}
	if len(t.guests) != len(u.guests) || !slices.Equal(t.errors, u.errors) || len(t.conflicts) != len(u.conflicts) {
		return false
	}
	for i := range t.conflicts {
		if t.conflicts[i].String() != u.conflicts[i].String() {
			return false
		}
	}
	for i := range t.guests {
		if !guestEqual(&t.guests[i], &u.guests[i]) {
			return false
		}
	}
	return true
}

func guestEqual(a, b *Guest) bool {
	if a.Name != b.Name || a.UUID != b.UUID || a.Host != b.Host || a.State != b.State || a.VCPUs != b.VCPUs || a.MemoryMiB != b.MemoryMiB ||
		!maps.Equal(a.Labels, b.Labels) || !slices.Equal(a.Sources, b.Sources) ||
		!slices.Equal(a.Problems, b.Problems) || len(a.Ports) != len(b.Ports) {
		return false
	}
	if (a.Process == nil) != (b.Process == nil) {
		return false
	}
	if a.Process != nil && (a.Process.PID != b.Process.PID || !slices.Equal(a.Process.VCPUThreads, b.Process.VCPUThreads) ||
		!slices.Equal(a.Process.Cgroups, b.Process.Cgroups)) {
		return false
	}
	for i := range a.Ports {
		p, q := &a.Ports[i], &b.Ports[i]
		if p.Iface != q.Iface || p.IfIndex != q.IfIndex || p.MAC != q.MAC || p.Bridge != q.Bridge ||
			p.Model != q.Model || !slices.Equal(p.IPs, q.IPs) || !slices.Equal(p.Learned, q.Learned) {
			return false
		}
	}
	return true
}
