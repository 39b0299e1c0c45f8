// Package beacon reports periodic, low-jitter connections from one guest to
// one peer, the way malware checks in with its command-and-control server:
// the "beacon" alert kind (MITRE ATT&CK T1071, application layer protocol;
// T1095 for ICMP).
//
// Method: RITA's beacon analysis (Active Countermeasures, Real Intelligence
// Threat Analytics, pkg/beacon), run over event time. For each pair
// (source, destination, protocol, destination port) the detector keeps the
// start time and the bytes the source sent of its latest
// Config.MaxConnections connections. Every Config.ScoreEvery, and at the end
// of input, each pair with new connections, at least
// Config.MinConnections of them and a run of at least Config.MinDuration
// is scored:
//
//   - timing score, the mean of three scores on the intervals between
//     connection starts: symmetry, 1 - |Bowley skewness| (quartile skew,
//     robust to outliers; 0 when the median equals a quartile, as in RITA);
//     dispersion, 1 - (MAD / median) / Config.JitterLimit, clamped to
//     [0, 1], where MAD is the median absolute deviation; and continuity,
//     connections / (run length / median interval + 1), at most 1, which
//     falls when the run has gaps or bursts (RITA divides the run by a
//     fixed 10 s or 90 s; dividing by the pair's own median makes the score
//     work for any period);
//   - size score, the mean of the symmetry and dispersion scores of the
//     bytes per connection, left out while fewer than half the kept
//     connections have ended;
//   - combined score, Config.TimingWeight x timing + the rest x size.
//
// A pair is reported when the combined score reaches Config.MinScore and
// its median interval is at least Config.MinInterval: one finding per
// pair per scoring round, medium or (from Config.HighScore) high severity.
//
// A run is the pair's connections since the last gap longer than
// Config.RunGap median intervals. The run's length and count are kept
// beyond the ring, so a beacon with a 2-second period, which fills the ring
// in four minutes, is still scored on its full run.
//
// What must stay quiet: monitoring servers that scrape the same port on
// many guests every few seconds, and load balancers that health-check
// many backends, are as regular as any beacon. They are told apart by
// fan-out: a source with the same rhythm (median intervals within
// Config.FanoutTolerance) towards at least Config.FanoutExempt
// destinations on the same protocol and port is exempt on that port. A
// beacon that rotates over that many servers on one port is missed; that
// is the price of not flagging every scraper. DNS, NTP, DHCP and mDNS
// clients poll by design and their ports are in Config.IgnorePorts.
//
// Only connection starts count: TCP flows that open with a SYN, UDP flows,
// and ICMP queries. A UDP beacon that keeps one source port with a period
// shorter than the flow table's UDP timeout is one long flow and is not
// seen here. The detector never alerts on a single connection, keeps at
// most Config.MaxPairs pairs and Config.MaxConnections connections per
// pair, and takes time only from events, Tick and Flush.
package beacon

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// Kind is the alert kind this detector reports.
const Kind = "beacon"

// pairKey identifies a pair: packed, comparable, pointer-free.
type pairKey struct {
	src, dst flow.Addr
	port     uint16
	proto    uint8
}

// conn is one kept connection: its start and the bytes its source sent
// (0 until the flow ends).
type conn struct {
	start flow.Time
	size  uint64
}

// LRU lists: pairs seen once wait in probation and are evicted first.
const (
	listProbation = iota
	listMain
)

type pair struct {
	key            pairKey
	srcMAC, dstMAC flow.MAC
	used           bool
	list           uint8
	prev, next     int32

	ring  []conn // chronological from head when full
	head  int    // oldest entry once the ring is full
	first flow.Time
	last  flow.Time
	total uint64 // connections in the run

	dirty  bool
	scored bool      // score and median are valid
	score  float64   // combined score at the last scoring
	median float64   // median interval in seconds at the last scoring
	period flow.Time // median interval, to detect run gaps on insert
}

// Stats are the detector's counters.
type Stats struct {
	Pairs       int    // pairs tracked now
	Connections uint64 // connection starts counted
	Ignored     uint64 // connection starts on ignored ports
	Evicted     uint64 // pairs evicted because the table was full
	Expired     uint64 // pairs forgotten after IdleTimeout
	Runs        uint64 // runs restarted after a gap
	Scored      uint64 // pair scorings
	Exempt      uint64 // beaconing pairs exempted as fan-out (scrapers, health checks)
	Findings    uint64 // findings reported
}

