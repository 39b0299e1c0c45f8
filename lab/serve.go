package lab

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The services a guest runs, by role (every guest also runs ssh and
// metrics). They speak just enough of each protocol for traffic between
// guests to look like what it stands for; the detectors only see flows.

// peer is a guest as the services and the workload know it.
type peer struct {
	name, role string
	v4, v6     netip.Addr
}

// ports are the services' ports; tests move them.
type ports struct {
	ssh, metrics, web, app, db, cache, dns int
}

var defaultPorts = ports{ssh: 22, metrics: 9100, web: 80, app: 8080, db: 5432, cache: 6379, dns: 53}

const (
	// maxConns bounds each listener's concurrent connections; more are
	// closed at once (and counted).
	maxConns = 64
	// maxTransfer bounds one ssh pull or push.
	maxTransfer = 64 << 20
	// maxCacheKeys bounds the cache service's store.
	maxCacheKeys = 1024
	// greetTimeout bounds the wait for a client's first line.
	greetTimeout = 10 * time.Second
	// connTimeout bounds a whole connection.
	connTimeout = 60 * time.Second
	// sshBanner is what the ssh service says first.
	sshBanner = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"
	// dnsZone is the zone the dns service answers for: GUEST.lab.
	dnsZone = "lab"
)

// payload is incompressible filler for transfers.
var payload = func() []byte {
	b := make([]byte, 64<<10)
	r := rand.NewChaCha8([32]byte{'c', 'r', 'o', 's', 's', 't', 'a', 'l', 'k'})
	r.Read(b)
	return b
}()

// services are one guest's listeners.
type services struct {
	self  peer
	peers []peer
	ports ports
	log   *slog.Logger
	start time.Time

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	mu     sync.Mutex
	addrs  map[string]net.Addr
	close  []func()

	conns    sync.Map // service name -> *atomic.Uint64
	refused  atomic.Uint64
	requests atomic.Uint64

	cacheMu sync.Mutex
	cache   map[string]string
}

// startServices binds the services of self's role on host (empty: every
// address) and serves them until Close.
func startServices(self peer, peers []peer, p ports, host string, logger *slog.Logger) (*services, error) {
	s := &services{self: self, peers: peers, ports: p, log: logger, start: time.Now(),
		addrs: map[string]net.Addr{}, cache: map[string]string{}}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	addr := func(port int) string { return net.JoinHostPort(host, strconv.Itoa(port)) }
	metrics := http.NewServeMux()
	metrics.HandleFunc("GET /metrics", s.handleMetrics)
	err := errors.Join(
		s.serveTCP("ssh", addr(p.ssh), s.handleSSH),
		s.serveHTTP("metrics", addr(p.metrics), metrics),
	)
	switch self.role {
	case "web":
		mux := http.NewServeMux()
		mux.HandleFunc("GET /healthz", handleHealth)
		mux.HandleFunc("GET /{$}", s.handlePage)
		err = errors.Join(err, s.serveHTTP("web", addr(p.web), mux))
	case "app":
		mux := http.NewServeMux()
		mux.HandleFunc("GET /healthz", handleHealth)
		mux.HandleFunc("GET /api/items/{id}", s.handleItem)
		err = errors.Join(err, s.serveHTTP("app", addr(p.app), mux))
	case "db":
		err = errors.Join(err, s.serveTCP("db", addr(p.db), s.handleDB))
	case "cache":
		err = errors.Join(err, s.serveTCP("cache", addr(p.cache), s.handleCache))
	case "dns":
		err = errors.Join(err, s.serveDNS(addr(p.dns)))
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close stops every service and waits for them.
func (s *services) Close() {
	s.cancel()
	s.mu.Lock()
	closers := s.close
	s.close = nil
	s.mu.Unlock()
	for _, c := range closers {
		c()
	}
	s.wg.Wait()
}

// addr returns where a service listens (for tests).
func (s *services) addr(service string) net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addrs[service]
}

func (s *services) bound(service string, a net.Addr, closer func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addrs[service] = a
	s.close = append(s.close, closer)
}

func (s *services) count(service string) {
	c, _ := s.conns.LoadOrStore(service, new(atomic.Uint64))
	c.(*atomic.Uint64).Add(1)
}

// serveTCP accepts connections for a line-based service.
func (s *services) serveTCP(service, addr string, handle func(net.Conn)) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("%s: %w", service, err)
	}
	s.bound(service, l.Addr(), func() { l.Close() })
	sem := make(chan struct{}, maxConns)
	s.wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				if s.ctx.Err() == nil && !errors.Is(err, net.ErrClosed) {
					s.log.Warn("accept failed", "service", service, "err", err)
				}
				return
			}
			select {
			case sem <- struct{}{}:
			default:
				s.refused.Add(1)
				c.Close()
				continue
			}
			s.count(service)
			s.wg.Go(func() {
				defer func() { <-sem }()
				defer c.Close()
				stop := context.AfterFunc(s.ctx, func() { c.Close() })
				defer stop()
				c.SetDeadline(time.Now().Add(connTimeout))
				handle(c)
			})
		}
	})
	return nil
}

