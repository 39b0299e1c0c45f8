package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/crosstalk-dev/crosstalk/lab"
)

const labHelp = `Build, inspect and remove the namespace testbed: guests as network
namespaces on a Linux bridge, with services and benign background traffic,
in private address ranges only (10.77.0.0/24 and fd77::/64 for the lab "ct").
Needs root. See docs/lab.md.

usage:
  crosstalk lab up     [--name NAME] [--guests N] [--subnet CIDR] [--subnet6 CIDR] [--no-workload] [--state-dir DIR]
  crosstalk lab down   [--name NAME] [--state-dir DIR]
  crosstalk lab status [--name NAME] [--format table|json] [--state-dir DIR]
  crosstalk lab attack KIND [--from GUEST] [--to GUEST|ADDR|CIDR] [--tool auto|go] [--name NAME] [--state-dir DIR] [KIND's flags]
  crosstalk lab probe  --guest GUEST [--duration D] [--pin CPUS] [--format table|json]

up builds the lab, or completes one that is already up (it adds what is
missing and never duplicates); down removes everything the lab created and
nothing else; status reads the lab from the system; attack sends hostile
traffic between the lab's guests (portscan, sweep, worm, synflood,
udpflood, spoof, beacon), burns a guest's CPU (cpu-hog), saturates the
disk (io-hog) or floods a neighbour over the switch (net-hog; crosstalk
lab attack --help); probe measures a guest's request latency (the victim's view
of a noisy neighbour). Each guest runs in cgroups of its own.

Exit status: 0 when done, 2 for bad arguments, 1 for other failures
(status: 1 when nothing of the lab exists).
`

func runLab(args []string, stdout, stderr io.Writer) int {
	return runSubcommand("lab", labHelp, map[string]func([]string, io.Writer, io.Writer) int{
		"up":     runLabUp,
		"down":   runLabDown,
		"status": runLabStatus,
		"attack": runLabAttack,
		"probe":  runLabProbe,
		// Hidden: what lab up runs inside each guest's namespace.
		"guest": func(args []string, _, stderr io.Writer) int { return lab.RunGuest(args, stderr) },
		// Hidden: the Go traffic generator lab attack runs inside a
		// guest's namespace.
		"attack-run": lab.RunAttackGen,
	}, args, stdout, stderr)
}

// labFlags are the flags every lab subcommand takes.
type labFlags struct {
	name, stateDir *string
}

func newLabFlags(fl *flag.FlagSet) labFlags {
	return labFlags{
		name:     fl.String("name", lab.DefaultName, "lab name: 1 to 8 lower-case letters or digits"),
		stateDir: fl.String("state-dir", "", "the lab's state directory (default "+lab.StateRoot+"/NAME)"),
	}
}

func labUsage(fl *flag.FlagSet, stderr io.Writer, line string) func() {
	return func() {
		fmt.Fprintf(stderr, "usage: %s\n\nflags:\n", line)
		fl.PrintDefaults()
	}
}

// labContext is cancelled by Ctrl-C or SIGTERM.
func labContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func requireRoot(cmd string, stderr io.Writer) bool {
	if os.Geteuid() != 0 {
		fmt.Fprintf(stderr, "%s: needs root (namespaces and links need CAP_SYS_ADMIN and CAP_NET_ADMIN)\n", cmd)
		return false
	}
	return true
}

