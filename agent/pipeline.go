package agent

import (
	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/decode"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/detect/all"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
	"github.com/crosstalk-dev/crosstalk/inventory"
)

// Pipeline is the userspace path from captured frames to alerts: decode,
// flow table, detectors, alert manager. Replay and the AF_PACKET datapath
// drive it one frame at a time. Not safe for concurrent use.
type Pipeline struct {
	dec     decode.Decoder
	pkt     decode.Packet
	ev      flow.Event
	engine  *detect.Engine
	alerts  *alert.Manager
	frames  uint64
	tracked uint64
	// OnPacket, if set, sees every decoded frame with the port it
	// entered on (the agent learns guests' addresses from it).
	OnPacket func(port uint32, t flow.Time, pkt *decode.Packet, frame []byte)
}

// PipelineStats are the pipeline's counters.
type PipelineStats struct {
	Frames      uint64 // frames given to Frame
	Tracked     uint64 // frames that became flow events
	Truncated   uint64 // frames the decoder found truncated
	Malformed   uint64 // frames the decoder found malformed
	Unsupported uint64 // frames of kinds it does not decode
	FlowTable   flowtable.Stats
	Alerts      alert.Stats
}

// Identity names guests for the alert manager and the detectors; an
// *inventory.Table is one, and so is the agent's live identity that the
// inventory swaps as guests come and go.
type Identity interface {
	alert.Identity
	detect.Identity
}

var _ Identity = (*inventory.Table)(nil)

// NewPipeline assembles a pipeline. id may be nil (no declared
// identities; pass a nil interface, not a nil *inventory.Table); sink
// receives the alerts; onFlow, if not nil, sees every flow as it leaves
// the table.
func NewPipeline(cfg Config, id Identity, sink alert.Sink, onFlow func(f *flowtable.Flow)) *Pipeline {
	return newPipeline(cfg, id, sink, onFlow, nil)
}

// newPipeline is NewPipeline deciding flows by a segmentation policy
// (nil: none).
func newPipeline(cfg Config, id Identity, sink alert.Sink, onFlow func(f *flowtable.Flow), pol detect.Policy) *Pipeline {
	p := &Pipeline{}
	adeps := alert.Dependencies{Sink: sink}
	ddeps := detect.Dependencies{Policy: pol}
	if id != nil {
		adeps.Identity, ddeps.Identity = id, id
	}
	p.alerts = alert.NewManager(cfg.Alerts, adeps)
	ddeps.Reporter = p.alerts
	p.engine = detect.NewEngine(cfg.FlowTable, all.New(cfg.Detect, ddeps), onFlow, p.alerts)
	return p
}

// Report hands a finding that does not come from the flow table (a
// noisy neighbour) to the alert manager.
func (p *Pipeline) Report(f *alert.Finding) { p.alerts.Report(f) }

// FlowRecord is f's record with both sides named by id (nil: unnamed).
func FlowRecord(f *flowtable.Flow, id alert.Identity) flow.Record {
	rec := f.Record()
	if id != nil {
		rec.Src.SetGuest(id.Lookup(f.Key.Src, f.MAC[flowtable.Orig]))
		rec.Dst.SetGuest(id.Lookup(f.Key.Dst, f.MAC[flowtable.Resp]))
	}
	return rec
}

// Frame decodes one captured frame taken at t and feeds it through. Frames
// that cannot be decoded are counted and skipped.
func (p *Pipeline) Frame(t flow.Time, data []byte, link decode.LinkType) {
	p.FrameOn(t, data, link, 0)
}

// FrameOn is Frame for a frame that entered the switch on port (an
// interface index): the port, not the addresses it claims, says which
// guest sent it.
func (p *Pipeline) FrameOn(t flow.Time, data []byte, link decode.LinkType, port uint32) {
	p.frames++
	if err := p.dec.Decode(data, link, &p.pkt); err != nil {
		return // counted by the decoder
	}
	if p.OnPacket != nil {
		p.OnPacket(port, t, &p.pkt, data)
	}
	if !p.pkt.Event(t, &p.ev) {
		return
	}
	p.ev.Port = port
	p.tracked++
	p.engine.Process(&p.ev)
}

// Event feeds an event from a datapath that decodes on its own (eBPF).
func (p *Pipeline) Event(ev *flow.Event) { p.engine.Process(ev) }

// Tick advances time when no frames come (live mode: wall-clock ticks).
func (p *Pipeline) Tick(now flow.Time) { p.engine.Tick(now) }

// Close ends the input: every flow ends and every alert is closed.
func (p *Pipeline) Close() {
	p.engine.Flush()
	p.alerts.Flush()
}

// Stats returns the counters.
func (p *Pipeline) Stats() PipelineStats {
	return PipelineStats{
		Frames:      p.frames,
		Tracked:     p.tracked,
		Truncated:   p.dec.Truncated,
		Malformed:   p.dec.Malformed,
		Unsupported: p.dec.Unsupported,
		FlowTable:   p.engine.Table().Stats(),
		Alerts:      p.alerts.Stats(),
	}
}
