// Package store keeps the agent's history in one SQLite file: alerts,
// per-minute traffic per edge (guest to peer on a protocol and port, by
// verdict) and a bounded sample of raw flow records, so that "who did db-1
// talk to last night?" has an answer after the flows are gone.
//
// It uses a pure-Go SQLite (modernc.org/sqlite: builds stay CGO_ENABLED=0)
// in WAL mode. One writer goroutine takes records from a bounded queue
// and commits them in batches; a full queue drops and counts, it never
// blocks the capture path. A crash (kill -9) loses at most the batch in
// flight and never corrupts the file: committed transactions are in the
// WAL. Retention by age and by size is enforced as batches are written,
// with the age measured from the newest event written, not the wall
// clock, so replay keeps what live capture would have kept.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
)

// Config is the store's part of the agent configuration.
//
//	store: {path: /var/lib/crosstalk/agent.db, alert_retention: 720h}
type Config struct {
	// Path is the database file; empty turns the store off.
	Path string `yaml:"path"`
	// QueueSize bounds the records waiting for the writer (default
	// 16384); when full, records are dropped and counted.
	QueueSize int `yaml:"queue_size"`
	// BatchSize and FlushInterval bound a batch: it commits when it has
	// BatchSize records or is FlushInterval old (defaults 1000, 250ms).
	BatchSize     int           `yaml:"batch_size"`
	FlushInterval time.Duration `yaml:"flush_interval"`
	// AlertRetention and FlowRetention are how long alerts and traffic
	// (edges and flow samples) are kept, counted back from the newest
	// event written (defaults 30 days and 7 days).
	AlertRetention time.Duration `yaml:"alert_retention"`
	FlowRetention  time.Duration `yaml:"flow_retention"`
	// MaxFlowSamples bounds the raw flow records kept (default 100000):
	// the oldest go first.
	MaxFlowSamples int `yaml:"max_flow_samples"`
	// MaxBytes bounds the data in the file (default 1 GiB): past it, the
	// oldest traffic, then the oldest alerts, are deleted. The file keeps
	// its high-water size; freed pages are reused.
	MaxBytes int64 `yaml:"max_bytes"`
	// Fleet is set by the fleet server: traffic is the hosts' (per host),
	// not this host's.
	Fleet bool `yaml:"-"`
}

// DefaultConfig returns the defaults (store off until a path is set).
func DefaultConfig() Config {
	return Config{QueueSize: 16384, BatchSize: 1000, FlushInterval: 250 * time.Millisecond,
		AlertRetention: 30 * 24 * time.Hour, FlowRetention: 7 * 24 * time.Hour, MaxFlowSamples: 100000, MaxBytes: 1 << 30}
}

// Validate reports the first bad setting.
func (c Config) Validate() error {
	switch {
	case c.QueueSize < 1:
		return fmt.Errorf("queue_size: must be at least 1, got %d", c.QueueSize)
	case c.BatchSize < 1:
		return fmt.Errorf("batch_size: must be at least 1, got %d", c.BatchSize)
	case c.FlushInterval <= 0:
		return fmt.Errorf("flush_interval: must be positive, got %s", c.FlushInterval)
	case c.AlertRetention <= 0 || c.FlowRetention <= 0:
		return errors.New("alert_retention, flow_retention: must be positive")
	case c.MaxFlowSamples < 0:
		return fmt.Errorf("max_flow_samples: must not be negative, got %d", c.MaxFlowSamples)
	case c.MaxBytes < 1<<20:
		return fmt.Errorf("max_bytes: must be at least 1 MiB, got %d", c.MaxBytes)
	}
	return nil
}

// Stats are the store's counters.
type Stats struct {
	Written uint64 // records committed
	Dropped uint64 // records dropped because the queue was full
	Batches uint64 // transactions committed
	Errors  uint64 // batches that failed (their records are lost)
	Deleted uint64 // rows removed by retention
	// OutboxDropped counts fleet messages dropped because the outbox
	// was full.
	OutboxDropped uint64
	Latency       time.Duration // the last batch's commit time
}

