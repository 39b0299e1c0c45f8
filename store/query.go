package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
)

// MaxLimit caps every query's rows.
const MaxLimit = 10000

func limit(n int) int {
	if n <= 0 || n > MaxLimit {
		return MaxLimit
	}
	return n
}

// AlertQuery filters alerts; zero fields do not filter.
type AlertQuery struct {
	Kind, Severity, Guest string
	Host                  string // the fleet server's: one host's alerts
	Since, Until          time.Time
	Limit                 int
}

// Alerts returns the alerts that match, newest first.
func (s *Store) Alerts(ctx context.Context, q AlertQuery) ([]alert.Alert, error) {
	var where []string
	var args []any
	if q.Kind != "" {
		where, args = append(where, "kind = ?"), append(args, q.Kind)
	}
	if q.Severity != "" {
		where, args = append(where, "severity = ?"), append(args, q.Severity)
	}
	if q.Guest != "" {
		where, args = append(where, "(src_guest = ? OR dst_guest = ?)"), append(args, q.Guest, q.Guest)
	}
	if q.Host != "" {
		where, args = append(where, "host = ?"), append(args, q.Host)
	}
	if !q.Since.IsZero() {
		where, args = append(where, "last_seen >= ?"), append(args, q.Since.UnixNano())
	}
	if !q.Until.IsZero() {
		where, args = append(where, "time < ?"), append(args, q.Until.UnixNano())
	}
	return records[alert.Alert](ctx, s, `SELECT record FROM alerts`+clause(where)+` ORDER BY time DESC, id DESC LIMIT ?`, append(args, limit(q.Limit))...)
}

