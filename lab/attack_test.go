package lab

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// init lets this test binary stand in for crosstalk when Attack runs it as
// `lab attack-run ...` inside a namespace (TestMain, in lab_test.go, runs
// after init and knows only `lab guest`).
func init() {
	if len(os.Args) > 2 && os.Args[1] == "lab" && os.Args[2] == "attack-run" {
		os.Exit(RunAttackGen(os.Args[3:], os.Stdout, os.Stderr))
	}
}

// planLab returns the planning view of a lab that is not built.
func planLab(t *testing.T, cfg Config) *attackLab {
	t.Helper()
	cfg.Command = []string{"-"}
	c, err := cfg.complete(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &attackLab{c: c, guests: c.layout()}
}

func lookAll(string) (string, error) { return "/usr/bin/x", nil }
func lookNone(name string) (string, error) {
	return "", &exec.Error{Name: name, Err: exec.ErrNotFound}
}

// lookOnly finds only the named tools.
func lookOnly(tools ...string) func(string) (string, error) {
	return func(name string) (string, error) {
		if slices.Contains(tools, name) {
			return "/usr/bin/" + name, nil
		}
		return lookNone(name)
	}
}

func TestAttackOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		o    AttackOptions
		want string // "" for valid
	}{
		{AttackOptions{Kind: "portscan"}, ""},
		{AttackOptions{Kind: "beacon", Duration: time.Hour}, ""},
		{AttackOptions{Kind: "nuke"}, "kind: want one of portscan"},
		{AttackOptions{Kind: ""}, "kind: "},
		{AttackOptions{Kind: "portscan", ScanType: "maimon"}, "type: want one of syn, connect"},
		{AttackOptions{Kind: "portscan", Tool: "scapy"}, "tool: want auto or go"},
		{AttackOptions{Kind: "synflood", Duration: 2 * time.Minute}, "duration: a flood lasts at most 1m0s"},
		{AttackOptions{Kind: "udpflood", Duration: -time.Second}, "duration: must be positive"},
		{AttackOptions{Kind: "beacon", Duration: 2 * time.Hour}, "duration: a beacon lasts at most 1h0m0s"},
		{AttackOptions{Kind: "synflood", Rate: MaxRate + 1}, "rate: want 1 to 200000"},
		{AttackOptions{Kind: "beacon", Interval: time.Millisecond}, "interval: want 100ms to 10m"},
		{AttackOptions{Kind: "worm", Port: 70000}, "port: want 1 to 65535"},
		{AttackOptions{Kind: "worm", Hops: 4}, "hops: want 1 to 3"},
		{AttackOptions{Kind: "sweep", Command: []string{""}}, "command: empty program name"},
	} {
		err := tc.o.Validate()
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%+v: %v, want %q", tc.o, err, tc.want)
		}
	}
}

// stepText is a step as one line, for the tests to search.
func stepText(s attackStep) string {
	if s.gen != nil {
		return fmt.Sprintf("[%s] gen=%s targets=%s ports=%d-%d src=%s srcpre=%s flags=%s rate=%d count=%d dur=%s | %s",
			s.guest.Name, s.gen.Gen, strings.Join(s.gen.Targets, ","), s.gen.PortLo, s.gen.PortHi, s.gen.Src, s.gen.SrcPrefix,
			s.gen.Flags, s.gen.Rate, s.gen.Count, s.gen.Duration, s.say)
	}
	return fmt.Sprintf("[%s] %s | %s", s.guest.Name, strings.Join(s.argv, " "), s.say)
}

// habets makes plans take arping for Habets' whatever is installed.
func habets(t *testing.T) {
	old := habetsArping
	habetsArping = func() bool { return true }
	t.Cleanup(func() { habetsArping = old })
}

