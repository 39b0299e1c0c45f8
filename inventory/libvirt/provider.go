package libvirt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	golibvirt "github.com/digitalocean/go-libvirt"

	"github.com/crosstalk-dev/crosstalk/inventory"
)

// Config is the libvirt provider's part of the agent configuration.
//
//	libvirt: {uri: "qemu:///system", resync: 30s}
type Config struct {
	// URI is the libvirt connection URI: qemu:///system (the default),
	// or qemu+unix:///system?socket=/path/to/libvirt-sock. Only local
	// unix-socket URIs: the agent reads its own host's guests.
	URI string `yaml:"uri"`
	// Resync is how often every domain is read again, a safety net under
	// the events (default 30s).
	Resync time.Duration `yaml:"resync"`
	// MaxDomains bounds the domains read (default 4096); the rest are
	// reported as a problem.
	MaxDomains int `yaml:"max_domains"`
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{URI: "qemu:///system", Resync: 30 * time.Second, MaxDomains: 4096}
}

// Validate reports the first bad setting.
func (c Config) Validate() error {
	if _, err := c.url(); err != nil {
		return err
	}
	if c.Resync <= 0 {
		return fmt.Errorf("resync: must be positive, got %s", c.Resync)
	}
	if c.MaxDomains <= 0 {
		return fmt.Errorf("max_domains: must be positive, got %d", c.MaxDomains)
	}
	return nil
}

func (c Config) url() (*url.URL, error) {
	u, err := url.Parse(c.URI)
	if err != nil {
		return nil, fmt.Errorf("uri: %w", err)
	}
	if u.Host != "" || (u.Scheme != "qemu" && u.Scheme != "qemu+unix" && u.Scheme != "test" && u.Scheme != "test+unix") {
		return nil, fmt.Errorf("uri: %q: want a local URI such as qemu:///system or qemu+unix:///system?socket=PATH", c.URI)
	}
	return u, nil
}

// Socket returns the unix socket the URI leads to.
func (c Config) Socket() string {
	if u, err := c.url(); err == nil {
		if s := u.Query().Get("socket"); s != "" {
			return s
		}
	}
	return "/var/run/libvirt/libvirt-sock"
}

// Source is how the provider's guests are named in reports.
const Source = "libvirt"

// Provider follows one libvirt daemon's domains: it lists them, reads
// each domain's XML and state, and re-reads a domain when libvirt reports
// a lifecycle, device or metadata event for it. When libvirtd goes away
// it keeps the guests it knew (their QEMUs keep running), says so, and
// reconnects; after a reconnect it reads everything again.
type Provider struct {
	cfg   Config
	host  string
	log   *slog.Logger
	procs Procs

	guests map[string]inventory.Guest // by UUID
	err    error                      // why the guests may be stale
}

// New returns a provider; cfg must be valid. host names this host in the
// guests.
func New(cfg Config, host string, log *slog.Logger) *Provider {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Provider{cfg: cfg, host: host, log: log.With("component", "inventory", "provider", Source),
		guests: map[string]inventory.Guest{}}
}

// errGone says the connection to libvirtd was lost.
var errGone = errors.New("libvirtd went away")

// Run reports the domains until ctx ends: report gets a complete Report
// whenever something changed. It is called from Run's goroutine only.
func (p *Provider) Run(ctx context.Context, report func(inventory.Report)) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		l, err := p.dial()
		if err != nil {
			if p.err == nil || p.err.Error() != err.Error() {
				p.log.Warn("cannot reach libvirtd; will retry", "uri", p.cfg.URI, "err", err)
				p.err = err
				report(p.report())
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, 5*time.Second)
			continue
		}
		backoff = 100 * time.Millisecond
		err = p.session(ctx, l, report)
		l.Disconnect()
		if ctx.Err() != nil {
			return
		}
		p.log.Warn("lost libvirtd; keeping the last known guests and reconnecting", "err", err)
		p.err = fmt.Errorf("%w (%v); showing the guests known before", errGone, err)
		report(p.report())
	}
}

