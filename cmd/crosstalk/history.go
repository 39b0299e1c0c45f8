package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/crosstalk-dev/crosstalk/agent"
	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/store"
)

const alertsHelp = `Show the alerts the running agent keeps (its store), newest first; with
--follow, the ones since --since oldest first, then each new one as it opens
(and, in jsonl, again when it closes) until interrupted.

usage: crosstalk alerts [--kind KIND] [--severity S] [--guest NAME] [--since D|TIME] [--until D|TIME]
                        [--limit N] [--follow] [--format table|json|jsonl]
                        [--socket PATH | --addr HOST:PORT [--token-file F] [--insecure]]

--since and --until take a duration back from now (1h, 30m) or an RFC 3339 time.
The local agent is asked over its socket; --addr asks one over the network
with its API token (--token-file, or the CROSSTALK_TOKEN environment variable).

flags:
`

const flowsHelp = `Show the traffic the running agent keeps (its store): per edge (guest to
peer on a protocol and port, summed over the range), or the sampled flow
records with --records; with --follow, each flow record as its flow ends,
until interrupted.

usage: crosstalk flows [--guest NAME] [--peer NAME] [--port N] [--verdict V] [--since D|TIME] [--until D|TIME]
                       [--records] [--limit N] [--follow] [--format table|json|jsonl]
                       [--socket PATH | --addr HOST:PORT [--token-file F] [--insecure]]

flags:
`

// clientFlags are the flags that say which agent to ask.
type clientFlags struct {
	socket, addr, tokenFile *string
	insecure                *bool
}

func addClientFlags(fl *flag.FlagSet) clientFlags {
	return clientFlags{
		socket:    fl.String("socket", agent.DefaultSocket, "the local agent's socket"),
		addr:      fl.String("addr", "", "ask the agent at this address (host:port or https://host:port) instead of the socket"),
		tokenFile: fl.String("token-file", "", "the API token for --addr (default: $CROSSTALK_TOKEN, else "+api.DefaultTokenFile+")"),
		insecure:  fl.Bool("insecure", false, "with https, do not check the agent's certificate"),
	}
}

// client returns the client the flags name.
func (c clientFlags) client() (*api.Client, error) {
	if *c.addr == "" {
		return api.SocketClient(*c.socket), nil
	}
	return tokenClient("--addr", *c.addr, *c.tokenFile, *c.insecure)
}

// tokenClient is a client of the API at addr with the token from
// tokenFile, else $CROSSTALK_TOKEN, else the default token file; flag
// names the address's flag in errors.
func tokenClient(flag, addr, tokenFile string, insecure bool) (*api.Client, error) {
	if tok := os.Getenv("CROSSTALK_TOKEN"); tok != "" && tokenFile == "" {
		return api.AddrClient(addr, tok, insecure), nil
	}
	path := tokenFile
	if path == "" {
		path = api.DefaultTokenFile
	}
	tok, err := api.ReadToken(path)
	if err != nil {
		return nil, fmt.Errorf("%s needs the API token: %w (or set CROSSTALK_TOKEN)", flag, err)
	}
	return api.AddrClient(addr, tok, insecure), nil
}

// query is one history command: its filters, where to ask, how to show it.
type query struct {
	name, help string
	filters    []string // query parameters, each also a flag
	// path is the history endpoint; stream the live stream's types.
	path   func(records bool) string
	stream string
	// decode returns a pointer to the slice path answers; table writes
	// it for people; row writes one streamed record (nil: skip it).
	decode func(records bool) any
	table  func(w io.Writer, v any)
	row    func(w *tabwriter.Writer, typ string, data []byte) bool
}

