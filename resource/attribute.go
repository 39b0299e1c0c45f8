package resource

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"
)

// Attribution of CPU contention: who is hurting whom.
//
// A victim is a guest whose run-queue delay per vCPU rises well above its
// own baseline and above an absolute level (50 ms per second per vCPU is
// vSphere's "5 % ready" warning, 100 ms its critical level), in most of
// the last few rounds. A guest whose delay is its own quota throttling it
// is not a victim of anyone. The aggressor is found by consumption, never
// by pressure: the guest that used the most CPU over those rounds, if it
// used enough of it and a large share of what all guests used. Without
// such a guest (the host itself is busy) nobody is blamed.
//
// Traffic through the virtual switch costs CPU that the accounting
// charges to whoever happens to run the softirq, mostly the receiver: a
// guest flooding another makes the receiver look like the CPU hog. So
// the senders are looked at too, by their port counters: when one guest
// sends a large share of the switch's packets (or bytes) and the top CPU
// user is itself, or is receiving what it sends, the contention is on the
// network and the sender is the aggressor; the receivers are named.
//
// Time comes from the observations, never the clock: the same series
// gives the same findings.

// AttributeConfig tunes the attribution.
type AttributeConfig struct {
	// Warn and Critical are run-queue delay per vCPU per second.
	Warn     time.Duration `yaml:"warn"`
	Critical time.Duration `yaml:"critical"`
	// Baseline is the time constant of each guest's own normal delay
	// (an exponentially weighted mean over rounds that were not bad).
	Baseline time.Duration `yaml:"baseline"`
	// A guest is a victim when Sustain of the last Window rounds were
	// bad.
	Sustain int `yaml:"sustain"`
	Window  int `yaml:"window"`
	// The aggressor used at least MinCores on average over the last
	// Sustain rounds and at least MinShare of all the guests' CPU (a hog
	// that shares one CPU with its victim gets half of it).
	MinCores float64 `yaml:"min_cores"`
	MinShare float64 `yaml:"min_share"`
	// A network aggressor sends at least MinPackets packets or MinBytes
	// bytes a second into the switch on average over the last Sustain
	// rounds, and at least MinShare of the packets or bytes all guests
	// send.
	MinPackets float64 `yaml:"min_packets"`
	MinBytes   float64 `yaml:"min_bytes"`
	// IOWarn and IOCritical are I/O pressure: the share of time some of
	// the guest's tasks stalled on I/O (PSI "some" of its v2 cgroup). A
	// victim's must rise above IOWarn and well above its own baseline.
	IOWarn     float64 `yaml:"io_warn"`
	IOCritical float64 `yaml:"io_critical"`
	// An I/O aggressor moves at least MinIOBytes bytes a second to or
	// from storage, and MinShare of what all guests move.
	MinIOBytes float64 `yaml:"min_io_bytes"`
	// MaxGuests bounds the guests tracked (the least recently seen go).
	MaxGuests int `yaml:"max_guests"`
}

// DefaultAttributeConfig returns the defaults.
func DefaultAttributeConfig() AttributeConfig {
	return AttributeConfig{Warn: 50 * time.Millisecond, Critical: 100 * time.Millisecond, Baseline: 5 * time.Minute,
		Sustain: 3, Window: 5, MinCores: 0.3, MinShare: 0.3, MinPackets: 20000, MinBytes: 50e6,
		IOWarn: 0.10, IOCritical: 0.30, MinIOBytes: 10e6, MaxGuests: 4096}
}

// Validate reports the first bad setting.
func (c AttributeConfig) Validate() error {
	switch {
	case c.Warn <= 0 || c.Critical < c.Warn:
		return errors.New("warn, critical: want 0 < warn <= critical")
	case c.Baseline <= 0:
		return errors.New("baseline: must be positive")
	case c.Window < 1 || c.Window > 64 || c.Sustain < 1 || c.Sustain > c.Window:
		return fmt.Errorf("sustain, window: want 1 <= sustain <= window <= 64, got %d and %d", c.Sustain, c.Window)
	case c.MinCores < 0 || c.MinShare < 0 || c.MinShare > 1:
		return errors.New("min_cores, min_share: want min_cores >= 0 and 0 <= min_share <= 1")
	case c.MinPackets <= 0 || c.MinBytes <= 0 || c.MinIOBytes <= 0:
		return errors.New("min_packets, min_bytes, min_io_bytes: must be positive")
	case c.IOWarn <= 0 || c.IOCritical < c.IOWarn || c.IOCritical > 1:
		return errors.New("io_warn, io_critical: want 0 < io_warn <= io_critical <= 1")
	case c.MaxGuests < 1:
		return errors.New("max_guests: must be at least 1")
	}
	return nil
}

