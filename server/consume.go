package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/fleet"
)

// Consumer is the server's durable consumer of the stream.
const Consumer = "crosstalk-server"

const (
	// maxPerSubject bounds what one host has waiting of one kind.
	maxPerSubject = 100_000
	// maxDeliveries is how often a message that cannot be written is
	// tried before it is given up (logged, terminated).
	maxDeliveries = 5
	// maxAhead is how far in the future a host's clock may be: an alert
	// or traffic minute later than this is refused.
	maxAhead = time.Hour
)

// refusal is a message the server will never write: terminated, not
// retried.
type refusal struct{ error }

// consume sets the stream and the consumer up (again and again while the
// NATS is not there yet) and then applies what it fetches, a batch at a
// time: decode, write, wait for the commit, acknowledge.
func (s *Server) consume(ctx context.Context) {
	defer s.wg.Done()
	var cons jetstream.Consumer
	wait := 200 * time.Millisecond
	for ctx.Err() == nil {
		if cons == nil {
			c, err := s.setup(ctx)
			if err != nil {
				s.ready.Store(false)
				s.log.Warn("fleet stream not ready", "err", err)
				sleep(ctx, wait)
				wait = min(2*wait, 5*time.Second)
				continue
			}
			cons, wait = c, 200*time.Millisecond
			s.ready.Store(true)
			s.log.Info("consuming the fleet stream", "stream", fleet.Stream, "consumer", Consumer)
		}
		batch, err := cons.Fetch(512, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			if ctx.Err() == nil {
				s.log.Warn("fetch", "err", err)
				cons = nil
				sleep(ctx, time.Second)
			}
			continue
		}
		s.applyBatch(ctx, batch)
		if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			s.log.Warn("fetch", "err", err)
			cons = nil
			sleep(ctx, time.Second)
		}
	}
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// ackWait: see setup.
const ackWait = 15 * time.Second

// setup creates (or updates) the stream and the server's consumer.
func (s *Server) setup(ctx context.Context) (jetstream.Consumer, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	stream, err := s.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: fleet.Stream, Subjects: []string{fleet.Subjects}, Description: "crosstalk agents' reports",
		Retention: jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage, Discard: jetstream.DiscardNew,
		MaxBytes: s.cfg.MaxBytes, MaxMsgSize: fleet.MaxMessage + 16<<10, Duplicates: s.cfg.Duplicates, Replicas: s.cfg.Replicas,
		// One host (one subject per host and kind) cannot fill the stream
		// for all: past this its messages wait in its own outbox.
		MaxMsgsPerSubject: maxPerSubject, DiscardNewPerSubject: true,
	})
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", fleet.Stream, err)
	}
	// AckWait is how long a delivered message waits for its
	// acknowledgement before it comes again: what a server killed in the
	// middle of a batch had fetched comes again this long after (a batch
	// commits in well under a second; one delivered twice is written
	// twice, to the same rows).
	return stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable: Consumer, AckPolicy: jetstream.AckExplicitPolicy, AckWait: ackWait,
		MaxAckPending: 8192, DeliverPolicy: jetstream.DeliverAllPolicy,
	})
}

// applyBatch applies a fetched batch: every message is decoded and
// written; once the store has committed them they are acknowledged. A
// message that cannot be read is terminated (never redelivered) and
// logged; one that could not be written is left unacknowledged, so it
// comes again.
func (s *Server) applyBatch(ctx context.Context, batch jetstream.MessageBatch) {
	var done []jetstream.Msg
	var alerts []*alert.Alert
	for msg := range batch.Messages() {
		m, err := fleet.Decode(msg.Subject(), msg.Data())
		if err != nil {
			s.rejected.Add(1)
			s.log.Warn("fleet message refused", "subject", msg.Subject(), "err", err)
			msg.Term()
			continue
		}
		if err := s.apply(ctx, m, msg.Data()); err != nil {
			var r refusal
			if errors.As(err, &r) {
				s.rejected.Add(1)
				s.log.Warn("fleet message refused", "subject", msg.Subject(), "err", err)
				msg.Term()
				continue
			}
			s.errors.Add(1)
			if md, _ := msg.Metadata(); md != nil && md.NumDelivered >= maxDeliveries {
				s.log.Error("fleet message given up after repeated failures", "subject", msg.Subject(), "deliveries", md.NumDelivered, "err", err)
				msg.Term()
				continue
			}
			s.log.Error("fleet message not written; it comes again", "subject", msg.Subject(), "err", err)
			msg.NakWithDelay(time.Second)
			continue
		}
		if m.Alert != nil {
			alerts = append(alerts, &m.Alert.Alert)
		}
		done = append(done, msg)
	}
	if len(done) == 0 {
		return
	}
	if err := s.st.Sync(ctx); err != nil {
		s.errors.Add(1)
		s.log.Error("store commit failed; the batch comes again", "err", err)
		for _, msg := range done {
			msg.NakWithDelay(time.Second)
		}
		return
	}
	for _, msg := range done {
		msg.Ack()
	}
	s.applied.Add(uint64(len(done)))
	for _, a := range alerts {
		s.hub.Publish(api.AlertEvent(a, nil))
	}
}

