package store

import (
	"database/sql"
	"fmt"
)

// migrations bring a database from version i (PRAGMA user_version) to
// i+1. Append only: a released migration never changes.
var migrations = []string{
	// 1: alerts, per-minute edges, flow samples.
	`CREATE TABLE alerts (
		id TEXT PRIMARY KEY,
		time INTEGER NOT NULL,       -- ns since the epoch, event time
		last_seen INTEGER NOT NULL,
		kind TEXT NOT NULL,
		severity TEXT NOT NULL,
		src_guest TEXT NOT NULL,
		dst_guest TEXT NOT NULL,
		count INTEGER NOT NULL,
		record TEXT NOT NULL         -- the alert's JSON line
	);
	CREATE INDEX alerts_time ON alerts (time);
	CREATE INDEX alerts_last_seen ON alerts (last_seen);
	CREATE INDEX alerts_kind ON alerts (kind, time);
	CREATE TABLE edges_minute (
		minute INTEGER NOT NULL,     -- unix minute of the flows' start
		src TEXT NOT NULL,           -- guest, else address
		dst TEXT NOT NULL,
		proto TEXT NOT NULL,
		port INTEGER NOT NULL,       -- the responder's port
		verdict TEXT NOT NULL,
		flows INTEGER NOT NULL,
		packets INTEGER NOT NULL,
		bytes INTEGER NOT NULL,
		PRIMARY KEY (minute, src, dst, proto, port, verdict)
	) WITHOUT ROWID;
	CREATE INDEX edges_src ON edges_minute (src, minute);
	CREATE INDEX edges_dst ON edges_minute (dst, minute);
	CREATE TABLE flow_samples (
		seq INTEGER PRIMARY KEY,
		start INTEGER NOT NULL,
		src TEXT NOT NULL,
		dst TEXT NOT NULL,
		port INTEGER NOT NULL,
		record TEXT NOT NULL         -- the flow's JSON line
	);
	CREATE INDEX flow_samples_start ON flow_samples (start);`,
	// 2: the guests seen, policy versions, enforcement actions; the
	// verdict of a flow sample as a column for filtering.
	`CREATE TABLE guests (
		name TEXT PRIMARY KEY,
		uuid TEXT NOT NULL,
		first_seen INTEGER NOT NULL, -- ns since the epoch, wall clock
		last_seen INTEGER NOT NULL,
		record TEXT NOT NULL         -- the guest's JSON, as last seen
	);
	CREATE TABLE policy_versions (
		version INTEGER PRIMARY KEY,
		time INTEGER NOT NULL,
		digest TEXT NOT NULL,        -- sha256 of the source
		source TEXT NOT NULL         -- the policy file as applied
	);
	CREATE TABLE actions (
		id TEXT PRIMARY KEY,
		time INTEGER NOT NULL,
		kind TEXT NOT NULL,          -- quarantine, release, throttle
		guest TEXT NOT NULL,
		expires INTEGER NOT NULL,    -- 0: until released
		record TEXT NOT NULL
	);
	CREATE INDEX actions_time ON actions (time);
	ALTER TABLE flow_samples ADD COLUMN verdict TEXT NOT NULL DEFAULT '';`,
	// 3: the fleet. An agent's outbox (messages for the server, in the
	// transaction of what they report); on the server, the host of each
	// alert, the hosts' latest state and their per-minute traffic.
	`ALTER TABLE alerts ADD COLUMN host TEXT NOT NULL DEFAULT '';
	CREATE INDEX alerts_host ON alerts (host, time);
	CREATE TABLE outbox (
		seq INTEGER PRIMARY KEY,
		subject TEXT NOT NULL,
		msg_id TEXT NOT NULL,        -- JetStream's Nats-Msg-Id
		data BLOB NOT NULL
	);
	CREATE TABLE hosts (
		name TEXT PRIMARY KEY,
		first_seen INTEGER NOT NULL, -- ns since the epoch, the server's clock
		last_seen INTEGER NOT NULL,
		inventory TEXT NOT NULL DEFAULT '', -- the latest message of each kind
		facts TEXT NOT NULL DEFAULT '',
		resources TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE host_edges (
		host TEXT NOT NULL,
		minute INTEGER NOT NULL,
		src TEXT NOT NULL,
		dst TEXT NOT NULL,
		proto TEXT NOT NULL,
		port INTEGER NOT NULL,
		verdict TEXT NOT NULL,
		flows INTEGER NOT NULL,
		packets INTEGER NOT NULL,
		bytes INTEGER NOT NULL,
		PRIMARY KEY (host, minute, src, dst, proto, port, verdict)
	) WITHOUT ROWID;
	CREATE INDEX host_edges_minute ON host_edges (minute);`,
	// 4: when each minute of traffic last changed (a commit number), so
	// that an agent sends the fleet server every minute a long flow
	// updated after the fact.
	`ALTER TABLE edges_minute ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX edges_updated ON edges_minute (updated);`,
}

// migrate applies the migrations the database has not seen, each in its
// own transaction with the version bump. A database newer than this
// binary is refused rather than guessed at.
func migrate(db *sql.DB) error {
	var version int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("not a crosstalk database (or not SQLite): %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this crosstalk (%d): upgrade crosstalk", version, len(migrations))
	}
	for v := version; v < len(migrations); v++ {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec(migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	return nil
}
