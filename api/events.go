package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/flow"
)

// Event is one record for the live stream, encoded once for every
// client, with the fields the stream's filters look at.
type Event struct {
	Type     string // "alert" or "flow"
	Src, Dst string // guest names, "" when unknown
	Kind     string // alerts
	Severity string // alerts
	Port     uint16 // flows: the responder's port
	Data     []byte // the record's JSON
}

// AlertEvent makes the event for an alert; data is its JSON, when the
// caller has it already (else nil).
func AlertEvent(a *alert.Alert, data []byte) Event {
	if data == nil {
		data, _ = json.Marshal(a)
	}
	ev := Event{Type: "alert", Kind: a.Kind, Severity: string(a.Severity), Data: data}
	if a.Src != nil {
		ev.Src = a.Src.Guest
	}
	if a.Dst != nil {
		ev.Dst = a.Dst.Guest
	}
	return ev
}

// FlowEvent makes the event for a finished flow.
func FlowEvent(r *flow.Record) Event {
	data, _ := json.Marshal(r)
	return Event{Type: "flow", Src: r.Src.Guest, Dst: r.Dst.Guest, Port: r.Dst.Port, Data: data}
}

// Hub hands events to the open streams. Publish never blocks and costs
// one atomic load while no stream is open: the pipeline that feeds it
// must not wait for a browser.
type Hub struct {
	max, queue int

	mu      sync.RWMutex
	streams map[*stream]struct{}
	open    atomic.Int32

	published, dropped, refused atomic.Uint64
}

// HubStats are the hub's counters.
type HubStats struct {
	Streams   int    // open now
	Published uint64 // events handed to streams
	Dropped   uint64 // events a stream's queue had no room for
	Refused   uint64 // streams refused because MaxStreams were open
}

// NewHub returns a hub for at most maxStreams streams of queue events
// each.
func NewHub(maxStreams, queue int) *Hub {
	return &Hub{max: maxStreams, queue: queue, streams: map[*stream]struct{}{}}
}

// Active reports whether any stream is open; callers skip building
// events when none is.
func (h *Hub) Active() bool { return h != nil && h.open.Load() > 0 }

// Publish offers ev to every stream whose filter takes it.
func (h *Hub) Publish(ev Event) {
	if !h.Active() {
		return
	}
	h.mu.RLock()
	defer h.mu.RUnlock()
	for s := range h.streams {
		if !s.filter.takes(&ev) {
			continue
		}
		select {
		case s.ch <- ev:
			h.published.Add(1)
		default:
			s.dropped.Add(1)
			h.dropped.Add(1)
		}
	}
}

// Stats returns the counters.
func (h *Hub) Stats() HubStats {
	return HubStats{Streams: int(h.open.Load()), Published: h.published.Load(), Dropped: h.dropped.Load(), Refused: h.refused.Load()}
}

type stream struct {
	filter  filter
	ch      chan Event
	dropped atomic.Uint64
}

func (h *Hub) subscribe(f filter) *stream {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.streams) >= h.max {
		h.refused.Add(1)
		return nil
	}
	s := &stream{filter: f, ch: make(chan Event, h.queue)}
	h.streams[s] = struct{}{}
	h.open.Add(1)
	return s
}

func (h *Hub) unsubscribe(s *stream) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.streams, s)
	h.open.Add(-1)
}

// filter is a stream's server-side selection.
type filter struct {
	alerts, flows  bool
	guest          string
	kind, severity string
	port           uint16
}

func (f *filter) takes(ev *Event) bool {
	switch {
	case ev.Type == "alert" && !f.alerts, ev.Type == "flow" && !f.flows:
		return false
	case f.guest != "" && ev.Src != f.guest && ev.Dst != f.guest:
		return false
	case ev.Type == "alert" && (f.kind != "" && ev.Kind != f.kind || f.severity != "" && ev.Severity != f.severity):
		return false
	case ev.Type == "flow" && f.port != 0 && ev.Port != f.port:
		return false
	}
	return true
}

func parseFilter(p *params) filter {
	f := filter{alerts: true, flows: true, guest: p.str("guest"), kind: p.str("kind"),
		severity: p.oneOf("severity", severities...), port: uint16(p.int("port", 1, 65535))}
	if t := p.str("types"); t != "" {
		f.alerts, f.flows = false, false
		for _, typ := range strings.Split(t, ",") {
			switch typ {
			case "alert":
				f.alerts = true
			case "flow":
				f.flows = true
			default:
				p.fail(fmt.Errorf("types: want alert, flow or both (alert,flow), got %q", typ))
			}
		}
	}
	return f
}

// keepalive is how often an idle stream gets a comment line.
const keepalive = 15 * time.Second

// events serves the live stream: text/event-stream, one event per record,
// a "dropped" event before the next one that fits when the client fell
// behind. Each write has a deadline: a client that stops reading is cut
// off rather than holding a stream (and its queue) forever.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "types", "guest", "kind", "severity", "port")
	f := parseFilter(p)
	if p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return
	}
	st := s.hub.subscribe(f)
	if st == nil {
		writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("too many live streams open (%d): close one, or raise api.max_streams", s.cfg.MaxStreams))
		return
	}
	defer s.hub.unsubscribe(st)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	write := func(chunks ...[]byte) bool {
		rc.SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout))
		for _, c := range chunks {
			if _, err := w.Write(c); err != nil {
				return false
			}
		}
		return rc.Flush() == nil
	}
	if !write([]byte(": crosstalk live stream\n\n")) {
		return
	}
	tick := time.NewTicker(keepalive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			if !write([]byte(": keepalive\n\n")) {
				return
			}
		case ev := <-st.ch:
			if n := st.dropped.Swap(0); n > 0 {
				if !write([]byte(fmt.Sprintf("event: dropped\ndata: {\"dropped\":%d}\n\n", n))) {
					return
				}
			}
			if !write([]byte("event: "+ev.Type+"\ndata: "), ev.Data, []byte("\n\n")) {
				return
			}
		}
	}
}
