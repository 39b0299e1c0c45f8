package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"encoding/json"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/store"
)

const quarantineHelp = `quarantine: cut a guest off from every other guest, except the management
peers named, until the TTL runs out (it lifts by itself, in the kernel) or
release. What it still tries is counted (forensics). Needs the eBPF datapath.

throttle: cap a guest's CPU at --cpu cores (its cgroup's CFS quota), its
storage at --io bytes a second each way (K, M, G: 1024s; its cgroup's I/O
limits on every disk), its network at --net bits a second each way (K, M,
G: 1000s; tc on each of its ports), or any of them, until the TTL runs out
or release: the brake for a noisy neighbour. The agent lifts it when it stops;
a killed agent's throttles are lifted by the next one at their time. On cgroup v1 the
I/O cap holds direct and synchronous I/O (a VM's disk with cache=none) but
not buffered writes, which the kernel writes back outside the guest's cgroup.

usage: crosstalk quarantine GUEST [--ttl D] [--allow-from SELECTOR]... [--socket PATH | --addr HOST:PORT ...]
       crosstalk throttle GUEST [--cpu CORES] [--io RATE] [--net RATE] [--ttl D] [--socket PATH | --addr HOST:PORT ...]
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
	var ioRate, netRate rate
	if kind != "release" {
		ttl = fl.Duration("ttl", time.Hour, "how long it lasts (at most 168h)")
	}
	switch kind {
	case "quarantine":
		fl.Var(&allow, "allow-from", "a selector of guests that may still reach it, e.g. role=monitor (repeatable)")
	case "throttle":
		cpu = fl.Float64("cpu", 0, "the CPU cap in cores, e.g. 0.5")
		ioRate.parse, netRate.parse = parseRate, parseBits
		fl.Var(&ioRate, "io", "the storage cap in bytes a second each way, e.g. 50M (1024s)")
		fl.Var(&netRate, "net", "the network cap in bits a second each way on each port, e.g. 100M (1000s)")
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
	req.IO, req.Net = ioRate.n, netRate.n
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
		var caps []string
		if req.CPU > 0 {
			caps = append(caps, fmt.Sprintf("%g cores", req.CPU))
		}
		if req.IO > 0 {
			caps = append(caps, fmt.Sprintf("%s/s of I/O each way", formatRate(req.IO)))
		}
		if req.Net > 0 {
			caps = append(caps, fmt.Sprintf("%g Mbit/s each way on its ports", float64(req.Net)/1e6))
		}
		fmt.Fprintf(stdout, "%s throttled to %s until %s\n", done.Guest, strings.Join(caps, " and "), done.Expires.Local().Format(time.DateTime))
	default:
		fmt.Fprintf(stdout, "%s released\n", done.Guest)
	}
	return exitOK
}

// rate is a flag of bytes or bits a second, read by parse.
type rate struct {
	n     uint64
	parse func(string) (uint64, error)
}

func (r *rate) String() string {
	if r == nil || r.n == 0 {
		return ""
	}
	return strconv.FormatUint(r.n, 10)
}

func (r *rate) Set(s string) (err error) {
	r.n, err = r.parse(s)
	return err
}

// parseRate reads bytes a second: a number with an optional K, M or G
// (powers of 1024), e.g. 50M.
func parseRate(s string) (uint64, error) { return parseUnits(s, 1<<10) }

// parseBits reads bits a second: a number with an optional K, M or G
// (powers of 1000, as tc and network people count), e.g. 100M.
func parseBits(s string) (uint64, error) { return parseUnits(s, 1000) }

func parseUnits(s string, k uint64) (uint64, error) {
	if s == "" {
		return 0, errors.New("want a rate such as 50M or 1G")
	}
	mult := uint64(1)
	switch strings.ToUpper(s[len(s)-1:]) {
	case "K":
		mult = k
	case "M":
		mult = k * k
	case "G":
		mult = k * k * k
	}
	num := s
	if mult > 1 {
		num = s[:len(s)-1]
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || n <= 0 || n*float64(mult) > 1<<50 {
		return 0, errors.New("want a rate such as 50M or 1G")
	}
	return uint64(n * float64(mult)), nil
}

// formatRate writes bytes in the largest of G, M, K that fits.
func formatRate(n uint64) string {
	for _, u := range []struct {
		s string
		v uint64
	}{{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}} {
		if n >= u.v {
			return strconv.FormatFloat(float64(n)/float64(u.v), 'g', 4, 64) + u.s
		}
	}
	return strconv.FormatUint(n, 10)
}