func runLabUp(args []string, stdout, stderr io.Writer) int {
	const cmd = "crosstalk lab up"
	fl := newFlagSet("lab up", stderr)
	lf := newLabFlags(fl)
	guests := fl.Int("guests", 0, fmt.Sprintf("number of guests, 1 to %d (default %d, or what the running lab has)", lab.MaxGuests, lab.DefaultGuests))
	subnet := fl.String("subnet", "", "private IPv4 subnet, /24 or larger (default 10.77.0.0/24 for the lab ct, else 10.77.N.0/24 from the name)")
	subnet6 := fl.String("subnet6", "", "unique local IPv6 /64 (default fd77::/64 for the lab ct, else fd77:0:0:N::/64)")
	noWork := fl.Bool("no-workload", false, "start the guests' services but no background traffic")
	fl.Usage = labUsage(fl, stderr, "crosstalk lab up [--name NAME] [--guests N] [--subnet CIDR] [--subnet6 CIDR] [--no-workload] [--state-dir DIR]")
	if code, ok := parseFlags(fl, args, stderr); !ok {
		return code
	}
	cfg := lab.Config{Name: *lf.name, Guests: *guests, StateDir: *lf.stateDir, NoWorkload: *noWork}
	explicitZero := false // --guests 0 is an error, not the default
	fl.Visit(func(f *flag.Flag) { explicitZero = explicitZero || (f.Name == "guests" && *guests == 0) })
	if explicitZero {
		fmt.Fprintf(stderr, "%s: --guests: want 1 to %d, got 0\n", cmd, lab.MaxGuests)
		return exitUsage
	}
	var err error
	if *subnet != "" {
		if cfg.Subnet, err = netip.ParsePrefix(*subnet); err != nil {
			fmt.Fprintf(stderr, "%s: --subnet: %v\n", cmd, err)
			return exitUsage
		}
	}
	if *subnet6 != "" {
		if cfg.Subnet6, err = netip.ParsePrefix(*subnet6); err != nil {
			fmt.Fprintf(stderr, "%s: --subnet6: %v\n", cmd, err)
			return exitUsage
		}
	}
	if _, err := lab.Plan(cfg); err != nil {
		fmt.Fprintf(stderr, "%s: --%v\n", cmd, err)
		return exitUsage
	}
	if !requireRoot(cmd, stderr) {
		return exitFail
	}
	ctx, cancel := labContext()
	defer cancel()
	res, err := lab.Up(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		if errors.Is(err, lab.ErrConflict) {
			return exitUsage
		}
		fmt.Fprintf(stderr, "%s: crosstalk lab down --name %s removes what is there\n", cmd, cfg.Name)
		return exitFail
	}
	switch {
	case res.Created:
		fmt.Fprintf(stdout, "lab %s: built (state in %s)\n", cfg.Name, res.StateDir)
	case len(res.Actions) == 0:
		fmt.Fprintf(stdout, "lab %s: already up (state in %s)\n", cfg.Name, res.StateDir)
	default:
		fmt.Fprintf(stdout, "lab %s: was up; repaired:\n", cfg.Name)
		for _, a := range res.Actions {
			fmt.Fprintf(stdout, "  %s\n", a)
		}
	}
	st, err := lab.Status(ctx, lab.Config{Name: cfg.Name, StateDir: res.StateDir})
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return exitFail
	}
	if err := writeLabTable(stdout, st); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return exitFail
	}
	return exitOK
}

func runLabDown(args []string, stdout, stderr io.Writer) int {
	const cmd = "crosstalk lab down"
	fl := newFlagSet("lab down", stderr)
	lf := newLabFlags(fl)
	fl.Usage = labUsage(fl, stderr, "crosstalk lab down [--name NAME] [--state-dir DIR]")
	if code, ok := parseFlags(fl, args, stderr); !ok {
		return code
	}
	cfg := lab.Config{Name: *lf.name, StateDir: *lf.stateDir}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintf(stderr, "%s: --%v\n", cmd, err)
		return exitUsage
	}
	if !requireRoot(cmd, stderr) {
		return exitFail
	}
	ctx, cancel := labContext()
	defer cancel()
	res, err := lab.Down(ctx, cfg)
	if res != nil {
		for _, l := range res.Left {
			fmt.Fprintf(stderr, "%s: warning: left %s (not started by the lab)\n", cmd, l)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return exitFail
	}
	if len(res.Removed) == 0 {
		fmt.Fprintf(stdout, "lab %s: nothing to remove\n", cfg.Name)
		return exitOK
	}
	var parts []string
	for _, c := range []struct{ prefix, what string }{
		{"stop ", "processes"}, {"remove port ", "ports"}, {"remove namespace ", "namespaces"},
		{"remove bridge ", "bridge"}, {"remove cgroups ", "cgroup trees"}, {"remove state directory ", "state directory"},
	} {
		if n := countPrefix(res.Removed, c.prefix); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, c.what))
		}
	}
	fmt.Fprintf(stdout, "lab %s: removed %s\n", cfg.Name, strings.Join(parts, ", "))
	return exitOK
}

