package api

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/resource"
	"github.com/crosstalk-dev/crosstalk/store"
)

// backend is a real store with a fixed guest list.
type backend struct {
	st       *store.Store
	guests   []inventory.Guest
	notReady []string
	rounds   []resource.Round
}

func (b *backend) View() GuestsView {
	return GuestsView{Host: "h1", Providers: []string{"file"}, Guests: b.guests, Live: true}
}
func (b *backend) Store() *store.Store { return b.st }
func (b *backend) NotReady() []string  { return b.notReady }
func (b *backend) Policies() PolicyView {
	return PolicyView{Policies: []Policy{{Name: "shop", Mode: "observe", Scope: "app=shop", Rules: []Rule{{Name: "default-deny", From: "*", To: "*", Action: "deny", Hits: 3}}}}}
}
func (b *backend) Resources() ResourcesView {
	return ResourcesView{Interval: "1s", Sources: "test", Rounds: append([]resource.Round{}, b.rounds...)}
}
func (b *backend) ApplyPolicy(_ context.Context, src []byte) (PolicyApplied, error) {
	if !strings.HasPrefix(string(src), "version: 1") {
		return PolicyApplied{}, &BadInput{Err: errors.New("line 1: version: want 1")}
	}
	return PolicyApplied{Version: 2, Policies: 1}, nil
}

var t0 = time.Date(2026, 12, 3, 6, 0, 0, 0, time.UTC)

func newBackend(t testing.TB) *backend {
	t.Helper()
	cfg := store.DefaultConfig()
	cfg.Path = filepath.Join(t.TempDir(), "agent.db")
	st, err := store.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := time.Now().UTC().Truncate(time.Second)
	st.PutAlert(&alert.Alert{ID: "a1", Time: now, Kind: "portscan", Severity: alert.High, Src: &flow.Endpoint{Guest: "rogue"},
		Dst: &flow.Endpoint{Guest: "db-1"}, Summary: "rogue scanned db-1", Evidence: map[string]any{"ports": 100}, FirstSeen: now, LastSeen: now, Count: 1, Action: "none"}, true)
	st.PutFlow(&flow.Record{Start: now, End: now, Proto: "tcp", Src: flow.Endpoint{Guest: "web-1", IP: "10.0.0.2"},
		Dst: flow.Endpoint{Guest: "db-1", IP: "10.0.0.3", Port: 5432}, State: "SF", CommunityID: "1:x"})
	st.PutGuests(now, []inventory.Guest{{Name: "old-1"}})
	if err := st.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	var rounds []resource.Round
	for i := range 5 {
		rounds = append(rounds, resource.Round{Time: now.Add(time.Duration(i-4) * time.Minute),
			Guests: []resource.Use{{Guest: "db-1", Delay: 0.01 * float64(i)}, {Guest: "rogue", CPU: float64(i)}}})
	}
	return &backend{st: st, guests: []inventory.Guest{{Name: "web-1"}, {Name: "db-1"}, {Name: "rogue"}}, rounds: rounds}
}

const token = "0123456789abcdef0123456789abcdef"

func serve(t *testing.T, b Backend, cfg Config) (*Server, *Hub, string) {
	t.Helper()
	hub := NewHub(cfg.MaxStreams, cfg.StreamQueue)
	s := New(cfg, b, hub, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); s.Serve(ctx, ln, token) }()
	t.Cleanup(func() { cancel(); <-done })
	return s, hub, "http://" + ln.Addr().String()
}

func get(t *testing.T, url, tok string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, string(b)
}

// call sends one request (tok "" sends no token) and decodes the error
// body, if any.
func call(t *testing.T, method, url, tok, body string) (int, apiError, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e apiError
	json.NewDecoder(resp.Body).Decode(&e)
	return resp.StatusCode, e, resp.Header
}

// concrete turns a route pattern into a path to ask.
func concrete(pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	path = strings.NewReplacer("{name}", "web-1", "{id}", "a1").Replace(path)
	return method, path
}

