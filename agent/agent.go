package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/datapath/afpacket"
	"github.com/crosstalk-dev/crosstalk/decode"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/inventory/netns"
)

// Dependencies of an Agent.
type Dependencies struct {
	Logger *slog.Logger
	Alerts io.Writer // alert lines (stdout)
}

// Agent watches the guest ports of one host's bridges with AF_PACKET and
// runs the pipeline on what they send. New has no side effects; Start
// launches its goroutines; Stop is idempotent and waits for them.
type Agent struct {
	cfg  Config
	deps Dependencies
	log  *slog.Logger

	mu   sync.Mutex // guards pipe: one pipeline, fed by every port's reader
	pipe *Pipeline
	id   liveIdentity
	out  *lineSink

	portsMu sync.Mutex
	ports   map[int]*port // by ifindex
	gone    Stats         // counters of ports that went away

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
}

type port struct {
	name   string
	handle *afpacket.Handle
	done   chan struct{}
}

// Stats are the agent's capture counters, summed over ports.
type Stats struct {
	Ports   int
	Packets uint64 // frames the kernel handed to the rings
	Drops   uint64 // frames the kernel dropped because a ring was full
}

// New returns an agent; cfg must be valid.
func New(cfg Config, deps Dependencies) *Agent {
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Agent{cfg: cfg, deps: deps, log: deps.Logger.With("component", "agent"), ports: map[int]*port{}}
}

// Start loads the guests, opens the alert outputs, and starts watching the
// bridges. On error, what was started is stopped again.
func (a *Agent) Start(ctx context.Context) (err error) {
	if !afpacket.Supported() {
		return errors.New("start agent: the AF_PACKET datapath needs Linux")
	}
	if len(a.cfg.Bridges) == 0 {
		return errors.New("start agent: no bridge to watch (--bridge or bridges: in the config)")
	}
	a.ctx, a.cancel = context.WithCancel(ctx)
	defer func() {
		if err != nil {
			a.Stop()
		}
	}()
	if err := a.loadGuests(); err != nil {
		return err
	}
	a.out = &lineSink{w: a.deps.Alerts}
	if a.cfg.AlertsFile != "" {
		f, err := os.OpenFile(a.cfg.AlertsFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return fmt.Errorf("open alerts file: %w", err)
		}
		a.out.file = f
	}
	a.pipe = NewPipeline(a.cfg, &a.id, a.out, nil)
	if err := a.syncPorts(); err != nil {
		return err
	}
	a.wg.Add(1)
	go a.housekeeping()
	a.log.Info("agent started", "bridges", a.cfg.Bridges, "ports", len(a.ports))
	return nil
}

// loadGuests reads the guests file, or discovers the guests behind the
// bridges' ports.
func (a *Agent) loadGuests() error {
	if a.cfg.GuestsFile != "" {
		t, err := inventory.LoadFile(a.cfg.GuestsFile)
		if err != nil {
			return fmt.Errorf("load guests: %w", err)
		}
		a.id.p.Store(t)
		return nil
	}
	var all []inventory.Guest
	for _, br := range a.cfg.Bridges {
		gs, err := netns.Discover(a.ctx, br)
		if err != nil {
			return fmt.Errorf("discover guests: %w", err)
		}
		all = append(all, gs...)
	}
	t, err := inventory.NewTable(all)
	if err != nil {
		return fmt.Errorf("discover guests: %w", err)
	}
	a.id.p.Store(t)
	return nil
}

// syncPorts opens a ring on every new port of the bridges and closes the
// rings of ports that went away.
func (a *Agent) syncPorts() error {
	want := map[int]string{}
	for _, br := range a.cfg.Bridges {
		ps, err := netns.Ports(br)
		if err != nil {
			return fmt.Errorf("list ports: %w", err)
		}
		for _, p := range ps {
			want[p.Index] = p.Name
		}
	}
	a.portsMu.Lock()
	defer a.portsMu.Unlock()
	changed := false
	for idx, p := range a.ports {
		if _, ok := want[idx]; !ok {
			a.closePort(idx, p)
			changed = true
		}
	}
	for idx, name := range want {
		if _, ok := a.ports[idx]; ok {
			continue
		}
		h, err := afpacket.Open(idx, a.cfg.AFPacket)
		if err != nil {
			a.log.Warn("cannot watch port", "port", name, "err", err)
			continue
		}
		p := &port{name: name, handle: h, done: make(chan struct{})}
		a.ports[idx] = p
		a.wg.Add(1)
		go a.read(uint32(idx), p)
		changed = true
		a.log.Info("watching port", "port", name, "ifindex", idx)
	}
	if changed && a.cfg.GuestsFile == "" {
		if err := a.loadGuests(); err != nil {
			a.log.Warn("guests not refreshed", "err", err)
		}
	}
	return nil
}

func (a *Agent) closePort(idx int, p *port) {
	if st, err := p.handle.Stats(); err == nil {
		a.gone.Packets += st.Packets
		a.gone.Drops += st.Drops
	}
	p.handle.Close()
	<-p.done
	delete(a.ports, idx)
	a.log.Info("port gone", "port", p.name, "ifindex", idx)
}