// Detector is the beacon detector. Not safe for concurrent use.
type Detector struct {
	cfg    Config
	deps   detect.Dependencies
	ignore [2][1024]uint64 // bitsets of ignored TCP and UDP ports

	index map[pairKey]int32
	slab  []pair
	free  []int32
	lists [2]struct{ head, tail int32 }

	now       flow.Time
	nextScore flow.Time

	// scratch buffers reused by scoring
	xs, ys []float64
	cands  []candidate
	peers  []peer
	stats  Stats
}

// New returns a detector; cfg must be valid.
func New(cfg Config, deps detect.Dependencies) *Detector {
	d := &Detector{cfg: cfg, deps: deps, index: make(map[pairKey]int32)}
	for i := range d.lists {
		d.lists[i].head, d.lists[i].tail = -1, -1
	}
	for _, s := range cfg.IgnorePorts {
		r, err := parsePorts(s)
		if err != nil {
			continue // Validate reports it
		}
		for p := uint32(r.lo); p <= uint32(r.hi); p++ {
			if r.tcp {
				d.ignore[0][p/64] |= 1 << (p % 64)
			}
			if r.udp {
				d.ignore[1][p/64] |= 1 << (p % 64)
			}
		}
	}
	return d
}

// Name returns the alert kind.
func (d *Detector) Name() string { return Kind }

// Stats returns the counters.
func (d *Detector) Stats() Stats {
	s := d.stats
	s.Pairs = len(d.index)
	return s
}

// counts reports whether f is a connection start worth counting.
func counts(f *flowtable.Flow) bool {
	switch f.Key.Proto {
	case flow.ProtoTCP:
		return f.FirstFlags&(flow.SYN|flow.ACK|flow.RST) == flow.SYN
	case flow.ProtoUDP:
		return true
	case flow.ProtoICMP, flow.ProtoICMPv6:
		return f.Key.DstPort < 256 && flow.IsICMPRequest(uint8(f.Key.DstPort), f.Key.Proto == flow.ProtoICMPv6)
	}
	return false
}

func (d *Detector) ignored(k pairKey) bool {
	var set *[1024]uint64
	switch k.proto {
	case flow.ProtoTCP:
		set = &d.ignore[0]
	case flow.ProtoUDP:
		set = &d.ignore[1]
	default:
		return false
	}
	return set[k.port/64]&(1<<(k.port%64)) != 0
}

// FlowStart records a connection start.
func (d *Detector) FlowStart(f *flowtable.Flow) {
	if !counts(f) {
		return
	}
	k := pairKey{src: f.Key.Src, dst: f.Key.Dst, port: f.Key.DstPort, proto: f.Key.Proto}
	if d.ignored(k) {
		d.stats.Ignored++
		return
	}
	d.stats.Connections++
	t := f.First
	if t > d.now {
		d.now = t
	}
	idx, ok := d.index[k]
	if !ok {
		idx = d.alloc(k, f)
	}
	p := &d.slab[idx]
	if p.total > 0 && p.period > 0 && float64(t-p.last) > d.cfg.RunGap*float64(p.period) {
		d.stats.Runs++
		p.ring, p.head, p.total, p.period, p.scored = p.ring[:0], 0, 0, 0, false
	}
	if p.total == 0 {
		p.first = t
	}
	if len(p.ring) < d.cfg.MaxConnections {
		p.ring = append(p.ring, conn{start: t})
	} else {
		p.ring[p.head] = conn{start: t}
		p.head = (p.head + 1) % len(p.ring)
	}
	p.total++
	if t > p.last {
		p.last = t
	}
	p.dirty = true
	d.unlink(idx)
	d.link(idx, listMain)
}

// FlowEnd records the bytes the source sent in the connection.
func (d *Detector) FlowEnd(f *flowtable.Flow, _ flowtable.EndReason) {
	if !counts(f) {
		return
	}
	idx, ok := d.index[pairKey{src: f.Key.Src, dst: f.Key.Dst, port: f.Key.DstPort, proto: f.Key.Proto}]
	if !ok {
		return
	}
	p := &d.slab[idx]
	if p.dstMAC.IsZero() {
		p.dstMAC = f.MAC[flowtable.Resp]
	}
	n := len(p.ring)
	for i := 1; i <= n; i++ { // newest first
		c := &p.ring[(p.head-i+n)%n]
		if c.start == f.First && c.size == 0 {
			c.size = max(f.Bytes[flowtable.Orig], 1)
			return
		}
	}
}

