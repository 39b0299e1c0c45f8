package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/crosstalk-dev/crosstalk/agent"
	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/store"
)

const alertsHelp = `Show the alerts the running agent keeps (its store), newest first.

usage: crosstalk alerts [--kind KIND] [--severity S] [--guest NAME] [--since D|TIME] [--until D|TIME]
                        [--limit N] [--format table|json] [--socket PATH]

--since and --until take a duration back from now (1h, 30m) or an RFC 3339 time.

flags:
`

const flowsHelp = `Show the traffic the running agent keeps (its store): per edge (guest to
peer on a protocol and port, summed over the range), or the sampled flow
records with --records.

usage: crosstalk flows [--guest NAME] [--peer NAME] [--port N] [--since D|TIME] [--until D|TIME]
                       [--records] [--limit N] [--format table|json] [--socket PATH]

flags:
`

// askAgent runs one history query against the agent's socket and writes
// it as JSON or with table.
func askAgent(name, help string, args []string, stdout, stderr io.Writer, filters []string,
	path func(bool) string, decode func(bool) any, table func(io.Writer, any)) int {
	fl := newFlagSet(name, stderr)
	vals := map[string]*string{}
	for _, f := range filters {
		vals[f] = fl.String(f, "", "only "+f)
	}
	records := false
	if name == "flows" {
		fl.BoolVar(&records, "records", false, "the sampled flow records instead of edges")
	}
	limit := fl.Int("limit", 0, fmt.Sprintf("at most this many rows (default and cap %d)", store.MaxLimit))
	format := fl.String("format", "", "table or json (default: table on a terminal, json otherwise)")
	socket := fl.String("socket", agent.DefaultSocket, "the agent's socket")
	fl.Usage = func() { fmt.Fprint(stderr, help); fl.PrintDefaults() }
	if code, ok := parseFlags(fl, args, stderr); !ok {
		return code
	}
	if *format == "" {
		*format = "json"
		if isTerminal(stdout) {
			*format = "table"
		}
	}
	if *format != "table" && *format != "json" {
		fmt.Fprintf(stderr, "crosstalk %s: --format: want table or json, got %q\n", name, *format)
		return exitUsage
	}
	q := url.Values{}
	for f, v := range vals {
		if *v != "" {
			q.Set(f, *v)
		}
	}
	if *limit != 0 {
		q.Set("limit", strconv.Itoa(*limit))
	}
	out := decode(records)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := agent.Ask(ctx, *socket, path(records)+"?"+q.Encode(), out); err != nil {
		fmt.Fprintf(stderr, "crosstalk %s: %v\n", name, err)
		return exitFail
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
		return exitOK
	}
	table(stdout, out)
	return exitOK
}

func runAlerts(args []string, stdout, stderr io.Writer) int {
	return askAgent("alerts", alertsHelp, args, stdout, stderr, []string{"kind", "severity", "guest", "since", "until"},
		func(bool) string { return "/v1/alerts" },
		func(bool) any { return &[]alert.Alert{} },
		func(w io.Writer, v any) {
			fmt.Fprintln(w, alert.TableHeader)
			for _, a := range *v.(*[]alert.Alert) {
				fmt.Fprintln(w, a.Row())
			}
		})
}

func runFlows(args []string, stdout, stderr io.Writer) int {
	return askAgent("flows", flowsHelp, args, stdout, stderr, []string{"guest", "peer", "port", "since", "until"},
		func(records bool) string {
			if records {
				return "/v1/flows"
			}
			return "/v1/edges"
		},
		func(records bool) any {
			if records {
				return &[]flow.Record{}
			}
			return &[]store.Edge{}
		},
		func(w io.Writer, v any) {
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			switch rows := v.(type) {
			case *[]store.Edge:
				fmt.Fprintln(tw, "SOURCE\tDESTINATION\tPROTO\tPORT\tVERDICT\tFLOWS\tPACKETS\tBYTES\tFIRST\tLAST")
				for _, e := range *rows {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%d\t%d\t%d\t%s\t%s\n", e.Src, e.Dst, e.Proto, e.Port, e.Verdict, e.Flows, e.Packets, e.Bytes,
						e.First.Format(time.DateTime), e.Last.Format(time.DateTime))
				}
			case *[]flow.Record:
				fmt.Fprintln(tw, "START\tPROTO\tSOURCE\tDESTINATION\tSTATE\tPACKETS\tBYTES")
				for _, r := range *rows {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s:%d\t%s\t%d/%d\t%d/%d\n", r.Start.Format(time.RFC3339), r.Proto, dash(r.Src.Guest+" "+r.Src.IP),
						dash(r.Dst.Guest+" "+r.Dst.IP), r.Dst.Port, r.State, r.Packets.Src, r.Packets.Dst, r.Bytes.Src, r.Bytes.Dst)
				}
			}
			tw.Flush()
		})
}
