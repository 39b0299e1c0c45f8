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
	"sort"
	"strings"
	"syscall"
	"text/tabwriter"

	"golang.org/x/term"

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

up builds the lab, or completes one that is already up (it adds what is
missing and never duplicates); down removes everything the lab created and
nothing else; status reads the lab from the system.

Exit status: 0 when done, 2 for bad arguments, 1 for other failures
(status: 1 when nothing of the lab exists).
`

func runLab(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, labHelp)
		return exitUsage
	}
	switch args[0] {
	case "up":
		return runLabUp(args[1:], stdout, stderr)
	case "down":
		return runLabDown(args[1:], stdout, stderr)
	case "status":
		return runLabStatus(args[1:], stdout, stderr)
	case "guest":
		// Hidden: what lab up runs inside each guest's namespace.
		return lab.RunGuest(args[1:], stderr)
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stderr, labHelp)
		return exitOK
	}
	fmt.Fprintf(stderr, "crosstalk lab: unknown subcommand %q\n\n", args[0])
	fmt.Fprint(stderr, labHelp)
	return exitUsage
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

// parseLabArgs parses a lab subcommand's flags; it returns false, and the
// exit status, when the command should stop.
func parseLabArgs(fl *flag.FlagSet, args []string, stderr io.Writer) (int, bool) {
	pos, err := parseArgs(fl, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK, false
	}
	if err != nil {
		return exitUsage, false
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fl.Name(), pos[0])
		return exitUsage, false
	}
	return 0, true
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
	if code, ok := parseLabArgs(fl, args, stderr); !ok {
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
	if code, ok := parseLabArgs(fl, args, stderr); !ok {
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
		{"remove bridge ", "bridge"}, {"remove state directory ", "state directory"},
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
	if code, ok := parseLabArgs(fl, args, stderr); !ok {
		return code
	}
	if *format == "" {
		*format = "json"
		if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			*format = "table"
		}
	}
	if *format != "table" && *format != "json" {
		fmt.Fprintf(stderr, "%s: --format: want table or json, got %q\n", cmd, *format)
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
		labels := make([]string, 0, len(g.Labels))
		for k, v := range g.Labels {
			labels = append(labels, k+"="+v)
		}
		sort.Strings(labels)
		up := "yes"
		if !g.Up {
			up = "no: missing " + strings.Join(g.Missing, ", ")
		}
		ifindex, mac, ips := "-", g.MAC, strings.Join(g.IPs, ",")
		if g.IfIndex != 0 {
			ifindex = fmt.Sprint(g.IfIndex)
		}
		if mac == "" {
			mac = "-"
		}
		if ips == "" {
			ips = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", g.Name, g.Namespace, g.Port, ifindex, mac, ips, strings.Join(labels, ","), up)
	}
	return tw.Flush()
}
