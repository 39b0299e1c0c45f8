package detect

import (
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// tickEvery is the event-time period of Tick calls.
const tickEvery = flow.Time(1e9)

// Engine feeds a flow table and dispatches what happens to the detectors.
// It implements flowtable.Observer. Not safe for concurrent use.
type Engine struct {
	table    *flowtable.Table
	starters []FlowStarter
	packets  []PacketObserver
	outcomes []OutcomeObserver
	enders   []FlowEnder
	arps     []ARPObserver
	tickers  []Ticker
	flushers []Flusher
	onEnd    func(f *flowtable.Flow)
	nextTick flow.Time
	now      flow.Time
}

// NewEngine returns an engine over a new flow table with the given
// detectors. Extra tickers (the alert manager) are ticked after the
// detectors. onEnd, if not nil, sees every flow leaving the table (to
// write flow records).
func NewEngine(cfg flowtable.Config, detectors []Detector, onEnd func(f *flowtable.Flow), extra ...Ticker) *Engine {
	e := &Engine{onEnd: onEnd}
	for _, d := range detectors {
		if x, ok := d.(FlowStarter); ok {
			e.starters = append(e.starters, x)
		}
		if x, ok := d.(PacketObserver); ok {
			e.packets = append(e.packets, x)
		}
		if x, ok := d.(OutcomeObserver); ok {
			e.outcomes = append(e.outcomes, x)
		}
		if x, ok := d.(FlowEnder); ok {
			e.enders = append(e.enders, x)
		}
		if x, ok := d.(ARPObserver); ok {
			e.arps = append(e.arps, x)
		}
		if x, ok := d.(Ticker); ok {
			e.tickers = append(e.tickers, x)
		}
		if x, ok := d.(Flusher); ok {
			e.flushers = append(e.flushers, x)
		}
	}
	e.tickers = append(e.tickers, extra...)
	e.table = flowtable.New(cfg, e)
	return e
}

// Table returns the engine's flow table (for its statistics).
func (e *Engine) Table() *flowtable.Table { return e.table }

// Process handles one event from a datapath.
func (e *Engine) Process(ev *flow.Event) {
	if ev.Time > e.now {
		e.now = ev.Time
	}
	if e.now >= e.nextTick {
		e.tick()
	}
	if ev.Kind == flow.EventARP {
		for _, d := range e.arps {
			d.ARP(ev)
		}
		return
	}
	e.table.Process(ev)
}

// Tick advances time when no events come (live mode).
func (e *Engine) Tick(now flow.Time) {
	if now > e.now {
		e.now = now
	}
	e.table.Tick(e.now)
	e.tick()
}

func (e *Engine) tick() {
	if e.nextTick == 0 {
		// Align ticks to whole seconds of event time so that the same
		// capture ticks at the same instants whatever came before.
		e.nextTick = e.now - e.now%tickEvery
	}
	for e.nextTick <= e.now {
		for _, t := range e.tickers {
			t.Tick(e.nextTick)
		}
		e.nextTick += tickEvery
		if e.now-e.nextTick > 60*tickEvery {
			// A long gap: skip the empty seconds in between.
			e.nextTick = e.now - e.now%tickEvery
		}
	}
}

// Flush ends the input: every flow ends, the detectors report what they
// hold, and the tickers see the final time.
func (e *Engine) Flush() {
	e.table.Flush()
	for _, f := range e.flushers {
		f.Flush(e.now)
	}
	for _, t := range e.tickers {
		t.Tick(e.now)
	}
}

// Now returns the latest event time.
func (e *Engine) Now() flow.Time { return e.now }

// FlowStart implements flowtable.Observer.
func (e *Engine) FlowStart(f *flowtable.Flow) {
	for _, d := range e.starters {
		d.FlowStart(f)
	}
}

// Packet implements flowtable.Observer.
func (e *Engine) Packet(f *flowtable.Flow, ev *flow.Event, dir flowtable.Dir) {
	for _, d := range e.packets {
		d.Packet(f, ev, dir)
	}
}

// Outcome implements flowtable.Observer.
func (e *Engine) Outcome(f *flowtable.Flow) {
	for _, d := range e.outcomes {
		d.Outcome(f)
	}
}

// FlowEnd implements flowtable.Observer.
func (e *Engine) FlowEnd(f *flowtable.Flow, r flowtable.EndReason) {
	for _, d := range e.enders {
		d.FlowEnd(f, r)
	}
	if e.onEnd != nil {
		e.onEnd(f)
	}
}