// Observation is one guest's rates over one round.
type Observation struct {
	Guest string
	VCPUs int // its vCPUs (or threads whose delay Rates.Delay sums); 0 counts as 1
	Rates Rates
	// Capped is set while a cap the agent put on it (a throttle) is in
	// force: its waiting is that cap's doing.
	Capped bool
}

// Victim is a guest that suffers, with its loss.
type Victim struct {
	Guest string
	// Delay is its run-queue delay per vCPU per second, the mean over
	// its bad rounds in the window; Baseline its normal (cpu, network).
	Delay, Baseline time.Duration
	// Pressure is the share of time its tasks stalled on I/O over its
	// bad rounds, PressureBaseline its normal (io).
	Pressure, PressureBaseline float64
	Critical                   bool
}

// Contention is one finding: an aggressor and the guests it hurts.
type Contention struct {
	Time      time.Time
	Resource  string // "cpu", "network" or "io"
	Aggressor string
	// Cores is the aggressor's mean CPU use over the window, Share its
	// part of all the guests' use (for the network: of the packets or
	// the bytes all guests send, whichever is larger).
	Cores, Share float64
	// Packets and Bytes are what the aggressor sends into the switch a
	// second (network); Receivers the guests whose CPU its traffic
	// loads, which the CPU accounting would have blamed.
	Packets, Bytes float64
	Receivers      []string
	// IOBytes is what the aggressor moves to and from storage a second
	// (io).
	IOBytes float64
	Victims []Victim
	Since   time.Time // the first bad round of the window
}

// lookback is how many rounds before the window are kept: a guest's CPU
// demand then is what its demand in the window is compared with.
const lookback = 20

type guestTrack struct {
	lastSeen time.Time
	baseline float64 // seconds of delay per vCPU per second
	primed   bool
	// onset is its mean CPU use over the Sustain rounds before its
	// current run of bad rounds began (hasOnset: there were some): what
	// it wanted before the contention, whatever the window has seen
	// since.
	onset    float64
	hasOnset bool
	cappedAt time.Time // the last round its quota held it back
	bad      []bool    // the last Window+lookback rounds, newest last
	delay    []float64 // per vCPU, same rounds
	cpu      []float64 // cores, same rounds
	sent     []float64 // packets/s into the switch, same rounds
	bytes    []float64 // bytes/s into the switch
	recv     []float64 // packets/s out of the switch to it
	times    []time.Time
	io       ioTrack
}

// ioTrack is a guest's I/O side, round by round like guestTrack's.
type ioTrack struct {
	baseline         float64 // its normal I/O pressure
	primed, hasOnset bool
	onset            float64 // its I/O bytes/s before its run of bad rounds
	bad              []bool
	pressure, bytes  []float64
}

// Attributor follows guests round by round.
type Attributor struct {
	cfg    AttributeConfig
	guests map[string]*guestTrack
	last   time.Time
}

// NewAttributor returns an attributor; cfg must be valid.
func NewAttributor(cfg AttributeConfig) *Attributor {
	return &Attributor{cfg: cfg, guests: map[string]*guestTrack{}}
}