func TestAttackPlan(t *testing.T) {
	habets(t)
	l := planLab(t, DefaultConfig()) // 10.77.0.0/24: web-1 .11, app-1 .12, db-1 .13, rogue .18
	for _, tc := range []struct {
		o    AttackOptions
		want []string // one substring per step, in order
	}{
		// Defaults with the tools installed.
		{AttackOptions{Kind: "portscan"}, []string{"[rogue] nmap -n -sS -p 1-1000 -T4 --host-timeout 90s 10.77.0.13 | nmap -n -sS -p 1-1000 -T4 --host-timeout 90s 10.77.0.13 from rogue"}},
		{AttackOptions{Kind: "portscan", ScanType: "udp", To: "cache-1"}, []string{"nmap -n -sU -p 1-200 -T4 --host-timeout 90s --max-retries 1 --min-rate 200 10.77.0.14"}},
		{AttackOptions{Kind: "portscan", ScanType: "xmas", To: "fd77::13"}, []string{"nmap -n -sX -p 1-1000 -T4 --host-timeout 90s -6 fd77::13"}},
		{AttackOptions{Kind: "portscan", To: "10.77.0.8/29"}, []string{"-sS -p 1-1000 -T4 --host-timeout 90s 10.77.0.8/29"}},
		{AttackOptions{Kind: "sweep"}, []string{"[rogue] nmap -n -sn --host-timeout 30s 10.77.0.0/24 | "}},
		{AttackOptions{Kind: "sweep", From: "monitor", To: "10.77.0.0/28"}, []string{"[monitor] nmap -n -sn --host-timeout 30s 10.77.0.0/28 "}},
		{AttackOptions{Kind: "synflood"}, []string{"[rogue] hping3 -n -S -p 80 --flood 10.77.0.11 | hping3 -n -S -p 80 --flood 10.77.0.11 for 3s from rogue"}},
		{AttackOptions{Kind: "synflood", Rate: 1000, Port: 443, To: "app-1"}, []string{"hping3 -n -S -p 443 -i u1000 10.77.0.12"}},
		{AttackOptions{Kind: "udpflood"}, []string{"hping3 -n --udp -p 5000 --flood 10.77.0.11 | "}},
		{AttackOptions{Kind: "spoof"}, []string{
			"[rogue] hping3 -n -S -p 80 -a 10.77.0.12 -c 200 -i u10000 10.77.0.11 | ",
			"(ARP claim: 10.77.0.12 is at rogue's MAC)"}},
		// The Go generator.
		{AttackOptions{Kind: "portscan", Tool: "go"}, []string{"[rogue] gen=raw targets=10.77.0.13 ports=1-1000 src=10.77.0.18 srcpre= flags=syn rate=2000 count=0 dur=0s | built-in Go generator (--tool go): SYN probes"}},
		{AttackOptions{Kind: "portscan", Tool: "go", ScanType: "connect"}, []string{"gen=connect targets=10.77.0.13 ports=1-1000 "}},
		{AttackOptions{Kind: "portscan", Tool: "go", ScanType: "udp"}, []string{"gen=udp targets=10.77.0.13 ports=1-200 "}},
		{AttackOptions{Kind: "portscan", Tool: "go", ScanType: "connect", To: "fd77::11"}, []string{"gen=connect targets=fd77::11 ports=1-1000"}},
		{AttackOptions{Kind: "sweep", Tool: "go", To: "10.77.0.16/30"}, []string{"[rogue] gen=connect targets=10.77.0.16,10.77.0.17,10.77.0.19 ports=22-22"}},
		{AttackOptions{Kind: "synflood", Tool: "go"}, []string{"[rogue] gen=raw targets=10.77.0.11 ports=80-80 src=10.77.0.18 srcpre= flags=syn rate=20000 count=0 dur=3s"}},
		{AttackOptions{Kind: "synflood", Spoofed: true}, []string{"gen=raw targets=10.77.0.11 ports=80-80 src= srcpre=10.77.0.0/24 flags=syn rate=20000 count=0 dur=3s | built-in Go generator (--spoofed forges sources inside 10.77.0.0/24"}},
		{AttackOptions{Kind: "udpflood", Tool: "go", Duration: time.Second, Rate: 500}, []string{"gen=udp targets=10.77.0.11 ports=5000-5000 src=10.77.0.18 srcpre= flags= rate=500 count=0 dur=1s"}},
		{AttackOptions{Kind: "spoof", Tool: "go", As: "db-1", To: "app-1"}, []string{
			"gen=raw targets=10.77.0.12 ports=80-80 src=10.77.0.13 srcpre= flags=syn rate=100 count=200",
			"gen=arp targets= ports=0-0 src=10.77.0.13 srcpre= flags= rate=0 count=3"}},
		{AttackOptions{Kind: "beacon"}, []string{"[rogue] gen=beacon targets=10.77.0.11 ports=80-80 src=10.77.0.18 srcpre= flags= rate=0 count=73 dur=6m0s | built-in Go generator (no tool needed): 73 connections to 10.77.0.11:80 every 5s ±5% for 6m0s from rogue"}},
		{AttackOptions{Kind: "beacon", To: "fd77::12", Port: 8080, Interval: time.Second, Duration: 10 * time.Second}, []string{"gen=beacon targets=fd77::12 ports=8080-8080 src=10.77.0.18 srcpre= flags= rate=0 count=11"}},
		{AttackOptions{Kind: "worm"}, []string{
			"[rogue] gen=connect targets=10.77.0.11 ports=22-22",
			"[web-1] gen=connect targets=10.77.0.1,10.77.0.2,",
			"[db-1] gen=connect targets=10.77.0.1,"}},
		{AttackOptions{Kind: "worm", Hops: 3, To: "cache-1"}, []string{"[rogue]", "[cache-1]", "[db-1]", "[app-1]"}},
		{AttackOptions{Kind: "io-hog", Workers: 2, Duration: 20 * time.Second}, []string{"[rogue] stress-ng --hdd 2 --hdd-bytes 256M --temp-path "}},
		{AttackOptions{Kind: "io-hog", Tool: "go"}, []string{"[rogue] gen=io targets= ports=0-0 src=10.77.0.18 srcpre= flags= rate=0 count=0 dur=30s | built-in Go generator (--tool go): 1 writers of 1 MiB blocks for 30s in rogue's cgroups"}},
		{AttackOptions{Kind: "net-hog"}, []string{"[rogue] iperf3 -c 10.77.0.11 -p 5201 -t 30 -P 4 | iperf3 -c 10.77.0.11 -p 5201 -t 30 -P 4 from rogue (iperf3 -s in web-1), both in their guests' cgroups"}},
		{AttackOptions{Kind: "net-hog", Tool: "go", To: "db-1", Duration: 5 * time.Second}, []string{"[rogue] gen=udp targets=10.77.0.13 ports=5201-5201 src=10.77.0.18 srcpre= flags= rate=200000 count=0 dur=5s"}},
	} {
		tc.o.LookPath = lookAll
		p, err := l.plan(tc.o)
		if err != nil {
			t.Errorf("%+v: %v", tc.o, err)
			continue
		}
		var got []string
		for _, s := range p.steps {
			got = append(got, stepText(s))
		}
		if len(got) != len(tc.want) {
			t.Errorf("%+v: %d steps, want %d:\n%s", tc.o, len(got), len(tc.want), strings.Join(got, "\n"))
			continue
		}
		for i := range got {
			if !strings.Contains(got[i], tc.want[i]) {
				t.Errorf("%+v: step %d:\n  %s\nwant it to contain\n  %s", tc.o, i, got[i], tc.want[i])
			}
		}
	}
}

