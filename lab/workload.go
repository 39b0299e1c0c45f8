package lab

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The benign background workload: traffic a detector must learn to leave
// alone (DESIGN.md section 5). Each guest's process runs the loops of its
// role; every loop is paced by a ticker, does one thing at a time, and
// every connection has a timeout.
//
//	every guest   DNS queries to dns-1 for a peer's name, every 10 s
//	web           GET app-1:8080/api/items/N, 3 per second (app then asks cache-1 and db-1)
//	monitor       GET :9100/metrics on every other guest every 5 s, GET web:80/healthz every 5 s
//	backup        ssh pull of 300 KiB from every other guest every 30 s
//	app           ssh push of 20 MiB to backup every 60 s

// workloadPlan sets the workload's pace; tests shorten it.
type workloadPlan struct {
	dnsEvery, webEvery, scrapeEvery, backupEvery, bulkEvery time.Duration
	backupBytes, bulkBytes                                  int64
}

var defaultWorkload = workloadPlan{
	dnsEvery:    10 * time.Second,
	webEvery:    time.Second / 3,
	scrapeEvery: 5 * time.Second,
	backupEvery: 30 * time.Second,
	bulkEvery:   60 * time.Second,
	backupBytes: 300 << 10,
	bulkBytes:   20 << 20,
}

const (
	dialTimeout = 2 * time.Second
	// logEvery rate-limits each loop's failure logs.
	logEvery = time.Minute
)

type workload struct {
	self  peer
	peers []peer
	ports ports
	plan  workloadPlan
	log   *slog.Logger
	http  *http.Client
}

// runWorkload runs self's loops until ctx ends.
func runWorkload(ctx context.Context, self peer, peers []peer, p ports, plan workloadPlan, logger *slog.Logger) {
	w := &workload{self: self, peers: peers, ports: p, plan: plan, log: logger,
		http: &http.Client{
			Timeout: 5 * time.Second,
			Transport: &http.Transport{
				// One connection per request: each is a flow.
				DisableKeepAlives:     true,
				DialContext:           (&net.Dialer{Timeout: dialTimeout}).DialContext,
				ResponseHeaderTimeout: 5 * time.Second,
				Proxy:                 nil, // never a proxy from the environment
			},
		}}
	var wg sync.WaitGroup
	loop := func(name string, every time.Duration, do func(context.Context) error) {
		wg.Go(func() { w.loop(ctx, name, every, do) })
	}
	if dns := w.others("dns"); len(dns) > 0 {
		loop("dns", plan.dnsEvery, w.dnsQuery)
	}
	switch self.role {
	case "web":
		if len(w.others("app")) > 0 {
			loop("web", plan.webEvery, w.webRequest)
		}
	case "monitor":
		loop("scrape", plan.scrapeEvery, w.scrape)
	case "backup":
		loop("backup", plan.backupEvery, w.backup)
	case "app":
		if len(w.others("backup")) > 0 {
			loop("bulk", plan.bulkEvery, w.bulk)
		}
	}
	wg.Wait()
}

// others returns the other guests, of a role if role is not empty.
func (w *workload) others(role string) []peer {
	var out []peer
	for _, p := range w.peers {
		if p.name != w.self.name && (role == "" || p.role == role) {
			out = append(out, p)
		}
	}
	return out
}

