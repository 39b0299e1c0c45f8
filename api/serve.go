package api

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// LoadToken reads the bearer token from path, creating it (32 random
// bytes, hex, mode 0600) when the file does not exist. A token file
// others can read is refused, as ssh refuses such a key.
func LoadToken(path string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("token file: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		b := make([]byte, 32)
		rand.Read(b)
		tok := hex.EncodeToString(b)
		_, err = f.WriteString(tok + "\n")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return "", fmt.Errorf("token file %s: %w", path, err)
		}
		return tok, nil
	}
	if !errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("token file: %w", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("token file: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return "", fmt.Errorf("token file %s: readable by others (mode %04o): chmod 600 it", path, fi.Mode().Perm())
	}
	return ReadToken(path)
}

// ReadToken reads a token file as the CLI does: the first line, trimmed.
func ReadToken(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("token file: %w", err)
	}
	tok, _, _ := strings.Cut(string(b), "\n")
	tok = strings.TrimSpace(tok)
	if len(tok) < 16 {
		return "", fmt.Errorf("token file %s: no token in it (want at least 16 characters on the first line)", path)
	}
	return tok, nil
}

// public paths answer without a token: health, readiness and the UI's
// static files (which hold no data; the UI asks for the token).
func public(path string) bool {
	return path == "/healthz" || path == "/readyz" || !strings.HasPrefix(path, "/api/")
}

// MaxBody bounds a request body (a policy file is at most 4 MiB).
const MaxBody = 4 << 20

// Handler returns the server's handler; with a token, every path under
// /api/ demands it.
func (s *Server) Handler(token string) http.Handler {
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token != "" && !public(r.URL.Path) {
			got := []byte(r.Header.Get("Authorization"))
			if subtle.ConstantTimeCompare(got, want) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="crosstalk"`)
				msg := "missing bearer token (Authorization: Bearer TOKEN; the token is in the agent's api.token_file)"
				if len(got) > 0 {
					msg = "wrong bearer token"
				}
				writeError(w, http.StatusUnauthorized, msg)
				return
			}
		}
		if r.Method == http.MethodPost || r.Method == http.MethodPut {
			r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
		}
		s.mux.ServeHTTP(w, r)
	})
}

func (s *Server) httpServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	// No WriteTimeout: streams run for hours; each write sets its own
	// deadline (events.go), and plain answers are small.
}

// ServeSocket answers on a unix socket only root can open (mode 0600),
// without a token, until ctx ends.
func (s *Server) ServeSocket(ctx context.Context, socket string) error {
	if err := os.MkdirAll(filepath.Dir(socket), 0o755); err != nil {
		return err
	}
	if c, err := net.DialTimeout("unix", socket, time.Second); err == nil {
		c.Close()
		return fmt.Errorf("socket %s: another agent answers there", socket)
	}
	os.Remove(socket) // a stale socket of an agent that died
	ln, err := net.Listen("unix", socket)
	if err != nil {
		return err
	}
	if err := os.Chmod(socket, 0o600); err != nil {
		ln.Close()
		return err
	}
	defer os.Remove(socket)
	return s.serve(ctx, ln, s.Handler(""))
}

// Listen opens the configured TCP address (with TLS when configured) and
// reads or creates the token; Serve then answers on it. Split so that a
// caller learns of a bad address or certificate before it goes on.
func (s *Server) Listen() (net.Listener, string, error) {
	token, err := LoadToken(s.cfg.TokenFile)
	if err != nil {
		return nil, "", err
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return nil, "", err
	}
	if s.cfg.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(s.cfg.TLSCert, s.cfg.TLSKey)
		if err != nil {
			ln.Close()
			return nil, "", fmt.Errorf("tls: %w", err)
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	}
	return ln, token, nil
}

// Serve answers on ln with token until ctx ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener, token string) error {
	return s.serve(ctx, ln, s.Handler(token))
}

func (s *Server) serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := s.httpServer(h)
	stop := context.AfterFunc(ctx, func() { srv.Close() })
	defer stop()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// ServeDoors answers until ctx ends on both doors: the unix socket
// (socket; root-only, no token) and, when the configuration has an
// address, that address with the bearer token (and TLS when
// configured). A door that cannot open or fails closes the other and is
// the error: a daemon whose API was asked for should not run without it.
func (s *Server) ServeDoors(ctx context.Context, socket string, log *slog.Logger) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	fail := func(err error) {
		once.Do(func() { first = err })
		cancel()
	}
	if s.cfg.Addr != "" {
		ln, token, err := s.Listen()
		if err != nil {
			return fmt.Errorf("api %s: %w", s.cfg.Addr, err)
		}
		log.Info("api listening", "addr", ln.Addr().String(), "tls", s.cfg.TLSCert != "", "token_file", s.cfg.TokenFile)
		wg.Go(func() {
			if err := s.Serve(ctx, ln, token); err != nil {
				fail(fmt.Errorf("api %s: %w", s.cfg.Addr, err))
			}
		})
	}
	if socket != "" {
		wg.Go(func() {
			if err := s.ServeSocket(ctx, socket); err != nil {
				fail(fmt.Errorf("socket %s: %w", socket, err))
			}
		})
	}
	wg.Wait()
	return first
}