func TestAttackPlanFallbacks(t *testing.T) {
	habets(t)
	l := planLab(t, DefaultConfig())
	for _, tc := range []struct {
		o    AttackOptions
		look func(string) (string, error)
		want string
	}{
		{AttackOptions{Kind: "portscan"}, lookNone, "built-in Go generator (nmap not installed): SYN probes from a raw socket to 10.77.0.13 ports 1-1000 from rogue"},
		{AttackOptions{Kind: "portscan", ScanType: "connect"}, lookNone, "built-in Go generator (nmap not installed): connect() scan of 10.77.0.13 ports 1-1000 from rogue"},
		{AttackOptions{Kind: "sweep"}, lookNone, "built-in Go generator (nmap not installed): connect() to port 22 of 253 addresses of 10.77.0.0/24 from rogue"},
		{AttackOptions{Kind: "synflood"}, lookNone, "built-in Go generator (hping3 not installed)"},
		{AttackOptions{Kind: "udpflood"}, lookOnly("iperf3"), "iperf3 -u -b 1G -t 3 -p 5000 -c 10.77.0.11 from rogue (hping3 not installed; iperf3 -s in web-1"},
		{AttackOptions{Kind: "udpflood", Duration: 1500 * time.Millisecond}, lookOnly("iperf3"), "iperf3 -u -b 1G -t 2 "},
		{AttackOptions{Kind: "udpflood"}, lookNone, "built-in Go generator (hping3 and iperf3 not installed)"},
		{AttackOptions{Kind: "spoof"}, lookNone, "built-in Go generator (hping3 not installed): 200 SYNs"},
		{AttackOptions{Kind: "spoof"}, lookOnly("hping3"), "built-in Go generator (arping not installed): 3 ARP replies"},
		{AttackOptions{Kind: "synflood", Tool: "go", Spoofed: true}, lookAll, "built-in Go generator (--tool go): SYNs from a raw socket to 10.77.0.11:80 at 20000/s for 3s from rogue with random sources in 10.77.0.0/24"},
	} {
		tc.o.LookPath = tc.look
		p, err := l.plan(tc.o)
		if err != nil {
			t.Errorf("%+v: %v", tc.o, err)
			continue
		}
		var all []string
		for _, s := range p.steps {
			all = append(all, s.say)
		}
		if !strings.Contains(strings.Join(all, "\n"), tc.want) {
			t.Errorf("%+v: says\n%s\nwant %q", tc.o, strings.Join(all, "\n"), tc.want)
		}
	}
	// The iperf3 server runs in the victim's namespace.
	p, err := l.plan(AttackOptions{Kind: "udpflood", To: "db-1", LookPath: lookOnly("iperf3")})
	if err != nil {
		t.Fatal(err)
	}
	if s := p.steps[0]; s.serverGuest.Name != "db-1" || strings.Join(s.server, " ") != "iperf3 -s -1 -p 5000" || s.serverLab != "" {
		t.Errorf("iperf3 server: %q in %q (cgroups of lab %q)", s.server, s.serverGuest.Name, s.serverLab)
	}
	// A net-hog's ends run in their guests' cgroups.
	p, err = l.plan(AttackOptions{Kind: "net-hog", LookPath: lookOnly("iperf3")})
	if err != nil {
		t.Fatal(err)
	}
	if s := p.steps[0]; s.serverGuest.Name != "web-1" || s.serverLab == "" || s.cgroupGuest != "rogue" {
		t.Errorf("net-hog: server in %q (lab %q), client in %q's cgroups", s.serverGuest.Name, s.serverLab, s.cgroupGuest)
	}
}