// Observe takes one round of observations at now and returns the
// contentions it finds (at most one per resource per round).
func (a *Attributor) Observe(now time.Time, obs []Observation) []Contention {
	dt := time.Second
	if !a.last.IsZero() && now.After(a.last) {
		dt = now.Sub(a.last)
	}
	a.last = now
	alpha := min(1, dt.Seconds()/a.cfg.Baseline.Seconds())
	warn := a.cfg.Warn.Seconds()
	for _, o := range obs {
		g := a.track(o.Guest, now)
		vcpus := max(1, o.VCPUs)
		d := o.Rates.Delay / float64(vcpus)
		// Delay that is the guest's own quota holding it back is not a
		// neighbour's doing. Throttled is wall time (the group held
		// back), Delay the sum over its threads, which all wait while
		// it is held: a group held a fifth of the time or more is at its
		// cap, whatever its threads' sum says.
		selfThrottled := o.Capped || o.Rates.Throttled > 0 && (o.Rates.Throttled >= 0.5*o.Rates.Delay || o.Rates.Throttled >= 0.2)
		bad := g.primed && !selfThrottled && d >= warn && d >= 2*g.baseline+0.01
		if o.Capped || o.Rates.Throttled >= 0.05 {
			// Held back by its quota in this round: not anyone's victim
			// while the window remembers it (the rounds around a cap
			// coming or going are half one, half the other).
			g.cappedAt = now
		}
		switch {
		case !g.primed:
			g.baseline, g.primed = d, true
		case !bad:
			g.baseline = follow(g.baseline, d, alpha)
		}
		if bad && !slices.Contains(g.bad[max(0, len(g.bad)-a.cfg.Window):], true) {
			// A run of bad rounds begins: remember the demand before it.
			before := g.cpu[max(0, len(g.cpu)-a.cfg.Sustain):]
			g.onset, g.hasOnset = mean(before), len(before) > 0
		}
		g.push(a.cfg.Window+lookback, bad, d, &o.Rates, now)
		a.observeIO(&g.io, &o.Rates, alpha)
	}
	a.evict()
	out := a.attribute(now)
	if c, ok := a.attributeIO(now); ok {
		out = append(out, c)
	}
	return out
}

// observeIO follows a guest's I/O pressure: bad when it rises above
// IOWarn and well above its baseline. A guest without I/O pressure
// figures (no v2 cgroup) is never an I/O victim.
func (a *Attributor) observeIO(t *ioTrack, r *Rates, alpha float64) {
	p := r.PressureIO
	bad := t.primed && r.Have&HavePressure != 0 && p >= a.cfg.IOWarn && p >= 2*t.baseline+0.05
	switch {
	case !t.primed:
		t.baseline, t.primed = p, true
	case !bad:
		t.baseline = follow(t.baseline, p, alpha)
	}
	moved := r.IORead + r.IOWrite
	if bad && !slices.Contains(t.bad[max(0, len(t.bad)-a.cfg.Window):], true) {
		before := t.bytes[max(0, len(t.bytes)-a.cfg.Sustain):]
		t.onset, t.hasOnset = mean(before), len(before) > 0
	}
	t.bad, t.pressure, t.bytes = append(t.bad, bad), append(t.pressure, p), append(t.bytes, moved)
	if n := len(t.bad) - (a.cfg.Window + lookback); n > 0 {
		t.bad, t.pressure, t.bytes = t.bad[n:], t.pressure[n:], t.bytes[n:]
	}
}

