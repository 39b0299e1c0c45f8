// Package alert turns detectors' findings into alerts: one alert per
// episode (kind, source, target) with a count, first and last seen, a
// readable summary and the evidence behind it, named with guest identities.
//
// Episodes are bounded in number and closed by event time, so replay gives
// the same alerts, byte for byte, every time. The package never decides
// what is hostile; detectors do.
package alert

import (
	"encoding/binary"
	"hash/fnv"
	"slices"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Identity names the guest behind an address or MAC. Lookup returns the
// zero GuestRef when it does not know; ByName returns at least the name.
type Identity interface {
	Lookup(addr flow.Addr, mac flow.MAC) flow.GuestRef
	ByName(guest string) flow.GuestRef
}

// Sink receives alerts. Open is called when an episode starts (live
// consumers show it at once); Close when it ends, with its final count.
// The *Alert is the manager's: a sink that keeps it must copy it.
type Sink interface {
	Open(a *Alert)
	Close(a *Alert)
}

// Dependencies of a Manager.
type Dependencies struct {
	Identity Identity // may be nil
	Sink     Sink
}

// Stats are the manager's counters.
type Stats struct {
	Findings     uint64
	Alerts       uint64
	ClosedEarly  uint64 // episodes closed because MaxOpen was reached
	OpenEpisodes int
}

type episodeKey struct {
	kind     string
	src, dst flow.Addr
	episode  string
}

type episode struct {
	alert   Alert
	last    flow.Time
	targets map[targetKey]bool
}

// Manager groups findings into alerts. Not safe for concurrent use.
type Manager struct {
	cfg   Config
	deps  Dependencies
	open  map[episodeKey]*episode
	seq   uint32
	stats Stats
}

// NewManager returns a manager; cfg must be valid.
func NewManager(cfg Config, deps Dependencies) *Manager {
	return &Manager{cfg: cfg, deps: deps, open: make(map[episodeKey]*episode)}
}

// Stats returns the counters.
func (m *Manager) Stats() Stats {
	s := m.stats
	s.OpenEpisodes = len(m.open)
	return s
}

// Report adds a finding to its episode, opening one if needed.
func (m *Manager) Report(f *Finding) {
	m.stats.Findings++
	k := episodeKey{f.Kind, f.Src.Addr, f.Dst.Addr, f.Episode}
	if f.Src.Addr.IsZero() && f.Src.MAC.IsZero() && f.Src.Guest != "" {
		// A finding about a guest, not an address (a noisy neighbour):
		// its name tells the episodes apart.
		k.episode += "\x00" + f.Src.Guest
	}
	ep := m.open[k]
	if ep == nil {
		if len(m.open) >= m.cfg.MaxOpen {
			m.closeQuietest()
		}
		ep = m.newEpisode(k, f)
		m.open[k] = ep
		m.stats.Alerts++
		m.addTargets(ep, f.Targets)
		m.deps.Sink.Open(&ep.alert)
		return
	}
	a := &ep.alert
	a.Count++
	if f.Severity.rank() > a.Severity.rank() {
		a.Severity = f.Severity
	}
	a.Summary = f.Summary
	a.Evidence = f.Evidence
	if f.Time > ep.last {
		ep.last = f.Time
		a.LastSeen = f.Time.Std()
	}
	if f.Dst.Port != 0 && a.Dst != nil && a.Dst.Port != f.Dst.Port {
		a.Dst.Port = 0 // several ports: the evidence says which
	}
	m.addTargets(ep, f.Targets)
}

func (m *Manager) newEpisode(k episodeKey, f *Finding) *episode {
	first := f.FirstSeen
	if first == 0 || first > f.Time {
		first = f.Time
	}
	m.seq++
	ep := &episode{last: f.Time}
	ep.alert = Alert{
		ID:        newID(f.Time, k, m.seq),
		Time:      f.Time.Std(),
		Kind:      f.Kind,
		Severity:  f.Severity,
		Host:      m.cfg.Host,
		Src:       m.endpoint(f.Src),
		Dst:       m.endpoint(f.Dst),
		Summary:   f.Summary,
		Evidence:  f.Evidence,
		FirstSeen: first.Std(),
		LastSeen:  f.Time.Std(),
		Count:     1,
		Mitre:     f.Mitre,
		Action:    "none",
	}
	return ep
}

func (m *Manager) addTargets(ep *episode, ts []Party) {
	for _, t := range ts {
		if ep.targets == nil {
			ep.targets = make(map[targetKey]bool)
		}
		k := targetKey{addr: t.Addr}
		if t.Addr.IsZero() {
			k.guest = t.Guest // a guest named without an address
		}
		e := m.endpoint(t)
		if ep.targets[k] || e == nil {
			continue
		}
		if len(ep.targets) < m.cfg.MaxTargets {
			ep.targets[k] = true
			ep.alert.Targets = append(ep.alert.Targets, *e)
		}
	}
}

// targetKey tells an episode's targets apart: by address, else by name.
type targetKey struct {
	addr  flow.Addr
	guest string
}

func (m *Manager) endpoint(p Party) *flow.Endpoint {
	if p.Addr.IsZero() && p.MAC.IsZero() {
		if p.Guest == "" {
			return nil
		}
		e := &flow.Endpoint{Guest: p.Guest} // a guest, not an address
		if m.deps.Identity != nil {
			e.SetGuest(m.deps.Identity.ByName(p.Guest))
		}
		return e
	}
	e := &flow.Endpoint{IP: p.Addr.String(), MAC: p.MAC.String(), Port: p.Port}
	switch {
	case m.deps.Identity == nil:
		e.Guest = p.Guest
	case p.Guest != "":
		// The detector knows better (the switch port it came through).
		g := m.deps.Identity.ByName(p.Guest)
		if l := m.deps.Identity.Lookup(p.Addr, p.MAC); l.Name == p.Guest {
			g.Iface = l.Iface
		}
		e.SetGuest(g)
	default:
		e.SetGuest(m.deps.Identity.Lookup(p.Addr, p.MAC))
	}
	return e
}

// Tick closes the episodes quiet for longer than the episode timeout.
func (m *Manager) Tick(now flow.Time) {
	deadline := now - flow.Time(m.cfg.EpisodeTimeout)
	m.closeWhere(func(ep *episode) bool { return ep.last <= deadline })
}

// Flush closes every open episode, at the end of input or at shutdown.
func (m *Manager) Flush() { m.closeWhere(func(*episode) bool { return true }) }

// closeWhere closes matching episodes in a deterministic order: by first
// decision time, then ID.
func (m *Manager) closeWhere(match func(*episode) bool) {
	var done []*episode
	for k, ep := range m.open {
		if match(ep) {
			done = append(done, ep)
			delete(m.open, k)
		}
	}
	slices.SortFunc(done, func(a, b *episode) int {
		if c := a.alert.Time.Compare(b.alert.Time); c != 0 {
			return c
		}
		if a.alert.ID < b.alert.ID {
			return -1
		}
		return 1
	})
	for _, ep := range done {
		m.finish(ep)
	}
}

func (m *Manager) finish(ep *episode) { m.deps.Sink.Close(&ep.alert) }

func (m *Manager) closeQuietest() {
	var qk episodeKey
	var q *episode
	for k, ep := range m.open {
		if q == nil || ep.last < q.last || (ep.last == q.last && ep.alert.ID < q.alert.ID) {
			qk, q = k, ep
		}
	}
	delete(m.open, qk)
	m.stats.ClosedEarly++
	m.finish(q)
}

// newID returns a ULID-shaped identifier (26 characters of Crockford
// base32, sortable by time): 48 bits of milliseconds, then 80 bits derived
// from the episode and a sequence number instead of randomness, so that
// replay is deterministic.
func newID(t flow.Time, k episodeKey, seq uint32) string {
	h := fnv.New64a()
	h.Write([]byte(k.kind))
	h.Write(k.src[:])
	h.Write(k.dst[:])
	h.Write([]byte(k.episode))
	var b [16]byte
	ms := uint64(max(t, 0)) / 1e6
	b[0], b[1], b[2], b[3], b[4], b[5] = byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms)
	binary.BigEndian.PutUint64(b[6:14], h.Sum64())
	binary.BigEndian.PutUint16(b[14:], uint16(seq))
	return encodeCrockford(b)
}

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

func encodeCrockford(b [16]byte) string {
	// 128 bits as 26 base32 digits, the first digit carrying 3 bits.
	var out [26]byte
	hi := binary.BigEndian.Uint64(b[:8])
	lo := binary.BigEndian.Uint64(b[8:])
	for i := 25; i >= 0; i-- {
		out[i] = crockford[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
	return string(out[:])
}
