package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/alert/sinks"
	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/datapath/afpacket"
	"github.com/crosstalk-dev/crosstalk/datapath/ebpf"
	"github.com/crosstalk-dev/crosstalk/decode"
	"github.com/crosstalk-dev/crosstalk/fleet"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/inventory/libvirt"
	"github.com/crosstalk-dev/crosstalk/inventory/netns"
	"github.com/crosstalk-dev/crosstalk/store"
)

// Dependencies of an Agent.
type Dependencies struct {
	Logger *slog.Logger
	Alerts io.Writer // alert lines (stdout)
	// Table writes alerts to Alerts as table rows for people, one when
	// an episode opens, instead of JSON lines. The alerts file always
	// gets JSON lines.
	Table bool
	// Version is the binary's, told to the fleet server.
	Version string
	// Registerer, if not nil, gets the agent's metrics
	// (crosstalk_agent_ring_drops_total and friends).
	Registerer prometheus.Registerer
}

// Agent watches the guest ports of one host's bridges with one AF_PACKET
// ring and runs the pipeline on what the guests send. New has no side effects; Start
// launches its goroutines; Stop is idempotent and waits for them.
type Agent struct {
	cfg  Config
	deps Dependencies
	log  *slog.Logger

	mu    sync.Mutex // guards pipe and learn: one pipeline, fed by every port's reader
	pipe  *Pipeline
	learn *learner
	id    liveIdentity
	out   *lineSink

	invMu   sync.Mutex // serialises refresh: providers report from their goroutines
	book    *guestBook
	bridged map[int]string // the bridges' ports when netns last looked

	hub       *api.Hub             // the API's live stream
	policy    policyState          // the segmentation policy in force
	kernel    kernelTables         // the compiled policy in the kernel (ebpf)
	applyMu   sync.Mutex           // one policy apply at a time
	thrMu     sync.Mutex           // throttles
	throttles map[string]*throttle // CPU caps in force, by guest
	flows     *sinks.RotatingFile  // flow records, when flows_file is set
	store     *store.Store         // history, when store.path is set
	sinks     *sinks.Set           // syslog and webhook forwarding, when configured
	flowErrs  uint64

	ring    *afpacket.Handle               // one ring for every interface (afpacket)
	bpf     *ebpf.Datapath                 // the programs on every port (ebpf)
	mode    string                         // the datapath in use
	why     string                         // why auto did not take ebpf
	ports   atomic.Pointer[map[int]string] // watched ports: ifindex -> name
	skipped atomic.Uint64                  // frames of interfaces not watched

	metrics *collector
	fleet   *fleet.Publisher // nil without fleet.url
	rounds  resourceRounds   // the resource sampler's recent rounds, for the API and the fleet

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
}

// Stats are the agent's capture counters.
type Stats struct {
	Ports   int    // guest ports watched
	Packets uint64 // frames the kernel handed to the ring (all interfaces)
	Drops   uint64 // frames the kernel dropped because the ring was full
	Skipped uint64 // frames of interfaces that are not watched ports
}

// New returns an agent; cfg must be valid.
func New(cfg Config, deps Dependencies) *Agent {
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Agent{cfg: cfg, deps: deps, log: deps.Logger.With("component", "agent"),
		hub: api.NewHub(cfg.API.MaxStreams, cfg.API.StreamQueue)}
}

