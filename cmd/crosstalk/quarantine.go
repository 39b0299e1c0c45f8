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

const quarantineHelp = `Cut a guest off from every other guest, except the management peers named,
until the TTL runs out (it lifts by itself, in the kernel) or release.
What it still tries is counted (forensics). Needs the eBPF datapath.

usage: crosstalk quarantine GUEST [--ttl D] [--allow-from SELECTOR]... [--socket PATH | --addr HOST:PORT ...]
       crosstalk release GUEST [--socket PATH | --addr HOST:PORT ...]

flags:
`

func runQuarantine(args []string, stdout, stderr io.Writer) int {
	return act("quarantine", args, stdout, stderr)
}

func runRelease(args []string, stdout, stderr io.Writer) int {
	return act("release", args, stdout, stderr)
}

func act(kind string, args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet(kind, stderr)
	var ttl *time.Duration
	var allow stringList
	if kind == "quarantine" {
		ttl = fl.Duration("ttl", time.Hour, "how long it lasts (at most 168h)")
		fl.Var(&allow, "allow-from", "a selector of guests that may still reach it, e.g. role=monitor (repeatable)")
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
	if kind == "quarantine" {
		fmt.Fprintf(stdout, "%s quarantined until %s\n", done.Guest, done.Expires.Local().Format(time.DateTime))
	} else {
		fmt.Fprintf(stdout, "%s released\n", done.Guest)
	}
	return exitOK
}