func TestEveryEndpointNeedsTheToken(t *testing.T) {
	s, _, base := serve(t, newBackend(t), DefaultConfig())
	for _, route := range s.Routes() {
		method, path := concrete(route)
		for _, tok := range []string{"", "wrong-token-wrong-token"} {
			code, e, hdr := call(t, method, base+path, tok, "")
			public := path == "/healthz" || path == "/readyz"
			switch {
			case public && code != http.StatusOK:
				t.Errorf("%s without a token: %d, want 200", route, code)
			case !public && (code != http.StatusUnauthorized || e.Error == "" || hdr.Get("WWW-Authenticate") == ""):
				t.Errorf("%s with token %q: %d %q, want 401 with an error body and WWW-Authenticate", route, tok, code, e.Error)
			}
		}
	}
	// An unknown path under /api/ also wants the token before saying 404.
	if code, _ := get(t, base+"/api/v2/nothing", ""); code != http.StatusUnauthorized {
		t.Errorf("unknown API path without a token: %d, want 401", code)
	}
	if code, body := get(t, base+"/api/v2/nothing", token); code != http.StatusNotFound || !strings.Contains(body, "openapi") {
		t.Errorf("unknown API path: %d %s, want 404 pointing at the OpenAPI document", code, body)
	}
}

func TestEndpointsAnswer(t *testing.T) {
	_, _, base := serve(t, newBackend(t), DefaultConfig())
	for _, c := range []struct{ path, want string }{
		{"/api/v1/guests", `"name":"rogue"`},
		{"/api/v1/guests/web-1", `"name":"web-1"`},
		{"/api/v1/guests/old-1", `"first_seen"`}, // gone, but the store saw it
		{"/api/v1/alerts?kind=portscan&since=1h", `"id":"a1"`},
		{"/api/v1/alerts/a1", `"evidence":{"ports":100}`},
		{"/api/v1/edges?guest=db-1", `"port":5432`},
		{"/api/v1/flows?port=5432&verdict=none", `"community_id":"1:x"`},
		{"/api/v1/policies", `"name":"default-deny"`},
		{"/api/v1/actions", `[]`},
		{"/api/v1/resources", `"sources":"test"`},
		{"/api/v1/openapi.json", `"openapi": "3.1.0"`},
	} {
		code, body := get(t, base+c.path, token)
		if code != http.StatusOK || !strings.Contains(body, c.want) {
			t.Errorf("GET %s = %d %s, want 200 with %s", c.path, code, body, c.want)
		}
	}
	for _, c := range []struct {
		path string
		code int
	}{{"/api/v1/guests/nobody", 404}, {"/api/v1/alerts/nope", 404}} {
		if code, body := get(t, base+c.path, token); code != c.code || !strings.Contains(body, `"error"`) {
			t.Errorf("GET %s = %d %s, want %d with an error body", c.path, code, body, c.code)
		}
	}
	for body, want := range map[string]int{"version: 1\npolicies: []\n": 200, "version: 2\n": 400, strings.Repeat("x", MaxBody+1): 400} {
		code, e, _ := call(t, "POST", base+"/api/v1/policies", token, body)
		if code != want || (want == 400 && e.Error == "") {
			t.Errorf("POST /api/v1/policies (%d bytes) = %d %q, want %d", len(body), code, e.Error, want)
		}
	}
	for body, want := range map[string]int{
		`{"kind":"quarantine","guest":"rogue","ttl":"10m","allow_from":["role=monitor"]}`: 200,
		`{"kind":"release","guest":"rogue"}`:                                              200,
		`{"kind":"quarantine","guest":"nobody"}`:                                          400,
		`{"kind":"quarantine","guest":"rogue","ttl":"forever"}`:                           400,
		`{"kind":"quarantine","guest":"rogue","ttl":"9999h"}`:                             400,
		`{"kind":"release","guest":"rogue","ttl":"1h"}`:                                   400,
		`{"kind":"reboot","guest":"rogue"}`:                                               400,
		`{"kind":"quarantine"}`:                                                           400,
		`{"kind":"quarantine","guest":"rogue","colour":"red"}`:                            400,
		`not json`:                            400,
		`{"kind":"throttle","guest":"rogue"}`: 400,
		`{"kind":"throttle","guest":"rogue","cpu":0.5,"ttl":"5m"}`: 200,
		`{"kind":"quarantine","guest":"rogue","cpu":0.5}`:          400,
		`{"kind":"throttle","guest":"rogue","io_bps":1000}`:        400,
		`{"kind":"throttle","guest":"rogue","io_bps":52428800}`:    200,
		`{"kind":"throttle","guest":"rogue","net_bits_per_s":999}`: 400,
	} {
		code, e, _ := call(t, "POST", base+"/api/v1/actions", token, body)
		if code != want || (want != 200 && e.Error == "") {
			t.Errorf("POST /api/v1/actions %s = %d %q, want %d", body, code, e.Error, want)
		}
	}
}