// Start loads the guests, opens the alert outputs, and starts watching the
// bridges. On error, what was started is stopped again.
func (a *Agent) Start(ctx context.Context) (err error) {
	providers := ProvidersFor(a.cfg)
	if len(a.cfg.Bridges) == 0 && !slices.Contains(providers, libvirt.Source) {
		return errors.New("start agent: no bridge to watch (--bridge or bridges: in the config) and no libvirt to follow")
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
	if err := a.openOutputs(); err != nil {
		return err
	}
	// The datapath before the first refresh: it attaches to the ports
	// the refresh finds.
	if err := a.openDatapath(); err != nil {
		return fmt.Errorf("start agent: %w", err)
	}
	if err := a.loadPolicy(); err != nil {
		return fmt.Errorf("start agent: %w", err)
	}
	if a.bpf != nil {
		a.policy.canEnforce, a.policy.kernel = true, a.kernelVerdict
		a.bpf.OnSpoof(a.onSpoof)
	}
	a.pipe = newPipeline(a.cfg, &a.id, a.out, a.writeFlow, &a.policy)
	a.learn = newLearner()
	a.pipe.OnPacket = a.learn.observe
	if err := a.refresh(); err != nil {
		return err
	}
	if slices.Contains(providers, libvirt.Source) {
		a.followLibvirt()
	}
	if a.deps.Registerer != nil {
		a.metrics = newCollector(a)
		if err := a.deps.Registerer.Register(a.metrics); err != nil {
			return fmt.Errorf("start agent: register metrics: %w", err)
		}
	}
	a.adoptThrottles()
	a.wg.Add(2)
	if a.bpf != nil {
		go a.readBPF()
	} else {
		go a.read()
	}
	go a.housekeeping()
	if a.cfg.Resources.Interval > 0 {
		a.wg.Add(1)
		go a.resourceLoop()
	}
	a.log.Info("agent started", "datapath", a.mode, "bridges", a.cfg.Bridges, "providers", providers, "guests", a.id.table().Len(), "ports", len(*a.ports.Load()))
	a.wg.Add(1)
	go a.logHostFacts()
	if a.cfg.Fleet.URL != "" {
		p, err := fleet.NewPublisher(a.cfg.Fleet, a.cfg.Host, a.deps.Version, a.store, fleetState{a}, a.deps.Logger)
		if err != nil {
			return fmt.Errorf("start agent: %w", err)
		}
		a.fleet = p
		a.log.Info("reporting to the fleet", "url", a.cfg.Fleet.URL, "host", a.cfg.Host)
	}
	return nil
}

// logHostFacts says once, at start, what the host runs (the patch facts
// the fleet server and the planner read): in the background, as asking
// QEMU and libvirt their versions takes a moment.
func (a *Agent) logHostFacts() {
	defer a.wg.Done()
	p, notes := fleet.FactsSource{}.Facts(a.ctx)
	a.log.Info("host facts", "kernel_running", p.KernelRunning, "kernel_installed", p.KernelInstalled, "qemu", p.QEMU,
		"libvirt", p.Libvirt, "reboot_required", p.RebootRequired, "last_patched", p.LastPatched, "unknown", notes)
}

// openOutputs opens where alerts and flows go: stdout and the live
// stream at once; the alerts file, the forwarding sinks and the flows
// file; the store, after whose commits the file and sinks are written.
func (a *Agent) openOutputs() error {
	a.out = &lineSink{w: a.deps.Alerts, table: a.deps.Table, hub: a.hub}
	if a.cfg.AlertsFile != "" {
		f, err := sinks.OpenRotating(a.cfg.AlertsFile, a.cfg.Rotate.MaxBytes, a.cfg.Rotate.Keep)
		if err != nil {
			return fmt.Errorf("open alerts file: %w", err)
		}
		a.out.file = f
	}
	if len(a.cfg.Sinks.Syslog)+len(a.cfg.Sinks.Webhook) > 0 {
		fwd, err := sinks.New(a.cfg.Sinks, a.deps.Logger)
		if err != nil {
			return fmt.Errorf("start agent: sinks: %w", err)
		}
		a.sinks, a.out.fwd = fwd, fwd
	}
	if a.cfg.Store.Path != "" {
		st, err := store.Open(a.cfg.Store)
		if err != nil {
			return fmt.Errorf("start agent: %w", err)
		}
		a.store, a.out.store = st, st
		st.AfterCommit(a.out.committed)
		if a.cfg.Fleet.URL != "" {
			// Before the first alert: every alert committed is in the
			// outbox too.
			st.SetOutbox(a.cfg.Fleet.Outbox, fleet.EncodeAlert(a.cfg.Host))
		}
	}
	if a.cfg.FlowsFile != "" {
		f, err := sinks.OpenRotating(a.cfg.FlowsFile, a.cfg.Rotate.MaxBytes, a.cfg.Rotate.Keep)
		if err != nil {
			return fmt.Errorf("open flows file: %w", err)
		}
		a.flows = f
	}
	return nil
}

// loadGuests reads the guests file and discovers the namespaces on the
// bridges, as the configured providers say.
func (a *Agent) loadGuests() error {
	providers := ProvidersFor(a.cfg)
	a.book = newGuestBook(providers, a.cfg.Inventory.Labels)
	if slices.Contains(providers, "file") {
		if a.cfg.GuestsFile == "" {
			return errors.New("load guests: the file provider needs guests_file (--guests)")
		}
		gs, err := inventory.ReadFile(a.cfg.GuestsFile)
		if err != nil {
			return fmt.Errorf("load guests: %w", err)
		}
		a.book.set(inventory.Report{Source: "file", Guests: gs})
	}
	return nil
}

// netnsReport reads the namespaces behind the bridges' veth ports.
func netnsReport(ctx context.Context, bridges []string) inventory.Report {
	r := inventory.Report{Source: "netns"}
	for _, br := range bridges {
		gs, err := netns.Discover(ctx, br)
		if err != nil {
			r.Err = err
			continue
		}
		r.Guests = append(r.Guests, gs...)
	}
	return r
}

// followLibvirt starts the libvirt provider; Start waits a moment for
// its first report, so that the agent starts with the VMs named.
func (a *Agent) followLibvirt() {
	p := libvirt.New(a.cfg.Inventory.Libvirt, a.cfg.Host, a.deps.Logger)
	first := make(chan struct{})
	var once sync.Once
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		p.Run(a.ctx, func(r inventory.Report) {
			a.book.set(r)
			if err := a.refresh(); err != nil {
				a.log.Warn("follow guests", "err", err)
			}
			once.Do(func() { close(first) })
		})
	}()
	select {
	case <-first:
	case <-time.After(3 * time.Second):
		a.log.Warn("libvirt has not answered yet; starting without its guests", "uri", a.cfg.Inventory.Libvirt.URI)
	}
}