// loop runs do every period, after a random first delay within one
// period so that guests do not act in step; failures are logged at most
// once a minute per loop.
func (w *workload) loop(ctx context.Context, name string, every time.Duration, do func(context.Context) error) {
	first := time.NewTimer(rand.N(every) + every/10)
	defer first.Stop()
	select {
	case <-ctx.Done():
		return
	case <-first.C:
	}
	t := time.NewTicker(every)
	defer t.Stop()
	var lastLog time.Time
	failed := 0
	for {
		if err := do(ctx); err != nil && ctx.Err() == nil {
			failed++
			if time.Since(lastLog) >= logEvery {
				w.log.Warn("workload step failed", "loop", name, "failures", failed, "err", err)
				lastLog, failed = time.Now(), 0
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (w *workload) dnsQuery(ctx context.Context) error {
	servers, targets := w.others("dns"), w.others("")
	if len(servers) == 0 || len(targets) == 0 {
		return nil
	}
	srv, target := servers[rand.N(len(servers))], targets[rand.N(len(targets))]
	addr, qtype := srv.v4, uint16(dnsTypeA)
	if rand.N(2) == 0 {
		addr, qtype = srv.v6, dnsTypeAAAA
	}
	rcode, addrs, err := lookup(ctx, net.JoinHostPort(addr.String(), strconv.Itoa(w.ports.dns)), target.name+"."+dnsZone, qtype)
	if err != nil {
		return err
	}
	if rcode != dnsNoError || len(addrs) == 0 {
		return fmt.Errorf("dns %s: rcode %d, %d answers", target.name, rcode, len(addrs))
	}
	return nil
}

func (w *workload) webRequest(ctx context.Context) error {
	apps := w.others("app")
	app := apps[rand.N(len(apps))]
	url := fmt.Sprintf("http://%s/api/items/%d", net.JoinHostPort(app.v4.String(), strconv.Itoa(w.ports.app)), rand.N(200))
	_, err := httpGet(ctx, w.http, url)
	return err
}

func (w *workload) scrape(ctx context.Context) error {
	var errs []error
	for _, p := range w.others("") {
		url := "http://" + net.JoinHostPort(p.v4.String(), strconv.Itoa(w.ports.metrics)) + "/metrics"
		if _, err := httpGet(ctx, w.http, url); err != nil {
			errs = append(errs, err)
		}
		if p.role == "web" {
			url := "http://" + net.JoinHostPort(p.v4.String(), strconv.Itoa(w.ports.web)) + "/healthz"
			if _, err := httpGet(ctx, w.http, url); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

func (w *workload) backup(ctx context.Context) error {
	var errs []error
	for _, p := range w.others("") {
		if err := sshPull(ctx, net.JoinHostPort(p.v4.String(), strconv.Itoa(w.ports.ssh)), w.plan.backupBytes); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.name, err))
		}
	}
	return errors.Join(errs...)
}

func (w *workload) bulk(ctx context.Context) error {
	b := w.others("backup")[0]
	return sshPush(ctx, net.JoinHostPort(b.v4.String(), strconv.Itoa(w.ports.ssh)), w.plan.bulkBytes)
}

// dial connects with a timeout, bounds the whole connection by timeout
// and closes it when ctx ends; call the returned stop when done.
func dial(ctx context.Context, network, addr string, timeout time.Duration) (net.Conn, func(), error) {
	c, err := (&net.Dialer{Timeout: dialTimeout}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, nil, err
	}
	c.SetDeadline(time.Now().Add(timeout))
	stop := context.AfterFunc(ctx, func() { c.Close() })
	return c, func() { stop(); c.Close() }, nil
}

// httpGet fetches url and returns the size of the body.
func httpGet(ctx context.Context, client *http.Client, url string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", "crosstalk-lab")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return n, err
	}
	if resp.StatusCode != http.StatusOK {
		return n, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return n, nil
}

// sshHello connects to the ssh service and exchanges banners.
func sshHello(ctx context.Context, addr string, timeout time.Duration) (net.Conn, *bufio.Reader, func(), error) {
	c, stop, err := dial(ctx, "tcp", addr, timeout)
	if err != nil {
		return nil, nil, nil, err
	}
	r := bufio.NewReaderSize(c, 512)
	banner, err := readLine(r)
	if err != nil || !strings.HasPrefix(banner, "SSH-") {
		stop()
		return nil, nil, nil, fmt.Errorf("ssh %s: no banner (%v)", addr, err)
	}
	if _, err := io.WriteString(c, "SSH-2.0-crosstalk-lab\r\n"); err != nil {
		stop()
		return nil, nil, nil, err
	}
	return c, r, stop, nil
}

// sshPull reads n bytes from a guest's ssh service, as a backup does.
func sshPull(ctx context.Context, addr string, n int64) error {
	c, r, stop, err := sshHello(ctx, addr, 30*time.Second)
	if err != nil {
		return err
	}
	defer stop()
	if _, err := fmt.Fprintf(c, "pull %d\n", n); err != nil {
		return err
	}
	got, err := io.CopyN(io.Discard, r, n)
	if err != nil {
		return fmt.Errorf("ssh pull from %s: %d of %d bytes: %w", addr, got, n, err)
	}
	return nil
}

// sshPush sends n bytes to a guest's ssh service, as a bulk copy does.
func sshPush(ctx context.Context, addr string, n int64) error {
	c, r, stop, err := sshHello(ctx, addr, connTimeout)
	if err != nil {
		return err
	}
	defer stop()
	if _, err := fmt.Fprintf(c, "push %d\n", n); err != nil {
		return err
	}
	if err := writeFiller(c, n); err != nil {
		return fmt.Errorf("ssh push to %s: %w", addr, err)
	}
	ack, err := readLine(r)
	if err != nil || ack != "ok "+strconv.FormatInt(n, 10) {
		return fmt.Errorf("ssh push to %s: answer %q (%v)", addr, ack, err)
	}
	return nil
}

// dbQuery sends one query to the db service and returns the rows it got.
func dbQuery(ctx context.Context, addr, q string) (int, error) {
	c, stop, err := dial(ctx, "tcp", addr, 5*time.Second)
	if err != nil {
		return 0, err
	}
	defer stop()
	if _, err := io.WriteString(c, q+"\n"); err != nil {
		return 0, err
	}
	r := bufio.NewReaderSize(c, 1024)
	head, err := readLine(r)
	if err != nil {
		return 0, err
	}
	rows, err := strconv.Atoi(strings.TrimPrefix(head, "ROWS "))
	if err != nil || !strings.HasPrefix(head, "ROWS ") {
		return 0, fmt.Errorf("db %s: answer %q", addr, head)
	}
	for range rows {
		if _, err := readLine(r); err != nil {
			return 0, err
		}
	}
	return rows, nil
}

// cacheCommand sends one inline command to the cache service and returns
// the value of a bulk-string reply ("" for nil) or the status text.
func cacheCommand(ctx context.Context, addr, cmd string) (string, error) {
	c, stop, err := dial(ctx, "tcp", addr, 5*time.Second)
	if err != nil {
		return "", err
	}
	defer stop()
	if _, err := io.WriteString(c, cmd+"\r\n"); err != nil {
		return "", err
	}
	r := bufio.NewReaderSize(c, 1024)
	head, err := readLine(r)
	if err != nil {
		return "", err
	}
	switch {
	case head == "$-1":
		return "", nil
	case strings.HasPrefix(head, "$"):
		return readLine(r)
	case strings.HasPrefix(head, "+"):
		return head[1:], nil
	}
	return "", fmt.Errorf("cache %s: %s", addr, head)
}

// lookup asks a DNS server one question over UDP.
func lookup(ctx context.Context, server, name string, qtype uint16) (rcode int, addrs []netip.Addr, err error) {
	id := uint16(rand.N(1 << 16))
	q, err := dnsQuery(id, name, qtype)
	if err != nil {
		return 0, nil, err
	}
	c, stop, err := dial(ctx, "udp", server, 2*time.Second)
	if err != nil {
		return 0, nil, err
	}
	defer stop()
	if _, err := c.Write(q); err != nil {
		return 0, nil, err
	}
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return 0, nil, fmt.Errorf("dns %s: %w", server, err)
		}
		if rcode, addrs, err := parseReply(buf[:n], id); err == nil {
			return rcode, addrs, nil
		}
	}
}

func fnv32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}