// The resource rounds are filtered by guest, time and count, oldest
// first.
func TestResources(t *testing.T) {
	_, _, base := serve(t, newBackend(t), DefaultConfig())
	for _, c := range []struct {
		query  string
		rounds int
		guests []string // of the last round
		cpu    float64  // rogue's in the last round
	}{
		{"", 5, []string{"db-1", "rogue"}, 4},
		{"?guest=rogue", 5, []string{"rogue"}, 4},
		{"?guest=nobody", 0, nil, 0},
		{"?since=150s", 3, []string{"db-1", "rogue"}, 4},
		{"?limit=2&guest=db-1", 2, []string{"db-1"}, 0},
		{"?host=elsewhere", 0, nil, 0},
	} {
		code, body := get(t, base+"/api/v1/resources"+c.query, token)
		var v ResourcesView
		if code != http.StatusOK || json.Unmarshal([]byte(body), &v) != nil {
			t.Fatalf("GET resources%s = %d %s", c.query, code, body)
		}
		if len(v.Rounds) != c.rounds || v.Interval != "1s" || v.Rounds == nil {
			t.Errorf("GET resources%s: %d rounds (interval %q), want %d: %s", c.query, len(v.Rounds), v.Interval, c.rounds, body)
			continue
		}
		if c.rounds == 0 {
			continue
		}
		last := v.Rounds[len(v.Rounds)-1]
		var names []string
		cpu := 0.0
		for _, u := range last.Guests {
			names = append(names, u.Guest)
			if u.Guest == "rogue" {
				cpu = u.CPU
			}
		}
		if !slices.Equal(names, c.guests) || cpu != c.cpu || !v.Rounds[0].Time.Before(last.Time) && c.rounds > 1 {
			t.Errorf("GET resources%s: last round %v (rogue %g cores), want %v (%g): %s", c.query, names, cpu, c.guests, c.cpu, body)
		}
	}
}

func TestNewestOfEach(t *testing.T) {
	var rounds []resource.Round
	for i, h := range []string{"a", "b", "a", "a", "b"} {
		rounds = append(rounds, resource.Round{Time: t0.Add(time.Duration(i) * time.Second), Host: h})
	}
	var got []string
	for _, r := range newestOfEach(rounds, 2) {
		got = append(got, fmt.Sprintf("%s%d", r.Host, r.Time.Sub(t0)/time.Second))
	}
	if strings.Join(got, " ") != "b1 a2 a3 b4" {
		t.Errorf("the newest 2 of each host: %v, want b1 a2 a3 b4", got)
	}
}

