// Package bandwidth detects a guest that takes so much of the switch's
// bandwidth that it hurts the others.
//
// Method. Bytes are summed per sender (source address) and for the whole
// switch over fixed windows of event time (Window, aligned to multiples of
// it). At the end of each window a sender qualifies when it sent at least
// MinShare of the switch's bytes, at a rate of at least MinBPS, while at
// least MinOthers other senders were active; it is reported once it has
// qualified for MinWindows consecutive windows, and again after each
// further window while it lasts.
//
// Why all three: volume alone is not harm. A backup or a migration alone
// on a quiet switch takes all the bandwidth and hurts nobody (benign, and
// DESIGN.md requires that bulk transfers do not alert); a guest that keeps
// most of a switch that others are using does hurt them, and the rate
// floor keeps small shares of small traffic out. Requiring consecutive
// windows leaves short bursts alone.
//
// Senders are source addresses: a guest that forges its source address
// spreads its bytes over several senders and is left to the spoof
// detector. The per-packet work is one map lookup (none while the same one
// or two senders keep sending: a bulk transfer and its ACKs) and no
// allocation. The first and last windows of an input are judged only if
// they lasted at least half a window.
//
// It must never alert on a sender alone on the switch, nor on one whose
// share or rate is high only for less than MinWindows windows. It never
// reports per packet: at most once a window. Its table is bounded.
package bandwidth