func countPrefix(list []string, prefix string) int {
	n := 0
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			n++
		}
	}
	return n
}

func runLabStatus(args []string, stdout, stderr io.Writer) int {
	const cmd = "crosstalk lab status"
	fl := newFlagSet("lab status", stderr)
	lf := newLabFlags(fl)
	format := fl.String("format", "", "output: table or json (default: table on a terminal, json otherwise)")
	fl.Usage = labUsage(fl, stderr, "crosstalk lab status [--name NAME] [--format table|json] [--state-dir DIR]")
	if code, ok := parseFlags(fl, args, stderr); !ok {
		return code
	}
	if !tableOrJSON(cmd, format, stdout, stderr) {
		return exitUsage
	}
	cfg := lab.Config{Name: *lf.name, StateDir: *lf.stateDir}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintf(stderr, "%s: --%v\n", cmd, err)
		return exitUsage
	}
	if !requireRoot(cmd, stderr) {
		return exitFail
	}
	ctx, cancel := labContext()
	defer cancel()
	st, err := lab.Status(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return exitFail
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(st)
	} else {
		err = writeLabTable(stdout, st)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return exitFail
	}
	return exitOK
}

// writeLabTable prints a lab's status for people.
func writeLabTable(w io.Writer, st *lab.StatusReport) error {
	bridge := st.Bridge
	if len(st.Missing) > 0 {
		bridge += " (missing)"
	}
	fmt.Fprintf(w, "lab %s, bridge %s, state in %s\n", st.Lab, bridge, st.StateDir)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "GUEST\tNAMESPACE\tPORT\tIFINDEX\tMAC\tIPS\tLABELS\tUP")
	for _, g := range st.Guests {
		up := "yes"
		if !g.Up {
			up = "no: missing " + strings.Join(g.Missing, ", ")
		}
		ifindex, mac, ips := "-", g.MAC, strings.Join(g.IPs, ",")
		if g.IfIndex != 0 {
			ifindex = fmt.Sprint(g.IfIndex)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", g.Name, g.Namespace, g.Port, ifindex, dash(mac), dash(ips), joinLabels(g.Labels), up)
	}
	return tw.Flush()
}

const labAttackHelp = `Send hostile traffic between the guests of a running lab, only to the
lab's own addresses, bounded in packets and time. The real tools run when
they are installed (nmap, hping3, iperf3, arping, inside the attacking
guest's namespace), the built-in Go generator otherwise or with --tool go;
stderr says which ran. Needs root. See docs/lab.md.

usage:
  crosstalk lab attack KIND [--from GUEST] [--to GUEST|ADDR|CIDR] [--tool auto|go] [--name NAME] [--state-dir DIR] [flags]

kinds (default --to):
  portscan  [--type syn|connect|fin|null|xmas|ack|udp]  ports 1-1000 (udp: 1-200) of db-1
  sweep                                               every address of the lab's subnet
  worm      [--hops 1-3] [--port N]                   logs into web-1:22, which probes the subnet, then db-1 does
  synflood  [--duration D] [--rate PPS] [--spoofed] [--port N]   SYNs to web-1:80
  udpflood  [--duration D] [--rate PPS] [--port N]    datagrams to web-1:5000
  spoof     [--as GUEST] [--rate PPS] [--port N]      200 SYNs to web-1:80 with app-1's address, and an ARP claim
  beacon    [--duration D] [--interval D] [--port N]  a connection to web-1:80 every 5s ±5% for 6m
  cpu-hog   [--duration D] [--workers N] [--pin CPUS] busy threads in the guest's own cgroups for 30s (stress-ng, else Go)
  io-hog    [--duration D] [--workers N] [--pin CPUS] writers saturating the shared disk from the guest's cgroups for 30s (stress-ng, else Go)
  net-hog   [--duration D] [--port N] [--pin CPUS]   as much TCP to web-1 as iperf3 moves for 30s, both ends in their guests' cgroups

--from defaults to rogue. Floods last 3s (at most 1m).

Exit status: 0 when done, 2 for bad arguments (also a guest or address
the lab does not have), 1 for other failures.

flags:
`