// The UI's files answer without a token; the API next to them does not.
func TestUIIsPublic(t *testing.T) {
	ui := fstest.MapFS{"index.html": {Data: []byte("<title>crosstalk</title>")}, "assets/app.js": {Data: []byte("x")}}
	s := New(DefaultConfig(), newBackend(t), NewHub(1, 1), ui)
	srv := httptest.NewServer(s.Handler(token))
	defer srv.Close()
	for path, want := range map[string]int{"/": 200, "/assets/app.js": 200, "/nope.js": 404, "/api/v1/guests": 401} {
		if code, _ := get(t, srv.URL+path, ""); code != want {
			t.Errorf("GET %s without a token = %d, want %d", path, code, want)
		}
	}
	resp, err := http.Post(srv.URL+"/", "text/plain", strings.NewReader("x"))
	if err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %v %v, want 405", resp, err)
	}
}

func TestMalformedParameters(t *testing.T) {
	_, _, base := serve(t, newBackend(t), DefaultConfig())
	for _, c := range []struct{ path, want string }{
		{"/api/v1/alerts?since=yesterday", "since: want an RFC 3339 time"},
		{"/api/v1/alerts?until=-5m", "until:"},
		{"/api/v1/alerts?limit=0", "limit: want a whole number from 1 to 10000"},
		{"/api/v1/alerts?limit=100000", "limit:"},
		{"/api/v1/alerts?severity=urgent", "severity: want one of"},
		{"/api/v1/alerts?colour=red", `unknown parameter "colour"`},
		{"/api/v1/alerts?kind=a&kind=b", "kind: given 2 times"},
		{"/api/v1/alerts?guest=" + strings.Repeat("x", 300), "longer than 256"},
		{"/api/v1/flows?port=70000", "port: want a whole number from 1 to 65535"},
		{"/api/v1/flows?port=ssh", "port:"},
		{"/api/v1/edges?since=2026-13-01T00:00:00Z", "since:"},
		{"/api/v1/guests?x=1", "unknown parameter"},
		{"/api/v1/events?types=alert,packet", "types: want alert, flow"},
		{"/api/v1/events?severity=meh", "severity:"},
		{"/api/v1/actions?limit=-1", "limit:"},
		{"/api/v1/resources?limit=3601", "limit: want a whole number from 1 to 3600"},
		{"/api/v1/resources?since=soon", "since:"},
	} {
		code, body := get(t, base+c.path, token)
		var e apiError
		if code != http.StatusBadRequest || json.Unmarshal([]byte(body), &e) != nil || !strings.Contains(e.Error, c.want) {
			t.Errorf("GET %s = %d %s, want 400 saying %q", c.path, code, body, c.want)
		}
	}
}

func TestNoStoreIs503(t *testing.T) {
	_, _, base := serve(t, &backend{notReady: []string{"starting"}}, DefaultConfig())
	for _, p := range []string{"/api/v1/alerts", "/api/v1/alerts/a1", "/api/v1/edges", "/api/v1/flows", "/api/v1/actions"} {
		if code, body := get(t, base+p, token); code != http.StatusServiceUnavailable || !strings.Contains(body, "store.path") {
			t.Errorf("GET %s without a store = %d %s, want 503 naming store.path", p, code, body)
		}
	}
	if code, body := get(t, base+"/readyz", ""); code != http.StatusServiceUnavailable || !strings.Contains(body, "starting") {
		t.Errorf("readyz while not ready = %d %s", code, body)
	}
}

// The OpenAPI document describes exactly the routes the server has.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	var documented, served []string
	for path, ops := range doc.Paths {
		for m := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+path)
		}
	}
	served = New(DefaultConfig(), &backend{}, NewHub(1, 1), nil).Routes()
	slices.Sort(documented)
	slices.Sort(served)
	if !slices.Equal(documented, served) {
		t.Errorf("openapi.json paths:\n%v\nserved routes:\n%v", documented, served)
	}
}

func TestTokenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "api.token")
	tok, err := LoadToken(path)
	if err != nil || len(tok) != 64 {
		t.Fatalf("first start: %q, %v", tok, err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("token file mode %04o, want 0600", fi.Mode().Perm())
	}
	if again, err := LoadToken(path); err != nil || again != tok {
		t.Errorf("second start: %q, %v; want the same token", again, err)
	}
	os.Chmod(path, 0o644)
	if _, err := LoadToken(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a world-readable token file: %v, want refused", err)
	}
	os.WriteFile(path, []byte("short\n"), 0o600)
	if _, err := LoadToken(path); err == nil {
		t.Error("a token file without a real token was accepted")
	}
}

