// Package api is the agent's (and the fleet server's) HTTP API: guests, history from the store, a
// live stream of alerts and flows (server-sent events), and the embedded
// web UI. One handler serves two doors: a root-only unix socket for the
// local CLI, and a TCP address where everything but /healthz, /readyz and
// the UI's static files needs the bearer token. docs/api.md is the
// contract; openapi.json describes it for machines.
package api

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/plan"
	"github.com/crosstalk-dev/crosstalk/store"
)

// GuestsView is what `crosstalk guests` shows: every guest from every
// provider, what the providers disagree on, and which could not answer.
type GuestsView struct {
	Host      string               `json:"host,omitempty"`
	Providers []string             `json:"providers"`
	Guests    []inventory.Guest    `json:"guests"`
	Conflicts []inventory.Conflict `json:"conflicts,omitempty"`
	Errors    []string             `json:"errors,omitempty"`
	// Live is true when a running agent answered, false when the
	// providers were read directly.
	Live bool `json:"live"`
}

// Backend is what the API serves; the agent implements it.
type Backend interface {
	// View returns the host's guests now.
	View() GuestsView
	// Store returns the history, or nil when the agent keeps none.
	Store() *store.Store
	// NotReady says why the agent is not yet (or no longer) doing its
	// work; nil when it is.
	NotReady() []string
	// Policies returns the segmentation policy in force.
	Policies() PolicyView
	// ApplyPolicy puts a policy file in force; a *BadInput error is the
	// file's fault (400).
	ApplyPolicy(ctx context.Context, src []byte) (PolicyApplied, error)
	// Act quarantines or releases a guest; *BadInput is the request's
	// fault (400), *NotImplemented what this agent cannot do (501).
	Act(ctx context.Context, req ActionRequest) (store.Action, error)
	// Resources returns the resource sampler's recent rounds.
	Resources() ResourcesView
}

// Fleet is what a fleet server's backend answers besides: its hosts and
// the planner's inventory of them.
type Fleet interface {
	Hosts(ctx context.Context) ([]HostView, error)
	Inventory(ctx context.Context) (*plan.Inventory, error)
}

