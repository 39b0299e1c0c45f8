package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/resource"
)

const resourcesHelp = `Show what each guest uses of the host and how long it waits, per second,
as the running agent's resource sampler measured it: CPU cores, time its own
quota held it back, run-queue delay per vCPU (50 ms/s is vSphere's 5 % ready
warning, 100 ms/s critical), storage, pressure stalls, memory and its ports.

Without --guest, the newest round, one row per guest; with --guest, that
guest's rounds since --since (default 1m), one row per round; --since
alone, every guest's rounds since then. On a fleet server (--addr), each
host's newest round, and its last five minutes or so with --since.

usage: crosstalk resources [--guest NAME] [--since D|TIME] [--host NAME] [--format table|json]
                           [--socket PATH | --addr HOST:PORT [--token-file F] [--insecure]]

flags:
`

func runResources(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("resources", stderr)
	guest := fl.String("guest", "", "one guest's rounds")
	since := fl.String("since", "", "rounds since this time or duration back (with --guest, default 1m)")
	host := fl.String("host", "", "on a fleet server, one host")
	format := fl.String("format", "", "table or json (default: table on a terminal, json otherwise)")
	cf := addClientFlags(fl)
	fl.Usage = func() { fmt.Fprint(stderr, resourcesHelp); fl.PrintDefaults() }
	if code, ok := parseFlags(fl, args, stderr); !ok {
		return code
	}
	if !tableOrJSON("crosstalk resources", format, stdout, stderr) {
		return exitUsage
	}
	params := url.Values{}
	for k, v := range map[string]string{"guest": *guest, "since": *since, "host": *host} {
		if v != "" {
			params.Set(k, v)
		}
	}
	series := *guest != "" || *since != ""
	switch {
	case *guest != "" && *since == "":
		params.Set("since", "1m")
	case !series:
		params.Set("limit", "1") // each host's newest round
	}
	c, err := cf.client()
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk resources: %v\n", err)
		return exitUsage
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var v api.ResourcesView
	if err := c.Get(ctx, "/api/v1/resources?"+params.Encode(), &v); err != nil {
		fmt.Fprintf(stderr, "crosstalk resources: %v\n", err)
		return exitFail
	}
	if !series { // by host, not by time
		slices.SortStableFunc(v.Rounds, func(a, b resource.Round) int { return strings.Compare(a.Host, b.Host) })
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(v)
		return exitOK
	}
	if v.Interval == "" && len(v.Rounds) == 0 {
		fmt.Fprintln(stderr, "crosstalk resources: nothing samples here (the agent's resources.interval is 0)")
		return exitOK
	}
	resourcesTable(stdout, &v, series)
	return exitOK
}

// resourcesTable writes the rounds for people: a row per guest and
// round, with the round's time when there are several of one guest.
func resourcesTable(w io.Writer, v *api.ResourcesView, series bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fleet := false
	for _, r := range v.Rounds {
		fleet = fleet || r.Host != ""
	}
	head := "GUEST\tCPU\tTHROTTLED\tDELAY/vCPU\tREAD\tWRITE\tPSI cpu/io/mem\tMEMORY\tSENT\tRECEIVED\tDROPS\t"
	if fleet {
		head = "HOST\t" + head
	}
	if series {
		head = "TIME\t" + head
	}
	fmt.Fprintln(tw, head)
	for _, r := range v.Rounds {
		for _, u := range r.Guests {
			if series {
				fmt.Fprint(tw, r.Time.Local().Format("15:04:05"), "\t")
			}
			if fleet {
				fmt.Fprint(tw, r.Host, "\t")
			}
			fmt.Fprintln(tw, useRow(&u))
		}
	}
	tw.Flush()
	if !series && len(v.Rounds) > 0 {
		fmt.Fprintf(w, "\nper second; sampled every %s from %s\n", v.Interval, v.Sources)
	}
}

func useRow(u *resource.Use) string {
	ms := func(s float64) string { return strconv.FormatFloat(s*1000, 'f', 0, 64) + " ms" }
	pct := func(f float64) string { return strconv.FormatFloat(f*100, 'f', 0, 64) }
	capped := ""
	if u.Capped {
		capped = " (capped)"
	}
	return fmt.Sprintf("%s%s\t%.2f\t%s\t%s\t%s\t%s\t%s/%s/%s %%\t%s\t%s\t%s\t%.0f/s\t", u.Guest, capped, u.CPU, ms(u.Throttled), ms(u.Delay),
		byteRate(u.IORead), byteRate(u.IOWrite), pct(u.PressureCPU), pct(u.PressureIO), pct(u.PressureMemory),
		sizeOf(u.MemoryBytes), packetRate(u.SentPackets, u.SentBytes), packetRate(u.RecvPackets, u.RecvBytes), u.Drops)
}

func byteRate(b float64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB/s", b/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB/s", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.0f KiB/s", b/(1<<10))
	}
	return fmt.Sprintf("%.0f B/s", b)
}

func sizeOf(b uint64) string {
	if b >= 1<<30 {
		return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30))
	}
	return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
}

func packetRate(pkts, bytes float64) string {
	return fmt.Sprintf("%.0f pkt/s %s", pkts, byteRate(bytes))
}