// attackFlags lists the flags that only some kinds take.
var attackFlags = map[string][]string{
	"type":     {lab.AttackPortscan},
	"duration": {lab.AttackSYNFlood, lab.AttackUDPFlood, lab.AttackBeacon, lab.AttackCPUHog, lab.AttackIOHog, lab.AttackNetHog},
	"workers":  {lab.AttackCPUHog, lab.AttackIOHog},
	"pin":      {lab.AttackCPUHog, lab.AttackIOHog, lab.AttackNetHog},
	"rate":     {lab.AttackSYNFlood, lab.AttackUDPFlood, lab.AttackSpoof},
	"interval": {lab.AttackBeacon},
	"port":     {lab.AttackWorm, lab.AttackSYNFlood, lab.AttackUDPFlood, lab.AttackSpoof, lab.AttackBeacon, lab.AttackNetHog},
	"as":       {lab.AttackSpoof},
	"spoofed":  {lab.AttackSYNFlood},
	"hops":     {lab.AttackWorm},
}

// parseLabAttack reads the arguments of lab attack; it returns false, and
// the exit status, when the command should stop.
func parseLabAttack(args []string, stderr io.Writer) (lab.Config, lab.AttackOptions, int, bool) {
	const cmd = "crosstalk lab attack"
	fl := newFlagSet("lab attack", stderr)
	lf := newLabFlags(fl)
	var o lab.AttackOptions
	fl.StringVar(&o.From, "from", "rogue", "the attacking guest")
	fl.StringVar(&o.To, "to", "", "the victim: a guest, one of the lab's addresses, or a prefix inside its subnet (default: see above)")
	fl.StringVar(&o.Tool, "tool", "auto", "auto: the real tool when installed, else the Go generator; go: always the Go generator")
	fl.StringVar(&o.ScanType, "type", "syn", "portscan: syn, connect, fin, null, xmas, ack or udp")
	fl.DurationVar(&o.Duration, "duration", 0, "synflood, udpflood: how long (default 3s, at most 1m); beacon: (default 6m, at most 1h)")
	fl.IntVar(&o.Rate, "rate", 0, fmt.Sprintf("packets per second, at most %d (default: hping3 --flood; the Go generator 20000 SYNs, 50000 datagrams, 100 spoofed SYNs)", lab.MaxRate))
	fl.DurationVar(&o.Interval, "interval", 0, "beacon: the period (default 5s, ±5% jitter)")
	fl.IntVar(&o.Port, "port", 0, "the victim's port (default 80; udpflood 5000; worm 22)")
	fl.StringVar(&o.As, "as", "app-1", "spoof: the guest whose address is forged")
	fl.BoolVar(&o.Spoofed, "spoofed", false, "synflood: random forged sources inside the lab's subnet (the Go generator)")
	fl.IntVar(&o.Hops, "hops", 2, "worm: hosts it spreads from, 1 to 3")
	fl.IntVar(&o.Workers, "workers", 1, fmt.Sprintf("cpu-hog: busy threads, at most %d", lab.MaxWorkers))
	fl.StringVar(&o.Pin, "pin", "", "cpu-hog: the CPUs it runs on (taskset -c), e.g. 0")
	fl.Usage = func() {
		fmt.Fprint(stderr, labAttackHelp)
		fl.PrintDefaults()
	}
	pos, err := parseArgs(fl, args)
	if errors.Is(err, flag.ErrHelp) {
		return lab.Config{}, o, exitOK, false
	}
	if err != nil {
		return lab.Config{}, o, exitUsage, false
	}
	if len(pos) == 0 {
		fmt.Fprintf(stderr, "%s: want a KIND: %s\n", cmd, strings.Join(lab.AttackKinds, ", "))
		return lab.Config{}, o, exitUsage, false
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", cmd, pos[1])
		return lab.Config{}, o, exitUsage, false
	}
	o.Kind = pos[0]
	if !slices.Contains(lab.AttackKinds, o.Kind) {
		fmt.Fprintf(stderr, "%s: unknown kind %q: want %s\n", cmd, o.Kind, strings.Join(lab.AttackKinds, ", "))
		return lab.Config{}, o, exitUsage, false
	}
	if err := o.Validate(); err != nil {
		fmt.Fprintf(stderr, "%s: --%v\n", cmd, err)
		return lab.Config{}, o, exitUsage, false
	}
	var bad string
	fl.Visit(func(f *flag.Flag) {
		if kinds, ok := attackFlags[f.Name]; ok && !slices.Contains(kinds, o.Kind) && bad == "" {
			bad = fmt.Sprintf("--%s applies to %s only", f.Name, strings.Join(kinds, ", "))
		}
	})
	if bad != "" {
		fmt.Fprintf(stderr, "%s %s: %s\n", cmd, o.Kind, bad)
		return lab.Config{}, o, exitUsage, false
	}
	cfg := lab.Config{Name: *lf.name, StateDir: *lf.stateDir}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintf(stderr, "%s: --%v\n", cmd, err)
		return lab.Config{}, o, exitUsage, false
	}
	return cfg, o, 0, true
}

