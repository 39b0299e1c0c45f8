package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/api"
)

// The fleet tests (issue 9): hosts are network namespaces, each with its
// own lab (bridge and guests) and agent, joined to the server by a
// bridge of their own in the root namespace, as hypervisors on a
// management network. A host's commands run in its namespace and in a
// mount namespace of its own where /sys/class/net shows its interfaces
// and where the lab's guest namespaces are mounted (`ip netns exec`
// would give every command a new mount namespace, and the lab's
// namespaces made in one would not be seen by the next).

// logBuffer keeps a process's log for the test's checks (and its
// failure message).
type logBuffer = lockedBuffer

// waitLog waits until the log says s.
func (l *logBuffer) waitLog(s string, within time.Duration) bool { return l.waitLogAfter(0, s, within) }

// waitLogAfter waits until the log says s after its first from bytes.
func (l *logBuffer) waitLogAfter(from int, s string, within time.Duration) bool {
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if strings.Contains(l.String()[from:], s) {
			return true
		}
	}
	return false
}

// fleetNet is the management network: a bridge with the server's
// address, 10.198.N.1/24.
type fleetNet struct {
	n                        int
	bridge, prefix, serverIP string
}

func newFleetNet(t *testing.T, n int) *fleetNet {
	t.Helper()
	f := &fleetNet{n: n, bridge: fmt.Sprintf("ct-fleet%d", n), prefix: fmt.Sprintf("10.198.%d.", n)}
	f.serverIP = f.prefix + "1"
	exec.Command("ip", "link", "del", f.bridge).Run() // a crashed run's
	mustRun(t, "ip", "link", "add", f.bridge, "type", "bridge")
	t.Cleanup(func() { exec.Command("ip", "link", "del", f.bridge).Run() })
	mustRun(t, "ip", "addr", "add", f.serverIP+"/24", "dev", f.bridge)
	mustRun(t, "ip", "link", "set", f.bridge, "up")
	return f
}

func mustRun(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// freePort returns a TCP port free on ip now.
func freePort(t *testing.T, ip string) int {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// fleetHost is one host: its namespace, the process holding its mount
// namespace, its lab and agent.
type fleetHost struct {
	name, ns, ip, dir, bin string
	holder                 *exec.Cmd
	bridge, guests         string
	agent                  *exec.Cmd
	agentLog               *logBuffer
	alertLines             *alertLog // what its agent printed
	socket, store, creds   string
}

func newFleetHost(t *testing.T, bin string, net *fleetNet, i int) *fleetHost {
	t.Helper()
	h := &fleetHost{name: fmt.Sprintf("fh%d%d", net.n, i), bin: bin, dir: t.TempDir()}
	h.ns, h.ip = "ct-"+h.name, fmt.Sprintf("%s%d", net.prefix, 10+i)
	exec.Command("ip", "netns", "del", h.ns).Run()
	mustRun(t, "ip", "netns", "add", h.ns)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", h.ns).Run() })
	up := "ctu-" + h.name
	mustRun(t, "ip", "link", "add", up, "type", "veth", "peer", "name", "uplink", "netns", h.ns)
	mustRun(t, "ip", "link", "set", up, "master", net.bridge, "up")
	mustRun(t, "ip", "-n", h.ns, "addr", "add", h.ip+"/24", "dev", "uplink")
	mustRun(t, "ip", "-n", h.ns, "link", "set", "uplink", "up")
	mustRun(t, "ip", "-n", h.ns, "link", "set", "lo", "up")
	// The holder: the host's own view of /sys/class/net, in its own
	// mount namespace.
	sysfs := filepath.Join(h.dir, "sys")
	h.holder = exec.Command("unshare", "--mount", "--propagation", "private", "nsenter", "--net=/run/netns/"+h.ns, "sh", "-c",
		fmt.Sprintf("mkdir -p %[1]s && mount -t sysfs sysfs %[1]s && mount --bind %[1]s/class/net /sys/class/net && mount --bind %[1]s/devices/virtual/net /sys/devices/virtual/net && echo ready && exec sleep 3600", sysfs))
	out, _ := h.holder.StdoutPipe()
	h.holder.Stderr = os.Stderr
	if err := h.holder.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.holder.Process.Kill(); h.holder.Wait() })
	if line, _ := bufio.NewReader(out).ReadString('\n'); strings.TrimSpace(line) != "ready" {
		t.Fatalf("host %s: its mount namespace did not come up", h.name)
	}
	// Its lab.
	labState := filepath.Join(h.dir, "lab")
	h.mustRun(t, bin, "lab", "up", "--name", h.name, "--state-dir", labState)
	t.Cleanup(func() { h.command(bin, "lab", "down", "--name", h.name, "--state-dir", labState).Run() })
	h.bridge, h.guests = "ct-"+h.name, filepath.Join(labState, "guests.yaml")
	h.socket, h.store = filepath.Join(h.dir, "agent.sock"), filepath.Join(h.dir, "agent.db")
	return h
}