// serveHTTP serves an HTTP handler.
func (s *services) serveHTTP(service, addr string, h http.Handler) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("%s: %w", service, err)
	}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.requests.Add(1)
			h.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       30 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          log.New(io.Discard, "", 0),
		ConnState: func(_ net.Conn, st http.ConnState) {
			if st == http.StateNew {
				s.count(service)
			}
		},
	}
	s.bound(service, l.Addr(), func() { srv.Close() })
	s.wg.Go(func() { srv.Serve(&limitListener{Listener: l, sem: make(chan struct{}, maxConns)}) })
	return nil
}

// limitListener bounds concurrent connections: Accept waits for a slot.
type limitListener struct {
	net.Listener
	sem chan struct{}
}

func (l *limitListener) Accept() (net.Conn, error) {
	l.sem <- struct{}{}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.sem
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.sem }}, nil
}

type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// readLine reads one line of at most the reader's buffer size.
func readLine(r *bufio.Reader) (string, error) {
	line, err := r.ReadSlice('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(line), "\r\n"), nil
}

// handleSSH says an SSH banner, reads the client's, then serves one
// command: "pull N" sends N bytes (a backup reading a guest), "push N"
// reads N bytes (a bulk copy to the guest). Anything else ends it.
func (s *services) handleSSH(c net.Conn) {
	if _, err := io.WriteString(c, sshBanner); err != nil {
		return
	}
	r := bufio.NewReaderSize(c, 512)
	c.SetReadDeadline(time.Now().Add(greetTimeout))
	if _, err := readLine(r); err != nil {
		return
	}
	cmd, err := readLine(r)
	if err != nil {
		return
	}
	c.SetReadDeadline(time.Time{})
	verb, arg, _ := strings.Cut(cmd, " ")
	n, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || n < 0 || n > maxTransfer {
		io.WriteString(c, "error bad size\n")
		return
	}
	switch verb {
	case "pull":
		writeFiller(c, n)
	case "push":
		got, _ := io.CopyN(io.Discard, r, n)
		fmt.Fprintf(c, "ok %d\n", got)
	default:
		io.WriteString(c, "error unknown command\n")
	}
}

// writeFiller writes n bytes of payload.
func writeFiller(w io.Writer, n int64) error {
	for n > 0 {
		chunk := payload[:min(n, int64(len(payload)))]
		if _, err := w.Write(chunk); err != nil {
			return err
		}
		n -= int64(len(chunk))
	}
	return nil
}

// handleDB answers each query line with "ROWS n" and n rows.
func (s *services) handleDB(c net.Conn) {
	r := bufio.NewReaderSize(c, 1024)
	w := bufio.NewWriter(c)
	for {
		q, err := readLine(r)
		if err != nil {
			return
		}
		rows := 1 + int(fnv32(q)%20)
		fmt.Fprintf(w, "ROWS %d\n", rows)
		for i := range rows {
			fmt.Fprintf(w, "%04d|%x\n", i, payload[i*24:i*24+24])
		}
		if w.Flush() != nil {
			return
		}
	}
}

// handleCache speaks Redis inline commands: PING, GET, SET, QUIT.
func (s *services) handleCache(c net.Conn) {
	r := bufio.NewReaderSize(c, 1024)
	for {
		line, err := readLine(r)
		if err != nil {
			return
		}
		f := strings.Fields(line)
		var reply string
		switch {
		case len(f) == 1 && strings.EqualFold(f[0], "PING"):
			reply = "+PONG\r\n"
		case len(f) == 2 && strings.EqualFold(f[0], "GET"):
			s.cacheMu.Lock()
			v, ok := s.cache[f[1]]
			s.cacheMu.Unlock()
			reply = "$-1\r\n"
			if ok {
				reply = fmt.Sprintf("$%d\r\n%s\r\n", len(v), v)
			}
		case len(f) == 3 && strings.EqualFold(f[0], "SET"):
			s.cacheMu.Lock()
			if _, ok := s.cache[f[1]]; !ok && len(s.cache) >= maxCacheKeys {
				for k := range s.cache { // evict any one
					delete(s.cache, k)
					break
				}
			}
			s.cache[f[1]] = f[2]
			s.cacheMu.Unlock()
			reply = "+OK\r\n"
		case len(f) == 1 && strings.EqualFold(f[0], "QUIT"):
			io.WriteString(c, "+OK\r\n")
			return
		default:
			reply = "-ERR unknown command\r\n"
		}
		if _, err := io.WriteString(c, reply); err != nil {
			return
		}
	}
}

// serveDNS answers A and AAAA queries for GUEST.lab from the guests file.
func (s *services) serveDNS(addr string) error {
	pc, err := net.ListenPacket("udp", addr)
	if err != nil {
		return fmt.Errorf("dns: %w", err)
	}
	s.bound("dns", pc.LocalAddr(), func() { pc.Close() })
	s.wg.Go(func() {
		buf := make([]byte, 512)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				if s.ctx.Err() == nil && !errors.Is(err, net.ErrClosed) {
					s.log.Warn("dns read failed", "err", err)
				}
				return
			}
			s.count("dns")
			if reply := s.answer(buf[:n]); reply != nil {
				pc.WriteTo(reply, from)
			}
		}
	})
	return nil
}

