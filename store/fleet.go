package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
)

// The fleet's part of the store: on an agent, the outbox of messages for
// the fleet server; on the server, the hosts' latest state and their
// traffic.

// OutboxFunc turns an alert into the message that reports it: its
// subject, its idempotent message ID and body.
type OutboxFunc func(a *alert.Alert) (subject, id string, data []byte, err error)

type outbox struct {
	max    int64
	encode OutboxFunc
}

// OutboxItem is one message waiting for the server's acknowledgement.
type OutboxItem struct {
	Seq     int64
	Subject string
	MsgID   string
	Data    []byte
}

// SetOutbox has every alert the store commits also written, in the same
// transaction, to the outbox as the message encode makes of it: an alert
// in the store is never missing from the outbox, whenever the agent is
// killed. At most max messages wait; past that the oldest go (counted in
// Stats.OutboxDropped): the server has been away for long and the
// alerts are still in this store.
func (s *Store) SetOutbox(max int, encode OutboxFunc) {
	s.outbox.Store(&outbox{max: int64(max), encode: encode})
}

func (s *Store) putOutbox(tx *sql.Tx, a *alert.Alert) error {
	o := s.outbox.Load()
	if o == nil {
		return nil
	}
	subject, id, data, err := o.encode(a)
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	if _, err := tx.Exec(`INSERT INTO outbox (subject, msg_id, data) VALUES (?, ?, ?)`, subject, id, data); err != nil {
		return err
	}
	// Sequence numbers only grow and rows go from the front, so the
	// range bounds the count.
	res, err := tx.Exec(`DELETE FROM outbox WHERE seq <= (SELECT max(seq) FROM outbox) - ?`, o.max)
	if err != nil {
		return err
	}
	n, _ := res.RowsAffected()
	s.outboxDropped.Add(uint64(n))
	return nil
}

// Outbox returns up to n waiting messages after seq, oldest first.
func (s *Store) Outbox(ctx context.Context, after int64, n int) ([]OutboxItem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, subject, msg_id, data FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?`, after, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutboxItem
	for rows.Next() {
		var it OutboxItem
		if err := rows.Scan(&it.Seq, &it.Subject, &it.MsgID, &it.Data); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// OutboxDone removes the messages up to seq: the server has them.
func (s *Store) OutboxDone(ctx context.Context, seq int64) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM outbox WHERE seq <= ?`, seq)
	return err
}

// OutboxDrop removes one message that can never be sent.
func (s *Store) OutboxDrop(ctx context.Context, seq int64) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM outbox WHERE seq = ?`, seq)
	return err
}

// OutboxForeign removes the messages whose subject does not start with
// prefix (a host renamed: its old messages cannot be sent under its new
// name's credentials) and says how many there were.
func (s *Store) OutboxForeign(ctx context.Context, prefix string) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM outbox WHERE substr(subject, 1, ?) != ?`, len(prefix), prefix)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// OutboxLen counts the waiting messages.
func (s *Store) OutboxLen(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM outbox`).Scan(&n)
	return n, err
}

// MinuteEdge is one minute of traffic of one guest to one peer on one
// protocol and port with one verdict: the totals of that minute so far.
type MinuteEdge struct {
	Minute  int64  `json:"minute"` // unix minute of the flows' start
	Src     string `json:"src"`
	Dst     string `json:"dst"`
	Proto   string `json:"proto"`
	Port    uint16 `json:"port"`
	Verdict string `json:"verdict"`
	Flows   uint64 `json:"flows"`
	Packets uint64 `json:"packets"`
	Bytes   uint64 `json:"bytes"`
}

// EdgeCursor is where a reading of MinuteEdges stopped: the last row's
// commit and key. The zero cursor starts from the beginning.
type EdgeCursor struct {
	Updated, Minute          int64
	Src, Dst, Proto, Verdict string
	Port                     uint16
}

// MinuteEdges returns up to n of this host's per-minute rows of minutes
// from since on that changed after the cursor, in the order they
// changed (commit, then key), and the cursor after them. A flow is
// counted in the minute it started when it ends, so a minute can change
// long after it passed: reading by change finds it.
func (s *Store) MinuteEdges(ctx context.Context, since int64, after EdgeCursor, n int) ([]MinuteEdge, EdgeCursor, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT updated, minute, src, dst, proto, port, verdict, flows, packets, bytes
		FROM edges_minute WHERE minute >= ? AND (updated, minute, src, dst, proto, port, verdict) > (?, ?, ?, ?, ?, ?, ?)
		ORDER BY updated, minute, src, dst, proto, port, verdict LIMIT ?`,
		since, after.Updated, after.Minute, after.Src, after.Dst, after.Proto, after.Port, after.Verdict, n)
	if err != nil {
		return nil, after, err
	}
	defer rows.Close()
	var out []MinuteEdge
	for rows.Next() {
		var e MinuteEdge
		if err := rows.Scan(&after.Updated, &e.Minute, &e.Src, &e.Dst, &e.Proto, &e.Port, &e.Verdict, &e.Flows, &e.Packets, &e.Bytes); err != nil {
			return nil, after, err
		}
		after.Minute, after.Src, after.Dst, after.Proto, after.Port, after.Verdict = e.Minute, e.Src, e.Dst, e.Proto, e.Port, e.Verdict
		out = append(out, e)
	}
	return out, after, rows.Err()
}