func TestAttackPlanErrors(t *testing.T) {
	l := planLab(t, DefaultConfig())
	small := planLab(t, Config{Name: "small", Guests: 3}) // web-1, app-1, db-1; 10.77.N.0/24
	for _, tc := range []struct {
		l    *attackLab
		o    AttackOptions
		want string
	}{
		{l, AttackOptions{Kind: "portscan", From: "mallory"}, `--from: lab ct has no guest "mallory" (it has web-1, app-1, db-1, cache-1, monitor, backup, dns-1, rogue)`},
		{small, AttackOptions{Kind: "portscan"}, `--from: lab small has no guest "rogue" (it has web-1, app-1, db-1)`},
		{small, AttackOptions{Kind: "portscan", From: "web-1", To: "cache-1"}, `--to: "cache-1" is no guest of lab small`},
		{l, AttackOptions{Kind: "portscan", To: "8.8.8.8"}, "--to: 8.8.8.8 is not an address of lab ct (10.77.0.0/24, fd77::/64)"},
		{l, AttackOptions{Kind: "synflood", To: "10.78.0.11"}, "--to: 10.78.0.11 is not an address of lab ct"},
		{l, AttackOptions{Kind: "synflood", To: "192.168.1.1"}, "is not an address of lab ct"},
		{l, AttackOptions{Kind: "synflood", To: "10.77.0.255"}, "--to: 10.77.0.255 is not an address of lab ct"},
		{l, AttackOptions{Kind: "synflood", To: "10.77.0.0"}, "--to: 10.77.0.0 is not an address of lab ct"},
		{l, AttackOptions{Kind: "beacon", To: "2001:db8::1"}, "--to: 2001:db8::1 is not an address of lab ct"},
		{l, AttackOptions{Kind: "sweep", To: "10.0.0.0/8"}, "--to: 10.0.0.0/8 is not inside lab ct's subnets"},
		{l, AttackOptions{Kind: "sweep", To: "0.0.0.0/0"}, "is not inside lab ct's subnets"},
		{l, AttackOptions{Kind: "sweep", To: "10.77.0.0/16"}, "--to: 10.77.0.0/16 is not inside lab ct's subnets"},
		{l, AttackOptions{Kind: "sweep", To: "fd77::/64"}, "--to: fd77::/64 has more than 1024 addresses"},
		{l, AttackOptions{Kind: "sweep", To: "fd77::/120"}, "--to: sweep takes an IPv4 prefix"},
		{l, AttackOptions{Kind: "sweep", To: "db-1"}, "--to: a sweep covers a prefix (such as 10.77.0.0/24), not one host"},
		{l, AttackOptions{Kind: "sweep", To: "nonsense"}, `--to: "nonsense" is no guest of lab ct`},
		{l, AttackOptions{Kind: "portscan", To: "rogue"}, "--to: rogue is the attacker (--from) itself"},
		{l, AttackOptions{Kind: "synflood", To: "10.77.0.18"}, "--to: rogue is the attacker (--from) itself"},
		{l, AttackOptions{Kind: "portscan", To: "10.77.0.0/24"}, "--to: a portscan covers at most 16 hosts (a /28)"},
		{l, AttackOptions{Kind: "synflood", To: "10.77.0.0/28"}, "--to: want a guest or an address, not the prefix 10.77.0.0/28"},
		{l, AttackOptions{Kind: "synflood", To: "fd77::11"}, "--to: synflood takes an IPv4 target, got fd77::11"},
		{l, AttackOptions{Kind: "worm", To: "10.77.0.99"}, "--to: the worm's first victim must be a guest"},
		{l, AttackOptions{Kind: "spoof", As: "rogue"}, "--as: rogue is the attacker itself"},
		{l, AttackOptions{Kind: "spoof", As: "eve"}, `--as: lab ct has no guest "eve"`},
		{l, AttackOptions{Kind: "portscan", Tool: "go", To: "fd77::13"}, "the Go generator sends syn probes over IPv4 only"},
	} {
		tc.o.LookPath = lookAll
		if tc.o.Tool == "go" {
			tc.o.LookPath = nil
		}
		_, err := tc.l.plan(tc.o)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrAttackArgs) {
			t.Errorf("%+v: %v, want ErrAttackArgs %q", tc.o, err, tc.want)
		}
	}
}