// apply writes one message: alerts through the store's writer (committed
// by the batch's Sync), the rest at once.
func (s *Server) apply(ctx context.Context, m *fleet.Message, raw []byte) error {
	now := time.Now().UTC()
	switch {
	case m.Alert != nil && m.Alert.Alert.LastSeen.After(now.Add(maxAhead)):
		return refusal{fmt.Errorf("alert %s was last seen at %s, more than %s ahead of this server's clock", m.Alert.Alert.ID, m.Alert.Alert.LastSeen.Format(time.RFC3339), maxAhead)}
	case m.Edges != nil:
		for _, e := range m.Edges.Edges {
			if time.Unix(e.Minute*60, 0).After(now.Add(maxAhead)) {
				return refusal{fmt.Errorf("traffic of minute %s, more than %s ahead of this server's clock", time.Unix(e.Minute*60, 0).UTC().Format(time.RFC3339), maxAhead)}
			}
		}
	}
	switch {
	case m.Alert != nil:
		if !s.st.PutAlert(&m.Alert.Alert, true) {
			return errors.New("the store's queue is full")
		}
		s.seen(m.Host, now, nil)
		return nil
	case m.Edges != nil:
		if err := s.st.PutHostEdges(ctx, m.Host, m.Edges.Edges); err != nil {
			return err
		}
		s.seen(m.Host, now, nil)
		return nil
	}
	kind := m.Kind
	stale := false
	s.seen(m.Host, now, func(h *host) {
		switch {
		case m.Inventory != nil:
			if stale = h.inventory != nil && m.Inventory.Time.Before(h.inventory.Time); !stale {
				h.inventory = m.Inventory
			}
		case m.Facts != nil:
			if stale = h.facts != nil && m.Facts.Time.Before(h.facts.Time); !stale {
				h.facts = m.Facts
			}
		case m.Resources != nil:
			if stale = h.resources != nil && m.Resources.Time.Before(h.resources.Time); !stale {
				h.resources = m.Resources
				h.addRound(m.Host, m.Resources)
			}
		}
	})
	if stale {
		return nil // a redelivered older snapshot
	}
	return s.st.PutHost(ctx, m.Host, kind, raw, now)
}

// seen notes that a host spoke at now; f, if set, updates it under the
// lock.
func (s *Server) seen(name string, now time.Time, f func(*host)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hosts[name]
	if h == nil {
		h = &host{firstSeen: now}
		s.hosts[name] = h
		s.log.Info("new host", "host", name)
	}
	if now.After(h.lastSeen) {
		h.lastSeen = now
	}
	if f != nil {
		f(h)
	}
}

// restoreHosts reads what the store kept of the hosts.
func (s *Server) restoreHosts(ctx context.Context) error {
	recs, err := s.st.Hosts(ctx)
	if err != nil {
		return err
	}
	for _, r := range recs {
		h := &host{firstSeen: r.FirstSeen, lastSeen: r.LastSeen}
		if len(r.Inventory) > 0 {
			h.inventory = &fleet.Inventory{}
			if json.Unmarshal(r.Inventory, h.inventory) != nil {
				h.inventory = nil
			}
		}
		if len(r.Facts) > 0 {
			h.facts = &fleet.Facts{}
			if json.Unmarshal(r.Facts, h.facts) != nil {
				h.facts = nil
			}
		}
		if len(r.Resources) > 0 {
			h.resources = &fleet.Resources{}
			if json.Unmarshal(r.Resources, h.resources) != nil {
				h.resources = nil
			} else {
				h.addRound(r.Name, h.resources)
			}
		}
		s.hosts[r.Name] = h
	}
	return nil
}

// natsLog hands the embedded NATS's log to slog; an agent refused at
// the door is said in crosstalk's words too.
type natsLog struct{ log *slog.Logger }

func (l *natsLog) Noticef(format string, v ...any) {
	if banner(format) {
		return
	}
	l.put(0, format, v)
}
func (l *natsLog) Warnf(format string, v ...any)  { l.put(4, format, v) }
func (l *natsLog) Fatalf(format string, v ...any) { l.put(8, format, v) }
func (l *natsLog) Errorf(format string, v ...any) { l.put(8, format, v) }
func (l *natsLog) Debugf(format string, v ...any) {}
func (l *natsLog) Tracef(format string, v ...any) {}

// banner tells the lines of JetStream's start banner (ASCII art, rules,
// blank lines): not worth a log line each.
func banner(format string) bool {
	t := strings.TrimSpace(format)
	return t == "" || strings.HasPrefix(t, "_") || strings.HasPrefix(t, "|") || strings.HasPrefix(t, "\\") ||
		strings.HasPrefix(t, "---") || strings.HasPrefix(t, "https://docs.nats.io")
}

func (l *natsLog) put(level int, format string, v []any) {
	msg := fmt.Sprintf(format, v...)
	if strings.Contains(msg, "authentication error") || strings.Contains(msg, "Authorization Violation") {
		l.log.Log(context.Background(), slog.LevelError, "agent refused: wrong or unknown credentials", "nats", msg)
		return
	}
	l.log.Log(context.Background(), slog.Level(level), msg)
}