// item is one queued record; sync, if set, is closed once everything
// queued before it is committed.
type item struct {
	alert   *alert.Alert
	opening bool // the alert opens its episode (else it updates or closes it)
	flow    *flow.Record
	guests  *guestsSeen
	sync    chan error
}

// guestsSeen is a snapshot of the host's guests at a wall-clock time.
type guestsSeen struct {
	at     time.Time
	guests []inventory.Guest
}

// Committed is an alert of a batch the writer committed (or failed to:
// Batch.Err), with whether it opened its episode.
type Committed struct {
	Alert   *alert.Alert
	Opening bool
}

// Batch is what the writer reports after each transaction: the alerts it
// held, in the order they were put, and the commit's error.
type Batch struct {
	Alerts []Committed
	Err    error
}

// Store is an open database with its writer.
type Store struct {
	cfg Config
	db  *sql.DB
	in  chan item

	newest                                   atomic.Int64 // newest event time written (ns)
	written, dropped, batches, errs, deleted atomic.Uint64
	outboxDropped                            atomic.Uint64
	latency                                  atomic.Int64

	committed atomic.Pointer[func(Batch)]
	outbox    atomic.Pointer[outbox]
	// commits numbers the writer's transactions (edges_minute.updated);
	// only the writer touches it.
	commits int64

	closeOnce sync.Once
	done      chan struct{}
	closed    atomic.Bool
}

// AfterCommit has f called on the writer's goroutine after every batch
// with alerts, once its transaction has committed (or failed). Alert
// outputs fed from here only ever show what the store already holds, so
// a crash cannot leave an alert in a sink that is missing from the
// database. f must not block: it delays every later batch.
func (s *Store) AfterCommit(f func(Batch)) { s.committed.Store(&f) }

// Open opens (creating if needed) the database at cfg.Path, brings its
// schema up to date and starts the writer. cfg must be valid.
func Open(cfg Config) (*Store, error) {
	if cfg.Path == "" {
		return nil, errors.New("store: no path")
	}
	if err := os.MkdirAll(filepath.Dir(cfg.Path), 0o750); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(NORMAL)", "busy_timeout(5000)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+cfg.Path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", cfg.Path, err)
	}
	db.SetMaxOpenConns(4) // one writer, readers alongside (WAL)
	if err := migrate(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", cfg.Path, err)
	}
	s := &Store{cfg: cfg, db: db, in: make(chan item, cfg.QueueSize), done: make(chan struct{})}
	var newest, commits sql.NullInt64
	db.QueryRow(`SELECT max(t) FROM (SELECT max(last_seen) AS t FROM alerts UNION ALL SELECT max(minute)*60000000000 FROM edges_minute)`).Scan(&newest)
	db.QueryRow(`SELECT max(updated) FROM edges_minute`).Scan(&commits)
	s.newest.Store(newest.Int64)
	s.commits = commits.Int64
	go s.write()
	return s, nil
}

// PutAlert queues an alert (a new one when opening, else an update of an
// open episode: the same ID); false when the queue is full and it was
// dropped.
func (s *Store) PutAlert(a *alert.Alert, opening bool) bool {
	return s.put(item{alert: a.Clone(), opening: opening}) // the manager goes on updating its own
}

// PutGuests queues a snapshot of the host's guests as seen at at: each is
// kept (by name) with when it was first and last seen.
func (s *Store) PutGuests(at time.Time, guests []inventory.Guest) bool {
	return s.put(item{guests: &guestsSeen{at: at, guests: slices.Clone(guests)}})
}

// PutFlow queues a finished flow's record; false when dropped.
func (s *Store) PutFlow(r *flow.Record) bool {
	c := *r
	return s.put(item{flow: &c})
}

func (s *Store) put(it item) bool {
	if s.closed.Load() {
		s.dropped.Add(1)
		return false
	}
	select {
	case s.in <- it:
		return true
	default:
		s.dropped.Add(1)
		return false
	}
}

// Sync waits until everything queued before it is committed.
//
// Its error is the first of every commit that failed since the previous
// Sync, not only of the batch its marker ended: a caller that put records
// and synced knows they are all in the database when it gets nil.
func (s *Store) Sync(ctx context.Context) error {
	done := make(chan error, 1)
	select {
	case s.in <- item{sync: done}:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close commits what is queued, stops the writer and closes the file.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.closed.Store(true)
		close(s.in)
		<-s.done
	})
	return s.db.Close()
}

