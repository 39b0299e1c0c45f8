package fleet

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/resource"
	"github.com/crosstalk-dev/crosstalk/store"
)

// AgentConfig is the agent's fleet section:
//
//	fleet:
//	  url: nats://fleet.example:4222
//	  credentials: /etc/crosstalk/fleet.creds   # from crosstalk server enroll
//	  tls: {ca: /etc/crosstalk/fleet-ca.pem, cert: ..., key: ...}
type AgentConfig struct {
	// URL is the fleet's NATS (the server's embedded one or a cluster;
	// several URLs comma-separated). Empty: the agent reports to nobody.
	URL string `yaml:"url"`
	// Credentials is the file `crosstalk server enroll HOST` wrote for
	// this host.
	Credentials string `yaml:"credentials"`
	// TLS, when CA is set, verifies the server's certificate; Cert and
	// Key present this agent's (mutual TLS).
	TLS TLSFiles `yaml:"tls"`
	// Interval is how often the inventory (when it changed, else every
	// 3 intervals), resources and traffic are sent (default 10s); facts
	// go every 10 intervals. The server shows a host down after its
	// host_timeout (1m) without a word.
	Interval time.Duration `yaml:"interval"`
	// Outbox bounds the alert revisions waiting for the server (default
	// 100000); past it, the oldest are dropped from the outbox (they stay
	// in the agent's store) and counted.
	Outbox int `yaml:"outbox"`
	// Backfill is how far back the traffic is sent again after the
	// agent starts or the server comes back (default 1h).
	Backfill time.Duration `yaml:"backfill"`
}

// TLSFiles names PEM files.
type TLSFiles struct {
	CA   string `yaml:"ca"`
	Cert string `yaml:"cert"`
	Key  string `yaml:"key"`
}

// DefaultAgentConfig returns the defaults (no fleet until a URL is set).
func DefaultAgentConfig() AgentConfig {
	return AgentConfig{Interval: 10 * time.Second, Outbox: 100000, Backfill: time.Hour}
}

// Validate reports the first bad setting.
func (c AgentConfig) Validate() error {
	switch {
	case c.URL == "":
		return nil
	case c.Interval < 100*time.Millisecond:
		return fmt.Errorf("interval: at least 100ms, got %s", c.Interval)
	case c.Outbox < 1:
		return fmt.Errorf("outbox: at least 1, got %d", c.Outbox)
	case c.Backfill < 0:
		return fmt.Errorf("backfill: must not be negative, got %s", c.Backfill)
	case (c.TLS.Cert == "") != (c.TLS.Key == ""):
		return errors.New("tls: cert and key go together")
	}
	return nil
}

// Credentials are what a client presents to the fleet's NATS: a user
// (an agent's is its host name) and a secret the server holds a bcrypt
// hash of.
type Credentials struct {
	User     string `json:"user"`
	Password string `json:"password"`
}

