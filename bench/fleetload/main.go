// Command fleetload measures the fleet server: AGENTS simulated agents
// (each a NATS connection with its own enrolled credentials, as a real
// agent's) send alerts, then per-minute traffic, to a `crosstalk server`
// process, and the time until the server's store holds all of it gives
// alerts/s and edge rows/s through the whole path (NATS, JetStream, the
// consumer, SQLite). The baseline, in the same run, is the same records
// written straight into a store of the same kind: the ratio is what the
// bus costs. The server's peak memory is read from /proc.
//
// usage: go run ./bench/fleetload -bin bin/crosstalk [-agents 50] [-alerts 200] [-edges 20] [-rounds 3]
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	_ "modernc.org/sqlite"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/fleet"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/store"
)

func main() {
	bin := flag.String("bin", "bin/crosstalk", "the crosstalk binary")
	agents := flag.Int("agents", 50, "simulated agents")
	alerts := flag.Int("alerts", 200, "alerts per agent")
	edges := flag.Int("edges", 20, "traffic messages per agent (100 edge rows each)")
	rounds := flag.Int("rounds", 3, "rounds (medians are reported)")
	flag.Parse()
	if err := run(*bin, *agents, *alerts, *edges, *rounds); err != nil {
		fmt.Fprintln(os.Stderr, "fleetload:", err)
		os.Exit(1)
	}
}

const rowsPerMessage = 100

type result struct {
	alertsPerSec, rowsPerSec             float64 // through the server
	baseAlertsPerSec, baseRowsPerSec     float64 // straight into a store
	peakRSSKiB, rssKiB                   int64
	connectTime, alertTime, edgeTime     time.Duration
	baseAlertTime, baseEdgeTime          time.Duration
	alertsDone, rowsDone, alertsExpected int
}

func run(bin string, agents, alerts, edges, rounds int) error {
	work, err := os.MkdirTemp("", "crosstalk-fleetload.")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	// Enrolment once: bcrypt is slow on purpose.
	enr := &fleet.Enrollment{Version: 1, Hosts: map[string]string{}}
	creds := make([]fleet.Credentials, agents)
	for i := range agents {
		if creds[i], err = enr.Enroll(fmt.Sprintf("sim-%03d", i)); err != nil {
			return err
		}
	}
	fmt.Printf("machine:   %d CPUs, Linux %s\n", numCPU(), kernel())
	fmt.Printf("load:      %d agents x (%d alerts + %d traffic messages of %d edge rows)\n", agents, alerts, edges, rowsPerMessage)
	var results []result
	for r := range rounds {
		dir := filepath.Join(work, fmt.Sprintf("round%d", r))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		if err := enr.Save(filepath.Join(dir, "agents.json")); err != nil {
			return err
		}
		res, err := round(bin, dir, creds, alerts, edges)
		if err != nil {
			return fmt.Errorf("round %d: %w", r+1, err)
		}
		fmt.Printf("round %d:   %.0f alerts/s (direct %.0f), %.0f edge rows/s (direct %.0f), server peak RSS %d MiB, connect %s\n",
			r+1, res.alertsPerSec, res.baseAlertsPerSec, res.rowsPerSec, res.baseRowsPerSec, res.peakRSSKiB/1024, res.connectTime.Round(time.Millisecond))
		results = append(results, res)
	}
	med := func(f func(result) float64) float64 {
		xs := make([]float64, len(results))
		for i, r := range results {
			xs[i] = f(r)
		}
		slices.Sort(xs)
		return xs[len(xs)/2]
	}
	a, ba := med(func(r result) float64 { return r.alertsPerSec }), med(func(r result) float64 { return r.baseAlertsPerSec })
	e, be := med(func(r result) float64 { return r.rowsPerSec }), med(func(r result) float64 { return r.baseRowsPerSec })
	fmt.Printf("median:    alerts %.0f/s through the server, %.2f of straight into a store (%.0f/s); edge rows %.0f/s, %.2f of straight (%.0f/s); server peak RSS %.0f MiB\n",
		a, a/ba, ba, e, e/be, be, med(func(r result) float64 { return float64(r.peakRSSKiB) / 1024 }))
	return nil
}

