package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/crosstalk-dev/crosstalk/agent"
	"github.com/crosstalk-dev/crosstalk/datapath/ebpf"
)

const agentHelp = `Run the per-host daemon: capture on every guest port of the given bridges
(AF_PACKET, each frame attributed to the port it entered on), run the flow
table and every detector, and write alerts as JSON lines to stdout (and to
--alerts-file). An alert line is written when its episode opens and again,
with the same id and its final count, when it closes.

Guests come from the providers the configuration names (inventory.providers):
a guests file, the bridges' network namespaces, libvirt (--libvirt URI).

The agent answers its API (docs/api.md: guests, alerts, flows, a live
stream) on a root-only local socket (--socket) for ` + "`crosstalk guests|alerts|flows`" + `,
and with --api ADDR on the network too, with the web UI at http://ADDR/ and
a bearer token it creates at first start (api.token_file).

With --datapath ebpf the programs, maps and links are pinned (ebpf.pin_path):
enforcement holds while the agent is down, a restarted agent adopts them,
and --cleanup removes them. Throttles a killed agent left on stay until
the next agent lifts them at their time, or --cleanup lifts them at once.

usage: crosstalk agent [--config FILE] [--bridge NAME]... [--guests FILE] [--libvirt URI] [--socket PATH] [--api ADDR]
                       [--datapath afpacket|ebpf|auto] [--store FILE] [--alerts-file FILE] [--flows-file FILE] [--format table|jsonl] [--metrics ADDR]
                       [--host NAME] [--fleet URL --fleet-credentials FILE]
       crosstalk agent --check [--config FILE]
       crosstalk agent --cleanup [--config FILE]

Signals: SIGINT and SIGTERM stop it cleanly; SIGHUP reloads the configuration
and the guests file (flow state starts afresh).

flags:
`

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func runAgent(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("agent", stderr)
	configPath := fl.String("config", "", "configuration file (YAML)")
	check := fl.Bool("check", false, "validate the configuration and exit")
	cleanup := fl.Bool("cleanup", false, "remove what the eBPF datapath pinned (programs, maps, links: enforcement stops), lift the throttles a killed agent left, and exit")
	var bridges stringList
	fl.Var(&bridges, "bridge", "bridge whose guest ports to watch (repeatable)")
	guests := fl.String("guests", "", "guests file (YAML), e.g. the one `crosstalk lab up` writes")
	alertsFile := fl.String("alerts-file", "", "also append alert lines to this file")
	flowsFile := fl.String("flows-file", "", "append a flow record (JSON line) to this file for every flow as it ends")
	libvirtURI := fl.String("libvirt", "", "follow this libvirt daemon's guests (adds the libvirt provider), e.g. qemu:///system")
	socket := fl.String("socket", "", "answer `crosstalk guests` on this unix socket (default "+agent.DefaultSocket+"; \"none\" turns it off)")
	apiAddr := fl.String("api", "", "serve the API and web UI on this address, e.g. 127.0.0.1:9747 (token: api.token_file)")
	storePath := fl.String("store", "", "keep history in this SQLite file (store.path)")
	datapath := fl.String("datapath", "", "afpacket (default), ebpf (tc programs on every guest port), or auto (ebpf when the kernel can)")
	metricsAddr := fl.String("metrics", "", "serve Prometheus metrics on this address, e.g. 127.0.0.1:9746 (/metrics)")
	host := fl.String("host", "", "this host's name in alerts and in the fleet (host)")
	fleetURL := fl.String("fleet", "", "report to the fleet server's NATS at this URL, e.g. nats://fleet:4222 (fleet.url; needs --store)")
	fleetCreds := fl.String("fleet-credentials", "", "the credentials file `crosstalk server enroll HOST` wrote (fleet.credentials)")
	format := fl.String("format", "", "alerts on stdout: table (one row when an alert opens) or jsonl (default: table on a terminal, jsonl otherwise)")
	fl.Usage = func() { fmt.Fprint(stderr, agentHelp); fl.PrintDefaults() }
	if code, ok := parseFlags(fl, args, stderr); !ok {
		return code
	}
	load := func() (agent.Config, error) {
		cfg := agent.DefaultConfig()
		if *configPath != "" {
			c, err := agent.LoadConfig(*configPath)
			if err != nil {
				return cfg, err
			}
			cfg = c
		}
		cfg.Bridges = append(cfg.Bridges, bridges...)
		if *guests != "" {
			cfg.GuestsFile = *guests
		}
		if *alertsFile != "" {
			cfg.AlertsFile = *alertsFile
		}
		if *flowsFile != "" {
			cfg.FlowsFile = *flowsFile
		}
		if *apiAddr != "" {
			cfg.API.Addr = *apiAddr
		}
		if *storePath != "" {
			cfg.Store.Path = *storePath
		}
		if *host != "" {
			cfg.Host = *host
		}
		if *fleetURL != "" {
			cfg.Fleet.URL = *fleetURL
		}
		if *fleetCreds != "" {
			cfg.Fleet.Credentials = *fleetCreds
		}
		agent.DefaultHost(&cfg)
		if *host != "" || *fleetURL != "" {
			if err := cfg.Validate(); err != nil {
				return cfg, err
			}
		}
		if *datapath != "" {
			cfg.Datapath = *datapath
			if err := cfg.Validate(); err != nil {
				return cfg, fmt.Errorf("--datapath: %w", err)
			}
		}
		if err := applyInventoryFlags(&cfg, *libvirtURI, *socket); err != nil {
			return cfg, err
		}
		return cfg, nil
	}
	cfg, err := load()
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk agent: %v\n", err)
		return exitUsage
	}
	if *check {
		fmt.Fprintln(stdout, "configuration ok")
		return exitOK
	}
	if *cleanup {
		if err := ebpf.Cleanup(cfg.EBPF.PinPath); err != nil {
			fmt.Fprintf(stderr, "crosstalk agent --cleanup: %v\n", err)
			return exitFail
		}
		fmt.Fprintf(stdout, "removed what was pinned under %s\n", cfg.EBPF.PinPath)
		lifted, err := agent.LiftThrottles(cfg)
		if len(lifted) > 0 {
			fmt.Fprintf(stdout, "lifted the throttles a stopped agent left on %s\n", strings.Join(lifted, ", "))
		}
		if err != nil {
			fmt.Fprintf(stderr, "crosstalk agent --cleanup: %v\n", err)
			return exitFail
		}
		return exitOK
	}
	if len(cfg.Bridges) == 0 {
		fmt.Fprintln(stderr, "crosstalk agent: no bridge to watch: give --bridge NAME or bridges: in the config")
		return exitUsage
	}
	table := false
	switch *format {
	case "":
		if isTerminal(stdout) {
			table = true
		}
	case "table":
		table = true
	case "jsonl":
	default:
		fmt.Fprintf(stderr, "crosstalk agent: --format: want table or jsonl, got %q\n", *format)
		return exitUsage
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	reg := prometheus.NewRegistry()
	if *metricsAddr != "" {
		stop, err := serveMetrics(*metricsAddr, reg)
		if err != nil {
			fmt.Fprintf(stderr, "crosstalk agent: --metrics: %v\n", err)
			return exitUsage
		}
		defer stop()
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	for {
		a := agent.New(cfg, agent.Dependencies{Logger: log, Alerts: stdout, Table: table, Registerer: reg, Version: version})
		if err := a.Start(context.Background()); err != nil {
			fmt.Fprintf(stderr, "crosstalk agent: %v\n", err)
			return exitFail
		}
		ctx, stopServing := context.WithCancel(context.Background())
		served := make(chan error, 1)
		go func() { served <- a.Serve(ctx) }()
		var sig os.Signal
		select {
		case sig = <-sigs:
		case err := <-served:
			if err != nil {
				// The socket or the API address could not open (or failed).
				stopServing()
				a.Stop()
				fmt.Fprintf(stderr, "crosstalk agent: %v\n", err)
				return exitFail
			}
			sig = <-sigs // no socket and no API: nothing to serve
			served <- nil
		}
		stopServing()
		<-served
		a.Stop()
		if sig != syscall.SIGHUP {
			return exitOK
		}
		next, err := load()
		if err != nil {
			log.Error("reload refused; keeping the running configuration", "err", err)
			continue
		}
		cfg = next
		log.Info("configuration reloaded")
	}
}