func TestTLS(t *testing.T) {
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	cfg := DefaultConfig()
	cfg.Addr, cfg.TokenFile, cfg.TLSCert, cfg.TLSKey = "127.0.0.1:0", filepath.Join(dir, "token"), cert, key
	s := New(cfg, newBackend(t), NewHub(1, 1), nil)
	ln, tok, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Serve(ctx, ln, tok)
	var v GuestsView
	if err := AddrClient("https://"+ln.Addr().String(), tok, true).Get(ctx, "/api/v1/guests", &v); err != nil || len(v.Guests) != 3 {
		t.Fatalf("over TLS: %v, %v", v, err)
	}
	if err := AddrClient(ln.Addr().String(), tok, false).Get(ctx, "/api/v1/guests", &v); err == nil {
		t.Error("plain HTTP to the TLS address worked")
	}
	if err := AddrClient("https://"+ln.Addr().String(), "bad-token-bad-token", true).Get(ctx, "/api/v1/guests", &v); err == nil || !strings.Contains(err.Error(), "wrong bearer token") {
		t.Errorf("a wrong token over TLS: %v", err)
	}
}

func selfSigned(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "crosstalk test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(k)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile
}

func TestSocketNeedsNoToken(t *testing.T) {
	s := New(DefaultConfig(), newBackend(t), NewHub(1, 1), nil)
	sock := filepath.Join(t.TempDir(), "agent.sock")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.ServeSocket(ctx, sock) }()
	deadline := time.Now().Add(5 * time.Second)
	for _, err := os.Stat(sock); err != nil && time.Now().Before(deadline); _, err = os.Stat(sock) {
		time.Sleep(10 * time.Millisecond)
	}
	if fi, err := os.Stat(sock); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("socket: %v %v, want mode 0600", fi, err)
	}
	var alerts []alert.Alert
	if err := SocketClient(sock).Get(ctx, "/api/v1/alerts", &alerts); err != nil || len(alerts) != 1 {
		t.Errorf("over the socket: %v, %v", alerts, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(sock); err == nil {
		t.Error("the socket outlived the server")
	}
}

func alertEvent(id, kind, src string) Event {
	return AlertEvent(&alert.Alert{ID: id, Kind: kind, Severity: alert.High, Src: &flow.Endpoint{Guest: src}, Summary: kind}, nil)
}

// openStream starts a stream and returns its events as "type data" lines.
func openStream(t *testing.T, ctx context.Context, base, query string) <-chan string {
	t.Helper()
	out := make(chan string, 100000)
	go func() {
		AddrClient(base, token, false).Stream(ctx, "/api/v1/events"+query, func(typ string, data []byte) error {
			out <- typ + " " + string(data)
			return nil
		})
	}()
	return out
}

func waitStreams(t *testing.T, hub *Hub, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for hub.Stats().Streams != n {
		if time.Now().After(deadline) {
			t.Fatalf("streams open: %d, want %d", hub.Stats().Streams, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestStreamFilters(t *testing.T) {
	_, hub, base := serve(t, newBackend(t), DefaultConfig())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	all := openStream(t, ctx, base, "")
	rogue := openStream(t, ctx, base, "?types=alert&guest=rogue")
	flows := openStream(t, ctx, base, "?types=flow&port=22")
	waitStreams(t, hub, 3)
	hub.Publish(alertEvent("x1", "portscan", "web-1"))
	hub.Publish(alertEvent("x2", "sweep", "rogue"))
	hub.Publish(FlowEvent(&flow.Record{Proto: "tcp", Src: flow.Endpoint{Guest: "rogue"}, Dst: flow.Endpoint{Guest: "db-1", Port: 22}}))
	hub.Publish(FlowEvent(&flow.Record{Proto: "tcp", Src: flow.Endpoint{Guest: "rogue"}, Dst: flow.Endpoint{Guest: "db-1", Port: 80}}))
	want := func(ch <-chan string, n int, prefix ...string) {
		t.Helper()
		for i := 0; i < n; i++ {
			select {
			case ev := <-ch:
				if !strings.HasPrefix(ev, prefix[i]) {
					t.Errorf("event %d = %s, want %s...", i, ev, prefix[i])
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("event %d never came", i)
			}
		}
		select {
		case ev := <-ch:
			t.Errorf("unwanted event %s", ev)
		case <-time.After(100 * time.Millisecond):
		}
	}
	want(all, 4, `alert {"id":"x1"`, `alert {"id":"x2"`, `flow {`, `flow {`)
	want(rogue, 1, `alert {"id":"x2"`)
	want(flows, 1, `flow {`)
}

func TestStreamLimit(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxStreams = 2
	_, hub, base := serve(t, newBackend(t), cfg)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	openStream(t, ctx, base, "")
	openStream(t, ctx, base, "")
	waitStreams(t, hub, 2)
	if code, body := get(t, base+"/api/v1/events", token); code != http.StatusServiceUnavailable || !strings.Contains(body, "max_streams") {
		t.Errorf("a third stream: %d %s, want 503", code, body)
	}
	if hub.Stats().Refused != 1 {
		t.Errorf("refused = %d, want 1", hub.Stats().Refused)
	}
}

// A client that stops reading costs the publisher nothing: its events are
// dropped and counted, other streams go on, and it is cut off after the
// write timeout.
func TestStreamSurvivesASlowClient(t *testing.T) {
	cfg := DefaultConfig()
	cfg.StreamQueue, cfg.WriteTimeout = 64, 500*time.Millisecond
	_, hub, base := serve(t, newBackend(t), cfg)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// The slow client: asks for the stream, then never reads.
	slow, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	slow.(*net.TCPConn).SetReadBuffer(4096)
	fmt.Fprintf(slow, "GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n", token)
	waitStreams(t, hub, 1)
	good := openStream(t, ctx, base, "?types=alert")
	waitStreams(t, hub, 2)

	big := strings.Repeat("x", 4096)
	start := time.Now()
	const n = 20000 // 80 MB for a client that reads nothing
	var slowest time.Duration
	for i := 0; i < n; i++ {
		t0 := time.Now()
		hub.Publish(AlertEvent(&alert.Alert{ID: fmt.Sprint(i), Kind: "flood", Summary: big}, nil))
		slowest = max(slowest, time.Since(t0))
		if i%1000 == 0 {
			time.Sleep(time.Millisecond) // let the good client keep up
		}
	}
	took := time.Since(start)
	t.Logf("published %d events of 4 KiB in %s (slowest Publish %s); dropped %d", n, took, slowest, hub.Stats().Dropped)
	if slowest > 100*time.Millisecond {
		t.Errorf("a Publish took %s: the slow client held the publisher up", slowest)
	}
	if hub.Stats().Dropped == 0 {
		t.Error("nothing was dropped for a client that reads nothing")
	}
	// The good client got events, and was told when it lost some.
	got, dropped := 0, false
	timeout := time.After(10 * time.Second)
	for got < 100 {
		select {
		case ev := <-good:
			got++
			dropped = dropped || strings.HasPrefix(ev, "dropped ")
		case <-timeout:
			t.Fatalf("the reading client got %d events", got)
		}
	}
	t.Logf("the reading client got %d events (told of drops: %v)", got, dropped)
	// The slow client is cut off after the write timeout; the good one stays.
	waitStreams(t, hub, 1)
}

func (b *backend) Act(_ context.Context, req ActionRequest) (store.Action, error) {
	if req.Guest != "rogue" {
		return store.Action{}, &BadInput{Err: fmt.Errorf("no guest %q", req.Guest)}
	}
	return store.Action{ID: "a1", Kind: req.Kind, Guest: req.Guest}, nil
}