// read feeds one port's frames to the pipeline until its ring is closed.
func (a *Agent) read(ifindex uint32, p *port) {
	defer a.wg.Done()
	defer close(p.done)
	for {
		err := p.handle.Read(func(t flow.Time, data []byte) {
			a.mu.Lock()
			a.pipe.FrameOn(t, data, decode.LinkEthernet, ifindex)
			a.mu.Unlock()
		})
		if errors.Is(err, afpacket.ErrClosed) {
			return
		}
		if err != nil {
			a.log.Warn("read port", "port", p.name, "err", err)
			select {
			case <-a.ctx.Done():
				return
			case <-time.After(time.Second):
			}
		}
	}
}

// housekeeping ticks the pipeline with the wall clock once a second (live
// mode: timers fire even when no frame comes) and follows the bridges'
// ports.
func (a *Agent) housekeeping() {
	defer a.wg.Done()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	poll := time.NewTicker(a.cfg.PortPoll)
	defer poll.Stop()
	report := time.NewTicker(10 * time.Second)
	defer report.Stop()
	var drops uint64
	for {
		select {
		case <-a.ctx.Done():
			return
		case now := <-tick.C:
			a.mu.Lock()
			a.pipe.Tick(flow.FromTime(now))
			a.mu.Unlock()
		case <-poll.C:
			if err := a.syncPorts(); err != nil {
				a.log.Warn("follow ports", "err", err)
			}
		case <-report.C:
			// Never hide missed packets: say so as soon as rings drop.
			if st := a.Stats(); st.Drops > drops {
				a.log.Warn("capture rings dropped packets", "drops", st.Drops-drops, "drops_total", st.Drops,
					"packets_total", st.Packets, "hint", "raise afpacket.num_blocks or block_size")
				drops = st.Drops
			}
		}
	}
}

// Stats sums the kernel's counters over the ports, including those gone.
func (a *Agent) Stats() Stats {
	a.portsMu.Lock()
	defer a.portsMu.Unlock()
	s := a.gone
	s.Ports = len(a.ports)
	for _, p := range a.ports {
		if st, err := p.handle.Stats(); err == nil {
			s.Packets += st.Packets
			s.Drops += st.Drops
		}
	}
	return s
}

// Stop closes every ring, waits for the readers, closes every episode
// (writing the final alert lines) and the alerts file. It is idempotent.
func (a *Agent) Stop() {
	a.once.Do(func() {
		if a.cancel != nil {
			a.cancel()
		}
		st := a.Stats()
		// Close the rings in parallel: each close waits for the kernel's
		// RCU grace period (tens of milliseconds).
		a.portsMu.Lock()
		var closing sync.WaitGroup
		for _, p := range a.ports {
			closing.Add(1)
			go func() { defer closing.Done(); p.handle.Close() }()
		}
		closing.Wait()
		for idx, p := range a.ports {
			a.closePort(idx, p)
		}
		a.portsMu.Unlock()
		a.wg.Wait()
		if a.pipe != nil {
			a.pipe.Close()
			ps := a.pipe.Stats()
			a.log.Info("agent stopped", "packets", st.Packets, "drops", st.Drops, "frames", ps.Frames,
				"flows", ps.FlowTable.Created, "alerts", ps.Alerts.Alerts)
		}
		if a.out != nil && a.out.file != nil {
			a.out.file.Close()
		}
	})
}

// liveIdentity is the identity the pipeline asks; the inventory swaps the
// table behind it atomically as guests come and go.
type liveIdentity struct {
	p atomic.Pointer[inventory.Table]
}

func (l *liveIdentity) table() *inventory.Table { return l.p.Load() }

func (l *liveIdentity) Lookup(a flow.Addr, m flow.MAC) (string, string) {
	if t := l.table(); t != nil {
		return t.Lookup(a, m)
	}
	return "", ""
}

func (l *liveIdentity) GuestByMAC(m flow.MAC) string {
	if t := l.table(); t != nil {
		return t.GuestByMAC(m)
	}
	return ""
}

func (l *liveIdentity) GuestByIP(a flow.Addr) string {
	if t := l.table(); t != nil {
		return t.GuestByIP(a)
	}
	return ""
}

func (l *liveIdentity) GuestByPort(p uint32) string {
	if t := l.table(); t != nil {
		return t.GuestByPort(p)
	}
	return ""
}

// lineSink writes an alert as one JSON line when its episode opens, so
// that people see it at once, and again with its final count when it
// closes; the id ties the two. Each line is one write: the file is never
// left with half a line.
type lineSink struct {
	w    io.Writer
	file *os.File
	Err  error
}

func (s *lineSink) write(a *alert.Alert) {
	b, err := json.Marshal(a)
	if err != nil {
		s.Err = err
		return
	}
	b = append(b, '\n')
	if s.w != nil {
		if _, err := s.w.Write(b); err != nil && s.Err == nil {
			s.Err = err
		}
	}
	if s.file != nil {
		if _, err := s.file.Write(b); err != nil && s.Err == nil {
			s.Err = err
		}
	}
}

func (s *lineSink) Open(a *alert.Alert)  { s.write(a) }
func (s *lineSink) Close(a *alert.Alert) { s.write(a) }