// answer returns the reply to a DNS query, nil for a message to drop.
func (s *services) answer(msg []byte) []byte {
	id, rd, q, err := parseQuery(msg)
	if err != nil {
		return nil
	}
	if q.qclass != dnsClassIN {
		return dnsReply(id, rd, q, dnsNotImp, nil)
	}
	guest, ok := strings.CutSuffix(q.name, "."+dnsZone)
	if !ok {
		return dnsReply(id, rd, q, 5, nil) // REFUSED: not our zone, no recursion
	}
	i := slices.IndexFunc(s.peers, func(p peer) bool { return p.name == guest })
	if i < 0 {
		return dnsReply(id, rd, q, dnsNXDomain, nil)
	}
	var addrs []netip.Addr
	switch q.qtype {
	case dnsTypeA:
		addrs = append(addrs, s.peers[i].v4)
	case dnsTypeAAAA:
		addrs = append(addrs, s.peers[i].v6)
	}
	return dnsReply(id, rd, q, dnsNoError, addrs)
}

func handleHealth(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") }

func (s *services) handlePage(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html>\n<html><head><title>%s</title></head><body>\n<h1>%s</h1>\n<ul>\n", s.self.name, s.self.name)
	for i := range 40 {
		fmt.Fprintf(w, "<li><a href=\"/items/%d\">item %d</a></li>\n", i, i)
	}
	io.WriteString(w, "</ul>\n</body></html>\n")
}

// handleItem looks an item up in the cache, else in the database, and
// stores it in the cache: the app tier's part of web -> app -> db/cache.
func (s *services) handleItem(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil || id < 0 {
		http.Error(w, "bad item id", http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	key := "item:" + strconv.Itoa(id)
	cache, hasCache := s.peerAddr("cache", s.ports.cache)
	if hasCache {
		if v, err := cacheCommand(ctx, cache, "GET "+key); err == nil && v != "" {
			fmt.Fprintf(w, "{\"id\":%d,\"value\":%q,\"source\":\"cache\"}\n", id, v)
			return
		}
	}
	value := fmt.Sprintf("v%d", id)
	if db, ok := s.peerAddr("db", s.ports.db); ok {
		rows, err := dbQuery(ctx, db, fmt.Sprintf("SELECT value FROM items WHERE id = %d", id))
		if err != nil {
			http.Error(w, "db: "+err.Error(), http.StatusBadGateway)
			return
		}
		value = fmt.Sprintf("v%d-%d", id, rows)
	}
	if hasCache {
		cacheCommand(ctx, cache, "SET "+key+" "+value)
	}
	fmt.Fprintf(w, "{\"id\":%d,\"value\":%q,\"source\":\"db\"}\n", id, value)
}

// peerAddr returns the address of the first guest of a role on port.
func (s *services) peerAddr(role string, port int) (string, bool) {
	for _, p := range s.peers {
		if p.role == role {
			return net.JoinHostPort(p.v4.String(), strconv.Itoa(port)), true
		}
	}
	return "", false
}

// handleMetrics serves Prometheus text, about the size of a small
// exporter's, for the monitor to scrape.
func (s *services) handleMetrics(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# HELP crosstalk_lab_guest_info The lab guest serving these metrics.\n# TYPE crosstalk_lab_guest_info gauge\n")
	fmt.Fprintf(bw, "crosstalk_lab_guest_info{guest=%q,role=%q} 1\n", s.self.name, s.self.role)
	fmt.Fprintf(bw, "# HELP crosstalk_lab_uptime_seconds Seconds since the guest's services started.\n# TYPE crosstalk_lab_uptime_seconds gauge\n")
	fmt.Fprintf(bw, "crosstalk_lab_uptime_seconds %.3f\n", time.Since(s.start).Seconds())
	fmt.Fprintf(bw, "# HELP crosstalk_lab_connections_total Connections accepted, by service.\n# TYPE crosstalk_lab_connections_total counter\n")
	var names []string
	s.conns.Range(func(k, _ any) bool { names = append(names, k.(string)); return true })
	slices.Sort(names)
	for _, n := range names {
		c, _ := s.conns.Load(n)
		fmt.Fprintf(bw, "crosstalk_lab_connections_total{service=%q} %d\n", n, c.(*atomic.Uint64).Load())
	}
	fmt.Fprintf(bw, "# HELP crosstalk_lab_connections_refused_total Connections closed because a service was at its limit.\n# TYPE crosstalk_lab_connections_refused_total counter\n")
	fmt.Fprintf(bw, "crosstalk_lab_connections_refused_total %d\n", s.refused.Load())
	fmt.Fprintf(bw, "# HELP crosstalk_lab_http_requests_total HTTP requests served.\n# TYPE crosstalk_lab_http_requests_total counter\n")
	fmt.Fprintf(bw, "crosstalk_lab_http_requests_total %d\n", s.requests.Load())
	fmt.Fprintf(bw, "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n# TYPE node_cpu_seconds_total counter\n")
	up := time.Since(s.start).Seconds()
	for cpu := range 4 {
		for _, m := range []string{"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"} {
			fmt.Fprintf(bw, "node_cpu_seconds_total{cpu=\"%d\",mode=%q} %.2f\n", cpu, m, up*float64(len(m))/10)
		}
	}
	bw.Flush()
}