// askAgent runs one history query against the agent and writes it as
// JSON, JSON lines or a table; with --follow it then streams.
func askAgent(q query, args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet(q.name, stderr)
	vals := map[string]*string{}
	for _, f := range q.filters {
		vals[f] = fl.String(f, "", "only "+f)
	}
	records := false
	if q.name == "flows" {
		fl.BoolVar(&records, "records", false, "the sampled flow records instead of edges")
	}
	limit := fl.Int("limit", 0, fmt.Sprintf("at most this many rows (at most %d)", store.MaxLimit))
	follow := fl.Bool("follow", false, "then show new ones as they happen, until interrupted")
	format := fl.String("format", "", "table, json or jsonl (default: table on a terminal, json otherwise; jsonl with --follow)")
	cf := addClientFlags(fl)
	fl.Usage = func() { fmt.Fprint(stderr, q.help); fl.PrintDefaults() }
	if code, ok := parseFlags(fl, args, stderr); !ok {
		return code
	}
	if *format == "" {
		switch {
		case isTerminal(stdout):
			*format = "table"
		case *follow:
			*format = "jsonl"
		default:
			*format = "json"
		}
	}
	switch {
	case !slices.Contains([]string{"table", "json", "jsonl"}, *format):
		fmt.Fprintf(stderr, "crosstalk %s: --format: want table, json or jsonl, got %q\n", q.name, *format)
		return exitUsage
	case *follow && *format == "json":
		fmt.Fprintf(stderr, "crosstalk %s: --follow writes one record per line: use --format jsonl or table\n", q.name)
		return exitUsage
	case *follow && *vals["until"] != "":
		fmt.Fprintf(stderr, "crosstalk %s: --follow and --until do not go together\n", q.name)
		return exitUsage
	}
	if *follow {
		records = true // following shows records, not sums
	}
	c, err := cf.client()
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk %s: %v\n", q.name, err)
		return exitUsage
	}
	params := url.Values{}
	for f, v := range vals {
		if *v != "" {
			params.Set(f, *v)
		}
	}
	if *limit != 0 {
		params.Set("limit", strconv.Itoa(*limit))
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	out := q.decode(records)
	if !*follow || params.Get("since") != "" {
		qctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := c.Get(qctx, q.path(records)+"?"+params.Encode(), out)
		cancel()
		if err != nil {
			fmt.Fprintf(stderr, "crosstalk %s: %v\n", q.name, err)
			return exitFail
		}
	}
	if !*follow {
		switch *format {
		case "json":
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			enc.Encode(out)
		case "jsonl":
			writeLines(stdout, out)
		default:
			q.table(stdout, out)
		}
		return exitOK
	}
	return followAgent(ctx, c, q, params, out, *format, stdout, stderr)
}

// writeLines writes each element of the slice v points to as a line.
func writeLines(w io.Writer, v any) {
	var rows []json.RawMessage
	b, _ := json.Marshal(v)
	json.Unmarshal(b, &rows)
	for _, r := range rows {
		w.Write(append(r, '\n'))
	}
}

// followAgent writes what the history gave (oldest first), then the live
// stream, until ctx ends.
func followAgent(ctx context.Context, c *api.Client, q query, params url.Values, past any, format string, stdout, stderr io.Writer) int {
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	var hist []json.RawMessage
	b, _ := json.Marshal(past)
	json.Unmarshal(b, &hist)
	slices.Reverse(hist)
	show := func(typ string, data []byte) error {
		if format == "jsonl" {
			_, err := stdout.Write(append(data, '\n'))
			return err
		}
		if q.row(tw, typ, data) {
			return tw.Flush()
		}
		return nil
	}
	if format == "table" {
		q.row(tw, "", nil) // the header
	}
	for _, r := range hist {
		if err := show(q.stream, r); err != nil {
			return exitFail
		}
	}
	tw.Flush()
	live := url.Values{"types": {q.stream}}
	for _, f := range []string{"guest", "kind", "severity", "port"} {
		if v := params.Get(f); v != "" {
			live.Set(f, v)
		}
	}
	peer := params.Get("peer") // the stream filters one guest; the peer is checked here
	err := c.Stream(ctx, "/api/v1/events?"+live.Encode(), func(typ string, data []byte) error {
		switch typ {
		case "dropped":
			fmt.Fprintf(stderr, "crosstalk %s: fell behind: the agent dropped %s events for this stream\n", q.name, data)
			return nil
		case q.stream:
		default:
			return nil
		}
		if peer != "" && q.stream == "flow" {
			var r flow.Record
			if json.Unmarshal(data, &r) != nil || (r.Src.Guest != peer && r.Dst.Guest != peer && r.Src.IP != peer && r.Dst.IP != peer) {
				return nil
			}
		}
		return show(typ, data)
	})
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk %s: %v\n", q.name, err)
		return exitFail
	}
	return exitOK
}

