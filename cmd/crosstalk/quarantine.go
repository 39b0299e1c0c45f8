package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"encoding/json"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/store"
)

const quarantineHelp = `quarantine: cut a guest off from every other guest, except the management
peers named, until the TTL runs out (it lifts by itself, in the kernel) or
release. What it still tries is counted (forensics). Needs the eBPF datapath.

throttle: cap a guest's CPU at --cpu cores (its cgroup's CFS quota) until the
TTL runs out or release: the brake for a noisy neighbour. The agent lifts it
when it stops.

usage: crosstalk quarantine GUEST [--ttl D] [--allow-from SELECTOR]... [--socket PATH | --addr HOST:PORT ...]
       crosstalk throttle GUEST --cpu CORES [--ttl D] [--socket PATH | --addr HOST:PORT ...]
       crosstalk release GUEST [--socket PATH | --addr HOST:PORT ...]

flags:
`

func runQuarantine(args []string, stdout, stderr io.Writer) int {
	return act("quarantine", args, stdout, stderr)
}

func runThrottle(args []string, stdout, stderr io.Writer) int {
	return act("throttle", args, stdout, stderr)
}

func runRelease(args []string, stdout, stderr io.Writer) int {
	return act("release", args, stdout, stderr)
}

func act(kind string, args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet(kind, stderr)
	var ttl *time.Duration
	var allow stringList
	var cpu *float64
	if kind != "release" {
		ttl = fl.Duration("ttl", time.Hour, "how long it lasts (at most 168h)")
	}
	switch kind {
	case "quarantine":
		fl.Var(&allow, "allow-from", "a selector of guests that may still reach it, e.g. role=monitor (repeatable)")
	case "throttle":
		cpu = fl.Float64("cpu", 0, "the CPU cap in cores, e.g. 0.5 (required)")
	}
	cf := addClientFlags(fl)
	fl.Usage = func() { fmt.Fprint(stderr, quarantineHelp); fl.PrintDefaults() }
	pos, code, ok := parseWithArgs(fl, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "crosstalk %s: want one GUEST\n", kind)
		return exitUsage
	}
	req := api.ActionRequest{Kind: kind, Guest: pos[0], AllowFrom: allow}
	if ttl != nil {
		req.TTL = ttl.String()
	}
	if cpu != nil {
		req.CPU = *cpu
	}
	if _, err := req.Validate(); err != nil {
		fmt.Fprintf(stderr, "crosstalk %s: %v\n", kind, err)
		return exitUsage
	}
	c, err := cf.client()
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk %s: %v\n", kind, err)
		return exitUsage
	}
	body, _ := json.Marshal(req)
	var done store.Action
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Post(ctx, "/api/v1/actions", "application/json", body, &done); err != nil {
		fmt.Fprintf(stderr, "crosstalk %s: %v\n", kind, err)
		return exitFail
	}
	switch kind {
	case "quarantine":
		fmt.Fprintf(stdout, "%s quarantined until %s\n", done.Guest, done.Expires.Local().Format(time.DateTime))
	case "throttle":
		fmt.Fprintf(stdout, "%s throttled to %g cores until %s\n", done.Guest, req.CPU, done.Expires.Local().Format(time.DateTime))
	default:
		fmt.Fprintf(stdout, "%s released\n", done.Guest)
	}
	return exitOK
}