// command runs a command on the host.
func (h *fleetHost) command(name string, args ...string) *exec.Cmd {
	return exec.Command("nsenter", append([]string{"-t", strconv.Itoa(h.holder.Process.Pid), "--net", "--mount", "--", name}, args...)...)
}

func (h *fleetHost) mustRun(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := h.command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("on %s: %s %s: %v\n%s", h.name, name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// attack runs lab attack KIND on the host's lab.
func (h *fleetHost) attack(t *testing.T, kind string, args ...string) {
	t.Helper()
	h.mustRun(t, h.bin, append([]string{"lab", "attack", kind, "--name", h.name, "--state-dir", filepath.Join(h.dir, "lab")}, args...)...)
}

// startAgent starts the host's agent reporting to urls with creds and
// waits for its socket.
func (h *fleetHost) startAgent(t *testing.T, urls, creds string) {
	t.Helper()
	h.creds = creds
	h.agentLog = &logBuffer{}
	h.agent = h.command(h.bin, "agent", "--bridge", h.bridge, "--guests", h.guests, "--store", h.store, "--socket", h.socket,
		"--host", h.name, "--fleet", urls, "--fleet-credentials", creds, "--format", "jsonl")
	h.agent.Stderr = h.agentLog
	out, err := h.agent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := h.agent.Start(); err != nil {
		t.Fatal(err)
	}
	h.alertLines = &alertLog{}
	go h.alertLines.follow(bufio.NewScanner(out))
	a := h.agent
	t.Cleanup(func() { stopProcess(a) })
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("unix", h.socket); err == nil {
			c.Close()
			return
		}
		if time.Since(start) > 20*time.Second {
			t.Fatalf("agent on %s never answered on its socket\n%s", h.name, h.agentLog)
		}
	}
}

func stopProcess(c *exec.Cmd) {
	if c.ProcessState == nil {
		c.Process.Signal(syscall.SIGTERM)
		c.Wait()
	}
}

// alerts are the alerts in the host's agent's store, by ID.
func (h *fleetHost) alerts(t *testing.T) map[string]alert.Alert {
	t.Helper()
	var got []alert.Alert
	if err := api.SocketClient(h.socket).Get(context.Background(), "/api/v1/alerts?limit=10000", &got); err != nil {
		t.Fatalf("alerts of %s: %v", h.name, err)
	}
	return byID(got)
}

func byID(list []alert.Alert) map[string]alert.Alert {
	m := map[string]alert.Alert{}
	for _, a := range list {
		m[a.ID] = a
	}
	return m
}

// fleetServer is `crosstalk server` run by the test.
type fleetServer struct {
	bin, dir, listen, apiAddr, token string
	args                             []string
	cmd                              *exec.Cmd
	log                              *logBuffer
	onEnroll                         func() // after the scenario enrolled its hosts
	// refused waits for the refusal of wrong credentials in the log of
	// the fleet's NATS (the server's own with the embedded one).
	refused func(within time.Duration) bool
}

func newFleetServer(bin, dir, listen string, extra ...string) *fleetServer {
	return &fleetServer{bin: bin, dir: dir, listen: listen, token: filepath.Join(dir, "token"), args: extra, log: &logBuffer{}}
}

func (s *fleetServer) start(t *testing.T) {
	t.Helper()
	cfg := filepath.Join(s.dir, "server.yaml")
	os.WriteFile(cfg, []byte("api: {token_file: "+s.token+"}\n"), 0o600)
	if s.apiAddr == "" {
		s.apiAddr = fmt.Sprintf("127.0.0.1:%d", freePort(t, "127.0.0.1"))
	}
	args := []string{"server", "--config", cfg, "--state-dir", s.dir, "--api", s.apiAddr, "--socket", "none"}
	if s.listen != "" {
		args = append(args, "--listen", s.listen)
	}
	s.cmd = exec.Command(s.bin, append(args, s.args...)...)
	s.cmd.Stderr = s.log
	from := len(s.log.String())
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := s.cmd
	t.Cleanup(func() { stopProcess(c) })
	if !s.log.waitLogAfter(from, "api listening", 30*time.Second) || !s.log.waitLogAfter(from, "consuming the fleet stream", 30*time.Second) {
		t.Fatalf("the server did not start consuming\n%s", s.log)
	}
}

func (s *fleetServer) stop() { stopProcess(s.cmd) }

func (s *fleetServer) client(t *testing.T) *api.Client {
	t.Helper()
	tok, err := api.ReadToken(s.token)
	if err != nil {
		t.Fatal(err)
	}
	return api.AddrClient(s.apiAddr, tok, false)
}

func (s *fleetServer) get(t *testing.T, path string, v any) {
	t.Helper()
	if err := s.client(t).Get(context.Background(), path, v); err != nil {
		t.Fatalf("GET %s: %v\n%s", path, err, s.log)
	}
}

// enroll enrolls a host and returns its credentials file.
func (s *fleetServer) enroll(t *testing.T, host string) string {
	t.Helper()
	path := filepath.Join(s.dir, host+".creds")
	mustRun(t, s.bin, "server", "enroll", host, "--state-dir", s.dir, "--out", path)
	return path
}

// converged waits until the server holds every alert of each host's
// agent exactly as its agent last has it, and nothing else; it returns
// the server's alerts by host.
func converged(t *testing.T, s *fleetServer, hosts []*fleetHost, within time.Duration) map[string]map[string]alert.Alert {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		diff := ""
		out := map[string]map[string]alert.Alert{}
		for _, h := range hosts {
			want := h.alerts(t)
			var list []alert.Alert
			s.get(t, "/api/v1/alerts?limit=10000&host="+h.name, &list)
			got := byID(list)
			if len(list) != len(got) {
				t.Fatalf("the server lists an alert of %s twice", h.name)
			}
			out[h.name] = got
			for id, a := range want {
				if b, ok := got[id]; !ok {
					diff += fmt.Sprintf("%s: %s (%s) missing on the server; ", h.name, id, a.Kind)
				} else if b.Count != a.Count || !b.LastSeen.Equal(a.LastSeen) {
					diff += fmt.Sprintf("%s: %s count %d on the server, %d on the agent; ", h.name, id, b.Count, a.Count)
				}
			}
			for id := range got {
				if _, ok := want[id]; !ok {
					diff += fmt.Sprintf("%s: %s on the server only; ", h.name, id)
				}
			}
		}
		if diff == "" {
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %s the server and the agents disagree: %s\nserver log:\n%s", within, diff, s.log)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// TestFleetOnTheLab is issue 9's end-to-end test with the server's
// embedded NATS.
func TestFleetOnTheLab(t *testing.T) {
	requireRootLive(t)
	requireTool(t, "nmap")
	bin := buildBinary(t)
	net := newFleetNet(t, 0)
	port := freePort(t, net.serverIP)
	srv := newFleetServer(bin, t.TempDir(), fmt.Sprintf("%s:%d", net.serverIP, port))
	fleetScenario(t, bin, net, srv, fmt.Sprintf("nats://%s:%d", net.serverIP, port), true, nil)
}

// fleetScenario runs the scenario: three hosts report; an attack shows
// on the server's stream within 5 s; the server is away for 60 s of
// attacks and gets every alert exactly once; an agent killed -9 loses
// and repeats nothing; plan capacity --server equals the exported
// inventory's; wrong credentials are refused and logged on both sides.
// midOutage, when set, runs in the middle of the outage (the cluster
// test kills a NATS node there).
func fleetScenario(t *testing.T, bin string, net *fleetNet, srv *fleetServer, urls string, ui bool, midOutage func([]*fleetHost)) {
	var hosts []*fleetHost
	for i := 1; i <= 3; i++ {
		hosts = append(hosts, newFleetHost(t, bin, net, i))
	}
	creds := map[string]string{}
	for _, h := range hosts {
		creds[h.name] = srv.enroll(t, h.name)
	}
	if srv.onEnroll != nil {
		srv.onEnroll()
	}
	srv.start(t)
	for _, h := range hosts {
		h.startAgent(t, urls, creds[h.name])
	}

	// Every host and guest.
	var hv []api.HostView
	var gv api.GuestsView
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		srv.get(t, "/api/v1/hosts", &hv)
		srv.get(t, "/api/v1/guests", &gv)
		up := 0
		for _, h := range hv {
			if h.Up && h.Guests == 8 && h.CPUs > 0 {
				up++
			}
		}
		if up == 3 && len(gv.Guests) == 24 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server lists hosts %+v and %d guests, want 3 hosts with 8 guests each\n%s", hv, len(gv.Guests), srv.log)
		}
	}

	if ui {
		fleetUI(t, srv, hosts, gv, fmt.Sprintf("ui-fleet%d", net.n))
	}

	// An attack on one host is on the server's live stream within 5 s.
	ctx, cancel := context.WithCancel(context.Background())
	seen := make(chan alert.Alert, 64)
	go srv.client(t).Stream(ctx, "/api/v1/events?types=alert", func(typ string, data []byte) error {
		var a alert.Alert
		if typ == "alert" && json.Unmarshal(data, &a) == nil {
			seen <- a
		}
		return nil
	})
	time.Sleep(500 * time.Millisecond) // the stream is open
	start := time.Now()
	hosts[1].attack(t, "portscan", "--to", "db-1")
	var first alert.Alert
	for first.ID == "" {
		select {
		case a := <-seen:
			if a.Kind == "portscan" && a.Host == hosts[1].name {
				first = a
			}
		case <-time.After(5*time.Second - time.Since(start)):
			t.Fatalf("no portscan from %s on the server's stream within 5 s\nserver:\n%s\nagent:\n%s", hosts[1].name, srv.log, hosts[1].agentLog)
		}
	}
	cancel()
	t.Logf("the portscan on %s was on the server's stream %s after the scan began", hosts[1].name, time.Since(start).Round(time.Millisecond))
	converged(t, srv, hosts, 15*time.Second)

	// The server is away for 60 s while every host is attacked.
	srv.stop()
	down := time.Now()
	targets := []string{"web-1", "app-1", "cache-1"}
	for round, target := range targets {
		for _, h := range hosts {
			h.attack(t, "portscan", "--to", target)
		}
		if round == 0 {
			for _, h := range hosts {
				h.attack(t, "sweep")
			}
		}
		if round == 1 && midOutage != nil {
			midOutage(hosts)
		}
		time.Sleep(time.Until(down.Add(time.Duration(round+1) * 20 * time.Second)))
	}
	srv.start(t)
	back := time.Now()
	got := converged(t, srv, hosts, 60*time.Second)
	during := 0
	for _, h := range hosts {
		for _, a := range got[h.name] {
			if a.Time.After(down) && a.Time.Before(back) {
				during++
			}
		}
	}
	if during < 3*len(targets) {
		t.Fatalf("only %d alerts raised during the outage on the server, want at least %d", during, 3*len(targets))
	}
	t.Logf("%d alerts raised during the %s outage arrived exactly once, all %d within %s of the restart",
		during, back.Sub(down).Round(time.Second), total(got), time.Since(back).Round(100*time.Millisecond))

	// kill -9 an agent just after it raised an alert (committing it,
	// sending it, or waiting for the acknowledgement), three times at
	// different moments, starting it again each time.
	h := hosts[0]
	for i, c := range []struct {
		target, scan string
		after        time.Duration
	}{{"db-1", "udp", 0}, {"monitor", "syn", 100 * time.Millisecond}, {"dns-1", "fin", 300 * time.Millisecond}} {
		before := len(h.alertLines.all())
		scan := h.command(h.bin, "lab", "attack", "portscan", "--type", c.scan, "--to", c.target, "--name", h.name, "--state-dir", filepath.Join(h.dir, "lab"))
		scan.Start()
		for deadline := time.Now().Add(10 * time.Second); len(h.alertLines.all()) == before; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("round %d: %s's agent raised nothing for a %s scan of %s", i, h.name, c.scan, c.target)
			}
		}
		time.Sleep(c.after)
		h.agent.Process.Kill()
		h.agent.Wait()
		scan.Wait()
		h.startAgent(t, urls, creds[h.name])
	}
	h.attack(t, "portscan", "--to", "backup")
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		found := false
		for _, a := range h.alerts(t) {
			found = found || a.Kind == "portscan" && a.Dst != nil && a.Dst.Guest == "backup"
		}
		if found {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the restarted agent on %s raised no portscan of backup\n%s", h.name, h.agentLog)
		}
	}
	got = converged(t, srv, hosts, 30*time.Second)
	t.Logf("after kill -9 of %s's agent three times, each just after an alert: %d alerts on the server, none missing, none twice", h.name, total(got))

	// plan capacity --server answers as on the exported inventory.
	var inv json.RawMessage
	srv.get(t, "/api/v1/inventory", &inv)
	file := filepath.Join(t.TempDir(), "inventory.json")
	os.WriteFile(file, inv, 0o600)
	live, err := exec.Command(bin, "plan", "capacity", "--server", srv.apiAddr, "--token-file", srv.token, "--format", "json").CombinedOutput()
	if err != nil {
		t.Fatalf("plan capacity --server: %v\n%s", err, live)
	}
	fromFile, err := exec.Command(bin, "plan", "capacity", "--inventory", file, "--format", "json").CombinedOutput()
	if err != nil {
		t.Fatalf("plan capacity --inventory: %v\n%s", err, fromFile)
	}
	if !bytes.Equal(live, fromFile) {
		t.Fatalf("plan capacity --server and on the exported file differ:\n%s\n---\n%s", live, fromFile)
	}
	var report struct{ Hosts, Guests int }
	json.Unmarshal(live, &report)
	if report.Hosts != 3 || report.Guests != 24 {
		t.Errorf("plan capacity --server planned %d hosts and %d guests, want 3 and 24:\n%s", report.Hosts, report.Guests, live)
	}

	// Wrong credentials: refused, and said on both sides.
	bad := filepath.Join(t.TempDir(), "bad.creds")
	b, _ := os.ReadFile(creds[hosts[2].name])
	os.WriteFile(bad, bytes.Replace(b, []byte(`"password": "`), []byte(`"password": "x`), 1), 0o600)
	impostor := &fleetHost{name: hosts[2].name, bin: bin, dir: t.TempDir(), holder: hosts[2].holder, bridge: hosts[2].bridge, guests: hosts[2].guests}
	impostor.socket, impostor.store = filepath.Join(impostor.dir, "agent.sock"), filepath.Join(impostor.dir, "agent.db")
	impostor.startAgent(t, urls, bad)
	if !impostor.agentLog.waitLog("the fleet refused this agent's credentials", 15*time.Second) {
		t.Errorf("the agent with wrong credentials does not say it was refused:\n%s", impostor.agentLog)
	}
	refused := srv.refused
	if refused == nil {
		refused = func(d time.Duration) bool { return srv.log.waitLog("agent refused: wrong or unknown credentials", d) }
	}
	if !refused(5 * time.Second) {
		t.Errorf("the fleet's NATS does not log the refusal:\n%s", srv.log)
	}
	stopProcess(impostor.agent)
}

