// Package server assembles the fleet server: the fleet's NATS (embedded
// with JetStream by default, or an external cluster), the consumer that
// turns the agents' messages into its store, and the backend of the same
// API and web UI the agents serve, for every host at once.
//
// Delivery is at least once and the writes are idempotent, so what the
// store ends up with is exactly once: a message is acknowledged only
// after the store has committed what it says; one redelivered (the
// server died between the commit and the acknowledgement) rewrites the
// same rows. Agents keep their alerts in an outbox until JetStream
// acknowledged them, and the stream drops what it already holds within
// its duplicate window.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	natsserver "github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/fleet"
	"github.com/crosstalk-dev/crosstalk/resource"
	"github.com/crosstalk-dev/crosstalk/store"
)

// Config is the server's configuration file (YAML):
//
//	listen: 0.0.0.0:4222          # the embedded NATS, for the agents
//	state_dir: /var/lib/crosstalk/server
//	api: {addr: 0.0.0.0:9747}
//	# nats: nats://n1:4222,nats://n2:4222   # an external cluster instead
//	# nats_credentials: /etc/crosstalk/server.creds
//	# replicas: 3
type Config struct {
	// Listen is where the embedded NATS listens (default 0.0.0.0:4222).
	Listen string `yaml:"listen"`
	// StateDir holds the JetStream storage, the enrolled hosts
	// (agents.json) and, unless store.path says otherwise, server.db.
	StateDir string `yaml:"state_dir"`
	// NATS, when set, is an external NATS cluster's URLs (comma
	// separated) to use instead of the embedded one; NATSCredentials the
	// server's credentials file there (crosstalk server enroll-server).
	NATS            string `yaml:"nats"`
	NATSCredentials string `yaml:"nats_credentials"`
	// TLS is the embedded NATS's certificate (and, with a CA, the CA
	// agents' certificates must be signed by: mutual TLS), or the CA and
	// client certificate for an external NATS.
	TLS fleet.TLSFiles `yaml:"tls"`
	// Replicas is the stream's replication in a NATS cluster (default
	// 1; 3 for a three-node cluster).
	Replicas int `yaml:"replicas"`
	// MaxBytes bounds the stream (default 1 GiB): when it is full, the
	// agents' messages wait in their outboxes.
	MaxBytes int64 `yaml:"max_bytes"`
	// Duplicates is the stream's duplicate window (default 2m).
	Duplicates time.Duration `yaml:"duplicates"`
	// HostTimeout is how long a host may be silent before it is shown as
	// down (default 1m; agents speak at least every 3 intervals, 30 s by
	// default).
	HostTimeout time.Duration `yaml:"host_timeout"`
	Store       store.Config  `yaml:"store"`
	API         api.Config    `yaml:"api"`
	// Socket is the root-only unix socket of the API (no token).
	Socket string `yaml:"socket"`
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{Listen: "0.0.0.0:4222", StateDir: "/var/lib/crosstalk/server", Replicas: 1, MaxBytes: 1 << 30,
		Duplicates: 2 * time.Minute, HostTimeout: time.Minute, Store: store.DefaultConfig(), API: api.DefaultConfig(),
		Socket: "/run/crosstalk/server.sock"}
}

// Validate reports the first bad setting.
func (c Config) Validate() error {
	if c.NATS == "" {
		if _, _, err := net.SplitHostPort(c.Listen); err != nil {
			return fmt.Errorf("listen: %w", err)
		}
	}
	switch {
	case c.StateDir == "":
		return errors.New("state_dir: required")
	case c.Replicas < 1 || c.Replicas > 5:
		return fmt.Errorf("replicas: 1 to 5, got %d", c.Replicas)
	case c.MaxBytes < 1<<20:
		return fmt.Errorf("max_bytes: at least 1 MiB, got %d", c.MaxBytes)
	case c.Duplicates < time.Second:
		return fmt.Errorf("duplicates: at least 1s, got %s", c.Duplicates)
	case c.HostTimeout < time.Second:
		return fmt.Errorf("host_timeout: at least 1s, got %s", c.HostTimeout)
	case c.NATS != "" && c.NATSCredentials == "":
		return errors.New("nats_credentials: an external NATS needs the server's credentials (crosstalk server enroll-server)")
	}
	if err := c.Store.Validate(); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return c.API.Validate()
}

// EnrollmentFile is where the enrolled hosts are kept.
func (c Config) EnrollmentFile() string { return filepath.Join(c.StateDir, "agents.json") }