// TestAttackPlanStaysInLab checks the hard rule on every plan: every
// address a step sends to or forges is inside the lab's subnets, and no
// tool is run against anything else.
func TestAttackPlanStaysInLab(t *testing.T) {
	for _, cfg := range []Config{DefaultConfig(), {Name: "other", Guests: 12}, {Name: "wide", Subnet: netip.MustParsePrefix("10.80.0.0/16")}} {
		l := planLab(t, cfg)
		inside := func(a netip.Addr) bool { return l.c.Subnet.Contains(a) || l.c.Subnet6.Contains(a) }
		for _, kind := range AttackKinds {
			for _, look := range []func(string) (string, error){lookAll, lookNone, lookOnly("iperf3")} {
				for _, o := range []AttackOptions{{Kind: kind}, {Kind: kind, Spoofed: kind == "synflood"}, {Kind: kind, ScanType: "udp"}} {
					if kind != "portscan" {
						o.ScanType = ""
					}
					o.LookPath = look
					p, err := l.plan(o)
					if err != nil {
						t.Errorf("%s %+v: %v", cfg.Name, o, err)
						continue
					}
					for _, s := range p.steps {
						var addrs []string
						if s.gen != nil {
							addrs = append(append(addrs, s.gen.Targets...), s.gen.Src)
							if s.gen.SrcPrefix != "" {
								pre := netip.MustParsePrefix(s.gen.SrcPrefix)
								addrs = append(addrs, pre.Addr().String(), lastAddr(pre).String())
							}
							for _, a := range s.gen.Allow {
								if pre := netip.MustParsePrefix(a); pre != l.c.Subnet && pre != l.c.Subnet6 {
									t.Errorf("%s: allows %s", stepText(s), a)
								}
							}
						}
						for _, w := range append(slices.Clone(s.argv), s.server...) {
							if _, err := netip.ParseAddr(w); err == nil {
								addrs = append(addrs, w)
							} else if pre, err := netip.ParsePrefix(w); err == nil {
								addrs = append(addrs, pre.Addr().String(), lastAddr(pre).String())
							}
						}
						for _, n := range s.neigh {
							addrs = append(addrs, n.String())
						}
						for _, a := range addrs {
							if a == "" {
								continue
							}
							if ad, err := netip.ParseAddr(a); err != nil || !inside(ad) {
								t.Errorf("lab %s, %s: address %q outside %s and %s", cfg.Name, stepText(s), a, l.c.Subnet, l.c.Subnet6)
							}
						}
						if !strings.HasPrefix(s.guest.Namespace, namespacePrefix(l.c.Name)) {
							t.Errorf("%s: runs in namespace %q", stepText(s), s.guest.Namespace)
						}
					}
				}
			}
		}
	}
}

func TestAttackWormNeighbours(t *testing.T) {
	l := planLab(t, DefaultConfig())
	p, err := l.plan(AttackOptions{Kind: "worm"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.steps) != 3 || len(p.steps[0].neigh) != 0 || p.steps[1].next == nil || p.steps[1].next.Name != "db-1" {
		t.Fatalf("worm steps: %+v", p.steps)
	}
	hop := p.steps[1]
	// Every unused address of the /24 (not .0, .255 or a guest's) gets a
	// neighbour entry; no guest does.
	if len(hop.neigh) != 254-8 {
		t.Errorf("%d neighbour entries, want %d", len(hop.neigh), 254-8)
	}
	for _, a := range hop.neigh {
		if _, ok := l.guestByAddr(a); ok || a == l.c.Subnet.Addr() || a == lastAddr(l.c.Subnet) {
			t.Errorf("neighbour entry for %s", a)
		}
	}
	if len(hop.gen.Targets) != 253 || slices.Contains(hop.gen.Targets, "10.77.0.11") || hop.gen.Src != "10.77.0.11" || !hop.gen.Greet {
		t.Errorf("hop 1 probes %d targets from %s (greet %v)", len(hop.gen.Targets), hop.gen.Src, hop.gen.Greet)
	}
	if p.fakeMAC != "02:77:00:00:ff:fe" {
		t.Errorf("fake MAC %s", p.fakeMAC)
	}
	// A worm on another port does not log into ssh.
	p, _ = l.plan(AttackOptions{Kind: "worm", Port: 80, Hops: 1})
	if len(p.steps) != 2 || p.steps[1].gen.Greet || p.steps[1].gen.PortLo != 80 {
		t.Errorf("worm on port 80: %+v", p.steps)
	}
}

func TestLastAddrAndExpand(t *testing.T) {
	for in, want := range map[string]string{
		"10.77.0.0/24": "10.77.0.255", "10.77.0.16/28": "10.77.0.31", "10.77.0.5/32": "10.77.0.5",
		"10.0.0.0/8": "10.255.255.255", "fd77::/64": "fd77::ffff:ffff:ffff:ffff", "fd77::/120": "fd77::ff", "10.77.0.0/23": "10.77.1.255",
	} {
		if got := lastAddr(netip.MustParsePrefix(in)); got.String() != want {
			t.Errorf("lastAddr(%s) = %s, want %s", in, got, want)
		}
	}
	l := planLab(t, DefaultConfig())
	addrs, err := l.expand(netip.MustParsePrefix("10.77.0.0/24"))
	if err != nil || len(addrs) != 254 || addrs[0].String() != "10.77.0.1" || addrs[253].String() != "10.77.0.254" {
		t.Errorf("expand /24: %d addresses, %v", len(addrs), err)
	}
	addrs, err = l.expand(netip.MustParsePrefix("fd77::/120"))
	if err != nil || len(addrs) != 255 || addrs[0].String() != "fd77::1" {
		t.Errorf("expand fd77::/120: %d addresses, %v", len(addrs), err)
	}
	wide := planLab(t, Config{Name: "wide", Subnet: netip.MustParsePrefix("10.80.0.0/16")})
	if p := wide.sweepPrefix(); p.String() != "10.80.0.0/24" {
		t.Errorf("sweep prefix of a /16 lab: %s", p)
	}
	if _, err := wide.expand(netip.MustParsePrefix("10.80.0.0/21")); err == nil {
		t.Error("expand /21: no error")
	}
}

func TestGenSpecChecks(t *testing.T) {
	ok := genSpec{Gen: "connect", Allow: []string{"10.77.0.0/24", "fd77::/64"}, Targets: []string{"10.77.0.13"}, PortLo: 1, PortHi: 10}
	if _, err := newGen(ok); err != nil {
		t.Fatalf("valid spec: %v", err)
	}
	for _, tc := range []struct {
		edit func(*genSpec)
		want string
	}{
		{func(s *genSpec) { s.Allow = nil }, "no allowed prefixes"},
		{func(s *genSpec) { s.Allow = []string{"8.8.8.0/24"} }, "8.8.8.0/24 is not a private prefix"},
		{func(s *genSpec) { s.Allow = []string{"0.0.0.0/0"} }, "is not a private prefix"},
		{func(s *genSpec) { s.Targets = []string{"10.78.0.1"} }, "target 10.78.0.1 is outside the lab's prefixes"},
		{func(s *genSpec) { s.Targets = []string{"1.1.1.1"} }, "target 1.1.1.1 is outside"},
		{func(s *genSpec) { s.Targets = []string{"::ffff:1.1.1.1"} }, "target 1.1.1.1 is outside"},
		{func(s *genSpec) { s.Src = "192.168.0.1" }, "source 192.168.0.1 is outside"},
		{func(s *genSpec) { s.SrcPrefix = "10.77.0.0/16" }, "source prefix 10.77.255.255 is outside"},
		{func(s *genSpec) { s.SrcPrefix = "10.0.0.0/8" }, "want an IPv4 prefix of /16 or smaller"},
		{func(s *genSpec) { s.PortLo, s.PortHi = 10, 1 }, "spec: ports 10-1"},
		{func(s *genSpec) { s.Rate = MaxRate + 1 }, "out of bounds"},
		{func(s *genSpec) { s.Duration = 2 * time.Hour }, "out of bounds"},
		{func(s *genSpec) { s.Concurrency = 1000 }, "out of bounds"},
		{func(s *genSpec) { s.Gen = "raw"; s.Flags = "syn" }, "raw needs targets, ports and a source"},
		{func(s *genSpec) { s.Gen = "raw"; s.Flags = "rst"; s.Src = "10.77.0.18" }, `flags: "rst"`},
		{func(s *genSpec) {
			s.Gen = "raw"
			s.Flags = "syn"
			s.Src = "10.77.0.18"
			s.Targets = []string{"fd77::13"}
		}, "raw sends IPv4 only"},
		{func(s *genSpec) { s.Gen = "arp" }, "arp needs an IPv4 src"},
		{func(s *genSpec) { s.Gen = "ping" }, `unknown generator "ping"`},
		{func(s *genSpec) {
			s.Targets = nil
			for i := range 1100 {
				s.Targets = append(s.Targets, fmt.Sprintf("fd77::%x", i+1))
			}
		}, "1100 targets, at most 1024"},
	} {
		s := ok
		tc.edit(&s)
		if _, err := newGen(s); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", s, err, tc.want)
		}
	}
}