// fleetUI opens the server's web UI in headless Chromium (web/test/lab.mjs):
// the map shows every host's guests; the host picker offers the hosts and
// shows one host's guests alone; a portscan on the third host appears on
// the open alerts page and marks its rogue on the map within 5 s.
func fleetUI(t *testing.T, srv *fleetServer, hosts []*fleetHost, gv api.GuestsView, name string) {
	t.Helper()
	var names, hostNames, oneHost []string
	for _, g := range gv.Guests {
		names = append(names, g.Host+"/"+g.Name)
		if g.Host == hosts[0].name {
			oneHost = append(oneHost, g.Name)
		}
	}
	for _, h := range hosts {
		hostNames = append(hostNames, h.name)
	}
	tok, err := api.ReadToken(srv.token)
	if err != nil {
		t.Fatal(err)
	}
	target := hosts[2]
	attack := strings.Join(target.command(target.bin, "lab", "attack", "portscan", "--to", "db-1", "--name", target.name, "--state-dir", filepath.Join(target.dir, "lab")).Args, " ")
	out := artifacts(t, name)
	node := exec.Command("node", "test/lab.mjs")
	node.Dir = "../../web"
	node.Env = append(os.Environ(), "CT_URL=http://"+srv.apiAddr+"/", "CT_TOKEN="+tok, "CT_GUESTS="+strings.Join(names, ","),
		"CT_ROGUE="+target.name+"/rogue", "CT_ATTACK="+attack, "CT_HOSTS="+strings.Join(hostNames, ","),
		"CT_HOST_GUESTS="+strings.Join(oneHost, ","), "CT_ARTIFACTS="+out)
	res, err := node.CombinedOutput()
	t.Logf("web/test/lab.mjs on the fleet server:\n%s", res)
	if err != nil {
		t.Fatalf("the fleet UI test failed (%v); screenshots in %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(res)), "\n")
	var timings struct {
		Row int `json:"alert_row_ms"`
		Map int `json:"alert_on_map_ms"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &timings); err != nil {
		t.Fatalf("lab.mjs's last line: %v", err)
	}
	if timings.Row > 5000 || timings.Map > 5000 {
		t.Errorf("the portscan on %s took %d ms to the alerts page and %d ms to the map, want within 5 s", target.name, timings.Row, timings.Map)
	}
}

func total(m map[string]map[string]alert.Alert) int {
	n := 0
	for _, v := range m {
		n += len(v)
	}
	return n
}

// TestFleetOnANATSCluster runs the same scenario (the UI too) against an external
// three-node NATS cluster (nats-server built from the Go module) with
// the stream replicated three times; in the middle of the server's
// outage one NATS node is killed.
func TestFleetOnANATSCluster(t *testing.T) {
	requireRootLive(t)
	requireTool(t, "nmap")
	bin := buildBinary(t)
	natsBin := filepath.Join(t.TempDir(), "nats-server")
	if out, err := exec.Command("go", "build", "-o", natsBin, "github.com/nats-io/nats-server/v2").CombinedOutput(); err != nil {
		t.Fatalf("build nats-server: %v\n%s", err, out)
	}
	net := newFleetNet(t, 1)
	dir := t.TempDir()
	srv := newFleetServer(bin, dir, "")
	// The hosts are enrolled by fleetScenario; the NATS needs their
	// users before it starts, so they are enrolled here first (again
	// there: a new secret each, which the NATS config must then have).
	for i := 1; i <= 3; i++ {
		srv.enroll(t, fmt.Sprintf("fh1%d", i))
	}
	serverCreds := filepath.Join(dir, "server.creds")
	mustRun(t, bin, "server", "enroll-server", "--state-dir", dir, "--out", serverCreds)
	var clients, routes []string
	var cports []int
	for range 3 {
		clients = append(clients, fmt.Sprintf("nats://%s:%d", net.serverIP, freePort(t, net.serverIP)))
		p := freePort(t, "127.0.0.1")
		cports = append(cports, p)
		routes = append(routes, fmt.Sprintf("nats://127.0.0.1:%d", p))
	}
	var nodes []*exec.Cmd
	var nodeLogs []*logBuffer
	startNode := func(i int) {
		auth := mustRun(t, bin, "server", "nats-config", "--state-dir", dir)
		conf := filepath.Join(dir, fmt.Sprintf("n%d.conf", i))
		os.WriteFile(conf, []byte(fmt.Sprintf("server_name: n%d\nlisten: %q\njetstream {store_dir: %q}\ncluster {name: crosstalk, listen: \"127.0.0.1:%d\", routes: [%s]}\n%s",
			i, strings.TrimPrefix(clients[i], "nats://"), filepath.Join(dir, fmt.Sprintf("js%d", i)), cports[i], strings.Join(quoteAll(routes), ", "), auth)), 0o600)
		cmd := exec.Command(natsBin, "-c", conf)
		lb := &logBuffer{}
		cmd.Stderr = lb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		nodes, nodeLogs = append(nodes, cmd), append(nodeLogs, lb)
	}
	for i := range 3 {
		startNode(i)
	}
	for i, lb := range nodeLogs {
		if !lb.waitLog("Server is ready", 20*time.Second) {
			t.Fatalf("NATS node %d did not start:\n%s", i, lb)
		}
	}
	srv.args = []string{"--nats", strings.Join(clients, ","), "--nats-credentials", serverCreds, "--replicas", "3"}
	// fleetScenario enrolls the hosts again (new secrets): the cluster
	// reloads its users from the regenerated configuration (SIGHUP).
	srv.onEnroll = func() {
		auth := mustRun(t, bin, "server", "nats-config", "--state-dir", dir)
		for i, n := range nodes {
			conf := filepath.Join(dir, fmt.Sprintf("n%d.conf", i))
			b, _ := os.ReadFile(conf)
			head, _, _ := strings.Cut(string(b), "# Written by crosstalk server nats-config")
			os.WriteFile(conf, []byte(head+auth), 0o600)
			n.Process.Signal(syscall.SIGHUP)
		}
		time.Sleep(time.Second)
	}
	// The NATS nodes are the server side of the agents' connections:
	// they log a refusal.
	srv.refused = func(d time.Duration) bool {
		for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			for _, lb := range nodeLogs {
				if strings.Contains(lb.String(), "authentication error") {
					return true
				}
			}
		}
		return false
	}
	// The node the first host's agent is connected to dies; the agent
	// must go on through another.
	fleetScenario(t, bin, net, srv, strings.Join(clients, ","), true, func(hosts []*fleetHost) {
		log := hosts[0].agentLog.String()
		i := strings.LastIndex(log, "connected to the fleet")
		victim := -1
		for n, u := range clients {
			if i >= 0 && strings.Contains(log[i:], "url="+u) {
				victim = n
			}
		}
		if victim < 0 {
			t.Fatalf("which NATS node is %s's agent connected to?\n%s", hosts[0].name, log)
		}
		nodes[victim].Process.Kill()
		nodes[victim].Wait()
		t.Logf("killed NATS node n%d (%s's agent's) in the middle of the outage", victim, hosts[0].name)
		if !hosts[0].agentLog.waitLogAfter(len(log), "reconnected to the fleet", 15*time.Second) {
			t.Fatalf("%s's agent did not reconnect through another node\n%s", hosts[0].name, hosts[0].agentLog)
		}
	})
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strconv.Quote(s)
	}
	return out
}
