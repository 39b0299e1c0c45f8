package lab

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crosstalk-dev/crosstalk/inventory"
)

// TestMain lets this test binary stand in for crosstalk: `lab up` runs it
// as `lab guest ...` inside the namespaces, and the tests run it as
// `fetch URL` there to act as a guest's HTTP client.
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == "lab" && os.Args[2] == "guest" {
		os.Exit(RunGuest(os.Args[3:], os.Stderr))
	}
	if len(os.Args) == 3 && os.Args[1] == "fetch" {
		os.Exit(fetch(os.Args[2]))
	}
	os.Exit(m.Run())
}

// fetch prints the body of a GET.
func fetch(url string) int {
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer resp.Body.Close()
	io.Copy(os.Stdout, io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, resp.Status)
		return 1
	}
	return 0
}

func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("this test needs root, and CI runs as root")
		}
		t.Skip("needs root (network namespaces); CI runs it")
	}
}

// testLab returns the config of a lab with a name of its own, so that
// tests run beside each other and beside a developer's lab, and removes
// the lab when the test ends, whatever happened.
func testLab(t *testing.T, guests int) Config {
	t.Helper()
	cfg := Config{Name: fmt.Sprintf("t%06x", rand.N(1<<24)), Guests: guests, StateDir: filepath.Join(t.TempDir(), "state")}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if _, err := Down(ctx, Config{Name: cfg.Name, StateDir: cfg.StateDir}); err != nil {
			t.Errorf("clean up lab %s: %v", cfg.Name, err)
		}
	})
	return cfg
}

func inNS(t *testing.T, ns string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ip", append([]string{"netns", "exec", ns}, args...)...).CombinedOutput()
	return string(out), err
}