// Server is a running fleet server.
type Server struct {
	cfg  Config
	log  *slog.Logger
	base *slog.Logger // the caller's, for the NATS's own log

	ns    *natsserver.Server // nil with an external NATS
	nopts *natsserver.Options
	nc    *nats.Conn
	js    jetstream.JetStream
	st    *store.Store
	hub   *api.Hub

	mu    sync.Mutex
	hosts map[string]*host

	ready                     atomic.Bool
	applied, rejected, errors atomic.Uint64

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// host is what the server knows of one host now.
type host struct {
	firstSeen, lastSeen time.Time
	inventory           *fleet.Inventory
	facts               *fleet.Facts
	resources           *fleet.Resources
	rounds              *resource.History // its recent resource rounds
}

// Each host's recent resource rounds: 30 (five minutes at the agents'
// default 10 s) and at most 1,500 guest samples (~220 kB) a host.
const (
	hostRounds  = 30
	hostSamples = 1500
)

// addRound keeps r among the host's recent rounds (once: a message
// delivered again is not a new round).
func (h *host) addRound(name string, r *fleet.Resources) {
	if h.rounds == nil {
		h.rounds = resource.NewHistory(hostRounds, hostSamples)
	}
	if last, ok := h.rounds.Last(); ok && !last.Time.Before(r.Time) {
		return
	}
	h.rounds.Add(resource.Round{Time: r.Time, Host: name, Guests: r.Guests})
}

// New checks the configuration and opens nothing.
func New(cfg Config, log *slog.Logger) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Store.Path == "" {
		cfg.Store.Path = filepath.Join(cfg.StateDir, "server.db")
	}
	cfg.Store.Fleet = true
	return &Server{cfg: cfg, log: log.With("component", "server"), base: log, hub: api.NewHub(cfg.API.MaxStreams, cfg.API.StreamQueue), hosts: map[string]*host{}}, nil
}

// Start opens the store, starts or joins the NATS and starts consuming.
func (s *Server) Start(ctx context.Context) error {
	if err := os.MkdirAll(s.cfg.StateDir, 0o700); err != nil {
		return err
	}
	st, err := store.Open(s.cfg.Store)
	if err != nil {
		return err
	}
	s.st = st
	if err := s.restoreHosts(ctx); err != nil {
		st.Close()
		return err
	}
	if s.cfg.NATS == "" {
		err = s.startNATS()
	} else {
		err = s.joinNATS()
	}
	if err != nil {
		st.Close()
		if s.ns != nil {
			s.ns.Shutdown()
		}
		return err
	}
	js, err := jetstream.New(s.nc)
	if err != nil {
		s.Stop()
		return err
	}
	s.js = js
	ctx, s.cancel = context.WithCancel(context.Background())
	s.wg.Add(1)
	go s.consume(ctx)
	if s.ns != nil {
		s.wg.Add(1)
		go s.watchEnrollment(ctx)
	}
	return nil
}

// startNATS starts the embedded NATS with JetStream: the enrolled hosts
// as users held to their own subjects, and the server itself as a user
// with a secret of this run.
func (s *Server) startNATS() error {
	hostname, portStr, _ := net.SplitHostPort(s.cfg.Listen)
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	if port == 0 {
		port = natsserver.RANDOM_PORT // ":0" is any free port, as for net.Listen
	}
	secret, hash, err := fleet.NewSecret()
	if err != nil {
		return err
	}
	opts := &natsserver.Options{
		ServerName: "crosstalk", Host: hostname, Port: port, NoSigs: true,
		JetStream: true, StoreDir: filepath.Join(s.cfg.StateDir, "jetstream"), JetStreamMaxStore: 2 * s.cfg.MaxBytes, JetStreamMaxMemory: 64 << 20,
		MaxPayload: fleet.MaxMessage + 64<<10, AuthTimeout: 5,
	}
	if opts.TLSConfig, err = s.cfg.TLS.Server(); err != nil {
		return err
	}
	opts.TLSVerify = opts.TLSConfig != nil && opts.TLSConfig.ClientCAs != nil
	users, err := s.users(hash)
	if err != nil {
		return err
	}
	opts.Users = users
	ns, err := natsserver.NewServer(opts)
	if err != nil {
		return fmt.Errorf("nats: %w", err)
	}
	ns.SetLoggerV2(&natsLog{log: s.base.With("component", "nats")}, false, false, false)
	go ns.Start()
	if !ns.ReadyForConnections(15 * time.Second) {
		ns.Shutdown()
		return fmt.Errorf("nats: not listening on %s after 15 s", s.cfg.Listen)
	}
	s.ns, s.nopts = ns, opts
	nc, err := nats.Connect("", nats.InProcessServer(ns), nats.UserInfo(fleet.ServerUser, secret), nats.Name("crosstalk-server"),
		nats.MaxReconnects(-1))
	if err != nil {
		return fmt.Errorf("nats: %w", err)
	}
	s.nc = nc
	s.log.Info("fleet NATS listening", "addr", ns.Addr().String(), "jetstream", opts.StoreDir, "tls", opts.TLSConfig != nil, "mutual_tls", opts.TLSVerify)
	return nil
}