// attributeIO is attribute for storage: victims by their I/O pressure
// (never the guest whose own I/O grew: it stalls on itself), the
// aggressor by the bytes it moves. An asynchronous flooder shows little
// pressure of its own; its bytes name it.
func (a *Attributor) attributeIO(now time.Time) (Contention, bool) {
	var names []string
	for name, g := range a.guests {
		if g.lastSeen.Equal(now) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	w, k := a.cfg.Window, a.cfg.Sustain
	var victims []Victim
	var since time.Time
	isVictim := map[string]bool{}
	for _, name := range names {
		g := a.guests[name]
		t := &g.io
		recent := max(0, len(t.bad)-w)
		n, sum, moved, first := 0, 0.0, 0.0, -1
		for i := recent; i < len(t.bad); i++ {
			if t.bad[i] {
				n, sum, moved = n+1, sum+t.pressure[i], moved+t.bytes[i]
				if first < 0 {
					first = i
				}
			}
		}
		if n < k || t.hasOnset && moved/float64(n) > 2*t.onset+a.cfg.MinIOBytes {
			continue
		}
		// The rounds of g.times and t.bad are the same, newest last.
		if at := g.times[len(g.times)-(len(t.bad)-first)]; since.IsZero() || at.Before(since) {
			since = at
		}
		m := sum / float64(n)
		victims = append(victims, Victim{Guest: name, Pressure: m, PressureBaseline: t.baseline, Critical: m >= a.cfg.IOCritical})
		isVictim[name] = true
	}
	if len(victims) == 0 {
		return Contention{}, false
	}
	best, bestBytes, bestRise, total := "", 0.0, 0.0, 0.0
	for _, name := range names {
		t := &a.guests[name].io
		use := mean(t.bytes[max(0, len(t.bytes)-k):])
		total += use
		if isVictim[name] || use < a.cfg.MinIOBytes {
			continue
		}
		rise := use
		if before := t.bytes[:max(0, len(t.bytes)-w)]; len(before) > 0 {
			rise = use - mean(before)
		}
		if best == "" || rise > bestRise || rise == bestRise && use > bestBytes {
			best, bestBytes, bestRise = name, use, rise
		}
	}
	if best == "" || total == 0 || bestBytes/total < a.cfg.MinShare {
		return Contention{}, false
	}
	slices.SortFunc(victims, func(x, y Victim) int {
		return cmp.Or(cmp.Compare(y.Pressure, x.Pressure), cmp.Compare(x.Guest, y.Guest))
	})
	return Contention{Time: now, Resource: "io", Aggressor: best, IOBytes: bestBytes, Share: bestBytes / total,
		Cores: mean(a.guests[best].cpu[max(0, len(a.guests[best].cpu)-k):]), Victims: victims, Since: since}, true
}

func (a *Attributor) track(name string, now time.Time) *guestTrack {
	g, ok := a.guests[name]
	if !ok {
		g = &guestTrack{}
		a.guests[name] = g
	}
	g.lastSeen = now
	return g
}

func (g *guestTrack) push(window int, bad bool, delay float64, r *Rates, now time.Time) {
	g.bad, g.delay, g.times = append(g.bad, bad), append(g.delay, delay), append(g.times, now)
	g.cpu, g.sent, g.bytes, g.recv = append(g.cpu, r.CPU), append(g.sent, r.SentPackets), append(g.bytes, r.SentBytes), append(g.recv, r.RecvPackets)
	if n := len(g.bad) - window; n > 0 {
		g.bad, g.delay, g.times = g.bad[n:], g.delay[n:], g.times[n:]
		g.cpu, g.sent, g.bytes, g.recv = g.cpu[n:], g.sent[n:], g.bytes[n:], g.recv[n:]
	}
}

// evict forgets the least recently seen guests beyond MaxGuests.
func (a *Attributor) evict() {
	if len(a.guests) <= a.cfg.MaxGuests {
		return
	}
	names := make([]string, 0, len(a.guests))
	for n := range a.guests {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return a.guests[names[i]].lastSeen.Before(a.guests[names[j]].lastSeen) })
	for _, n := range names[:len(names)-a.cfg.MaxGuests] {
		delete(a.guests, n)
	}
}

func (a *Attributor) attribute(now time.Time) []Contention {
	// In name order: sums of floats must not depend on map order, or the
	// same series would give different shares.
	var names []string
	for name, g := range a.guests {
		if g.lastSeen.Equal(now) {
			names = append(names, name) // in this round
		}
	}
	slices.Sort(names)
	var victims []Victim
	var since time.Time
	isVictim := map[string]bool{}
	w := a.cfg.Window
	for _, name := range names {
		g := a.guests[name]
		recent := max(0, len(g.bad)-w)
		n, sum, cpuBad, first := 0, 0.0, 0.0, -1
		for i := recent; i < len(g.bad); i++ {
			if g.bad[i] {
				n++
				sum += g.delay[i]
				cpuBad += g.cpu[i]
				if first < 0 {
					first = i
				}
			}
		}
		if n < a.cfg.Sustain || !g.cappedAt.IsZero() && len(g.times) > 0 && !g.cappedAt.Before(g.times[recent]) {
			continue
		}
		// A guest whose own demand grew is the cause of its wait, or
		// one of the causes: not a victim. Its demand before is its use
		// in the rounds before its run of bad rounds began (two guests
		// that contend both wait: the one that was there first is the
		// victim, the newcomer the cause, however long it lasts).
		if g.hasOnset && cpuBad/float64(n) > 1.2*g.onset+0.1 {
			continue
		}
		if since.IsZero() || g.times[first].Before(since) {
			since = g.times[first]
		}
		m := sum / float64(n)
		victims = append(victims, Victim{Guest: name, Delay: seconds(m), Baseline: seconds(g.baseline), Critical: m >= a.cfg.Critical.Seconds()})
		isVictim[name] = true
	}
	if len(victims) == 0 {
		return nil
	}
	// The aggressor: among the others, the one whose CPU use in the last
	// Sustain rounds (the victims' bad ones) grew most over its use
	// before the window; it must use enough, and a large share of what
	// all guests use.
	best, bestCPU, bestRise, total := "", 0.0, 0.0, 0.0
	for _, name := range names {
		g := a.guests[name]
		recent := max(0, len(g.cpu)-w)
		use := mean(g.cpu[max(0, len(g.cpu)-a.cfg.Sustain):])
		total += use
		if isVictim[name] || use < a.cfg.MinCores {
			continue
		}
		rise := use
		if before := g.cpu[:recent]; len(before) > 0 {
			rise = use - mean(before)
		}
		if best == "" || rise > bestRise || rise == bestRise && use > bestCPU {
			best, bestCPU, bestRise = name, use, rise
		}
	}
	if total == 0 || bestCPU/total < a.cfg.MinShare {
		best = "" // the host, not a guest, or nobody stands out
	}
	slices.SortFunc(victims, func(x, y Victim) int {
		return cmp.Or(cmp.Compare(y.Delay, x.Delay), cmp.Compare(x.Guest, y.Guest))
	})
	if c, ok := a.network(names, isVictim, best); ok {
		c.Time, c.Victims, c.Since = now, victims, since
		return []Contention{c}
	}
	if best == "" {
		return nil
	}
	return []Contention{{Time: now, Resource: "cpu", Aggressor: best, Cores: bestCPU, Share: bestCPU / total, Victims: victims, Since: since}}
}