// refresh lists the bridges' ports, rediscovers namespaces when they
// changed, rebuilds the identity table from every provider's latest
// report and swaps it in when something changed. Frames entering on the
// bridges' ports and on every active guest's port are the guests'; every
// other interface's are skipped.
func (a *Agent) refresh() error {
	a.invMu.Lock()
	defer a.invMu.Unlock()
	bridged := map[int]string{}
	for _, br := range a.cfg.Bridges {
		ps, err := netns.Ports(br)
		if err != nil {
			return fmt.Errorf("list ports: %w", err)
		}
		for _, p := range ps {
			bridged[p.Index] = p.Name
		}
	}
	if slices.Contains(ProvidersFor(a.cfg), "netns") && (a.bridged == nil || !maps.Equal(a.bridged, bridged)) {
		a.book.set(netnsReport(a.ctx, a.cfg.Bridges))
	}
	a.bridged = bridged
	old := a.id.table()
	t := a.book.table(bridged)
	if !t.Equal(old) {
		for _, c := range changes(old, t) {
			a.log.Info(c)
		}
		if old == nil || !slices.EqualFunc(old.Conflicts(), t.Conflicts(), func(x, y inventory.Conflict) bool { return x.String() == y.String() }) {
			for _, c := range t.Conflicts() {
				a.log.Warn("providers disagree; the disputed fact names nobody", "conflict", c.String())
			}
		}
		if old == nil || !slices.Equal(old.Errors(), t.Errors()) {
			for _, e := range t.Errors() {
				a.log.Warn("guest provider", "err", e)
			}
		}
		a.id.p.Store(t)
		a.policy.forget() // labels may have changed
		if err := a.pushPolicy(); err != nil {
			a.log.Warn("policy for the new guests", "err", err)
		}
		a.pushPortIdentities(t)
		a.recordGuests(t)
	}
	want := guestPorts(t)
	maps.Copy(want, bridged)
	a.setPorts(want)
	if a.learn != nil {
		a.mu.Lock()
		a.learn.forget(want)
		a.mu.Unlock()
	}
	return nil
}

// setPorts swaps in the watched ports, logging what changed.
func (a *Agent) setPorts(want map[int]string) {
	old := a.ports.Load()
	if old != nil && maps.Equal(*old, want) {
		return
	}
	for idx, name := range want {
		if old == nil || (*old)[idx] != name {
			a.log.Info("watching port", "port", name, "ifindex", idx)
			if a.bpf != nil {
				if err := a.bpf.Attach(idx); err != nil {
					a.log.Warn("attach the eBPF programs", "port", name, "err", err)
				}
			}
		}
	}
	if old != nil {
		for idx, name := range *old {
			if _, ok := want[idx]; !ok {
				a.log.Info("port gone", "port", name, "ifindex", idx)
				if a.bpf != nil {
					a.bpf.Detach(idx) // the port is usually gone with its programs
				}
			}
		}
	}
	a.ports.Store(&want)
}