func (p *Provider) dial() (*golibvirt.Libvirt, error) {
	u, err := p.cfg.url()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(p.cfg.Socket()); err != nil {
		return nil, fmt.Errorf("libvirt socket: %w", err)
	}
	return golibvirt.ConnectToURI(u)
}

// Snapshot connects, reads every domain once and disconnects: what
// `crosstalk guests` shows without a running agent.
func (p *Provider) Snapshot() (inventory.Report, error) {
	l, err := p.dial()
	if err != nil {
		return inventory.Report{Source: Source, Err: err}, err
	}
	defer l.Disconnect()
	if err := p.readAll(l); err != nil {
		return inventory.Report{Source: Source, Err: err}, err
	}
	return p.report(), nil
}

// session subscribes to events, reads every domain, then follows events
// until the connection is lost or ctx ends.
func (p *Provider) session(ctx context.Context, l *golibvirt.Libvirt, report func(inventory.Report)) error {
	evctx, cancel := context.WithCancel(ctx)
	defer cancel()
	doms := make(chan golibvirt.Domain, 64)
	streams := 0
	done := make(chan struct{}, 8)
	for _, id := range []golibvirt.DomainEventID{golibvirt.DomainEventIDLifecycle, golibvirt.DomainEventIDDeviceAdded,
		golibvirt.DomainEventIDDeviceRemoved, golibvirt.DomainEventIDMetadataChange} {
		ch, err := l.SubscribeEvents(evctx, id, golibvirt.OptDomain{})
		if err != nil {
			return fmt.Errorf("subscribe to %v events: %w", id, err)
		}
		streams++
		go func() {
			// Drain until libvirt closes the stream, so its sender never
			// blocks; pass on only while the session lives.
			for ev := range ch {
				if d, ok := eventDomain(ev); ok {
					select {
					case doms <- d:
					case <-evctx.Done():
					}
				}
			}
			done <- struct{}{}
		}()
	}
	if err := p.readAll(l); err != nil {
		return err
	}
	p.err = nil
	p.log.Info("connected to libvirtd", "uri", p.cfg.URI, "domains", len(p.guests))
	report(p.report())
	resync := time.NewTicker(p.cfg.Resync)
	defer resync.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-l.Disconnected():
			return errGone
		case <-done:
			return errGone // a stream ended: the connection is going
		case <-resync.C:
			if err := p.readAll(l); err != nil {
				return err
			}
			report(p.report())
		case d := <-doms:
			// Take every event already queued, then read each domain once.
			pending := map[string]golibvirt.Domain{uuidString(d.UUID): d}
			for more := true; more; {
				select {
				case d := <-doms:
					pending[uuidString(d.UUID)] = d
				default:
					more = false
				}
			}
			for _, d := range pending {
				if err := p.readOne(l, d); err != nil {
					return err
				}
			}
			report(p.report())
		}
	}
}

func eventDomain(ev any) (golibvirt.Domain, bool) {
	switch e := ev.(type) {
	case *golibvirt.DomainEventCallbackLifecycleMsg:
		return e.Msg.Dom, true
	case *golibvirt.DomainEventCallbackDeviceAddedMsg:
		return e.Dom, true
	case *golibvirt.DomainEventCallbackDeviceRemovedMsg:
		return e.Msg.Dom, true
	case *golibvirt.DomainEventCallbackMetadataChangeMsg:
		return e.Dom, true
	}
	return golibvirt.Domain{}, false
}

// readAll reads every domain again; domains no longer listed are gone.
func (p *Provider) readAll(l *golibvirt.Libvirt) error {
	doms, _, err := l.ConnectListAllDomains(1, 0)
	if err != nil {
		return fmt.Errorf("list domains: %w", err)
	}
	sort.Slice(doms, func(i, j int) bool { return doms[i].Name < doms[j].Name })
	seen := map[string]bool{}
	for i, d := range doms {
		if i >= p.cfg.MaxDomains {
			p.log.Warn("more domains than libvirt.max_domains; the rest are not read", "domains", len(doms), "max_domains", p.cfg.MaxDomains)
			break
		}
		seen[uuidString(d.UUID)] = true
		if err := p.readOne(l, d); err != nil {
			return err
		}
	}
	for uuid := range p.guests {
		if !seen[uuid] {
			p.forget(uuid)
		}
	}
	return nil
}