func round(bin, dir string, creds []fleet.Credentials, alerts, edges int) (result, error) {
	var res result
	port, err := freePort()
	if err != nil {
		return res, err
	}
	listen := fmt.Sprintf("127.0.0.1:%d", port)
	srv := exec.Command(bin, "server", "--state-dir", dir, "--listen", listen, "--socket", "none")
	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return res, err
	}
	defer logf.Close()
	srv.Stderr = logf
	if err := srv.Start(); err != nil {
		return res, err
	}
	defer func() { srv.Process.Signal(os.Interrupt); srv.Wait() }()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "server.db")+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return res, err
	}
	defer db.Close()

	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", listen); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			return res, fmt.Errorf("the server does not listen on %s (see %s)", listen, logf.Name())
		}
	}
	// Connect every agent (the server checks each bcrypt hash).
	start := time.Now()
	conns := make([]*nats.Conn, len(creds))
	jss := make([]jetstream.JetStream, len(creds))
	for i, c := range creds {
		nc, err := connect("nats://"+listen, c)
		if err != nil {
			return res, fmt.Errorf("agent %s: %w", c.User, err)
		}
		defer nc.Close()
		js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(1024))
		if err != nil {
			return res, err
		}
		conns[i], jss[i] = nc, js
	}
	res.connectTime = time.Since(start)
	// Wait for the stream (agents may not ask JetStream's API: the
	// server says when it consumes).
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if b, _ := os.ReadFile(logf.Name()); strings.Contains(string(b), "consuming the fleet stream") {
			break
		}
		if time.Now().After(deadline) {
			return res, fmt.Errorf("the server's stream did not appear (see %s)", logf.Name())
		}
	}
	// The messages, encoded before the clock starts.
	t0 := time.Now().UTC().Add(-time.Hour)
	alertMsgs := make([][]*nats.Msg, len(creds))
	edgeMsgs := make([][]*nats.Msg, len(creds))
	var direct []*alert.Alert
	var directEdges [][]store.MinuteEdge
	for i, c := range creds {
		for j := range alerts {
			a := simAlert(c.User, j, t0)
			direct = append(direct, a)
			m := &fleet.Alert{Header: fleet.Header{V: fleet.Version, Host: c.User, Time: t0}, Alert: *a}
			subject, id, data, err := fleet.Encode(c.User, m)
			if err != nil {
				return res, err
			}
			msg := nats.NewMsg(subject)
			msg.Data, msg.Header = data, nats.Header{jetstream.MsgIDHeader: []string{id}}
			alertMsgs[i] = append(alertMsgs[i], msg)
		}
		for j := range edges {
			rows := simEdges(j)
			directEdges = append(directEdges, rows)
			m := &fleet.Edges{Header: fleet.Header{V: fleet.Version, Host: c.User, Time: t0.Add(time.Duration(j) * time.Second)}, Edges: rows}
			subject, id, data, err := fleet.Encode(c.User, m)
			if err != nil {
				return res, err
			}
			msg := nats.NewMsg(subject)
			msg.Data, msg.Header = data, nats.Header{jetstream.MsgIDHeader: []string{id}}
			edgeMsgs[i] = append(edgeMsgs[i], msg)
		}
	}
	res.alertsExpected = len(creds) * alerts
	res.alertTime, res.alertsDone, err = send(jss, alertMsgs, db, "SELECT count(*) FROM alerts", res.alertsExpected)
	if err != nil {
		return res, err
	}
	res.edgeTime, res.rowsDone, err = send(jss, edgeMsgs, db, "SELECT count(*) FROM host_edges", len(creds)*edges*rowsPerMessage)
	if err != nil {
		return res, err
	}
	res.alertsPerSec = float64(res.alertsDone) / res.alertTime.Seconds()
	res.rowsPerSec = float64(res.rowsDone) / res.edgeTime.Seconds()
	res.peakRSSKiB, res.rssKiB = memory(srv.Process.Pid)

	// The baseline: the same records straight into a fleet store.
	scfg := store.DefaultConfig()
	scfg.Path, scfg.Fleet = filepath.Join(dir, "direct.db"), true
	st, err := store.Open(scfg)
	if err != nil {
		return res, err
	}
	defer st.Close()
	start = time.Now()
	for _, a := range direct {
		for !st.PutAlert(a, true) {
			time.Sleep(time.Millisecond) // the queue is full: wait, as the server's consumer would
		}
	}
	if err := st.Sync(context.Background()); err != nil {
		return res, err
	}
	res.baseAlertTime = time.Since(start)
	start = time.Now()
	for i, rows := range directEdges {
		if err := st.PutHostEdges(context.Background(), creds[i%len(creds)].User, rows); err != nil {
			return res, err
		}
	}
	res.baseEdgeTime = time.Since(start)
	res.baseAlertsPerSec = float64(len(direct)) / res.baseAlertTime.Seconds()
	res.baseRowsPerSec = float64(len(directEdges)*rowsPerMessage) / res.baseEdgeTime.Seconds()
	return res, nil
}