// LoadCredentials reads a credentials file; like ssh keys, a file that
// others can read is refused.
func LoadCredentials(path string) (Credentials, error) {
	var c Credentials
	st, err := os.Stat(path)
	if err != nil {
		return c, err
	}
	if st.Mode().Perm()&0o077 != 0 {
		return c, fmt.Errorf("%s: mode %o lets others read the fleet credentials; chmod 600 it", path, st.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	if err := CheckHost(c.User); err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	if c.Password == "" {
		return c, fmt.Errorf("%s: no password", path)
	}
	return c, nil
}

// State is what the agent tells the publisher about the host.
type State interface {
	// Guests returns the host's guests now.
	Guests() []inventory.Guest
	// Resources returns the last sampling round, nil without one.
	Resources() []resource.Use
}

// Publisher sends one agent's messages to the fleet. Alerts come from
// the store's outbox (written in the alerts' own transactions) and are
// removed once JetStream acknowledged them; the inventory, facts,
// resources and traffic are sent from the agent's state and store every
// interval. While the server is away the agent goes on; the outbox
// fills (bounded) and drains when it is back.
type Publisher struct {
	cfg     AgentConfig
	host    string
	version string
	store   *store.Store
	state   State
	facts   FactsSource
	log     *slog.Logger

	nc *nats.Conn
	js jetstream.JetStream

	sent, failed atomic.Uint64 // messages acknowledged, publish errors
	refused      atomic.Bool   // the server refused the credentials

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// EncodeAlert is the store's outbox encoder for a host's alerts.
func EncodeAlert(host string) store.OutboxFunc {
	return func(a *alert.Alert) (string, string, []byte, error) {
		m := &Alert{Header: Header{V: Version, Host: host, Time: time.Now().UTC()}, Alert: *a}
		m.Alert.Host = host
		return Encode(host, m)
	}
}

// NewPublisher connects (in the background: an unreachable server is
// retried forever) and starts sending. The store must have its outbox
// set (EncodeAlert).
func NewPublisher(cfg AgentConfig, host, version string, st *store.Store, state State, log *slog.Logger) (*Publisher, error) {
	creds, err := LoadCredentials(cfg.Credentials)
	if cfg.Credentials == "" {
		return nil, errors.New("fleet: no credentials file (fleet.credentials; crosstalk server enroll HOST writes one)")
	}
	if err != nil {
		return nil, fmt.Errorf("fleet: %w", err)
	}
	if creds.User != host {
		return nil, fmt.Errorf("fleet: the credentials in %s are host %q's, this agent is %q", cfg.Credentials, creds.User, host)
	}
	p := &Publisher{cfg: cfg, host: host, version: version, store: st, state: state, log: log.With("component", "fleet")}
	if n, err := st.OutboxForeign(context.Background(), "crosstalk.v1."+host+"."); err != nil {
		return nil, fmt.Errorf("fleet: outbox: %w", err)
	} else if n > 0 {
		p.log.Warn("dropped alerts waiting in the outbox under another host name (the host was renamed; they stay in the store)", "messages", n)
	}
	opts := []nats.Option{
		nats.Name("crosstalk-agent " + host), nats.UserInfo(creds.User, creds.Password), nats.CustomInboxPrefix(InboxPrefix(host)),
		nats.RetryOnFailedConnect(true), nats.MaxReconnects(-1), nats.ReconnectWait(time.Second),
		nats.IgnoreAuthErrorAbort(), nats.Timeout(5 * time.Second),
		nats.ConnectHandler(func(c *nats.Conn) {
			p.refused.Store(false)
			p.log.Info("connected to the fleet", "url", c.ConnectedUrlRedacted())
		}),
		nats.ReconnectHandler(func(c *nats.Conn) {
			p.refused.Store(false)
			p.log.Info("reconnected to the fleet", "url", c.ConnectedUrlRedacted())
		}),
		nats.DisconnectErrHandler(func(c *nats.Conn, err error) {
			if err != nil {
				p.log.Warn("lost the fleet; alerts wait in the outbox", "err", err)
			}
		}),
		nats.ErrorHandler(func(c *nats.Conn, _ *nats.Subscription, err error) { p.connError(err) }),
		nats.ReconnectErrHandler(func(c *nats.Conn, err error) { p.connError(err) }),
	}
	if tc, err := cfg.TLS.Client(); err != nil {
		return nil, fmt.Errorf("fleet: %w", err)
	} else if tc != nil {
		opts = append(opts, nats.Secure(tc))
	}
	nc, err := nats.Connect(cfg.URL, opts...)
	if err != nil {
		return nil, fmt.Errorf("fleet: %s: %w", cfg.URL, err)
	}
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(512), jetstream.WithPublishAsyncTimeout(5*time.Second))
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("fleet: %w", err)
	}
	p.nc, p.js = nc, js
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.wg.Add(2)
	go p.alerts(ctx)
	go p.reports(ctx)
	return p, nil
}

// connError logs what the connection says; a refusal of the credentials
// is said once until it changes.
func (p *Publisher) connError(err error) {
	if err == nil {
		return
	}
	if errors.Is(err, nats.ErrAuthorization) || strings.Contains(strings.ToLower(err.Error()), "authorization") {
		if !p.refused.Swap(true) {
			p.log.Error("the fleet refused this agent's credentials; alerts wait in the outbox", "host", p.host, "credentials", p.cfg.Credentials, "err", err)
		}
		return
	}
	p.log.Warn("fleet connection", "err", err)
}

// Refused reports whether the server refused the credentials last time.
func (p *Publisher) Refused() bool { return p.refused.Load() }

// Stats are the publisher's counters.
type Stats struct {
	Sent, Failed uint64
	Connected    bool
}

// Stats returns the counters.
func (p *Publisher) Stats() Stats {
	return Stats{Sent: p.sent.Load(), Failed: p.failed.Load(), Connected: p.nc.IsConnected()}
}

// Close stops sending, after trying for at most linger to send what the
// outbox holds; what is left stays for the next start.
func (p *Publisher) Close(linger time.Duration) {
	p.cancel()
	p.wg.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), linger)
	defer cancel()
	for ctx.Err() == nil {
		if n, err := p.drain(ctx); err != nil || n == 0 {
			break
		}
	}
	p.nc.Close()
}