func TestLab(t *testing.T) {
	requireRoot(t)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cfg := testLab(t, 4)
	plan, err := Plan(cfg)
	if err != nil {
		t.Fatal(err)
	}

	res, err := Up(ctx, cfg)
	if err != nil {
		t.Fatalf("up: %v", err)
	}
	if !res.Created || len(res.Actions) == 0 {
		t.Errorf("up: %+v", res)
	}
	t.Logf("up: %s", time.Since(start))

	nss, err := namespaces(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range plan {
		if !nss[g.Namespace] {
			t.Errorf("no namespace %s", g.Namespace)
		}
	}

	// Each guest's process is in cgroups of its own (the noisy-neighbour
	// work tells guests apart by them).
	for _, g := range plan {
		pid := readPID(pidFile(cfg.StateDir, g.Name))
		cg, err := os.ReadFile(fmt.Sprintf("/proc/%d/cgroup", pid))
		if err != nil {
			t.Fatalf("guest %s: %v", g.Name, err)
		}
		want := guestCgroups(cfg.Name, g.Name)
		got := inventory.ParseCgroups(string(cg))
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("guest %s (pid %d) is in %v, want %s among them", g.Name, pid, got, w)
			}
		}
		if len(want) == 0 {
			t.Logf("no cgroup hierarchy on this host: guests run without cgroups")
		}
	}

	// Every guest reaches every other over the bridge, IPv4 and IPv6.
	for _, from := range plan {
		for _, to := range plan {
			if from.Name == to.Name {
				continue
			}
			for _, addr := range []string{to.IPv4.String(), to.IPv6.String()} {
				if out, err := inNS(t, from.Namespace, "ping", "-c1", "-W1", addr); err != nil {
					t.Errorf("%s cannot ping %s (%s): %v\n%s", from.Name, to.Name, addr, err, out)
				}
			}
		}
	}

	// web-1 answers HTTP from app-1's namespace.
	web, app := plan[0], plan[1]
	if out, err := inNS(t, app.Namespace, os.Args[0], "fetch", "http://"+web.IPv4.String()+"/"); err != nil {
		t.Errorf("GET web-1 from app-1: %v\n%s", err, out)
	}
	// The workload runs: web-1 calls app-1 a few times a second, as
	// app-1's metrics show.
	metrics := "http://" + app.IPv4.String() + ":9100/metrics"
	deadline := time.Now().Add(10 * time.Second)
	for {
		out, err := inNS(t, web.Namespace, os.Args[0], "fetch", metrics)
		if err == nil && strings.Contains(out, `crosstalk_lab_connections_total{service="app"}`) {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("no workload requests reached app-1 in 10 s: %v\n%s", err, out)
			break
		}
		time.Sleep(200 * time.Millisecond)
	}

	// The guests file is what replay --guests reads.
	tab, err := inventory.LoadFile(filepath.Join(cfg.StateDir, "guests.yaml"))
	if err != nil {
		t.Fatalf("guests file: %v", err)
	}
	links, err := hostLinks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	guests := tab.Guests()
	if len(guests) != 4 {
		t.Fatalf("guests file has %d guests, want 4", len(guests))
	}
	byName := map[string]inventory.Guest{}
	for _, g := range guests {
		byName[g.Name] = g
	}
	for _, g := range plan {
		fg := byName[g.Name]
		port := links[g.Port]
		if port == nil {
			t.Fatalf("no port %s", g.Port)
		}
		if len(fg.Ports) != 1 {
			t.Fatalf("guests file: %+v, want one port", fg)
		}
		if fp := fg.Ports[0]; fp.MAC != g.MAC || fp.Iface != g.Port || fp.IfIndex != port.Index ||
			fg.Labels["role"] != g.Role || len(fp.IPs) != 2 || fp.IPs[0] != g.IPv4.String() || fp.IPs[1] != g.IPv6.String() {
			t.Errorf("guests file: %+v, want %+v on port %d", fg, g, port.Index)
		}
		if port.Master != BridgeName(cfg.Name) {
			t.Errorf("port %s is on %q", g.Port, port.Master)
		}
	}

	// Up again finds it complete and changes nothing.
	again, err := Up(ctx, Config{Name: cfg.Name, StateDir: cfg.StateDir})
	if err != nil {
		t.Fatalf("up again: %v", err)
	}
	if again.Created || len(again.Actions) != 0 {
		t.Errorf("up again: %+v", again)
	}
	pids := recordedPIDs(cfg.StateDir)
	if len(pids) != 4 {
		t.Errorf("recorded pids %v", pids)
	}

	// Status, in its JSON form.
	st, err := Status(ctx, Config{Name: cfg.Name, StateDir: cfg.StateDir})
	if err != nil {
		t.Fatalf("status: %v", err)
	}
	data, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["lab"] != cfg.Name || doc["bridge"] != BridgeName(cfg.Name) {
		t.Errorf("status: %s", data)
	}
	if _, ok := doc["missing"]; ok {
		t.Errorf("status of a complete lab says something is missing: %s", data)
	}
	list, _ := doc["guests"].([]any)
	if len(list) != 4 {
		t.Fatalf("status guests: %s", data)
	}
	for i, x := range list {
		g, _ := x.(map[string]any)
		for _, k := range []string{"name", "namespace", "port", "ifindex", "mac", "ips", "labels", "up"} {
			if _, ok := g[k]; !ok {
				t.Errorf("status guest %d has no %q: %v", i, k, g)
			}
		}
		if g["up"] != true || g["mac"] != plan[i].MAC || g["ifindex"] != float64(links[plan[i].Port].Index) {
			t.Errorf("status guest %d: %v", i, g)
		}
	}

	// Up repairs what was removed by hand, and only that.
	cache := plan[3]
	if err := ip(ctx, "delete port by hand", "link", "del", "dev", cache.Port); err != nil {
		t.Fatal(err)
	}
	if err := ip(ctx, "delete address by hand", "-netns", web.Namespace, "addr", "del", web.IPv4.String()+"/24", "dev", "eth0"); err != nil {
		t.Fatal(err)
	}
	repaired, err := Up(ctx, Config{Name: cfg.Name, StateDir: cfg.StateDir})
	if err != nil {
		t.Fatalf("up to repair: %v", err)
	}
	want := []string{"add address " + web.IPv4.String() + " in " + web.Namespace, "add veth " + cache.Port + " (eth0 in " + cache.Namespace + ")"}
	if diff := cmp.Diff(repaired.Actions, want); diff != "" {
		t.Errorf("repair actions (-got +want):\n%s", diff)
	}
	if st, err := Status(ctx, Config{Name: cfg.Name, StateDir: cfg.StateDir}); err != nil {
		t.Fatal(err)
	} else {
		for _, g := range st.Guests {
			if !g.Up {
				t.Errorf("after repair: %+v", g)
			}
		}
	}
	if tab, err := inventory.LoadFile(filepath.Join(cfg.StateDir, "guests.yaml")); err != nil {
		t.Fatal(err)
	} else if links, err := hostLinks(ctx); err != nil {
		t.Fatal(err)
	} else if got := tab.GuestByPort(links[cache.Port].Index); got != cache.Name {
		t.Errorf("guests file after repair: port %d is %q's", links[cache.Port].Index, got)
	}

	// Half-built: a namespace deleted by hand. Status says so; down
	// still removes everything.
	if err := ip(ctx, "delete namespace by hand", "netns", "del", plan[2].Namespace); err != nil {
		t.Fatal(err)
	}
	st, err = Status(ctx, Config{Name: cfg.Name, StateDir: cfg.StateDir})
	if err != nil {
		t.Fatal(err)
	}
	if g := st.Guests[2]; g.Up || len(g.Missing) == 0 || g.Missing[0] != "namespace" {
		t.Errorf("status of %s without its namespace: %+v", g.Name, g)
	}
	down, err := Down(ctx, Config{Name: cfg.Name, StateDir: cfg.StateDir})
	if err != nil {
		t.Fatalf("down: %v", err)
	}
	if len(down.Left) > 0 {
		t.Errorf("down left %v", down.Left)
	}
	assertGone(t, cfg, plan, pids)
	for _, dir := range cgroupDirs(cfg.Name, "") {
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("down left the cgroups %s", dir)
		}
	}

	again2, err := Down(ctx, Config{Name: cfg.Name, StateDir: cfg.StateDir})
	if err != nil || len(again2.Removed) != 0 {
		t.Errorf("down again: %+v, %v", again2, err)
	}
	if _, err := Status(ctx, Config{Name: cfg.Name, StateDir: cfg.StateDir}); !errors.Is(err, ErrNotUp) {
		t.Errorf("status after down: %v, want ErrNotUp", err)
	}
	t.Logf("whole test: %s", time.Since(start))
}