func runLabAttack(args []string, stdout, stderr io.Writer) int {
	const cmd = "crosstalk lab attack"
	cfg, o, code, ok := parseLabAttack(args, stderr)
	if !ok {
		return code
	}
	if !requireRoot(cmd, stderr) {
		return exitFail
	}
	ctx, cancel := labContext()
	defer cancel()
	if err := lab.Attack(ctx, cfg, o, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		if errors.Is(err, lab.ErrAttackArgs) {
			return exitUsage
		}
		return exitFail
	}
	return exitOK
}

const labProbeHelp = `Measure, inside a guest's namespace and cgroups, how long a request (about
1 ms of work, served back to back: a busy service) takes: the latency a
guest's work sees when a neighbour takes its CPU; with --io, how long a
4 KiB commit flushed to disk (fdatasync, every 10 ms) takes: what a
neighbour saturating the disk costs. Prints p50 and p99 (JSON with
--format json). Needs root.

usage: crosstalk lab probe --guest GUEST [--io] [--duration D] [--pin CPUS] [--name NAME] [--state-dir DIR] [--format table|json]

flags:
`

func runLabProbe(args []string, stdout, stderr io.Writer) int {
	const cmd = "crosstalk lab probe"
	fl := newFlagSet("lab probe", stderr)
	lf := newLabFlags(fl)
	var o lab.ProbeOptions
	fl.StringVar(&o.Guest, "guest", "", "the guest whose latency to measure (required)")
	fl.DurationVar(&o.Duration, "duration", 10*time.Second, fmt.Sprintf("how long, at most %s", lab.MaxHogDuration))
	fl.StringVar(&o.Pin, "pin", "", "the CPUs it runs on (taskset -c), e.g. 0")
	fl.BoolVar(&o.IO, "io", false, "measure 4 KiB commits flushed to disk every 10 ms instead (the victim of a disk hog)")
	format := fl.String("format", "table", "table or json")
	fl.Usage = func() { fmt.Fprint(stderr, labProbeHelp); fl.PrintDefaults() }
	if code, ok := parseFlags(fl, args, stderr); !ok {
		return code
	}
	if o.Guest == "" || (*format != "table" && *format != "json") {
		fmt.Fprintf(stderr, "%s: want --guest GUEST, and --format table or json\n", cmd)
		return exitUsage
	}
	if !requireRoot(cmd, stderr) {
		return exitFail
	}
	ctx, cancel := labContext()
	defer cancel()
	res, err := lab.Probe(ctx, lab.Config{Name: *lf.name, StateDir: *lf.stateDir}, o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		if errors.Is(err, lab.ErrAttackArgs) {
			return exitUsage
		}
		return exitFail
	}
	if *format == "json" {
		json.NewEncoder(stdout).Encode(res)
		return exitOK
	}
	fmt.Fprintf(stdout, "%s: %d requests, p50 %s, p99 %s, at most %s\n", o.Guest, res.Samples,
		time.Duration(res.P50us)*time.Microsecond, time.Duration(res.P99us)*time.Microsecond, time.Duration(res.Maxus)*time.Microsecond)
	return exitOK
}