// HostView is one host as the fleet server knows it.
type HostView struct {
	Name      string    `json:"name"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	// Up is true while the host's agent reports (within the server's
	// host_timeout).
	Up        bool              `json:"up"`
	Agent     string            `json:"agent,omitempty"` // its version
	Guests    int               `json:"guests"`
	CPUs      int               `json:"cpus,omitempty"`
	MemoryMiB int64             `json:"memory_mib,omitempty"`
	Labels    map[string]string `json:"labels,omitempty"`
	Patch     plan.Patch        `json:"patch,omitzero"`
}

// NotImplemented is an action this agent cannot take (its datapath
// cannot drop, say).
type NotImplemented struct{ Err error }

func (e *NotImplemented) Error() string { return e.Err.Error() }
func (e *NotImplemented) Unwrap() error { return e.Err }

// ActionRequest is POST /api/v1/actions:
//
//	{"kind": "quarantine", "guest": "rogue", "ttl": "15m", "allow_from": ["role=monitor"]}
//	{"kind": "throttle", "guest": "rogue", "cpu": 0.5, "io_bps": 52428800, "ttl": "10m"}
//	{"kind": "release", "guest": "rogue"}
type ActionRequest struct {
	Kind  string `json:"kind"`
	Guest string `json:"guest"`
	// TTL is how long a quarantine lasts (default 1h, at most 7 days): it
	// lifts by itself.
	TTL string `json:"ttl,omitempty"`
	// AllowFrom are selectors of the guests that may still reach it
	// (management peers).
	AllowFrom []string `json:"allow_from,omitempty"`
	// CPU is a throttle's cap in cores (0.5: half a CPU).
	CPU float64 `json:"cpu,omitempty"`
	// IO is a throttle's storage cap in bytes a second each way (read
	// and write), on every disk; at least 1 MiB. A throttle takes any
	// of CPU, IO and Net.
	IO uint64 `json:"io_bps,omitempty"`
	// Net is a throttle's network cap in bits a second, each way on
	// each of the guest's ports; at least 1 Mbit/s.
	Net uint64 `json:"net_bits_per_s,omitempty"`
}

// MaxTTL bounds a quarantine.
const MaxTTL = 7 * 24 * time.Hour

// Validate reports the first bad field; it returns the TTL.
func (r *ActionRequest) Validate() (time.Duration, error) {
	switch r.Kind {
	case "quarantine", "throttle", "release":
	default:
		return 0, &BadInput{Err: fmt.Errorf("kind: want quarantine, throttle or release, got %q", r.Kind)}
	}
	if r.Guest == "" || len(r.Guest) > 256 {
		return 0, &BadInput{Err: errors.New("guest: the guest's name is required")}
	}
	switch {
	case r.Kind == "release" && (r.TTL != "" || len(r.AllowFrom) > 0 || r.CPU != 0 || r.IO != 0 || r.Net != 0):
		return 0, &BadInput{Err: errors.New("release takes only the guest")}
	case r.Kind == "release":
		return 0, nil
	case r.Kind == "throttle" && r.CPU == 0 && r.IO == 0 && r.Net == 0:
		return 0, &BadInput{Err: errors.New("a throttle wants cpu (cores), io_bps (bytes a second), net_bits_per_s, or several")}
	case r.Kind == "throttle" && r.Net != 0 && r.Net < 1_000_000:
		return 0, &BadInput{Err: fmt.Errorf("net_bits_per_s: want at least 1 Mbit/s (1000000), got %d", r.Net)}
	case r.Kind == "throttle" && (r.CPU < 0 || r.CPU > 4096):
		return 0, &BadInput{Err: fmt.Errorf("cpu: a throttle wants the cap in cores above 0 (0.5: half a CPU), got %g", r.CPU)}
	case r.Kind == "throttle" && r.IO != 0 && r.IO < 1<<20:
		return 0, &BadInput{Err: fmt.Errorf("io_bps: want at least 1 MiB a second (1048576), got %d", r.IO)}
	case r.Kind == "throttle" && len(r.AllowFrom) > 0:
		return 0, &BadInput{Err: errors.New("allow_from is for quarantine")}
	case r.Kind == "quarantine" && (r.CPU != 0 || r.IO != 0 || r.Net != 0):
		return 0, &BadInput{Err: errors.New("cpu, io_bps and net_bits_per_s are for throttle")}
	}
	ttl := time.Hour
	if r.TTL != "" {
		d, err := time.ParseDuration(r.TTL)
		if err != nil || d < time.Second || d > MaxTTL {
			return 0, &BadInput{Err: fmt.Errorf("ttl: want a duration from 1s to %s, got %q", MaxTTL, r.TTL)}
		}
		ttl = d
	}
	if len(r.AllowFrom) > 64 {
		return 0, &BadInput{Err: errors.New("allow_from: at most 64 selectors")}
	}
	return ttl, nil
}

// BadInput wraps an error in what the client sent.
type BadInput struct{ Err error }

func (e *BadInput) Error() string { return e.Err.Error() }
func (e *BadInput) Unwrap() error { return e.Err }

// Config is the API's part of the agent configuration.
//
//	api: {addr: 127.0.0.1:9747, token_file: /var/lib/crosstalk/api.token}
type Config struct {
	// Addr is the TCP address to listen on; empty: only the socket.
	Addr string `yaml:"addr"`
	// TokenFile holds the bearer token; it is created (mode 0600) at
	// first start.
	TokenFile string `yaml:"token_file"`
	// TLSCert and TLSKey, both set, make Addr speak TLS only.
	TLSCert string `yaml:"tls_cert"`
	TLSKey  string `yaml:"tls_key"`
	// MaxStreams bounds the live streams open at once (default 64).
	MaxStreams int `yaml:"max_streams"`
	// StreamQueue bounds the events waiting for one stream's client
	// (default 1024); past it, events for that client are dropped.
	StreamQueue int `yaml:"stream_queue"`
	// WriteTimeout bounds one write to a client (default 10s): a stream
	// whose client stops reading is closed after it.
	WriteTimeout time.Duration `yaml:"write_timeout"`
}

// DefaultTokenFile is where the token lives unless configured.
const DefaultTokenFile = "/var/lib/crosstalk/api.token"

// DefaultConfig returns the defaults: no TCP address.
func DefaultConfig() Config {
	return Config{TokenFile: DefaultTokenFile, MaxStreams: 64, StreamQueue: 1024, WriteTimeout: 10 * time.Second}
}

// Validate reports the first bad setting.
func (c Config) Validate() error {
	switch {
	case c.Addr != "" && c.TokenFile == "":
		return errors.New("token_file: needed when addr is set")
	case (c.TLSCert == "") != (c.TLSKey == ""):
		return errors.New("tls_cert, tls_key: give both or neither")
	case c.MaxStreams < 1:
		return fmt.Errorf("max_streams: must be at least 1, got %d", c.MaxStreams)
	case c.StreamQueue < 1:
		return fmt.Errorf("stream_queue: must be at least 1, got %d", c.StreamQueue)
	case c.WriteTimeout <= 0:
		return fmt.Errorf("write_timeout: must be positive, got %s", c.WriteTimeout)
	}
	return nil
}

//go:embed openapi.json
var openAPI []byte

// Server answers API requests for one backend.
type Server struct {
	cfg     Config
	backend Backend
	hub     *Hub
	ui      fs.FS // the web UI's files; nil serves none
	routes  []string
	mux     *http.ServeMux
}

// New returns a server for b whose live stream is fed through hub; ui is
// the web UI's files (web.Dist()), nil for none. cfg must be valid.
func New(cfg Config, b Backend, hub *Hub, ui fs.FS) *Server {
	s := &Server{cfg: cfg, backend: b, hub: hub, ui: ui, mux: http.NewServeMux()}
	s.handle("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.handle("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if why := b.NotReady(); len(why) > 0 {
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "not ready", "reasons": why})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	s.handle("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	s.handle("GET /api/v1/guests", s.guests)
	s.handle("GET /api/v1/guests/{name}", s.guest)
	s.handle("GET /api/v1/alerts", s.alerts)
	s.handle("GET /api/v1/alerts/{id}", s.alert)
	s.handle("GET /api/v1/edges", s.edges)
	s.handle("GET /api/v1/flows", s.flows)
	s.handle("GET /api/v1/policies", s.policies)
	s.handle("POST /api/v1/policies", s.applyPolicy)
	s.handle("GET /api/v1/actions", s.actions)
	s.handle("POST /api/v1/actions", s.act)
	s.handle("GET /api/v1/resources", s.resources)
	s.handle("GET /api/v1/events", s.events)
	s.handle("GET /api/v1/hosts", s.hosts)
	s.handle("GET /api/v1/inventory", s.inventory)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path+" (see /api/v1/openapi.json)")
	})
	if ui != nil {
		files := http.FileServerFS(ui)
		s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				w.Header().Set("Allow", "GET, HEAD")
				writeError(w, http.StatusMethodNotAllowed, "the web UI is read with GET")
				return
			}
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'")
			files.ServeHTTP(w, r)
		})
	}
	return s
}

func (s *Server) handle(pattern string, h http.HandlerFunc) {
	s.routes = append(s.routes, pattern)
	s.mux.HandleFunc(pattern, h)
}

// Routes lists the method and path patterns the server answers (for the
// OpenAPI test and the documentation).
func (s *Server) Routes() []string { return s.routes }

// apiError is every error body.
type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, apiError{msg})
}

// params reads query parameters, remembering the first bad one.
type params struct {
	q   url.Values
	now time.Time
	err error
}

func newParams(r *http.Request, names ...string) *params {
	p := &params{q: r.URL.Query(), now: time.Now()}
	for k, vs := range p.q {
		known := false
		for _, n := range names {
			known = known || k == n
		}
		switch {
		case !known:
			p.fail(fmt.Errorf("unknown parameter %q (this endpoint takes %v)", k, names))
		case len(vs) > 1:
			p.fail(fmt.Errorf("%s: given %d times, want once", k, len(vs)))
		}
	}
	return p
}

func (p *params) fail(err error) {
	if p.err == nil {
		p.err = err
	}
}

func (p *params) str(name string) string {
	v := p.q.Get(name)
	if len(v) > 256 {
		p.fail(fmt.Errorf("%s: longer than 256 bytes", name))
		return ""
	}
	return v
}

func (p *params) time(name string) time.Time {
	v := p.q.Get(name)
	if v == "" {
		return time.Time{}
	}
	if d, err := time.ParseDuration(v); err == nil && d >= 0 {
		return p.now.Add(-d)
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		p.fail(fmt.Errorf("%s: want an RFC 3339 time or a duration such as 1h, got %q", name, v))
	}
	return t
}

func (p *params) int(name string, min, max int) int {
	v := p.q.Get(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		p.fail(fmt.Errorf("%s: want a whole number from %d to %d, got %q", name, min, max, v))
	}
	return n
}

func (p *params) oneOf(name string, allowed ...string) string {
	v := p.q.Get(name)
	if v == "" {
		return ""
	}
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	p.fail(fmt.Errorf("%s: want one of %v, got %q", name, allowed, v))
	return ""
}

var severities = []string{string(alert.Low), string(alert.Medium), string(alert.High), string(alert.Critical)}

// history answers one query of the store: 503 without a store, 400 for
// bad parameters (query sees p and returns nil when p.err is set).
func (s *Server) history(w http.ResponseWriter, r *http.Request, names []string, query func(ctx context.Context, st *store.Store, p *params) (any, error)) {
	st := s.backend.Store()
	if st == nil {
		writeError(w, http.StatusServiceUnavailable, "this agent keeps no history: set store.path in its configuration")
		return
	}
	p := newParams(r, names...)
	if p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return
	}
	res, err := query(r.Context(), st, p)
	switch {
	case p.err != nil:
		writeError(w, http.StatusBadRequest, p.err.Error())
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
	default:
		writeJSON(w, http.StatusOK, res)
	}
}

func (s *Server) guests(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "host")
	if p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return
	}
	v := s.backend.View()
	if h := p.str("host"); h != "" {
		v.Guests = slices.DeleteFunc(v.Guests, func(g inventory.Guest) bool { return g.Host != h })
	}
	writeJSON(w, http.StatusOK, v)
}

// fleetAnswer answers with what the fleet backend says (q), or 404 on
// an agent.
func (s *Server) fleetAnswer(w http.ResponseWriter, r *http.Request, q func(ctx context.Context, f Fleet) (any, error)) {
	if p := newParams(r); p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return
	}
	f, ok := s.backend.(Fleet)
	if !ok {
		writeError(w, http.StatusNotFound, "this is an agent: hosts and the fleet inventory are the fleet server's (crosstalk server)")
		return
	}
	v, err := q(r.Context(), f)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) hosts(w http.ResponseWriter, r *http.Request) {
	s.fleetAnswer(w, r, func(ctx context.Context, f Fleet) (any, error) { return f.Hosts(ctx) })
}

// inventory answers the fleet inventory, version 1, as JSON (what
// crosstalk plan --server reads; a file of it is a planner input).
func (s *Server) inventory(w http.ResponseWriter, r *http.Request) {
	s.fleetAnswer(w, r, func(ctx context.Context, f Fleet) (any, error) { return f.Inventory(ctx) })
}

// guest answers one guest: as running now, else as the store last saw it.
// On a fleet server, host picks the host when several have the name.
func (s *Server) guest(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "host")
	if p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return
	}
	name, host := r.PathValue("name"), p.str("host")
	for _, g := range s.backend.View().Guests {
		if g.Name == name && (host == "" || g.Host == host) {
			writeJSON(w, http.StatusOK, g)
			return
		}
	}
	if st := s.backend.Store(); st != nil {
		g, ok, err := st.Guest(r.Context(), name)
		switch {
		case err != nil:
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		case ok:
			writeJSON(w, http.StatusOK, g)
			return
		}
	}
	writeError(w, http.StatusNotFound, fmt.Sprintf("no guest %q on this host", name))
}

func (s *Server) alerts(w http.ResponseWriter, r *http.Request) {
	s.history(w, r, []string{"kind", "severity", "guest", "host", "since", "until", "limit"}, func(ctx context.Context, st *store.Store, p *params) (any, error) {
		q := store.AlertQuery{Kind: p.str("kind"), Severity: p.oneOf("severity", severities...), Guest: p.str("guest"), Host: p.str("host"),
			Since: p.time("since"), Until: p.time("until"), Limit: p.int("limit", 1, store.MaxLimit)}
		if q.Limit == 0 {
			q.Limit = 1000
		}
		if p.err != nil {
			return nil, nil
		}
		out, err := st.Alerts(ctx, q)
		if out == nil {
			out = []alert.Alert{}
		}
		return out, err
	})
}

func (s *Server) alert(w http.ResponseWriter, r *http.Request) {
	st := s.backend.Store()
	if st == nil {
		writeError(w, http.StatusServiceUnavailable, "this agent keeps no history: set store.path in its configuration")
		return
	}
	a, ok, err := st.Alert(r.Context(), r.PathValue("id"))
	switch {
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
	case !ok:
		writeError(w, http.StatusNotFound, fmt.Sprintf("no alert %q in the store", r.PathValue("id")))
	default:
		writeJSON(w, http.StatusOK, a)
	}
}

func (s *Server) edges(w http.ResponseWriter, r *http.Request) {
	s.history(w, r, []string{"guest", "peer", "host", "since", "until", "limit"}, func(ctx context.Context, st *store.Store, p *params) (any, error) {
		q := store.EdgeQuery{Guest: p.str("guest"), Peer: p.str("peer"), Host: p.str("host"), Since: p.time("since"), Until: p.time("until"), Limit: p.int("limit", 1, store.MaxLimit)}
		if q.Limit == 0 {
			q.Limit = 1000
		}
		if p.err != nil {
			return nil, nil
		}
		out, err := st.Edges(ctx, q)
		if out == nil {
			out = []store.Edge{}
		}
		return out, err
	})
}

func (s *Server) flows(w http.ResponseWriter, r *http.Request) {
	s.history(w, r, []string{"guest", "peer", "port", "verdict", "since", "until", "limit"}, func(ctx context.Context, st *store.Store, p *params) (any, error) {
		q := store.FlowQuery{Guest: p.str("guest"), Peer: p.str("peer"), Port: uint16(p.int("port", 1, 65535)), Verdict: p.str("verdict"),
			Since: p.time("since"), Until: p.time("until"), Limit: p.int("limit", 1, store.MaxLimit)}
		if q.Limit == 0 {
			q.Limit = 100
		}
		if p.err != nil {
			return nil, nil
		}
		out, err := st.Flows(ctx, q)
		if out == nil {
			out = []flow.Record{}
		}
		return out, err
	})
}

// PolicyView is the policy in force, as GET /api/v1/policies answers.
type PolicyView struct {
	// Version counts the policies applied (0: none yet, or no store).
	Version int64     `json:"version"`
	Applied time.Time `json:"applied,omitzero"`
	// Enforcing is true when the datapath can drop; on AF_PACKET an
	// enforcing policy's denies are would-denies.
	Enforcing bool     `json:"enforcing"`
	Policies  []Policy `json:"policies"`
	Source    string   `json:"source,omitempty"` // the policy file as applied
}

// Policy is a segmentation policy with its rules' hit counts.
type Policy struct {
	Name  string `json:"name"`
	Mode  string `json:"mode"`
	Scope string `json:"scope"`
	Rules []Rule `json:"rules"`
}

// Rule is one rule of a policy with its hit counter; each policy ends
// with its default-deny.
type Rule struct {
	Name   string `json:"name"`
	From   string `json:"from"`
	To     string `json:"to"`
	Ports  string `json:"ports,omitempty"`
	Action string `json:"action"`
	Hits   uint64 `json:"hits"`
}

// PolicyApplied answers POST /api/v1/policies.
type PolicyApplied struct {
	Version  int64  `json:"version"`
	Policies int    `json:"policies"`
	Rules    int    `json:"rules"`
	Note     string `json:"note,omitempty"`
}

func (s *Server) policies(w http.ResponseWriter, r *http.Request) {
	if p := newParams(r); p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return
	}
	writeJSON(w, http.StatusOK, s.backend.Policies())
}

// applyPolicy takes the policy file as the request body (YAML).
func (s *Server) applyPolicy(w http.ResponseWriter, r *http.Request) {
	src, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "read the policy file: "+err.Error())
		return
	}
	res, err := s.backend.ApplyPolicy(r.Context(), src)
	var bad *BadInput
	var ni *NotImplemented
	switch {
	case errors.As(err, &bad):
		writeError(w, http.StatusBadRequest, "policy: "+bad.Error())
	case errors.As(err, &ni):
		writeError(w, http.StatusNotImplemented, ni.Error())
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
	default:
		writeJSON(w, http.StatusOK, res)
	}
}

// act takes an ActionRequest (JSON; unknown fields refused).
func (s *Server) act(w http.ResponseWriter, r *http.Request) {
	var req ActionRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "action: want a JSON object {kind, guest, ttl, allow_from}: "+err.Error())
		return
	}
	if _, err := req.Validate(); err != nil {
		s.actionError(w, err)
		return
	}
	a, err := s.backend.Act(r.Context(), req)
	if err != nil {
		s.actionError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) actionError(w http.ResponseWriter, err error) {
	var bad *BadInput
	var ni *NotImplemented
	switch {
	case errors.As(err, &bad):
		writeError(w, http.StatusBadRequest, "action: "+bad.Error())
	case errors.As(err, &ni):
		writeError(w, http.StatusNotImplemented, ni.Error())
	default:
		writeError(w, http.StatusInternalServerError, err.Error())
	}
}

func (s *Server) actions(w http.ResponseWriter, r *http.Request) {
	s.history(w, r, []string{"limit"}, func(ctx context.Context, st *store.Store, p *params) (any, error) {
		n := p.int("limit", 1, store.MaxLimit)
		if p.err != nil {
			return nil, nil
		}
		return st.Actions(ctx, n)
	})
}
