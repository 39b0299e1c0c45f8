package plan

import (
	"cmp"
	"slices"
)

// fleet is the numeric form of an inventory that the planners work on:
// hosts and units by index, sizes as float64.
//
// A unit is what moves as one: a lone guest, or the members of an
// affinity group that share a host. Members of one affinity group found
// on different hosts form one unit per host (the split is reported as a
// risk, never repaired behind the operator's back).
type fleet struct {
	inv       *Inventory
	hosts     []fhost
	units     []unit
	hostIndex map[string]int32
	guestUnit []int32  // guest index -> unit
	groups    []string // anti-affinity group names by id
	homeUnits [][]int32
}

type fhost struct {
	name     string
	cpu, mem float64 // capacity: vCPUs and MiB after overcommit
}

type unit struct {
	guests   []int32 // indexes into inv.Guests
	cpu, mem float64
	anti     []int32 // anti-affinity groups of its members, sorted, distinct
	movable  bool
	priority int
	home     int32
	size     float64 // normalised size, for ordering largest first
}

// name is the unit's first guest's name (the affinity group for groups).
func (f *fleet) unitName(u int32) string {
	un := &f.units[u]
	g := &f.inv.Guests[un.guests[0]]
	if len(un.guests) > 1 {
		return "affinity group " + g.Affinity
	}
	return g.Name
}

func compile(inv *Inventory) *fleet {
	f := &fleet{inv: inv, hostIndex: make(map[string]int32, len(inv.Hosts)), guestUnit: make([]int32, len(inv.Guests))}
	var sumCPU, sumMem float64
	for i := range inv.Hosts {
		h := &inv.Hosts[i]
		f.hostIndex[h.Name] = int32(i)
		fh := fhost{name: h.Name, cpu: inv.vcpuCapacity(h), mem: inv.memoryCapacity(h)}
		sumCPU += fh.cpu
		sumMem += fh.mem
		f.hosts = append(f.hosts, fh)
	}
	avgCPU, avgMem := sumCPU/float64(len(f.hosts)), sumMem/float64(len(f.hosts))
	groupID := map[string]int32{}
	type affKey struct {
		group string
		host  int32
	}
	affUnit := map[affKey]int32{}
	for i := range inv.Guests {
		g := &inv.Guests[i]
		host := f.hostIndex[g.Host]
		u := int32(-1)
		if g.Affinity != "" {
			if id, ok := affUnit[affKey{g.Affinity, host}]; ok {
				u = id
			}
		}
		if u < 0 {
			u = int32(len(f.units))
			f.units = append(f.units, unit{home: host, movable: true})
			if g.Affinity != "" {
				affUnit[affKey{g.Affinity, host}] = u
			}
		}
		un := &f.units[u]
		un.guests = append(un.guests, int32(i))
		un.cpu += float64(g.VCPUs)
		un.mem += float64(g.MemoryMiB)
		un.movable = un.movable && g.CanMove()
		un.priority = max(un.priority, g.Priority)
		if g.AntiAffinity != "" {
			id, ok := groupID[g.AntiAffinity]
			if !ok {
				id = int32(len(f.groups))
				groupID[g.AntiAffinity] = id
				f.groups = append(f.groups, g.AntiAffinity)
			}
			if !slices.Contains(un.anti, id) {
				un.anti = append(un.anti, id)
				slices.Sort(un.anti)
			}
		}
		f.guestUnit[i] = u
	}
	f.homeUnits = make([][]int32, len(f.hosts))
	for u := range f.units {
		un := &f.units[u]
		un.size = max(un.cpu/avgCPU, un.mem/avgMem)
		f.homeUnits[un.home] = append(f.homeUnits[un.home], int32(u))
	}
	return f
}

