package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.yaml.in/yaml/v3"

	"github.com/crosstalk-dev/crosstalk/fleet"
	"github.com/crosstalk-dev/crosstalk/server"
)

const serverHelp = `Run the fleet server: agents report to it over NATS with JetStream (embedded
here by default, listening on --listen; or an external cluster with --nats),
and it keeps every host's alerts, traffic and inventory in its own store and
serves the same API and web UI as an agent, for the whole fleet, plus the
hosts (/api/v1/hosts) and the planner's inventory (/api/v1/inventory, what
crosstalk plan --server reads).

Agents are let in by name: crosstalk server enroll HOST writes the host's
credentials file (give it to the agent as fleet.credentials); on the NATS
each host may publish only to its own subjects. Enrolling while the server
runs takes effect within two seconds.

usage: crosstalk server [--config FILE] [--state-dir DIR] [--listen ADDR] [--api ADDR] [--socket PATH] [--metrics ADDR]
                        [--nats URL --nats-credentials FILE] [--replicas N]
       crosstalk server enroll HOST [--state-dir DIR] [--out FILE]
       crosstalk server revoke HOST [--state-dir DIR]
       crosstalk server enroll-server [--state-dir DIR] [--out FILE]   # credentials for an external NATS
       crosstalk server nats-config [--state-dir DIR]                  # its authorization block

Signals: SIGINT and SIGTERM stop it cleanly.

flags:
`

func runServer(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("server", stderr)
	configPath := fl.String("config", "", "configuration file (YAML)")
	stateDir := fl.String("state-dir", "", "state directory: JetStream storage, enrolled hosts, server.db (default "+server.DefaultConfig().StateDir+")")
	listen := fl.String("listen", "", "the embedded NATS's address for agents (default "+server.DefaultConfig().Listen+")")
	natsURL := fl.String("nats", "", "use this external NATS cluster instead of the embedded one (comma-separated URLs)")
	natsCreds := fl.String("nats-credentials", "", "the server's credentials on the external NATS (crosstalk server enroll-server)")
	replicas := fl.Int("replicas", 0, "the stream's replicas in a NATS cluster (default 1)")
	apiAddr := fl.String("api", "", "serve the API and web UI on this address, e.g. 0.0.0.0:9747")
	socket := fl.String("socket", "", "the API's root-only unix socket (default "+server.DefaultConfig().Socket+"; \"none\" turns it off)")
	out := fl.String("out", "", "enroll: write the credentials here (default HOST.creds in the current directory)")
	check := fl.Bool("check", false, "validate the configuration and exit")
	metricsAddr := fl.String("metrics", "", "serve Prometheus metrics on this address, e.g. 127.0.0.1:9748 (/metrics)")
	fl.Usage = func() { fmt.Fprint(stderr, serverHelp); fl.PrintDefaults() }
	pos, code, ok := parseWithArgs(fl, args)
	if !ok {
		return code
	}
	cfg := server.DefaultConfig()
	if *configPath != "" {
		data, err := os.ReadFile(*configPath)
		if err == nil {
			err = decodeStrict(data, &cfg)
		}
		if err != nil {
			fmt.Fprintf(stderr, "crosstalk server: %s: %v\n", *configPath, err)
			return exitUsage
		}
	}
	for _, f := range []struct {
		v   string
		dst *string
	}{{*stateDir, &cfg.StateDir}, {*listen, &cfg.Listen}, {*natsURL, &cfg.NATS}, {*natsCreds, &cfg.NATSCredentials}, {*apiAddr, &cfg.API.Addr}, {*socket, &cfg.Socket}} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	if cfg.Socket == "none" {
		cfg.Socket = ""
	}
	if *replicas != 0 {
		cfg.Replicas = *replicas
	}
	if len(pos) > 0 {
		return serverAdmin(cfg, pos, *out, stdout, stderr)
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintf(stderr, "crosstalk server: %v\n", err)
		return exitUsage
	}
	if *check {
		fmt.Fprintln(stdout, "configuration ok")
		return exitOK
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	srv, err := server.New(cfg, log)
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk server: %v\n", err)
		return exitUsage
	}
	if err := srv.Start(context.Background()); err != nil {
		fmt.Fprintf(stderr, "crosstalk server: %v\n", err)
		return exitFail
	}
	defer srv.Stop()
	if *metricsAddr != "" {
		reg := prometheus.NewRegistry()
		reg.MustRegister(srv.Collector())
		stop, err := serveMetrics(*metricsAddr, reg)
		if err != nil {
			fmt.Fprintf(stderr, "crosstalk server: --metrics: %v\n", err)
			return exitUsage
		}
		defer stop()
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx) }()
	select {
	case <-sigs:
		stop()
		<-served
	case err := <-served:
		stop()
		if err != nil {
			fmt.Fprintf(stderr, "crosstalk server: %v\n", err)
			return exitFail
		}
		<-sigs
	}
	log.Info("server stopping")
	return exitOK
}

