package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/store"
)

// The history the agent's socket serves from its store:
//
//	GET /v1/alerts?kind=&severity=&guest=&since=&until=&limit=
//	GET /v1/edges?guest=&peer=&since=&until=&limit=
//	GET /v1/flows?guest=&peer=&port=&since=&until=&limit=
//
// since and until are RFC 3339 times or durations back from now (1h).
// Errors are JSON bodies {"error": "..."}: 400 for bad parameters, 503
// when the agent keeps no store.

// apiError is every error body.
type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

// params reads query parameters, remembering the first bad one.
type params struct {
	q   url.Values
	now time.Time
	err error
}

func (p *params) str(name string) string { return p.q.Get(name) }

func (p *params) time(name string) time.Time {
	v := p.q.Get(name)
	if v == "" || p.err != nil {
		return time.Time{}
	}
	if d, err := time.ParseDuration(v); err == nil && d >= 0 {
		return p.now.Add(-d)
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		p.err = fmt.Errorf("%s: want an RFC 3339 time or a duration such as 1h, got %q", name, v)
	}
	return t
}

func (p *params) int(name string, max int) int {
	v := p.q.Get(name)
	if v == "" || p.err != nil {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > max {
		p.err = fmt.Errorf("%s: want a whole number from 0 to %d, got %q", name, max, v)
	}
	return n
}

func (p *params) only(names ...string) {
	for k := range p.q {
		known := false
		for _, n := range names {
			known = known || k == n
		}
		if !known && p.err == nil {
			p.err = fmt.Errorf("unknown parameter %q", k)
		}
	}
}

func (a *Agent) history(w http.ResponseWriter, r *http.Request, names []string, query func(ctx context.Context, p *params) (any, error)) {
	if a.store == nil {
		writeJSON(w, http.StatusServiceUnavailable, apiError{"this agent keeps no history: set store.path in its configuration"})
		return
	}
	p := &params{q: r.URL.Query(), now: time.Now()}
	p.only(names...)
	res, err := query(r.Context(), p)
	if p.err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{p.err.Error()})
		return
	}
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, apiError{err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (a *Agent) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/guests", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, a.View()) })
	mux.HandleFunc("GET /v1/alerts", func(w http.ResponseWriter, r *http.Request) {
		a.history(w, r, []string{"kind", "severity", "guest", "since", "until", "limit"}, func(ctx context.Context, p *params) (any, error) {
			q := store.AlertQuery{Kind: p.str("kind"), Severity: p.str("severity"), Guest: p.str("guest"),
				Since: p.time("since"), Until: p.time("until"), Limit: p.int("limit", store.MaxLimit)}
			if p.err != nil {
				return nil, nil
			}
			out, err := a.store.Alerts(ctx, q)
			if out == nil {
				out = []alert.Alert{}
			}
			return out, err
		})
	})
	mux.HandleFunc("GET /v1/edges", func(w http.ResponseWriter, r *http.Request) {
		a.history(w, r, []string{"guest", "peer", "since", "until", "limit"}, func(ctx context.Context, p *params) (any, error) {
			q := store.EdgeQuery{Guest: p.str("guest"), Peer: p.str("peer"), Since: p.time("since"), Until: p.time("until"), Limit: p.int("limit", store.MaxLimit)}
			if p.err != nil {
				return nil, nil
			}
			out, err := a.store.Edges(ctx, q)
			if out == nil {
				out = []store.Edge{}
			}
			return out, err
		})
	})
	mux.HandleFunc("GET /v1/flows", func(w http.ResponseWriter, r *http.Request) {
		a.history(w, r, []string{"guest", "peer", "port", "since", "until", "limit"}, func(ctx context.Context, p *params) (any, error) {
			q := store.FlowQuery{Guest: p.str("guest"), Peer: p.str("peer"), Port: uint16(p.int("port", 65535)),
				Since: p.time("since"), Until: p.time("until"), Limit: p.int("limit", store.MaxLimit)}
			if p.err != nil {
				return nil, nil
			}
			out, err := a.store.Flows(ctx, q)
			if out == nil {
				out = []flow.Record{}
			}
			return out, err
		})
	})
}

// Ask GETs path (with its query) from the agent on socket and decodes the
// JSON answer into v; an error body becomes the error.
func Ask(ctx context.Context, socket, path string, v any) error {
	c := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", socket)
	}}, Timeout: 30 * time.Second}
	req, err := http.NewRequestWithContext(ctx, "GET", "http://agent"+path, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var e apiError
		if json.NewDecoder(resp.Body).Decode(&e) == nil && e.Error != "" {
			return errors.New("agent: " + e.Error)
		}
		return fmt.Errorf("agent: %s", resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("agent: %w", err)
	}
	return nil
}