// readOne reads one domain's state and XML. A domain that no longer
// exists is forgotten; a connection error ends the session.
func (p *Provider) readOne(l *golibvirt.Libvirt, d golibvirt.Domain) error {
	uuid := uuidString(d.UUID)
	state, _, err := l.DomainGetState(d, 0)
	if err == nil {
		var doc string
		doc, err = l.DomainGetXMLDesc(d, 0)
		if err == nil {
			p.guests[uuid] = p.guest(d, doc, golibvirt.DomainState(state))
			return nil
		}
	}
	if golibvirt.IsNotFound(err) {
		p.forget(uuid)
		return nil
	}
	var lerr golibvirt.Error
	if errors.As(err, &lerr) {
		// libvirt answered, about this domain only (it is being
		// migrated away, say): keep what we knew, say why.
		g := p.guests[uuid]
		if g.Name == "" {
			g = inventory.Guest{Name: d.Name, UUID: uuid, Sources: []string{Source}}
		}
		g.Problems = []string{fmt.Sprintf("libvirt: %v", err)}
		p.guests[uuid] = g
		return nil
	}
	return fmt.Errorf("read domain %s: %w", d.Name, err)
}

func (p *Provider) forget(uuid string) {
	delete(p.guests, uuid)
	p.procs.Forget(uuid)
}

// guest turns a domain's XML and state into a guest.
func (p *Provider) guest(d golibvirt.Domain, doc string, state golibvirt.DomainState) inventory.Guest {
	g := inventory.Guest{Name: d.Name, UUID: uuidString(d.UUID), Host: p.host, State: stateName(state), Sources: []string{Source}}
	dom, err := ParseDomain(doc)
	if err != nil {
		g.Problems = append(g.Problems, err.Error())
		return g
	}
	if len(dom.Labels) > 0 {
		g.Labels = dom.Labels
	}
	g.VCPUs, g.MemoryMiB = dom.VCPUs, dom.MemoryMiB
	g.Problems = append(g.Problems, dom.Problems...)
	if g.Active() {
		g.Problems = append(g.Problems, dom.Unattributed()...)
		g.Process = p.procs.Find(g.UUID)
	}
	for _, n := range dom.NICs {
		port := inventory.Port{Iface: n.Dev, MAC: n.MAC, Bridge: n.Bridge, Model: n.Model}
		if n.Dev != "" && g.Active() {
			port.IfIndex = ifindex(n.Dev)
		}
		g.Ports = append(g.Ports, port)
	}
	return g
}

// ifindex reads a host interface's index from sysfs; 0 when it is gone.
func ifindex(dev string) uint32 {
	if strings.ContainsAny(dev, "/") || dev == "." || dev == ".." {
		return 0
	}
	b, err := os.ReadFile(filepath.Join("/sys/class/net", dev, "ifindex"))
	if err != nil {
		return 0
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 32)
	if err != nil {
		return 0
	}
	return uint32(n)
}

// report is the provider's current Report.
func (p *Provider) report() inventory.Report {
	r := inventory.Report{Source: Source, Err: p.err}
	for _, g := range p.guests {
		r.Guests = append(r.Guests, g.Clone())
	}
	sort.Slice(r.Guests, func(i, j int) bool { return r.Guests[i].Name < r.Guests[j].Name })
	return r
}

func stateName(s golibvirt.DomainState) string {
	switch s {
	case golibvirt.DomainRunning:
		return "running"
	case golibvirt.DomainBlocked:
		return "blocked"
	case golibvirt.DomainPaused:
		return "paused"
	case golibvirt.DomainShutdown:
		return "shutting-down"
	case golibvirt.DomainShutoff:
		return "shutoff"
	case golibvirt.DomainCrashed:
		return "crashed"
	case golibvirt.DomainPmsuspended:
		return "suspended"
	}
	return "unknown"
}

func uuidString(u golibvirt.UUID) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