func TestRunAttackGenArgs(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "want --ns and --spec"},
		{[]string{"--ns=ct-ct-rogue"}, 2, "want --ns and --spec"},
		{[]string{"--ns=ct-ct-rogue", "--spec={"}, 2, "--spec: unexpected end of JSON input"},
		{[]string{"--ns=ct-ct-rogue", `--spec={"gen":"connect","allow":["10.77.0.0/24"],"targets":["8.8.8.8"],"port_lo":53,"port_hi":53}`}, 2, "target 8.8.8.8 is outside"},
		// A valid spec, but this process is not in that namespace.
		{[]string{"--ns=ct-zz-nowhere", `--spec={"gen":"connect","allow":["10.77.0.0/24"],"targets":["10.77.0.11"],"port_lo":22,"port_hi":22}`}, 1, "not inside namespace ct-zz-nowhere: refusing to send"},
	} {
		var out, errb bytes.Buffer
		code := RunAttackGen(tc.args, &out, &errb)
		if code != tc.code || !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tc.args, code, errb.String(), tc.code, tc.want)
		}
	}
}

func TestBuildTCP(t *testing.T) {
	pkt := make([]byte, 40)
	src, dst := netip.MustParseAddr("10.77.0.18"), netip.MustParseAddr("10.77.0.11")
	for name, flags := range tcpFlags {
		buildTCP(pkt, src, dst, 40000, 80, flags, 12345)
		if checksum(pkt[:20], 0) != 0 {
			t.Errorf("%s: bad IP header checksum", name)
		}
		s, d := src.As4(), dst.As4()
		pseudo := append(append(append([]byte{}, s[:]...), d[:]...), 0, syscall.IPPROTO_TCP, 0, 20)
		if checksum(append(pseudo, pkt[20:]...), 0) != 0 {
			t.Errorf("%s: bad TCP checksum", name)
		}
		if pkt[33] != flags || pkt[9] != syscall.IPPROTO_TCP || pkt[22] != 0 || pkt[23] != 80 || !bytes.Equal(pkt[12:16], s[:]) {
			t.Errorf("%s: header % x", name, pkt)
		}
	}
}

