// Command crosstalk makes the traffic between guests on one virtualization
// host visible and controllable. This file dispatches subcommands; each
// lives in its own file and only wires packages together.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/crosstalk-dev/crosstalk/alert/sinks"

	"golang.org/x/term"
)

// Exit statuses (DESIGN.md section 7).
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

type command struct {
	name  string
	usage string
	run   func(args []string, stdout, stderr io.Writer) int
}

var commands = []command{
	{"replay", "replay FILE... [--format table|jsonl] [--guests FILE] [--flows FILE] [--config FILE]", runReplay},
	{"agent", "agent [--config FILE] [--bridge NAME]... [--guests FILE] [--libvirt URI] [--alerts-file FILE] [--check]", runAgent},
	{"alerts", "alerts [--kind KIND] [--guest NAME] [--since D] [--follow] [--format table|json|jsonl] [--addr HOST:PORT]", runAlerts},
	{"flows", "flows [--guest NAME] [--peer NAME] [--port N] [--since D] [--records] [--follow] [--format table|json|jsonl] [--addr HOST:PORT]", runFlows},
	{"guests", "guests [--config FILE] [--bridge NAME]... [--guests FILE] [--libvirt URI] [--select SELECTOR] [--format table|json]", runGuests},
	{"lab", "lab up|down|status|attack KIND|probe [--name NAME] [--guests N] [--from GUEST] [--to GUEST|CIDR] [--format table|json]", runLab},
	{"policy", "policy check|diff|apply FILE [--guests FILE] [--since D]", runPolicy},
	{"quarantine", "quarantine GUEST [--ttl D] [--allow-from SELECTOR]...", runQuarantine},
	{"throttle", "throttle GUEST [--cpu CORES] [--io RATE] [--net RATE] [--ttl D]", runThrottle},
	{"release", "release GUEST", runRelease},
	{"resources", "resources [--guest NAME] [--since D] [--format table|json] [--addr HOST:PORT]", runResources},
	{"server", "server [--config FILE] [--state-dir DIR] [--listen ADDR] [--nats URL] [--api ADDR] | server enroll HOST | server nats-config", runServer},
	{"plan", "plan capacity|maintenance|check|compliance|drill --inventory FILE [--failures K] [--format table|json]", runPlan},
	{"version", "version", runVersion},
}

func main() {
	sinks.ProductVersion = version
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "crosstalk: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: crosstalk COMMAND [ARGS]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  crosstalk %s\n", c.usage)
	}
}

// runSubcommand runs the subcommand args[0] of command name, printing
// help for help flags, and help with a usage error for none or an
// unknown one.
func runSubcommand(name, help string, subs map[string]func([]string, io.Writer, io.Writer) int, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, help)
		return exitUsage
	}
	if run, ok := subs[args[0]]; ok {
		return run(args[1:], stdout, stderr)
	}
	switch args[0] {
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stderr, help)
		return exitOK
	}
	fmt.Fprintf(stderr, "crosstalk %s: unknown subcommand %q\n\n", name, args[0])
	fmt.Fprint(stderr, help)
	return exitUsage
}

// parseFlags parses a command's flags, which take no positional
// arguments; it returns false, and the exit status, when the command
// should stop (help asked for, a bad flag, a stray argument).
func parseFlags(fl *flag.FlagSet, args []string, stderr io.Writer) (int, bool) {
	pos, code, ok := parseWithArgs(fl, args)
	if !ok {
		return code, false
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fl.Name(), pos[0])
		return exitUsage, false
	}
	return 0, true
}

// parseWithArgs is parseFlags for commands that take positional
// arguments: it returns them.
func parseWithArgs(fl *flag.FlagSet, args []string) ([]string, int, bool) {
	pos, err := parseArgs(fl, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil, exitOK, false
	}
	if err != nil {
		return nil, exitUsage, false
	}
	return pos, 0, true
}

// parseArgs parses flags wherever they stand among the positional
// arguments (crosstalk replay a.pcap --format jsonl), as users expect.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// newFlagSet returns a flag set that reports errors to stderr in our words.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("crosstalk "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// usageError marks an error caused by the arguments or the input (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) {
		return exitUsage
	}
	return exitFail
}

// tableOrJSON settles a --format that takes table or json: table on a
// terminal, json otherwise; false (after saying so) for anything else.
func tableOrJSON(cmd string, format *string, stdout, stderr io.Writer) bool {
	if *format == "" {
		*format = "json"
		if isTerminal(stdout) {
			*format = "table"
		}
	}
	if *format != "table" && *format != "json" {
		fmt.Fprintf(stderr, "%s: --format: want table or json, got %q\n", cmd, *format)
		return false
	}
	return true
}

// isTerminal reports whether w is a terminal: tables for people there,
// JSON lines for machines elsewhere.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