// users are the embedded NATS's users: the server, and each enrolled
// host allowed to publish only to its own subjects and read only its own
// replies.
func (s *Server) users(serverHash string) ([]*natsserver.User, error) {
	e, err := fleet.LoadEnrollment(s.cfg.EnrollmentFile())
	if err != nil {
		return nil, err
	}
	users := []*natsserver.User{{Username: fleet.ServerUser, Password: serverHash}}
	for _, h := range e.Names() {
		users = append(users, &natsserver.User{Username: h, Password: e.Hosts[h], Permissions: &natsserver.Permissions{
			Publish:   &natsserver.SubjectPermission{Allow: []string{fleet.HostSubjects(h)}},
			Subscribe: &natsserver.SubjectPermission{Allow: []string{fleet.InboxPrefix(h) + ".>"}},
		}})
	}
	if len(e.Hosts) == 0 {
		s.log.Warn("no hosts enrolled yet: crosstalk server enroll HOST adds one", "file", s.cfg.EnrollmentFile())
	}
	return users, nil
}

// watchEnrollment reloads the users when the enrollment file changes:
// a host enrolled (or revoked) while the server runs gets in (or is
// cut off) within two seconds.
func (s *Server) watchEnrollment(ctx context.Context) {
	defer s.wg.Done()
	mtime := func() time.Time {
		st, err := os.Stat(s.cfg.EnrollmentFile())
		if err != nil {
			return time.Time{}
		}
		return st.ModTime()
	}
	last := mtime()
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if m := mtime(); !m.Equal(last) {
			last = m
			opts := *s.nopts
			users, err := s.users(s.nopts.Users[0].Password)
			if err != nil {
				s.log.Error("enrollment not reloaded", "err", err)
				continue
			}
			opts.Users = users
			if err := s.ns.ReloadOptions(&opts); err != nil {
				s.log.Error("enrollment not reloaded", "err", err)
				continue
			}
			s.nopts = &opts
			s.log.Info("enrollment reloaded", "hosts", len(users)-1)
		}
	}
}

// joinNATS connects to an external NATS with the server's credentials.
func (s *Server) joinNATS() error {
	creds, err := fleet.LoadCredentials(s.cfg.NATSCredentials)
	if err != nil {
		return err
	}
	opts := []nats.Option{nats.Name("crosstalk-server"), nats.UserInfo(creds.User, creds.Password),
		nats.RetryOnFailedConnect(true), nats.MaxReconnects(-1), nats.ReconnectWait(time.Second),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				s.log.Warn("lost the fleet's NATS", "err", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { s.log.Info("reconnected to the fleet's NATS", "url", c.ConnectedUrlRedacted()) }),
	}
	if tc, err := s.cfg.TLS.Client(); err != nil {
		return err
	} else if tc != nil {
		opts = append(opts, nats.Secure(tc))
	}
	nc, err := nats.Connect(s.cfg.NATS, opts...)
	if err != nil {
		return fmt.Errorf("nats %s: %w", s.cfg.NATS, err)
	}
	s.nc = nc
	s.log.Info("using an external NATS", "urls", s.cfg.NATS, "replicas", s.cfg.Replicas)
	return nil
}

// Stop stops consuming, closes the NATS connection (and the embedded
// NATS) and the store. Idempotent.
func (s *Server) Stop() {
	if s.cancel != nil {
		s.cancel()
	}
	s.wg.Wait()
	if s.nc != nil {
		s.nc.Close()
	}
	if s.ns != nil {
		s.ns.Shutdown()
		s.ns.WaitForShutdown()
	}
	if s.st != nil {
		s.st.Close()
	}
	s.ready.Store(false)
}

// NATSAddr is the embedded NATS's address ("" with an external one).
func (s *Server) NATSAddr() string {
	if s.ns == nil {
		return ""
	}
	return s.ns.Addr().String()
}

// Stats are the consumer's counters.
type Stats struct {
	Applied, Rejected, Errors uint64
	Hosts                     int
}

// Stats returns the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	n := len(s.hosts)
	s.mu.Unlock()
	return Stats{Applied: s.applied.Load(), Rejected: s.rejected.Load(), Errors: s.errors.Load(), Hosts: n}
}