// largestFirst orders units for packing: largest normalised size first,
// then higher priority, then inventory order, so plans are deterministic.
func (f *fleet) largestFirst(us []int32) {
	slices.SortFunc(us, func(a, b int32) int {
		ua, ub := &f.units[a], &f.units[b]
		if c := cmp.Compare(ub.size, ua.size); c != 0 {
			return c
		}
		if c := cmp.Compare(ub.priority, ua.priority); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
}

// state is a placement of units on hosts that can be changed and rolled
// back: every move is logged, and undo(mark) restores the state as it was
// at mark. The planners try placements on one shared state instead of
// copying per-host arrays for every candidate.
type state struct {
	f        *fleet
	cpu, mem []float64 // used per host
	at       []int32   // unit -> host
	down     []bool    // host takes no guests (failed or in maintenance)
	on       [][]int32 // host -> units on it, in no particular order
	members  [][]member
	log      []move
	// upCPU and upMem are the free capacity of the hosts up, kept as
	// hosts change so a failure check need not sum every host.
	upCPU, upMem float64
}

// member counts the units of one anti-affinity group on one host.
type member struct{ host, n int32 }

type move struct{ unit, from int32 }

const eps = 1e-9

func newState(f *fleet) *state {
	s := &state{
		f:       f,
		cpu:     make([]float64, len(f.hosts)),
		mem:     make([]float64, len(f.hosts)),
		at:      make([]int32, len(f.units)),
		down:    make([]bool, len(f.hosts)),
		on:      make([][]int32, len(f.hosts)),
		members: make([][]member, len(f.groups)),
	}
	for _, h := range f.hosts {
		s.upCPU += h.cpu
		s.upMem += h.mem
	}
	for u := range f.units {
		s.add(int32(u), f.units[u].home)
	}
	return s
}

// setDown marks host h down (failed or in maintenance) or up again.
func (s *state) setDown(h int32, down bool) {
	if s.down[h] == down {
		return
	}
	c, m := s.free(h)
	if down {
		c, m = -c, -m
	}
	s.upCPU += c
	s.upMem += m
	s.down[h] = down
}

// account adds sign times host h's free capacity to the totals of the
// hosts up; add and remove call it around their change.
func (s *state) account(h int32, sign float64) {
	if !s.down[h] {
		c, m := s.free(h)
		s.upCPU += sign * c
		s.upMem += sign * m
	}
}

func (s *state) add(u, h int32) {
	un := &s.f.units[u]
	s.at[u] = h
	s.account(h, -1)
	s.cpu[h] += un.cpu
	s.mem[h] += un.mem
	s.account(h, 1)
	s.on[h] = append(s.on[h], u)
	for _, g := range un.anti {
		ms := s.members[g]
		i := slices.IndexFunc(ms, func(m member) bool { return m.host == h })
		if i < 0 {
			s.members[g] = append(ms, member{host: h, n: 1})
		} else {
			ms[i].n++
		}
	}
}

func (s *state) remove(u int32) {
	un := &s.f.units[u]
	h := s.at[u]
	s.account(h, -1)
	s.cpu[h] -= un.cpu
	s.mem[h] -= un.mem
	s.account(h, 1)
	list := s.on[h]
	i := slices.Index(list, u)
	list[i] = list[len(list)-1]
	s.on[h] = list[:len(list)-1]
	for _, g := range un.anti {
		ms := s.members[g]
		j := slices.IndexFunc(ms, func(m member) bool { return m.host == h })
		if ms[j].n--; ms[j].n == 0 {
			ms[j] = ms[len(ms)-1]
			s.members[g] = ms[:len(ms)-1]
		}
	}
}

// moveTo moves unit u to host h and logs the move.
func (s *state) moveTo(u, h int32) {
	s.log = append(s.log, move{unit: u, from: s.at[u]})
	s.remove(u)
	s.add(u, h)
}

func (s *state) mark() int { return len(s.log) }

func (s *state) undo(mark int) {
	for i := len(s.log) - 1; i >= mark; i-- {
		m := s.log[i]
		s.remove(m.unit)
		s.add(m.unit, m.from)
	}
	s.log = s.log[:mark]
}

// holds reports whether host h holds a member of anti-affinity group g.
func (s *state) holds(g, h int32) bool {
	for _, m := range s.members[g] {
		if m.host == h {
			return true
		}
	}
	return false
}

// fits reports whether unit u can go to host h: the host is up, has room
// for it, and holds no member of any of its anti-affinity groups.
func (s *state) fits(u, h int32) bool {
	if s.down[h] || s.at[u] == h {
		return false
	}
	un := &s.f.units[u]
	fh := &s.f.hosts[h]
	if s.cpu[h]+un.cpu > fh.cpu+eps || s.mem[h]+un.mem > fh.mem+eps {
		return false
	}
	for _, g := range un.anti {
		if s.holds(g, h) {
			return false
		}
	}
	return true
}

// free is host h's unused capacity, never negative.
func (s *state) free(h int32) (cpu, mem float64) {
	fh := &s.f.hosts[h]
	return max(0, fh.cpu-s.cpu[h]), max(0, fh.mem-s.mem[h])
}

// load is host h's utilisation, the larger of CPU and memory.
func (s *state) load(h int32) float64 {
	fh := &s.f.hosts[h]
	return max(s.cpu[h]/fh.cpu, s.mem[h]/fh.mem)
}