import (
	"fmt"
	"math"
	"strconv"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// Kind is the alert kind.
const Kind = "bandwidth"

// Mitre is the technique that fits when hogging is hostile: network
// denial of service.
const Mitre = "T1498"

type sender struct {
	mac    flow.MAC
	bytes  uint64 // in the current window
	streak int    // consecutive qualifying windows
	since  flow.Time
}

// Stats are the detector's counters.
type Stats struct {
	Senders        int    // senders followed now
	SendersEvicted uint64 // senders forgotten because MaxSenders was reached
	Windows        uint64 // windows judged
	Findings       uint64
}

// Detector is the bandwidth detector. Not safe for concurrent use.
type Detector struct {
	cfg     Config
	deps    detect.Dependencies
	window  flow.Time
	senders *detect.LRU[flow.Addr, sender]

	// The last two senders looked up: bulk traffic comes in runs, and a
	// conversation alternates between its two ends. Valid until the LRU
	// adds or deletes an entry.
	cacheKey [2]flow.Addr
	cache    [2]*sender

	total      uint64 // bytes on the switch in the current window
	start, end flow.Time
	quiet      []flow.Addr
	stats      Stats
}

// New returns a bandwidth detector; cfg must be valid.
func New(cfg Config, deps detect.Dependencies) *Detector {
	return &Detector{
		cfg:     cfg,
		deps:    deps,
		window:  flow.Time(cfg.Window),
		senders: detect.NewLRU[flow.Addr, sender](cfg.MaxSenders),
	}
}

// Name implements detect.Detector.
func (d *Detector) Name() string { return Kind }

// Stats returns the counters.
func (d *Detector) Stats() Stats {
	s := d.stats
	s.Senders = d.senders.Len()
	s.SendersEvicted = d.senders.Evicted
	return s
}

// Packet implements detect.PacketObserver.
func (d *Detector) Packet(_ *flowtable.Flow, ev *flow.Event, _ flowtable.Dir) {
	d.total += ev.Bytes
	k := ev.Key.Src
	switch {
	case d.cache[0] != nil && d.cacheKey[0] == k:
		d.cache[0].bytes += ev.Bytes
		return
	case d.cache[1] != nil && d.cacheKey[1] == k:
		d.cache[1].bytes += ev.Bytes
		return
	}
	s, isNew := d.senders.Put(k)
	if isNew {
		s.mac = ev.SrcMAC
		d.cache = [2]*sender{} // the LRU may have moved its entries
	}
	s.bytes += ev.Bytes
	d.cacheKey[1], d.cache[1] = d.cacheKey[0], d.cache[0]
	d.cacheKey[0], d.cache[0] = k, s
}

// Tick implements detect.Ticker: it judges each window when it ends.
func (d *Detector) Tick(now flow.Time) {
	if d.end == 0 {
		d.start, d.end = now, now-now%d.window+d.window
		return
	}
	if now >= d.end {
		d.close(now)
	}
}

// Flush implements detect.Flusher: the last window of an input is judged
// if it lasted at least half a window.
func (d *Detector) Flush(now flow.Time) {
	if d.end != 0 && now > d.start && now < d.end {
		d.end = now
		d.close(now)
	}
}

// close judges the window that ends at d.end and starts the next one.
func (d *Detector) close(now flow.Time) {
	// A window shorter than half the usual (the first and the last of an
	// input) is not judged.
	judge := 2*(d.end-d.start) >= d.window
	gap := now >= d.end+d.window // whole windows without a tick: nothing was sent
	secs := d.end.Sub(d.start).Seconds()
	active := 0
	d.senders.Range(func(_ flow.Addr, s *sender) bool {
		if s.bytes > 0 {
			active++
		}
		return true
	})
	d.senders.Range(func(k flow.Addr, s *sender) bool {
		if judge {
			d.judge(k, s, active, secs)
		}
		if gap {
			s.streak = 0
		}
		if s.bytes == 0 && s.streak == 0 {
			d.quiet = append(d.quiet, k)
		}
		s.bytes = 0
		return true
	})
	if judge {
		d.stats.Windows++
	}
	for _, k := range d.quiet {
		d.senders.Delete(k)
	}
	if len(d.quiet) > 0 {
		d.quiet, d.cache = d.quiet[:0], [2]*sender{}
	}
	d.total = 0
	d.start = d.end
	if gap {
		d.start = now - now%d.window
	}
	d.end = d.start - d.start%d.window + d.window
}

func (d *Detector) judge(k flow.Addr, s *sender, active int, secs float64) {
	c := &d.cfg
	if s.bytes == 0 || d.total == 0 {
		s.streak = 0
		return
	}
	bps := float64(s.bytes) * 8 / secs
	share := float64(s.bytes) / float64(d.total)
	others := active - 1
	if share < c.MinShare || bps < float64(c.MinBPS) || others < c.MinOthers {
		s.streak = 0
		return
	}
	s.streak++
	if s.streak == 1 {
		s.since = d.start
	}
	if s.streak < c.MinWindows {
		return
	}
	sev := alert.Medium
	if bps >= 4*float64(c.MinBPS) {
		sev = alert.High
	}
	switchBPS := float64(d.total) * 8 / secs
	lasted := d.end.Sub(s.since)
	d.stats.Findings++
	d.deps.Reporter.Report(&alert.Finding{
		Time:     d.end,
		Kind:     Kind,
		Severity: sev,
		Src:      alert.Party{Addr: k, MAC: s.mac},
		Summary: fmt.Sprintf("%s sent %s, %.0f%% of the switch's %s, for %.0f s while %d other senders were active",
			k, rate(bps), 100*share, rate(switchBPS), lasted.Seconds(), others),
		Evidence: map[string]any{
			"bps":        int64(bps),
			"share":      math.Round(share*1000) / 1000,
			"switch_bps": int64(switchBPS),
			"others":     others,
			"windows":    s.streak,
			"window_s":   secs,
			"bytes":      s.bytes,
		},
		FirstSeen: s.since,
		Mitre:     Mitre,
	})
}

// rate formats bits per second: 2.01 Gbit/s, 532 Mbit/s.
func rate(bps float64) string {
	units := []string{"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"}
	i := 0
	for bps >= 1000 && i < len(units)-1 {
		bps /= 1000
		i++
	}
	prec := 0
	if bps < 10 && i > 0 {
		prec = 2
	} else if bps < 100 && i > 0 {
		prec = 1
	}
	return strconv.FormatFloat(bps, 'f', prec, 64) + " " + units[i]
}