// Guests returns the identity table the agent uses now.
func (a *Agent) Guests() *inventory.Table { return a.id.table() }

// read feeds the frames of watched ports to the pipeline until the ring
// is closed. One ring keeps the kernel's order across ports.
func (a *Agent) read() {
	defer a.wg.Done()
	for {
		ports := *a.ports.Load()
		err := a.ring.ReadFrom(func(t flow.Time, ifindex int, data []byte) {
			if _, ok := ports[ifindex]; !ok {
				a.skipped.Add(1)
				return
			}
			a.mu.Lock()
			a.pipe.FrameOn(t, data, decode.LinkEthernet, uint32(ifindex))
			a.mu.Unlock()
		})
		if errors.Is(err, afpacket.ErrClosed) {
			return
		}
		if err != nil {
			a.log.Warn("read ring", "err", err)
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
	seen := time.NewTicker(5 * time.Minute)
	defer seen.Stop()
	var drops uint64
	var bpfSeen bpfReport
	for {
		select {
		case <-a.ctx.Done():
			return
		case now := <-tick.C:
			a.mu.Lock()
			a.pipe.Tick(flow.FromTime(now))
			a.mu.Unlock()
		case <-poll.C:
			if err := a.refresh(); err != nil {
				a.log.Warn("follow ports", "err", err)
			}
		case <-seen.C:
			a.recordGuests(a.id.table())
		case <-report.C:
			// Never hide missed packets: say so as soon as rings drop.
			if st := a.Stats(); st.Drops > drops {
				a.log.Warn("capture rings dropped packets", "drops", st.Drops-drops, "drops_total", st.Drops,
					"packets_total", st.Packets, "hint", "raise afpacket.num_blocks or block_size")
				drops = st.Drops
			}
			if a.bpf != nil {
				a.reportBPF(&bpfSeen)
			}
		}
	}
}

// recordGuests keeps the guests in the store, so that a guest gone by the
// time someone looks into last night's alert is still known: when the
// table changes, and every five minutes (their last_seen).
func (a *Agent) recordGuests(t *inventory.Table) {
	if a.store != nil && t != nil {
		a.store.PutGuests(time.Now(), t.Guests())
	}
}

// writeFlow appends a flow's record to the flows file, one write per
// line, and queues it for the store (called with a.mu held, from the
// pipeline).
func (a *Agent) writeFlow(f *flowtable.Flow) {
	if a.store == nil && a.flows == nil && !a.hub.Active() {
		return
	}
	rec := FlowRecord(f, &a.id)
	if a.store != nil {
		a.store.PutFlow(&rec)
	}
	if a.hub.Active() {
		a.hub.Publish(api.FlowEvent(&rec))
	}
	if a.flows == nil {
		return
	}
	b, err := json.Marshal(&rec)
	if err == nil {
		_, err = a.flows.Write(append(b, '\n'))
	}
	if err != nil {
		if a.flowErrs == 0 {
			a.log.Warn("write flows file", "err", err)
		}
		a.flowErrs++
	}
}

// Stats returns the capture counters.
func (a *Agent) Stats() Stats {
	var s Stats
	if p := a.ports.Load(); p != nil {
		s.Ports = len(*p)
	}
	if a.ring != nil {
		if st, err := a.ring.Stats(); err == nil {
			s.Packets, s.Drops = st.Packets, st.Drops
		}
	}
	if a.bpf != nil {
		// Drops are the flow events the kernel could not hand over.
		s.Packets, s.Drops, _ = a.bpfStats()
	}
	s.Skipped = a.skipped.Load()
	return s
}

// Stop closes the ring, waits for the reader, closes every episode
// (writing the final alert lines) and the alerts file. It is idempotent.
func (a *Agent) Stop() {
	a.once.Do(func() {
		if a.cancel != nil {
			a.cancel()
		}
		st := a.Stats()
		if a.ring != nil {
			a.ring.Close()
		}
		if a.bpf != nil {
			a.bpf.Close() // detaches every port
		}
		a.liftThrottles()
		a.wg.Wait()
		if a.pipe != nil {
			a.pipe.Close()
			ps := a.pipe.Stats()
			a.log.Info("agent stopped", "packets", st.Packets, "drops", st.Drops, "frames", ps.Frames,
				"flows", ps.FlowTable.Created, "alerts", ps.Alerts.Alerts)
		}
		// The store first: closing it commits what is queued, and its
		// last batches still go to the alerts file and the sinks. The
		// fleet gets what it can in a moment; the rest waits in the
		// outbox for the next start.
		if a.fleet != nil {
			if a.store != nil {
				a.store.Sync(context.Background())
			}
			a.fleet.Close(2 * time.Second)
		}
		if a.store != nil {
			if err := a.store.Close(); err != nil {
				a.log.Warn("close store", "err", err)
			}
			if st := a.store.Stats(); st.Dropped > 0 || st.Errors > 0 {
				a.log.Warn("store lost records", "dropped", st.Dropped, "failed_batches", st.Errors, "hint", "raise store.queue_size")
			}
		}
		if a.out != nil && a.out.file != nil {
			a.out.file.Close()
		}
		if a.flows != nil {
			a.flows.Close()
		}
		if a.sinks != nil {
			a.sinks.Shutdown(5 * time.Second)
			for _, st := range a.sinks.Stats() {
				if st.Failed > 0 || st.Dropped > 0 {
					a.log.Warn("sink lost alerts", "sink", st.Name, "failed", st.Failed, "dropped", st.Dropped)
				}
			}
		}
		if a.metrics != nil {
			a.deps.Registerer.Unregister(a.metrics)
		}
	})
}

// lineSink writes an alert as one JSON line when its episode opens, so
// that people see it at once, and again with its final count when it
// closes; the id ties the two. Each line is one write: the file is never
// left with half a line.
//
// With a store, the alerts file and the forwarding sinks are written
// after the store commits the alert (committed), so whatever a sink has
// the database has too, even after kill -9. An alert the store had no
// room for is forwarded at once: the sinks should not lose what the store
// lost. Stdout and the live stream are not sinks and get it at once.
type lineSink struct {
	w      io.Writer
	table  bool
	header bool
	hub    *api.Hub
	file   *sinks.RotatingFile
	store  *store.Store      // every alert, opening and closing, when set
	fwd    alert.Sink        // syslog and webhook sinks, when configured
	kinds  map[string]uint64 // alerts opened by kind (a fixed set: the detectors'), for metrics
	Err    error             // the first write error (stdout or the file)
	errMu  sync.Mutex        // Err: written by the pipeline and the store's writer
}

func (s *lineSink) write(a *alert.Alert, opening bool) {
	b, err := json.Marshal(a)
	if err != nil {
		s.fail(err)
		return
	}
	if opening {
		if s.kinds == nil {
			s.kinds = map[string]uint64{}
		}
		s.kinds[a.Kind]++
	}
	if s.hub.Active() {
		s.hub.Publish(api.AlertEvent(a, b))
	}
	b = append(b, '\n')
	if s.store == nil || !s.store.PutAlert(a, opening) {
		s.toSinks(a, b, opening)
	}
	switch {
	case s.w == nil:
	case s.table && opening:
		if !s.header {
			s.header = true
			fmt.Fprintln(s.w, alert.TableHeader)
		}
		if _, err := fmt.Fprintln(s.w, a.Row()); err != nil {
			s.fail(err)
		}
	case !s.table:
		if _, err := s.w.Write(b); err != nil {
			s.fail(err)
		}
	}
}

// toSinks writes the alerts file and hands the alert to the forwarding
// sinks; line is its JSON line, nil to marshal it here.
func (s *lineSink) toSinks(a *alert.Alert, line []byte, opening bool) {
	if s.file != nil {
		if line == nil {
			b, err := json.Marshal(a)
			if err != nil {
				s.fail(err)
				return
			}
			line = append(b, '\n')
		}
		if _, err := s.file.Write(line); err != nil {
			s.fail(err)
		}
	}
	if s.fwd != nil {
		if opening {
			s.fwd.Open(a)
		} else {
			s.fwd.Close(a)
		}
	}
}

// committed runs on the store's writer after each batch with alerts. A
// batch that failed to commit is still forwarded (counted by the store
// as an error): an operator would rather have the alert at the sink
// than not at all.
func (s *lineSink) committed(b store.Batch) {
	for _, c := range b.Alerts {
		s.toSinks(c.Alert, nil, c.Opening)
	}
}

func (s *lineSink) fail(err error) {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	if s.Err == nil {
		s.Err = err
	}
}

func (s *lineSink) Open(a *alert.Alert)  { s.write(a, true) }
func (s *lineSink) Close(a *alert.Alert) { s.write(a, false) }