// PutHostEdges records a host's per-minute totals (the fleet server):
// a minute sent again replaces itself, and totals only grow (an older
// message redelivered late changes nothing).
func (s *Store) PutHostEdges(ctx context.Context, host string, edges []MinuteEdge) error {
	if !s.cfg.Fleet {
		return errors.New("store: host traffic goes to a fleet server's store")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT INTO host_edges (host, minute, src, dst, proto, port, verdict, flows, packets, bytes)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO UPDATE SET flows = max(flows, excluded.flows), packets = max(packets, excluded.packets), bytes = max(bytes, excluded.bytes)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, e := range edges {
		if _, err := st.ExecContext(ctx, host, e.Minute, e.Src, e.Dst, e.Proto, e.Port, e.Verdict, e.Flows, e.Packets, e.Bytes); err != nil {
			return err
		}
		s.see(time.Unix(e.Minute*60, 0))
	}
	return tx.Commit()
}

// HostRecord is what the fleet server keeps of a host: when it first and
// last heard from it and the latest message of each kind (JSON, empty
// until one came).
type HostRecord struct {
	Name                        string
	FirstSeen, LastSeen         time.Time
	Inventory, Facts, Resources []byte
}

// PutHost records a host's latest message of a kind (inventory, facts
// or resources) heard at at.
func (s *Store) PutHost(ctx context.Context, name, kind string, msg []byte, at time.Time) error {
	switch kind {
	case "inventory", "facts", "resources":
	default:
		return fmt.Errorf("store: no host column for %q", kind)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO hosts (name, first_seen, last_seen, `+kind+`) VALUES (?, ?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen), `+kind+` = excluded.`+kind,
		name, at.UnixNano(), at.UnixNano(), string(msg))
	return err
}

// Hosts returns every host the server has heard from, by name.
func (s *Store) Hosts(ctx context.Context) ([]HostRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, first_seen, last_seen, inventory, facts, resources FROM hosts ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HostRecord
	for rows.Next() {
		var h HostRecord
		var first, last int64
		var inv, facts, res string
		if err := rows.Scan(&h.Name, &first, &last, &inv, &facts, &res); err != nil {
			return nil, err
		}
		h.FirstSeen, h.LastSeen = time.Unix(0, first).UTC(), time.Unix(0, last).UTC()
		h.Inventory, h.Facts, h.Resources = []byte(inv), []byte(facts), []byte(res)
		out = append(out, h)
	}
	return out, rows.Err()
}