// assertGone checks that nothing of the lab is left on the system.
func assertGone(t *testing.T, cfg Config, plan []Guest, pids map[string]int) {
	t.Helper()
	ctx := context.Background()
	nss, err := namespaces(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for ns := range nss {
		if strings.HasPrefix(ns, namespacePrefix(cfg.Name)) {
			t.Errorf("namespace %s left", ns)
		}
	}
	links, err := hostLinks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if links[BridgeName(cfg.Name)] != nil {
		t.Errorf("bridge %s left", BridgeName(cfg.Name))
	}
	for _, g := range plan {
		if links[g.Port] != nil {
			t.Errorf("port %s left", g.Port)
		}
	}
	// A stopped child of this test is reaped by its waiting goroutine a
	// moment after it exits.
	deadline := time.Now().Add(2 * time.Second)
	for guest, pid := range pids {
		for {
			_, err := os.Stat("/proc/" + strconv.Itoa(pid))
			if errors.Is(err, fs.ErrNotExist) {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("process %d of %s left", pid, guest)
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if _, err := os.Stat(cfg.StateDir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("state directory %s left: %v", cfg.StateDir, err)
	}
}

func TestUpFailureRemovesWhatItBuilt(t *testing.T) {
	requireRoot(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cfg := testLab(t, 2)
	cfg.Command = []string{"/bin/false"} // a guest process that dies at once
	plan, err := Plan(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Up(ctx, cfg)
	if err == nil || !strings.Contains(err.Error(), "start guest web-1") || !strings.Contains(err.Error(), "exited before it was ready") {
		t.Fatalf("up with a failing guest: %v", err)
	}
	assertGone(t, cfg, plan, nil)
}

func TestForeignLinksLeftAlone(t *testing.T) {
	requireRoot(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cfg := testLab(t, 2)
	// A link named like guest 2's port, and a namespace with the lab's
	// prefix but no guest's name: neither is the lab's.
	port, ns := portName(cfg.Name, 2), namespacePrefix(cfg.Name)+"other"
	if err := ip(ctx, "add foreign veth", "link", "add", "name", port, "type", "veth", "peer", "name", "ctf"+cfg.Name[1:]); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ip(context.Background(), "remove foreign veth", "link", "del", "dev", port) })
	if err := ip(ctx, "add foreign namespace", "netns", "add", ns); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ip(context.Background(), "remove foreign namespace", "netns", "del", ns) })

	_, err := Up(ctx, cfg)
	if err == nil || !strings.Contains(err.Error(), "add veth "+port+": a link of that name exists and is not the lab's") {
		t.Fatalf("up beside a foreign link: %v", err)
	}
	res, err := Down(ctx, Config{Name: cfg.Name, StateDir: cfg.StateDir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Left) != 1 || !strings.Contains(res.Left[0], "link "+port) {
		t.Errorf("down: %+v", res)
	}
	links, err := hostLinks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nss, err := namespaces(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if links[port] == nil || !nss[ns] {
		t.Errorf("the lab removed what it did not make: link %v, namespace %v", links[port] != nil, nss[ns])
	}
	if links[BridgeName(cfg.Name)] != nil || nss[namespacePrefix(cfg.Name)+"web-1"] {
		t.Error("the failed up left its own pieces")
	}
}