// serverAdmin runs enroll, revoke, enroll-server and nats-config: they
// change or read the enrollment file only.
func serverAdmin(cfg server.Config, pos []string, out string, stdout, stderr io.Writer) int {
	path := cfg.EnrollmentFile()
	e, err := fleet.LoadEnrollment(path)
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk server: %v\n", err)
		return exitFail
	}
	want := func(n int) bool {
		if len(pos) != n {
			fmt.Fprintf(stderr, "crosstalk server %s: want %d argument(s), got %d\n", pos[0], n-1, len(pos)-1)
			return false
		}
		return true
	}
	writeCreds := func(c fleet.Credentials) int {
		if out == "" {
			out = c.User + ".creds"
		}
		if err := e.Save(path); err != nil {
			fmt.Fprintf(stderr, "crosstalk server: %v\n", err)
			return exitFail
		}
		if err := fleet.WriteCredentials(out, c); err != nil {
			fmt.Fprintf(stderr, "crosstalk server: %v\n", err)
			return exitFail
		}
		abs, _ := filepath.Abs(out)
		fmt.Fprintf(stdout, "enrolled %s: its credentials are in %s (mode 0600; give it to its agent as fleet.credentials)\n", c.User, abs)
		return exitOK
	}
	switch pos[0] {
	case "enroll":
		if !want(2) {
			return exitUsage
		}
		c, err := e.Enroll(pos[1])
		if err != nil {
			fmt.Fprintf(stderr, "crosstalk server enroll: %v\n", err)
			return exitUsage
		}
		return writeCreds(c)
	case "enroll-server":
		if !want(1) {
			return exitUsage
		}
		c, err := e.EnrollServer()
		if err != nil {
			fmt.Fprintf(stderr, "crosstalk server enroll-server: %v\n", err)
			return exitFail
		}
		return writeCreds(c)
	case "revoke":
		if !want(2) {
			return exitUsage
		}
		if !e.Revoke(pos[1]) {
			fmt.Fprintf(stderr, "crosstalk server revoke: %s is not enrolled\n", pos[1])
			return exitFail
		}
		if err := e.Save(path); err != nil {
			fmt.Fprintf(stderr, "crosstalk server: %v\n", err)
			return exitFail
		}
		fmt.Fprintf(stdout, "revoked %s\n", pos[1])
		return exitOK
	case "nats-config":
		if !want(1) {
			return exitUsage
		}
		conf, err := e.NATSConfig()
		if err != nil {
			fmt.Fprintf(stderr, "crosstalk server nats-config: %v\n", err)
			return exitFail
		}
		fmt.Fprint(stdout, conf)
		return exitOK
	}
	fmt.Fprintf(stderr, "crosstalk server: unknown subcommand %q (enroll, revoke, enroll-server, nats-config)\n", pos[0])
	return exitUsage
}

// decodeStrict reads YAML over v: unknown keys are errors.
func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// serveMetrics serves the registry's metrics on addr (/metrics) until
// stop is called.
func serveMetrics(addr string, reg *prometheus.Registry) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	return func() { srv.Close() }, nil
}
