// Package sinks forwards alerts to what operators already run: syslog
// (RFC 5424 over UDP, TCP or TLS, the message as JSON or as CEF for a
// SIEM) and webhooks (a JSON POST, optionally signed with HMAC-SHA256).
//
// Each sink has its own bounded queue and one sender goroutine: a slow or
// dead receiver fills its queue and then drops (counted), it never slows
// the agent or the other sinks. A failed delivery is retried with
// exponential backoff a bounded number of times, then counted as failed.
package sinks

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
)

// Config lists the sinks.
//
//	sinks:
//	  syslog:  [{address: "udp://127.0.0.1:514", format: cef}]
//	  webhook: [{url: "https://chat.example/hook", secret_file: /etc/crosstalk/hook.key}]
type Config struct {
	Syslog  []SyslogConfig  `yaml:"syslog"`
	Webhook []WebhookConfig `yaml:"webhook"`
	// QueueSize bounds each sink's queue (default 1024).
	QueueSize int `yaml:"queue_size"`
	// Retries is how often a delivery is tried again (default 5), waiting
	// Backoff, doubling, at most MaxBackoff (defaults 500ms and 30s).
	Retries    int           `yaml:"retries"`
	Backoff    time.Duration `yaml:"backoff"`
	MaxBackoff time.Duration `yaml:"max_backoff"`
}

// DefaultConfig returns the defaults (no sinks).
func DefaultConfig() Config {
	return Config{QueueSize: 1024, Retries: 5, Backoff: 500 * time.Millisecond, MaxBackoff: 30 * time.Second}
}

// Validate reports the first bad setting.
func (c Config) Validate() error {
	if c.QueueSize < 1 || c.Retries < 0 || c.Backoff <= 0 || c.MaxBackoff < c.Backoff {
		return errors.New("queue_size must be at least 1, retries not negative, 0 < backoff <= max_backoff")
	}
	for i, s := range c.Syslog {
		if err := s.validate(); err != nil {
			return fmt.Errorf("syslog[%d]: %w", i, err)
		}
	}
	for i, w := range c.Webhook {
		if err := w.validate(); err != nil {
			return fmt.Errorf("webhook[%d]: %w", i, err)
		}
	}
	return nil
}

// when says which moments of an alert a sink sends: when its episode
// opens (people act on it), and/or when it closes (the final count).
func when(on []string) (open, close bool, err error) {
	if len(on) == 0 {
		return true, false, nil
	}
	for _, w := range on {
		switch w {
		case "open":
			open = true
		case "close":
			close = true
		default:
			return false, false, fmt.Errorf("on: want open and/or close, got %q", w)
		}
	}
	return open, close, nil
}

// deliverer sends one alert, or says why not.
type deliverer interface {
	deliver(ctx context.Context, a *alert.Alert) error
	close()
}

// Stats are one sink's counters.
type Stats struct {
	Name    string `json:"name"`
	Sent    uint64 `json:"sent"`
	Retried uint64 `json:"retried"`
	Failed  uint64 `json:"failed"`  // given up after the retries
	Dropped uint64 `json:"dropped"` // the queue was full
	Queued  int    `json:"queued"`
}

// sink is one destination with its queue and sender.
type sink struct {
	name                           string
	open, close                    bool
	d                              deliverer
	q                              chan *alert.Alert
	sent, retried, failed, dropped atomic.Uint64
}

// Set is every configured sink; it implements alert.Sink.
type Set struct {
	cfg    Config
	log    *slog.Logger
	sinks  []*sink
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
}

// New builds the sinks and starts their senders; cfg must be valid.
func New(cfg Config, log *slog.Logger) (*Set, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Set{cfg: cfg, log: log.With("component", "sinks")}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	add := func(name string, on []string, d deliverer) error {
		o, c, err := when(on)
		if err != nil {
			return err
		}
		s.sinks = append(s.sinks, &sink{name: name, open: o, close: c, d: d, q: make(chan *alert.Alert, cfg.QueueSize)})
		return nil
	}
	for _, c := range cfg.Syslog {
		d, err := newSyslog(c)
		if err == nil {
			err = add("syslog "+c.Address, c.On, d)
		}
		if err != nil {
			s.Shutdown(0)
			return nil, fmt.Errorf("syslog %s: %w", c.Address, err)
		}
	}
	for _, c := range cfg.Webhook {
		d, err := newWebhook(c)
		if err == nil {
			err = add("webhook "+redact(c.URL), c.On, d)
		}
		if err != nil {
			s.Shutdown(0)
			return nil, fmt.Errorf("webhook %s: %w", redact(c.URL), err)
		}
	}
	for _, k := range s.sinks {
		s.wg.Add(1)
		go s.send(k)
	}
	return s, nil
}

// Open implements alert.Sink: queue the alert for the sinks that send
// openings.
func (s *Set) Open(a *alert.Alert) { s.enqueue(a, true) }

// Close implements alert.Sink (an alert's episode closed).
func (s *Set) Close(a *alert.Alert) { s.enqueue(a, false) }

func (s *Set) enqueue(a *alert.Alert, opening bool) {
	var c *alert.Alert
	for _, k := range s.sinks {
		if (opening && !k.open) || (!opening && !k.close) {
			continue
		}
		if c == nil {
			c = a.Clone() // the manager goes on updating its own
		}
		select {
		case k.q <- c:
		default:
			if k.dropped.Add(1) == 1 {
				s.log.Warn("sink queue full; dropping alerts", "sink", k.name, "hint", "raise sinks.queue_size or fix the receiver")
			}
		}
	}
}

// send delivers a sink's queue, retrying with backoff.
func (s *Set) send(k *sink) {
	defer s.wg.Done()
	defer k.d.close()
	for a := range k.q {
		wait := s.cfg.Backoff
		for try := 0; ; try++ {
			ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
			err := k.d.deliver(ctx, a)
			cancel()
			if err == nil {
				k.sent.Add(1)
				break
			}
			if try >= s.cfg.Retries || s.ctx.Err() != nil {
				k.failed.Add(1)
				s.log.Warn("alert not delivered", "sink", k.name, "alert", a.ID, "tries", try+1, "err", err)
				break
			}
			k.retried.Add(1)
			select {
			case <-time.After(wait):
			case <-s.ctx.Done():
			}
			wait = min(2*wait, s.cfg.MaxBackoff)
		}
	}
}

// Stats returns every sink's counters.
func (s *Set) Stats() []Stats {
	out := make([]Stats, 0, len(s.sinks))
	for _, k := range s.sinks {
		out = append(out, Stats{Name: k.name, Sent: k.sent.Load(), Retried: k.retried.Load(), Failed: k.failed.Load(),
			Dropped: k.dropped.Load(), Queued: len(k.q)})
	}
	return out
}

// Shutdown stops taking alerts and waits up to grace for the queues to
// drain; what is left is abandoned (counted as failed by the senders).
// Call it once the alert manager is done.
func (s *Set) Shutdown(grace time.Duration) {
	s.once.Do(func() {
		for _, k := range s.sinks {
			close(k.q)
		}
		done := make(chan struct{})
		go func() { s.wg.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(grace):
			s.cancel()
			<-done
		}
		s.cancel()
	})
}