// Stats returns the counters.
func (s *Store) Stats() Stats {
	return Stats{Written: s.written.Load(), Dropped: s.dropped.Load(), Batches: s.batches.Load(),
		Errors: s.errs.Load(), Deleted: s.deleted.Load(), Latency: time.Duration(s.latency.Load()), OutboxDropped: s.outboxDropped.Load()}
}

// write is the one writer: it gathers a batch and commits it.
func (s *Store) write() {
	defer close(s.done)
	batch := make([]item, 0, s.cfg.BatchSize)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var failed error // the first commit error since the last Sync
	flush := func() {
		if len(batch) == 0 {
			return
		}
		err := s.commit(batch)
		if failed == nil {
			failed = err
		}
		var done Batch
		for _, it := range batch {
			if it.sync != nil {
				it.sync <- failed
				failed = nil
			}
			if it.alert != nil {
				done.Alerts = append(done.Alerts, Committed{it.alert, it.opening})
			}
		}
		if f := s.committed.Load(); f != nil && len(done.Alerts) > 0 {
			done.Err = err
			(*f)(done)
		}
		clear(batch) // the records are the sinks' now
		batch = batch[:0]
	}
	for {
		select {
		case it, ok := <-s.in:
			if !ok {
				flush()
				return
			}
			if len(batch) == 0 {
				timer.Reset(s.cfg.FlushInterval)
			}
			batch = append(batch, it)
			if len(batch) >= s.cfg.BatchSize || it.sync != nil {
				timer.Stop()
				flush()
			}
		case <-timer.C:
			flush()
		}
	}
}

func (s *Store) commit(batch []item) error {
	start := time.Now()
	err := s.tx(func(tx *sql.Tx) error {
		n := 0
		for _, it := range batch {
			var err error
			switch {
			case it.alert != nil:
				err = putAlert(tx, it.alert)
				if err == nil {
					err = s.putOutbox(tx, it.alert)
				}
				s.see(it.alert.LastSeen)
			case it.flow != nil:
				err = putFlow(tx, it.flow, s.commits+1)
				s.see(it.flow.End)
			case it.guests != nil:
				err = putGuests(tx, it.guests)
			default:
				continue
			}
			if err != nil {
				return err
			}
			n++
		}
		s.written.Add(uint64(n))
		return s.retain(tx)
	})
	if err == nil {
		s.commits++
	}
	s.latency.Store(int64(time.Since(start)))
	if err != nil {
		s.errs.Add(1)
		return err
	}
	s.batches.Add(1)
	return nil
}

func (s *Store) see(t time.Time) {
	ns := t.UnixNano()
	for {
		old := s.newest.Load()
		if ns <= old || s.newest.CompareAndSwap(old, ns) {
			return
		}
	}
}

func (s *Store) tx(f func(*sql.Tx) error) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func putAlert(tx *sql.Tx, a *alert.Alert) error {
	rec, err := json.Marshal(a)
	if err != nil {
		return err
	}
	var src, dst string
	if a.Src != nil {
		src = a.Src.Guest
	}
	if a.Dst != nil {
		dst = a.Dst.Guest
	}
	// A revision never replaces a newer one (the fleet server may get an
	// episode's updates again, or late), nor another host's alert.
	_, err = tx.Exec(`INSERT INTO alerts (id, time, last_seen, kind, severity, src_guest, dst_guest, count, record, host)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen, count = excluded.count, severity = excluded.severity, record = excluded.record
		WHERE excluded.last_seen >= alerts.last_seen AND excluded.count >= alerts.count AND excluded.host = alerts.host`,
		a.ID, a.Time.UnixNano(), a.LastSeen.UnixNano(), a.Kind, string(a.Severity), src, dst, a.Count, string(rec), a.Host)
	if err != nil {
		return err
	}
	return nil
}

// side names one end of an edge: the guest, else its address.
func side(e flow.Endpoint) string {
	if e.Guest != "" {
		return e.Guest
	}
	return e.IP
}