// records runs a query whose one column is a JSON record and decodes
// each row.
func records[T any](ctx context.Context, s *Store, query string, args ...any) ([]T, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var rec string
		var v T
		if err := rows.Scan(&rec); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(rec), &v); err != nil {
			return nil, fmt.Errorf("stored record: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// between adds "guest on either side (and peer on the other)".
func between(where []string, args []any, guest, peer string) ([]string, []any) {
	switch {
	case guest == "":
		return where, args
	case peer != "":
		return append(where, "((src = ? AND dst = ?) OR (src = ? AND dst = ?))"), append(args, guest, peer, peer, guest)
	}
	return append(where, "(src = ? OR dst = ?)"), append(args, guest, guest)
}

func clause(where []string) string {
	if len(where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(where, " AND ")
}

// EdgeQuery filters edges: Guest on either side, Peer on the other.
type EdgeQuery struct {
	Guest, Peer  string
	Host         string // on the fleet server: one host's edges
	Since, Until time.Time
	Limit        int
}

// Edge is the traffic of one guest to one peer on one protocol and port,
// with one verdict, summed over a time range.
type Edge struct {
	Host    string    `json:"host,omitempty"` // on the fleet server
	Src     string    `json:"src"`
	Dst     string    `json:"dst"`
	Proto   string    `json:"proto"`
	Port    uint16    `json:"port"`
	Verdict string    `json:"verdict"`
	Flows   uint64    `json:"flows"`
	Packets uint64    `json:"packets"`
	Bytes   uint64    `json:"bytes"`
	First   time.Time `json:"first"`
	Last    time.Time `json:"last"`
}

// Edges sums the per-minute traffic over the range, busiest first.
func (s *Store) Edges(ctx context.Context, q EdgeQuery) ([]Edge, error) {
	var where []string
	var args []any
	where, args = between(where, args, q.Guest, q.Peer)
	if !q.Since.IsZero() {
		where, args = append(where, "minute >= ?"), append(args, q.Since.Unix()/60)
	}
	if !q.Until.IsZero() {
		where, args = append(where, "minute < ?"), append(args, (q.Until.Unix()+59)/60)
	}
	// This host's traffic; on the fleet server, the hosts'.
	table, host := "edges_minute", "''"
	if s.cfg.Fleet {
		table, host = "host_edges", "host"
		if q.Host != "" {
			where, args = append(where, "host = ?"), append(args, q.Host)
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+host+`, src, dst, proto, port, verdict, sum(flows), sum(packets), sum(bytes), min(minute), max(minute)
		FROM `+table+clause(where)+` GROUP BY `+host+`, src, dst, proto, port, verdict ORDER BY sum(bytes) DESC, src, dst LIMIT ?`, append(args, limit(q.Limit))...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Edge
	for rows.Next() {
		var e Edge
		var first, last int64
		if err := rows.Scan(&e.Host, &e.Src, &e.Dst, &e.Proto, &e.Port, &e.Verdict, &e.Flows, &e.Packets, &e.Bytes, &first, &last); err != nil {
			return nil, err
		}
		e.First, e.Last = time.Unix(first*60, 0).UTC(), time.Unix(last*60+59, 0).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// FlowQuery filters flow samples.
type FlowQuery struct {
	Guest, Peer  string
	Port         uint16
	Verdict      string
	Since, Until time.Time
	Limit        int
}

// Flows returns the sampled flow records that match, newest first.
func (s *Store) Flows(ctx context.Context, q FlowQuery) ([]flow.Record, error) {
	var where []string
	var args []any
	where, args = between(where, args, q.Guest, q.Peer)
	if q.Port != 0 {
		where, args = append(where, "port = ?"), append(args, q.Port)
	}
	if q.Verdict != "" {
		where, args = append(where, "verdict = ?"), append(args, q.Verdict)
	}
	if !q.Since.IsZero() {
		where, args = append(where, "start >= ?"), append(args, q.Since.UnixNano())
	}
	if !q.Until.IsZero() {
		where, args = append(where, "start < ?"), append(args, q.Until.UnixNano())
	}
	return records[flow.Record](ctx, s, `SELECT record FROM flow_samples`+clause(where)+` ORDER BY start DESC, seq DESC LIMIT ?`, append(args, limit(q.Limit))...)
}

// Alert returns the alert with id; ok is false when there is none.
func (s *Store) Alert(ctx context.Context, id string) (a alert.Alert, ok bool, err error) {
	out, err := records[alert.Alert](ctx, s, `SELECT record FROM alerts WHERE id = ?`, id)
	if err != nil || len(out) == 0 {
		return a, false, err
	}
	return out[0], true, nil
}

// KnownGuest is a guest as the store last saw it.
type KnownGuest struct {
	inventory.Guest
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
}

// Guest returns the guest called name as last seen; ok is false when the
// store never saw it.
func (s *Store) Guest(ctx context.Context, name string) (g KnownGuest, ok bool, err error) {
	var first, last int64
	var rec string
	err = s.db.QueryRowContext(ctx, `SELECT first_seen, last_seen, record FROM guests WHERE name = ?`, name).Scan(&first, &last, &rec)
	if errors.Is(err, sql.ErrNoRows) {
		return g, false, nil
	}
	if err != nil {
		return g, false, err
	}
	if err := json.Unmarshal([]byte(rec), &g.Guest); err != nil {
		return g, false, fmt.Errorf("guest %s: %w", name, err)
	}
	g.FirstSeen, g.LastSeen = time.Unix(0, first).UTC(), time.Unix(0, last).UTC()
	return g, true, nil
}

// Action is an enforcement step taken on a guest (quarantine, release,
// throttle), as recorded.
type Action struct {
	ID      string          `json:"id"`
	Time    time.Time       `json:"time"`
	Kind    string          `json:"kind"`
	Guest   string          `json:"guest"`
	Expires time.Time       `json:"expires,omitzero"`
	Detail  json.RawMessage `json:"detail,omitempty"`
}

// Actions returns the recorded actions, newest first.
func (s *Store) Actions(ctx context.Context, max int) ([]Action, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, time, kind, guest, expires, record FROM actions ORDER BY time DESC LIMIT ?`, limit(max))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Action{}
	for rows.Next() {
		var a Action
		var t, exp int64
		var rec string
		if err := rows.Scan(&a.ID, &t, &a.Kind, &a.Guest, &exp, &rec); err != nil {
			return nil, err
		}
		a.Time = time.Unix(0, t).UTC()
		if exp != 0 {
			a.Expires = time.Unix(0, exp).UTC()
		}
		if rec != "" {
			a.Detail = json.RawMessage(rec)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Check runs SQLite's integrity check: "ok", or what is wrong.
func (s *Store) Check(ctx context.Context) (string, error) {
	var res string
	err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res)
	return res, err
}

// PolicyVersion is a policy file as applied.
type PolicyVersion struct {
	Version int64
	Time    time.Time
	Digest  string // sha256 of Source, hex
	Source  []byte
}

// PutPolicy records src as the next policy version, applied at at, and
// returns its number. It writes at once (not through the batching
// queue): whoever applies a policy waits for it to be on disk.
func (s *Store) PutPolicy(ctx context.Context, at time.Time, src []byte) (int64, error) {
	sum := sha256.Sum256(src)
	var v int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO policy_versions (time, digest, source) VALUES (?, ?, ?) RETURNING version`,
		at.UnixNano(), hex.EncodeToString(sum[:]), string(src)).Scan(&v)
	return v, err
}

// LatestPolicy returns the newest policy version; ok is false when none
// was ever applied.
func (s *Store) LatestPolicy(ctx context.Context) (p PolicyVersion, ok bool, err error) {
	var t int64
	var src string
	err = s.db.QueryRowContext(ctx, `SELECT version, time, digest, source FROM policy_versions ORDER BY version DESC LIMIT 1`).Scan(&p.Version, &t, &p.Digest, &src)
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	}
	if err != nil {
		return p, false, err
	}
	p.Time, p.Source = time.Unix(0, t).UTC(), []byte(src)
	return p, true, nil
}

// PutAction records an enforcement step at once (not through the
// batching queue): whoever quarantines a guest waits for it to be on disk.
func (s *Store) PutAction(ctx context.Context, a Action) error {
	var exp int64
	if !a.Expires.IsZero() {
		exp = a.Expires.UnixNano()
	}
	detail := string(a.Detail)
	_, err := s.db.ExecContext(ctx, `INSERT INTO actions (id, time, kind, guest, expires, record) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET expires = excluded.expires, record = excluded.record`,
		a.ID, a.Time.UnixNano(), a.Kind, a.Guest, exp, detail)
	return err
}
