package api

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzQuery throws arbitrary query strings at every GET endpoint: the
// answer is a status the API documents, with a JSON body, never a panic.
func FuzzQuery(f *testing.F) {
	for _, q := range []string{"", "since=1h", "since=yesterday&limit=5", "types=alert,flow&port=22", "port=0", "limit=99999999999999999999",
		"guest=%00", "kind=a&kind=b", "since=-1h", "until=2026-12-03T06:00:00Z", "severity=high&types=alert"} {
		f.Add(q)
	}
	s := New(DefaultConfig(), newBackend(f), NewHub(1, 1), nil)
	h := s.Handler("")
	paths := []string{"/api/v1/guests", "/api/v1/alerts", "/api/v1/edges", "/api/v1/flows", "/api/v1/actions", "/api/v1/policies", "/api/v1/resources", "/api/v1/events"}
	f.Fuzz(func(t *testing.T, q string) {
		for _, p := range paths {
			req := httptest.NewRequest("GET", "/", nil)
			if p == "/api/v1/events" {
				ctx, cancel := context.WithCancel(context.Background())
				cancel() // a stream that is accepted ends at once
				req = req.WithContext(ctx)
			}
			req.URL.Path, req.URL.RawQuery = p, q
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			switch w.Code {
			case http.StatusOK, http.StatusBadRequest, http.StatusServiceUnavailable:
			default:
				t.Fatalf("GET %s?%s = %d %s", p, q, w.Code, w.Body)
			}
			if w.Code != http.StatusOK && !strings.HasPrefix(w.Body.String(), `{"error":`) {
				t.Fatalf("GET %s?%s = %d without an error body: %s", p, q, w.Code, w.Body)
			}
		}
	})
}

// FuzzStream feeds the client's event-stream reader arbitrary bytes: it
// ends with an error or nil, never a panic.
func FuzzStream(f *testing.F) {
	f.Add("event: alert\ndata: {}\n\n: keepalive\n\nevent: dropped\ndata: {\"dropped\":3}\n\n")
	f.Add("data: x\ndata: y\n\n\n\nevent:\n")
	f.Fuzz(func(t *testing.T, body string) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, body)
		}))
		defer srv.Close()
		AddrClient(srv.URL, "", false).Stream(context.Background(), "/", func(typ string, data []byte) error { return nil })
	})
}