// alerts drains the outbox: a batch published asynchronously, the acked
// prefix removed; on an error the rest waits for the next try.
func (p *Publisher) alerts(ctx context.Context) {
	defer p.wg.Done()
	backoff := 100 * time.Millisecond
	for {
		n, err := p.drain(ctx)
		wait := 100 * time.Millisecond
		switch {
		case err != nil:
			wait, backoff = backoff, min(2*backoff, 5*time.Second)
		case n > 0:
			wait, backoff = 0, 100*time.Millisecond
		default:
			backoff = 100 * time.Millisecond
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

func (p *Publisher) drain(ctx context.Context) (int, error) {
	if !p.nc.IsConnected() {
		return 0, errors.New("not connected")
	}
	items, err := p.store.Outbox(ctx, 0, 256)
	if err != nil || len(items) == 0 {
		return 0, err
	}
	futures := make([]jetstream.PubAckFuture, 0, len(items))
	seqs := make([]int64, 0, len(items))
	for _, it := range items {
		if int64(len(it.Data)) > p.nc.MaxPayload()-4096 {
			// Larger than this NATS takes (an external one's max_payload):
			// it would block everything behind it.
			p.log.Error("an alert is too large for the fleet's NATS; dropped from the outbox (it stays in the store)", "bytes", len(it.Data), "max_payload", p.nc.MaxPayload())
			p.failed.Add(1)
			if err := p.store.OutboxDrop(ctx, it.Seq); err != nil {
				return 0, err
			}
			continue
		}
		f, err := p.js.PublishMsgAsync(&nats.Msg{Subject: it.Subject, Data: it.Data}, jetstream.WithMsgID(it.MsgID), jetstream.WithExpectStream(Stream))
		if err != nil {
			break
		}
		futures, seqs = append(futures, f), append(seqs, it.Seq)
	}
	done := int64(0)
	var failure error
	for i, f := range futures {
		select {
		case <-f.Ok():
			if failure == nil {
				done = seqs[i]
				p.sent.Add(1)
			}
		case err := <-f.Err():
			if failure == nil {
				failure = err
				p.failed.Add(1)
			}
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	if done > 0 {
		if err := p.store.OutboxDone(ctx, done); err != nil {
			return 0, err
		}
	}
	if failure != nil {
		return 0, failure
	}
	return len(futures), nil
}

// reports sends the inventory when it changed (and every 3 intervals
// anyway: the server's sign that the host is up, whatever else it has to
// say), the facts every 10 intervals, the resources and the traffic
// every interval.
func (p *Publisher) reports(ctx context.Context) {
	defer p.wg.Done()
	tick := time.NewTicker(p.cfg.Interval)
	defer tick.Stop()
	var lastGuests []inventory.Guest
	var seq uint64
	// Traffic from backfill ago, by change; everything again after an
	// outage (the server's writes are idempotent).
	since := time.Now().Add(-p.cfg.Backfill).Unix() / 60
	var cursor store.EdgeCursor
	for round := 0; ; round++ {
		if p.nc.IsConnected() {
			now := time.Now().UTC()
			h := Header{V: Version, Host: p.host, Time: now}
			guests := p.state.Guests()
			if round%3 == 0 || !reflect.DeepEqual(guests, lastGuests) {
				seq++
				if p.publish(ctx, &Inventory{Header: h, Seq: seq, Agent: p.version, Guests: guests}) == nil {
					lastGuests = guests
				}
			}
			if round%10 == 0 {
				patch, notes := p.facts.Facts(ctx)
				p.publish(ctx, &Facts{Header: h, CPUs: runtime.NumCPU(), MemoryMiB: memoryMiB(), Patch: patch, Notes: notes})
			}
			if r := p.state.Resources(); r != nil {
				p.publish(ctx, &Resources{Header: h, Guests: r})
			}
			cursor = p.edges(ctx, h, since, cursor)
		} else if round%10 == 0 {
			round = -1 // send everything once it is back
			since, cursor = time.Now().Add(-p.cfg.Backfill).Unix()/60, store.EdgeCursor{}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// edges sends the per-minute traffic that changed after the cursor, of
// minutes from since on, in messages of at most 2,000 rows and at most
// 50 messages a round, and returns the cursor after what the server
// acknowledged.
func (p *Publisher) edges(ctx context.Context, h Header, since int64, cur store.EdgeCursor) store.EdgeCursor {
	for range 50 {
		rows, next, err := p.store.MinuteEdges(ctx, since, cur, 2000)
		if err != nil || len(rows) == 0 {
			return cur
		}
		if err := p.publish(ctx, &Edges{Header: h, Edges: rows}); err != nil {
			return cur
		}
		h.Time = h.Time.Add(time.Nanosecond) // another message ID
		cur = next
	}
	return cur
}

func (p *Publisher) publish(ctx context.Context, v any) error {
	subject, id, data, err := Encode(p.host, v)
	if err != nil {
		p.log.Error("fleet message", "err", err)
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := p.js.PublishMsg(ctx, &nats.Msg{Subject: subject, Data: data}, jetstream.WithMsgID(id), jetstream.WithExpectStream(Stream)); err != nil {
		p.failed.Add(1)
		return err
	}
	p.sent.Add(1)
	return nil
}

// PublishRaw publishes a body on a subject with a message ID and waits
// for the acknowledgement: what tests and simulated agents use to say
// what a real agent would not.
func (p *Publisher) PublishRaw(subject, id string, data []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := p.js.PublishMsg(ctx, &nats.Msg{Subject: subject, Data: data}, jetstream.WithMsgID(id), jetstream.WithExpectStream(Stream))
	return err
}

// memoryMiB is the host's memory from /proc/meminfo, 0 when unknown.
func memoryMiB() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb / 1024
		}
	}
	return 0
}

// Client is the TLS configuration of a client, nil without a CA or a
// certificate.
func (t TLSFiles) Client() (*tls.Config, error) {
	if t.CA == "" && t.Cert == "" {
		return nil, nil
	}
	return t.config(false)
}