// send has every agent publish its messages at once (asynchronously,
// waiting for the acknowledgements) and returns the time until query
// counts want rows in the server's store.
func send(jss []jetstream.JetStream, msgs [][]*nats.Msg, db *sql.DB, query string, want int) (time.Duration, int, error) {
	var before int
	db.QueryRow(query).Scan(&before)
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, len(jss))
	for i, js := range jss {
		wg.Go(func() {
			for _, m := range msgs[i] {
				if _, err := js.PublishMsgAsync(m); err != nil {
					errs <- err
					return
				}
			}
			select {
			case <-js.PublishAsyncComplete():
			case <-time.After(2 * time.Minute):
				errs <- fmt.Errorf("acknowledgements still pending after 2m")
			}
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return 0, 0, err
	}
	for deadline := time.Now().Add(5 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		var n int
		if err := db.QueryRow(query).Scan(&n); err == nil && n-before >= want {
			return time.Since(start), n - before, nil
		}
		if time.Now().After(deadline) {
			return 0, n - before, fmt.Errorf("%s: %d of %d after 5m", query, n-before, want)
		}
	}
}

func connect(url string, c fleet.Credentials) (*nats.Conn, error) {
	return nats.Connect(url, nats.UserInfo(c.User, c.Password), nats.CustomInboxPrefix(fleet.InboxPrefix(c.User)), nats.Timeout(10*time.Second))
}

func simAlert(host string, j int, t0 time.Time) *alert.Alert {
	at := t0.Add(time.Duration(j) * time.Millisecond)
	return &alert.Alert{ID: fmt.Sprintf("%s-%06d", host, j), Time: at, FirstSeen: at, LastSeen: at, Kind: "portscan", Severity: alert.Medium,
		Host: host, Src: &flow.Endpoint{Guest: "rogue", IP: "10.0.0.8"}, Dst: &flow.Endpoint{Guest: "db-1", IP: "10.0.0.3"}, Count: 1,
		Summary: "rogue probed 100 ports of db-1", Evidence: map[string]any{"ports": 100, "window": "5s"}, Action: "alert"}
}

func simEdges(j int) []store.MinuteEdge {
	rows := make([]store.MinuteEdge, rowsPerMessage)
	for k := range rows {
		rows[k] = store.MinuteEdge{Minute: time.Now().Unix()/60 - 60 + int64(j), Src: fmt.Sprintf("vm-%02d", k%10), Dst: fmt.Sprintf("vm-%02d", k/10), Proto: "tcp",
			Port: 443, Verdict: "none", Flows: 3, Packets: 40, Bytes: 12000}
	}
	return rows
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// memory returns a process's peak and current resident set, KiB.
func memory(pid int) (peak, now int64) {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 {
			v, _ := strconv.ParseInt(f[1], 10, 64)
			switch f[0] {
			case "VmHWM:":
				peak = v
			case "VmRSS:":
				now = v
			}
		}
	}
	return peak, now
}

func numCPU() int {
	b, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Count(string(b), "processor\t:")
}

func kernel() string {
	b, _ := os.ReadFile("/proc/sys/kernel/osrelease")
	return strings.TrimSpace(string(b))
}