// Tick scores the pairs every ScoreEvery of event time.
func (d *Detector) Tick(now flow.Time) {
	if now > d.now {
		d.now = now
	}
	if d.nextScore == 0 {
		d.nextScore = now.Add(d.cfg.ScoreEvery)
		return
	}
	if now >= d.nextScore {
		d.score()
		d.nextScore = now.Add(d.cfg.ScoreEvery)
	}
}

// Flush scores what is pending at the end of input.
func (d *Detector) Flush(now flow.Time) {
	if now > d.now {
		d.now = now
	}
	d.score()
}

func (d *Detector) alloc(k pairKey, f *flowtable.Flow) int32 {
	if len(d.index) >= d.cfg.MaxPairs {
		victim := d.lists[listProbation].head
		if victim < 0 {
			victim = d.lists[listMain].head
		}
		d.stats.Evicted++
		d.remove(victim)
	}
	var idx int32
	if n := len(d.free); n > 0 {
		idx = d.free[n-1]
		d.free = d.free[:n-1]
	} else {
		d.slab = append(d.slab, pair{})
		idx = int32(len(d.slab) - 1)
	}
	p := &d.slab[idx]
	*p = pair{key: k, srcMAC: f.MAC[flowtable.Orig], dstMAC: f.MAC[flowtable.Resp], used: true,
		prev: -1, next: -1, list: listProbation, ring: p.ring[:0]}
	d.index[k] = idx
	d.link(idx, listProbation)
	return idx
}

// remove forgets a pair; its ring's storage is kept for the next pair.
func (d *Detector) remove(idx int32) {
	p := &d.slab[idx]
	delete(d.index, p.key)
	d.unlink(idx)
	p.used = false
	d.free = append(d.free, idx)
}

// link appends a pair to a list; a pair with one connection goes to
// probation, others to the main list.
func (d *Detector) link(idx int32, l uint8) {
	p := &d.slab[idx]
	if p.total < 2 {
		l = listProbation
	}
	p.list, p.next, p.prev = l, -1, d.lists[l].tail
	if p.prev >= 0 {
		d.slab[p.prev].next = idx
	} else {
		d.lists[l].head = idx
	}
	d.lists[l].tail = idx
}

func (d *Detector) unlink(idx int32) {
	p := &d.slab[idx]
	l := &d.lists[p.list]
	if p.prev >= 0 {
		d.slab[p.prev].next = p.next
	} else {
		l.head = p.next
	}
	if p.next >= 0 {
		d.slab[p.next].prev = p.prev
	} else {
		l.tail = p.prev
	}
	p.prev, p.next = -1, -1
}

// candidate is a pair that beacons in this round.
type candidate struct {
	idx int32
	res result
}

// peer is a scored pair that beacons, for the fan-out exemption.
type peer struct {
	src    flow.Addr
	port   uint16
	proto  uint8
	median float64
}

func peerCmp(a, b peer) int {
	if c := cmp.Compare(a.proto, b.proto); c != 0 {
		return c
	}
	if c := cmp.Compare(a.port, b.port); c != 0 {
		return c
	}
	if c := slices.Compare(a.src[:], b.src[:]); c != 0 {
		return c
	}
	return cmp.Compare(a.median, b.median)
}