func runAlerts(args []string, stdout, stderr io.Writer) int {
	shown := map[string]bool{} // a table shows an alert once, when it opens
	return askAgent(query{name: "alerts", help: alertsHelp, filters: []string{"kind", "severity", "guest", "since", "until"},
		path:   func(bool) string { return "/api/v1/alerts" },
		stream: "alert",
		decode: func(bool) any { return &[]alert.Alert{} },
		table: func(w io.Writer, v any) {
			fmt.Fprintln(w, alert.TableHeader)
			for _, a := range *v.(*[]alert.Alert) {
				fmt.Fprintln(w, a.Row())
			}
		},
		row: func(w *tabwriter.Writer, typ string, data []byte) bool {
			if data == nil {
				fmt.Fprintln(w, alert.TableHeader)
				return true
			}
			var a alert.Alert
			if json.Unmarshal(data, &a) != nil || shown[a.ID] {
				return false
			}
			if len(shown) > 100000 {
				clear(shown)
			}
			shown[a.ID] = true
			fmt.Fprintln(w, a.Row())
			return true
		},
	}, args, stdout, stderr)
}

func runFlows(args []string, stdout, stderr io.Writer) int {
	return askAgent(query{name: "flows", help: flowsHelp, filters: []string{"guest", "peer", "port", "verdict", "since", "until"},
		path: func(records bool) string {
			if records {
				return "/api/v1/flows"
			}
			return "/api/v1/edges"
		},
		stream: "flow",
		decode: func(records bool) any {
			if records {
				return &[]flow.Record{}
			}
			return &[]store.Edge{}
		},
		table: func(w io.Writer, v any) {
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			switch rows := v.(type) {
			case *[]store.Edge:
				fmt.Fprintln(tw, "SOURCE\tDESTINATION\tPROTO\tPORT\tVERDICT\tFLOWS\tPACKETS\tBYTES\tFIRST\tLAST")
				for _, e := range *rows {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%d\t%d\t%d\t%s\t%s\n", e.Src, e.Dst, e.Proto, e.Port, e.Verdict, e.Flows, e.Packets, e.Bytes,
						e.First.Format(time.DateTime), e.Last.Format(time.DateTime))
				}
			case *[]flow.Record:
				fmt.Fprintln(w, flowHeader)
				for _, r := range *rows {
					flowRow(w, &r)
				}
			}
			tw.Flush()
		},
		row: func(w *tabwriter.Writer, typ string, data []byte) bool {
			if data == nil {
				fmt.Fprintln(w, flowHeader)
				return true
			}
			var r flow.Record
			if json.Unmarshal(data, &r) != nil {
				return false
			}
			flowRow(w, &r)
			return true
		},
	}, args, stdout, stderr)
}

// A flow row has fixed widths, so that rows streamed one at a time line
// up under the header.
const flowRowFormat = "%-20s  %-5s  %-30s  %-30s  %-5s  %-8s  %-13s  %s\n"

var flowHeader = fmt.Sprintf(strings.TrimSuffix(flowRowFormat, "\n"), "START", "PROTO", "SOURCE", "DESTINATION", "STATE", "VERDICT", "PACKETS", "BYTES")

func flowRow(w io.Writer, r *flow.Record) {
	fmt.Fprintf(w, flowRowFormat, r.Start.Format(time.RFC3339), r.Proto, strings.TrimSpace(r.Src.Guest+" "+r.Src.IP),
		fmt.Sprintf("%s:%d", strings.TrimSpace(r.Dst.Guest+" "+r.Dst.IP), r.Dst.Port), r.State, dash(r.Verdict),
		fmt.Sprintf("%d/%d", r.Packets.Src, r.Packets.Dst), fmt.Sprintf("%d/%d", r.Bytes.Src, r.Bytes.Dst))
}