func putFlow(tx *sql.Tx, r *flow.Record, commit int64) error {
	verdict := r.Verdict
	if verdict == "" {
		verdict = "none"
	}
	_, err := tx.Exec(`INSERT INTO edges_minute (minute, src, dst, proto, port, verdict, flows, packets, bytes, updated)
		VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
		ON CONFLICT DO UPDATE SET flows = flows + 1, packets = packets + excluded.packets, bytes = bytes + excluded.bytes, updated = excluded.updated`,
		r.Start.Unix()/60, side(r.Src), side(r.Dst), r.Proto, r.Dst.Port, verdict,
		r.Packets.Src+r.Packets.Dst, r.Bytes.Src+r.Bytes.Dst, commit)
	if err != nil {
		return err
	}
	rec, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO flow_samples (start, src, dst, port, verdict, record) VALUES (?, ?, ?, ?, ?, ?)`,
		r.Start.UnixNano(), side(r.Src), side(r.Dst), r.Dst.Port, verdict, string(rec))
	return err
}

func putGuests(tx *sql.Tx, g *guestsSeen) error {
	for i := range g.guests {
		rec, err := json.Marshal(&g.guests[i])
		if err != nil {
			return err
		}
		_, err = tx.Exec(`INSERT INTO guests (name, uuid, first_seen, last_seen, record) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT(name) DO UPDATE SET uuid = excluded.uuid, last_seen = excluded.last_seen, record = excluded.record`,
			g.guests[i].Name, g.guests[i].UUID, g.at.UnixNano(), g.at.UnixNano(), string(rec))
		if err != nil {
			return err
		}
	}
	return nil
}

// retain deletes what is past its age, past the sample bound, and, when
// the data outgrow MaxBytes, the oldest tenth of the traffic (then of the
// alerts).
func (s *Store) retain(tx *sql.Tx) error {
	newest := s.newest.Load()
	if s.cfg.Fleet {
		// The hosts' clocks are theirs: one set a year ahead must not age
		// out everyone else's records.
		newest = time.Now().UnixNano()
	}
	del := func(q string, args ...any) error {
		res, err := tx.Exec(q, args...)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		s.deleted.Add(uint64(n))
		return nil
	}
	if err := del(`DELETE FROM alerts WHERE last_seen < ?`, newest-int64(s.cfg.AlertRetention)); err != nil {
		return err
	}
	cut := newest - int64(s.cfg.FlowRetention)
	if err := del(`DELETE FROM edges_minute WHERE minute < ?`, cut/int64(time.Minute)); err != nil {
		return err
	}
	if s.cfg.Fleet {
		if err := del(`DELETE FROM host_edges WHERE minute < ?`, cut/int64(time.Minute)); err != nil {
			return err
		}
	}
	if err := del(`DELETE FROM flow_samples WHERE start < ? OR seq <= (SELECT max(seq) FROM flow_samples) - ?`, cut, s.cfg.MaxFlowSamples); err != nil {
		return err
	}
	var pages, free, size int64
	tx.QueryRow(`PRAGMA page_count`).Scan(&pages)
	tx.QueryRow(`PRAGMA freelist_count`).Scan(&free)
	tx.QueryRow(`PRAGMA page_size`).Scan(&size)
	if (pages-free)*size <= s.cfg.MaxBytes {
		return nil
	}
	var traffic int64
	tx.QueryRow(`SELECT (SELECT count(*) FROM flow_samples) + (SELECT count(*) FROM edges_minute) + (SELECT count(*) FROM host_edges)`).Scan(&traffic)
	if traffic == 0 {
		return del(`DELETE FROM alerts WHERE id IN (SELECT id FROM alerts ORDER BY last_seen LIMIT (SELECT count(*)/10 + 1 FROM alerts))`)
	}
	if err := del(`DELETE FROM flow_samples WHERE seq IN (SELECT seq FROM flow_samples ORDER BY seq LIMIT (SELECT count(*)/10 + 1 FROM flow_samples))`); err != nil {
		return err
	}
	if err := del(`DELETE FROM host_edges WHERE minute <= (SELECT min(minute) FROM host_edges)`); err != nil {
		return err
	}
	return del(`DELETE FROM edges_minute WHERE minute <= (SELECT min(minute) FROM edges_minute)`)
}
