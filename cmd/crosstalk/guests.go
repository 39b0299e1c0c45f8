package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/crosstalk-dev/crosstalk/agent"
	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/inventory"
)

const guestsHelp = `Show the guests of this host from every configured provider (a guests file,
the bridges' network namespaces, libvirt): names, state, labels, ports with
their MACs and addresses, and what the providers disagree on.

A running agent is asked first (its socket, --socket); without one, the
providers the configuration names are read directly (--local forces that).

usage: crosstalk guests [--config FILE] [--bridge NAME]... [--guests FILE] [--libvirt URI]
                        [--select SELECTOR] [--format table|json|jsonl] [--local]
                        [--socket PATH | --addr HOST:PORT [--token-file F] [--insecure]]

SELECTOR picks guests: tier=web,env!=prod,app in (shop,blog),name=web-*,source=libvirt

flags:
`

// applyInventoryFlags adds the agent's and the guests command's shared
// inventory flags to a configuration.
func applyInventoryFlags(cfg *agent.Config, libvirtURI, socket string) error {
	if libvirtURI != "" {
		cfg.Inventory.Libvirt.URI = libvirtURI
		if err := cfg.Inventory.Libvirt.Validate(); err != nil {
			return fmt.Errorf("--libvirt: %w", err)
		}
		ps := agent.ProvidersFor(*cfg)
		if !slices.Contains(ps, "libvirt") {
			ps = append(ps, "libvirt")
		}
		cfg.Inventory.Providers = ps
	}
	switch socket {
	case "":
	case "none":
		cfg.Socket = ""
	default:
		cfg.Socket = socket
	}
	return nil
}

func runGuests(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("guests", stderr)
	configPath := fl.String("config", "", "agent configuration file (YAML): its providers")
	var bridges stringList
	fl.Var(&bridges, "bridge", "bridge whose namespaces to read (repeatable)")
	guestsFile := fl.String("guests", "", "guests file (YAML)")
	libvirtURI := fl.String("libvirt", "", "read this libvirt daemon's guests, e.g. qemu:///system")
	local := fl.Bool("local", false, "read the providers directly, even when an agent runs")
	sel := fl.String("select", "", "only the guests this selector picks")
	format := fl.String("format", "", "table, json (the whole view) or jsonl (a guest per line) (default: table on a terminal, json otherwise)")
	cf := addClientFlags(fl)
	fl.Usage = func() { fmt.Fprint(stderr, guestsHelp); fl.PrintDefaults() }
	if code, ok := parseFlags(fl, args, stderr); !ok {
		return code
	}
	cfg := agent.DefaultConfig()
	var err error
	if *configPath != "" {
		if cfg, err = agent.LoadConfig(*configPath); err != nil {
			fmt.Fprintf(stderr, "crosstalk guests: %v\n", err)
			return exitUsage
		}
	}
	cfg.Bridges = append(cfg.Bridges, bridges...)
	if *guestsFile != "" {
		cfg.GuestsFile = *guestsFile
	}
	if err := applyInventoryFlags(&cfg, *libvirtURI, *cf.socket); err != nil {
		fmt.Fprintf(stderr, "crosstalk guests: %v\n", err)
		return exitUsage
	}
	selector, err := inventory.ParseSelector(*sel)
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk guests: --select: %v\n", err)
		return exitUsage
	}
	if *format == "" {
		*format = "json"
		if isTerminal(stdout) {
			*format = "table"
		}
	}
	if *format != "table" && *format != "json" && *format != "jsonl" {
		fmt.Fprintf(stderr, "crosstalk guests: --format: want table, json or jsonl, got %q\n", *format)
		return exitUsage
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var view api.GuestsView
	asked := false
	if *cf.addr != "" && !*local {
		c, err := cf.client()
		if err != nil {
			fmt.Fprintf(stderr, "crosstalk guests: %v\n", err)
			return exitUsage
		}
		if err := c.Get(ctx, "/api/v1/guests", &view); err != nil {
			fmt.Fprintf(stderr, "crosstalk guests: %v\n", err)
			return exitFail
		}
		asked = true
	} else if !*local && cfg.Socket != "" {
		if _, err := os.Stat(cfg.Socket); err == nil {
			if err = api.SocketClient(cfg.Socket).Get(ctx, "/api/v1/guests", &view); err == nil {
				asked = true
			} else {
				fmt.Fprintf(stderr, "crosstalk guests: the agent at %s did not answer (%v); reading the providers directly\n", cfg.Socket, err)
			}
		}
	}
	if !asked {
		if view, err = agent.ReadGuests(ctx, cfg); err != nil {
			fmt.Fprintf(stderr, "crosstalk guests: %v\n", err)
			return exitUsage
		}
	}
	var kept []inventory.Guest
	for i := range view.Guests {
		if selector.Matches(&view.Guests[i]) {
			kept = append(kept, view.Guests[i])
		}
	}
	view.Guests = kept
	if view.Guests == nil {
		view.Guests = []inventory.Guest{}
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(view); err != nil {
			return exitFail
		}
	case "jsonl":
		writeLines(stdout, view.Guests) // one guest per line
	default:
		writeGuestsTable(stdout, view)
	}
	for _, e := range view.Errors {
		fmt.Fprintf(stderr, "crosstalk guests: warning: %s\n", e)
	}
	return exitOK
}

// writeGuestsTable writes one row per guest port (the first row of a
// guest names it), then the conflicts.
func writeGuestsTable(w io.Writer, v api.GuestsView) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "GUEST\tSTATE\tSOURCE\tLABELS\tPORT\tMAC\tADDRESSES")
	for _, g := range v.Guests {
		first := fmt.Sprintf("%s\t%s\t%s\t%s", g.Name, dash(g.State), strings.Join(g.Sources, "+"), dash(joinLabels(g.Labels)))
		if len(g.Ports) == 0 {
			fmt.Fprintf(tw, "%s\t-\t-\t-\n", first)
		}
		for i, p := range g.Ports {
			lead := first
			if i > 0 {
				lead = "\t\t\t"
			}
			port := dash(p.Iface)
			if p.IfIndex != 0 {
				port += fmt.Sprintf(" (#%d)", p.IfIndex)
			}
			addrs := append([]string(nil), p.IPs...)
			for _, l := range p.Learned {
				addrs = append(addrs, l) // "10.0.0.5 (arp)": announced, not declared
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", lead, port, dash(p.MAC), dash(strings.Join(addrs, ",")))
		}
	}
	tw.Flush()
	if len(v.Conflicts) > 0 {
		fmt.Fprintln(w, "\nConflicts (the disputed fact names nobody):")
		for _, c := range v.Conflicts {
			fmt.Fprintf(w, "  %s\n", c.String())
		}
	}
	for _, g := range v.Guests {
		for _, p := range g.Problems {
			fmt.Fprintf(w, "  %s: %s\n", g.Name, p)
		}
	}
	if !v.Live {
		fmt.Fprintf(w, "(read from the providers: %s; no agent answered)\n", strings.Join(v.Providers, ", "))
	}
}

// joinLabels writes labels as k=v,k=v, sorted by key.
func joinLabels(m map[string]string) string {
	labels := make([]string, 0, len(m))
	for k, v := range m {
		labels = append(labels, k+"="+v)
	}
	sort.Strings(labels)
	return strings.Join(labels, ",")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