// score expires idle pairs, scores those with new connections and
// reports the beacons that are not exempt, in slab order (deterministic).
func (d *Detector) score() {
	idle := flow.Time(d.cfg.IdleTimeout)
	for l := range d.lists {
		for h := d.lists[l].head; h >= 0 && d.slab[h].last+idle <= d.now; h = d.lists[l].head {
			d.stats.Expired++
			d.remove(h)
		}
	}
	d.cands, d.peers = d.cands[:0], d.peers[:0]
	minDur := flow.Time(d.cfg.MinDuration)
	minIvl := d.cfg.MinInterval.Seconds()
	for i := range d.slab {
		p := &d.slab[i]
		if !p.used {
			continue
		}
		if p.dirty {
			p.dirty = false
			p.scored = false
			if len(p.ring) >= d.cfg.MinConnections {
				res := d.scorePair(p)
				d.stats.Scored++
				p.scored, p.score, p.median = true, res.score, res.median
				p.period = flow.Time(res.median * 1e9)
				if res.score >= d.cfg.MinScore && res.median >= minIvl && p.last-p.first >= minDur &&
					p.total >= uint64(d.cfg.MinConnections) {
					d.cands = append(d.cands, candidate{idx: int32(i), res: res})
				}
			}
		}
		if p.scored && p.score >= d.cfg.MinScore && p.median >= minIvl {
			d.peers = append(d.peers, peer{src: p.key.src, port: p.key.port, proto: p.key.proto, median: p.median})
		}
	}
	if len(d.cands) == 0 {
		return
	}
	slices.SortFunc(d.peers, peerCmp)
	for _, c := range d.cands {
		p := &d.slab[c.idx]
		if d.cfg.FanoutExempt > 0 && d.fanout(p) >= d.cfg.FanoutExempt {
			d.stats.Exempt++
			continue
		}
		d.report(p, &c.res)
	}
}

// fanout counts the destinations towards which p's source beacons on p's
// protocol and port with p's rhythm (p included).
func (d *Detector) fanout(p *pair) int {
	tol := d.cfg.FanoutTolerance
	lo := peer{src: p.key.src, port: p.key.port, proto: p.key.proto, median: p.median / (1 + tol)}
	hi := lo
	hi.median = p.median * (1 + tol)
	i, _ := slices.BinarySearchFunc(d.peers, lo, peerCmp)
	j, _ := slices.BinarySearchFunc(d.peers, hi, func(a, b peer) int {
		if c := peerCmp(a, b); c != 0 {
			return c
		}
		return -1 // include equal medians
	})
	return j - i
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func (d *Detector) report(p *pair, r *result) {
	d.stats.Findings++
	k := p.key
	proto := flow.ProtoName(k.proto)
	svc := fmt.Sprintf("%s/%d", proto, k.port)
	dst := alert.Party{Addr: k.dst, MAC: p.dstMAC}
	mitre := "T1071"
	on := "on " + svc
	switch k.proto {
	case flow.ProtoTCP, flow.ProtoUDP:
		dst.Port = k.port
	default:
		mitre = "T1095"
		on = fmt.Sprintf("with %s type %d", proto, k.port)
	}
	sev := alert.Medium
	if r.score >= d.cfg.HighScore {
		sev = alert.High
	}
	run := p.last.Sub(p.first).Round(time.Second)
	sizes := ""
	ev := map[string]any{
		"connections":       p.total,
		"kept":              len(p.ring),
		"duration_s":        int64(run / time.Second),
		"interval_median_s": round3(r.median),
		"interval_mad_s":    round3(r.mad),
		"interval_skew":     round3(r.skew),
		"timing_score":      round3(r.timing),
		"count_score":       round3(r.count),
		"score":             round3(r.score),
	}
	if r.sized {
		ev["size_median_bytes"] = round3(r.sizeMedian)
		ev["size_mad_bytes"] = round3(r.sizeMAD)
		ev["size_skew"] = round3(r.sizeSkew)
		ev["size_score"] = round3(r.size)
		sizes = fmt.Sprintf(", sending %.0f±%.0f bytes,", r.sizeMedian, r.sizeMAD)
	}
	d.deps.Reporter.Report(&alert.Finding{
		Time:     d.now,
		Kind:     Kind,
		Severity: sev,
		Src:      alert.Party{Addr: k.src, MAC: p.srcMAC},
		Dst:      dst,
		Episode:  svc,
		Summary: fmt.Sprintf("%s connects to %s %s every %s (±%s)%s %d times over %s: beacon score %.2f",
			k.src, k.dst, on, seconds(r.median), seconds(r.mad), sizes, p.total, run, r.score),
		Evidence:  ev,
		FirstSeen: p.first,
		Mitre:     mitre,
	})
}

// seconds formats a duration in seconds readably: 30s, 2.2s, 0.05s.
func seconds(s float64) string {
	switch {
	case s >= 100:
		return time.Duration(math.Round(s) * 1e9).String()
	case s >= 10:
		return fmt.Sprintf("%.0fs", s)
	case s >= 1:
		return fmt.Sprintf("%.1fs", s)
	}
	return fmt.Sprintf("%.2fs", s)
}