// network finds a network aggressor: the guest (not a victim) whose
// sending into the switch grew most, sending enough and a large share of
// all; it is the contention's cause when there is no CPU aggressor
// (cpuBest ""), when it is the CPU aggressor itself, or when the CPU
// aggressor receives at least half of what it sends (then a receiver).
func (a *Attributor) network(names []string, isVictim map[string]bool, cpuBest string) (Contention, bool) {
	k := a.cfg.Sustain
	last := func(xs []float64) float64 { return mean(xs[max(0, len(xs)-k):]) }
	best, bestPkts, bestBytes, bestRise, total, totalBytes := "", 0.0, 0.0, 0.0, 0.0, 0.0
	for _, name := range names {
		g := a.guests[name]
		pkts, bytes := last(g.sent), last(g.bytes)
		total, totalBytes = total+pkts, totalBytes+bytes
		if isVictim[name] || pkts < a.cfg.MinPackets && bytes < a.cfg.MinBytes {
			continue
		}
		rise := pkts
		if before := g.sent[:max(0, len(g.sent)-a.cfg.Window)]; len(before) > 0 {
			rise = pkts - mean(before)
		}
		if best == "" || rise > bestRise || rise == bestRise && pkts > bestPkts {
			best, bestPkts, bestBytes, bestRise = name, pkts, bytes, rise
		}
	}
	if best == "" || total == 0 {
		return Contention{}, false
	}
	// Its share of the packets, or of the bytes: offloaded TCP counts a
	// 64 KB segment as one packet, an ACK as one too.
	share := bestPkts / total
	if totalBytes > 0 {
		share = max(share, bestBytes/totalBytes)
	}
	if share < a.cfg.MinShare {
		return Contention{}, false
	}
	c := Contention{Resource: "network", Aggressor: best, Packets: bestPkts, Bytes: bestBytes, Share: share,
		Cores: last(a.guests[best].cpu)}
	switch {
	case cpuBest == "" || cpuBest == best:
	case last(a.guests[cpuBest].recv) >= 0.5*bestPkts:
		c.Receivers = []string{cpuBest}
	default:
		return Contention{}, false // a CPU hog of its own: that is the contention
	}
	return c, true
}

// follow moves a baseline towards x: slowly up (alpha, the Baseline
// time constant), quickly down (a fifth of the way a round). A guest's
// normal is its quiet level: one first seen in a contended moment (a
// host booting its guests together) must not keep that as its normal for
// minutes, blind to the next contention.
func follow(baseline, x, alpha float64) float64 {
	if x < baseline {
		return baseline + max(alpha, 0.2)*(x-baseline)
	}
	return baseline + alpha*(x-baseline)
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