func TestPace(t *testing.T) {
	ctx := context.Background()
	start := time.Now()
	if n := pace(ctx, 1000, 50, 0, func(int) bool { return true }); n != 50 {
		t.Errorf("count 50: sent %d", n)
	}
	if el := time.Since(start); el < 40*time.Millisecond || el > time.Second {
		t.Errorf("50 at 1000/s took %s", el)
	}
	start = time.Now()
	n := pace(ctx, 200000, 0, 100*time.Millisecond, func(int) bool { return true })
	if el := time.Since(start); el > 500*time.Millisecond || n > 200000/10+1000 {
		t.Errorf("100ms at 200000/s: %d in %s", n, el)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if n := pace(cctx, 1000, 0, time.Hour, func(int) bool { return true }); n != 0 {
		t.Errorf("cancelled: sent %d", n)
	}
	if n := pace(ctx, 1000, 0, 0, func(i int) bool { return i < 9 }); n != 9 {
		t.Errorf("stopped by send: %d", n)
	}
	ex := map[netip.Addr]bool{netip.MustParseAddr("10.77.0.11"): true}
	pre := netip.MustParsePrefix("10.77.0.0/24")
	for range 2000 {
		if a := randomIn(pre, ex); !pre.Contains(a) || ex[a] || a == pre.Addr() || a == lastAddr(pre) {
			t.Fatalf("randomIn: %s", a)
		}
	}
}

// TestAttackLab runs every kind on a live lab, with the Go generator and
// with the real tools that are installed, and checks on the bridge that
// every IP packet stayed within the lab's subnets.
func TestAttackLab(t *testing.T) {
	requireRoot(t)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cfg := testLab(t, 8)
	cfg.NoWorkload = true
	if _, err := Up(ctx, cfg); err != nil {
		t.Fatalf("up: %v", err)
	}
	l := planLab(t, cfg)
	rogue, _ := l.guest("rogue")

	// Capture the bridge while the attacks run.
	var pcap string
	var stopCapture func()
	if _, err := exec.LookPath("tcpdump"); err == nil {
		pcap = filepath.Join(t.TempDir(), "attacks.pcap")
		stopCapture = capture(t, BridgeName(cfg.Name), pcap)
	} else if os.Getenv("CI") != "" {
		t.Fatal("tcpdump is not installed: .ci/run installs it")
	} else {
		t.Log("tcpdump not installed: traffic is not checked on the bridge")
	}

	have := func(tool string) bool { _, err := exec.LookPath(tool); return err == nil }
	type run struct {
		o    AttackOptions
		want string // on stderr
		skip bool
	}
	goRuns := []run{
		{o: AttackOptions{Kind: "portscan"}, want: "portscan: built-in Go generator (--tool go): SYN probes"},
		{o: AttackOptions{Kind: "portscan", ScanType: "connect"}, want: "connect() scan of " + l.c.guest(3).IPv4.String()},
		{o: AttackOptions{Kind: "portscan", ScanType: "udp", To: "cache-1"}, want: "UDP datagrams to"},
		{o: AttackOptions{Kind: "sweep", To: netip.PrefixFrom(l.c.Subnet.Addr(), 27).String()}, want: "connect() to port 22 of 30 addresses"},
		{o: AttackOptions{Kind: "worm"}, want: "hop 2: db-1 probes 253 addresses"},
		{o: AttackOptions{Kind: "synflood", Duration: time.Second, Rate: 5000}, want: "SYNs from a raw socket to"},
		{o: AttackOptions{Kind: "synflood", Duration: time.Second, Rate: 5000, Spoofed: true}, want: "with random sources in " + l.c.Subnet.String()},
		{o: AttackOptions{Kind: "udpflood", Duration: time.Second, Rate: 5000}, want: "UDP datagrams to"},
		{o: AttackOptions{Kind: "spoof", Rate: 400}, want: "3 ARP replies claiming"},
		{o: AttackOptions{Kind: "beacon", Duration: 2 * time.Second, Interval: time.Second}, want: "3 connections to"},
	}
	for i := range goRuns {
		goRuns[i].o.Tool = "go"
	}
	toolRuns := []run{
		{o: AttackOptions{Kind: "portscan"}, want: "portscan: nmap -n -sS -p 1-1000", skip: !have("nmap")},
		{o: AttackOptions{Kind: "sweep"}, want: "sweep: nmap -n -sn", skip: !have("nmap")},
		{o: AttackOptions{Kind: "synflood", Duration: time.Second, Rate: 20000}, want: "synflood: hping3 -n -S -p 80 -i u50", skip: !have("hping3")},
		{o: AttackOptions{Kind: "udpflood", Duration: time.Second, Rate: 20000}, want: "udpflood: hping3 -n --udp -p 5000 -i u50", skip: !have("hping3")},
		{o: AttackOptions{Kind: "udpflood", Duration: time.Second, LookPath: lookOnly("iperf3")}, want: "udpflood: iperf3 -u -b 1G -t 1", skip: !have("iperf3")},
		{o: AttackOptions{Kind: "spoof", Rate: 400}, want: "spoof: hping3 -n -S -p 80 -a", skip: !have("hping3")},
	}
	for _, r := range append(goRuns, toolRuns...) {
		if r.skip {
			t.Logf("%s: tool not installed, skipped", r.o.Kind)
			continue
		}
		var out, errb bytes.Buffer
		t0 := time.Now()
		err := Attack(ctx, Config{Name: cfg.Name, StateDir: cfg.StateDir}, r.o, &out, &errb)
		t.Logf("%s (tool %s) in %s", r.o.Kind, cmpStr(r.o.Tool, "auto"), time.Since(t0).Round(10*time.Millisecond))
		if err != nil || !strings.Contains(errb.String(), r.want) || !strings.Contains(errb.String(), r.o.Kind+": done in") {
			t.Errorf("%+v: %v\nstderr:\n%s\nwant %q", r.o, err, errb.String(), r.want)
		}
	}

	// Nothing is left behind: no generator or tool in the namespaces but
	// the guests' own processes, no static neighbour entries.
	for _, g := range l.guests {
		pids, err := namespacePIDs(ctx, g.Namespace)
		if err != nil {
			t.Fatal(err)
		}
		for _, pid := range pids {
			if !alive(pid) {
				continue
			}
			if cl := strings.Join(cmdline(pid), " "); !strings.Contains(cl, " lab guest ") {
				t.Errorf("left running in %s: %d %s", g.Namespace, pid, cl)
			}
		}
		if out, _ := exec.Command("ip", "-netns", g.Namespace, "neigh", "show", "nud", "permanent").Output(); len(bytes.TrimSpace(out)) > 0 {
			t.Errorf("static neighbours left in %s:\n%s", g.Namespace, out)
		}
	}
	// The attacker has no way out of the lab.
	if out, err := exec.Command("ip", "-netns", rogue.Namespace, "route", "get", "8.8.8.8").CombinedOutput(); err == nil {
		t.Errorf("rogue has a route out of the lab: %s", out)
	}

	if stopCapture != nil {
		stopCapture()
		total := countPackets(t, pcap, "ip", false)
		// Every IPv4 packet between lab addresses (or to link-local
		// multicast, as the bridge's own IGMP reports from 0.0.0.0); every
		// IPv6 one between lab, link-local or multicast addresses
		// (neighbour discovery).
		s4, s6 := l.c.Subnet.String(), l.c.Subnet6.String()
		out4 := countPackets(t, pcap, fmt.Sprintf("ip and not (src net %s and dst net %s) and not dst net 224.0.0.0/24", s4, s4), true)
		out6 := countPackets(t, pcap, fmt.Sprintf("ip6 and not ((src net %s or src net fe80::/10 or src host ::) and (dst net %s or dst net fe80::/10 or dst net ff00::/8))", s6, s6), true)
		t.Logf("bridge: %d IPv4 packets, %d outside the lab's subnet, %d IPv6 packets outside", total, out4, out6)
		if total < 1000 || out4 != 0 || out6 != 0 {
			t.Errorf("bridge: %d IPv4 packets, %d of them not within %s, %d IPv6 not within %s", total, out4, s4, out6, s6)
		}
	}
	t.Logf("total %s", time.Since(start).Round(100*time.Millisecond))
}

// capture runs tcpdump on an interface into a file until the returned
// function is called.
func capture(t *testing.T, iface, file string) func() {
	t.Helper()
	cmd := exec.Command("tcpdump", "-i", iface, "-n", "-s", "96", "-B", "16384", "-w", file)
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// tcpdump says "listening on" once it captures.
	ready := make(chan struct{})
	go func() {
		buf := make([]byte, 512)
		var seen []byte
		for {
			n, err := errPipe.Read(buf)
			seen = append(seen, buf[:n]...)
			if bytes.Contains(seen, []byte("listening on")) {
				close(ready)
				for err == nil {
					_, err = errPipe.Read(buf)
				}
				return
			}
			if err != nil {
				close(ready)
				return
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
		t.Log("tcpdump: no \"listening on\" after 5s")
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}
	t.Cleanup(stop)
	return stop
}

// countPackets counts the packets of a capture file that match a filter,
// and logs the first few when it is asked to.
func countPackets(t *testing.T, file, filter string, show bool) int {
	t.Helper()
	out, err := exec.Command("tcpdump", "-r", file, "-n", "-e", "-v", filter).Output()
	if err != nil {
		t.Fatalf("tcpdump -r %s %q: %v", file, filter, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if show && len(lines) > 0 && lines[0] != "" {
		t.Logf("%s:\n%s", filter, strings.Join(lines[:min(20, len(lines))], "\n"))
	}
	return bytes.Count(out, []byte("\n"))
}

func cmpStr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
