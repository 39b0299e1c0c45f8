package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/crosstalk-dev/crosstalk/agent"
	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/datapath/pcapfile"
	"github.com/crosstalk-dev/crosstalk/decode"
	"github.com/crosstalk-dev/crosstalk/flowtable"
	"github.com/crosstalk-dev/crosstalk/inventory"
)

const replayHelp = `Replay pcap or pcapng captures (plain, gzip or zstd) through the flow table
and every detector; alerts go to stdout, one per episode.

usage: crosstalk replay FILE... [flags]

Exit status: 0 when the captures were read (alerts are not errors), 2 for bad
arguments or a damaged capture (what could be read is still reported), 1 for
other failures.

flags:
`

func runReplay(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("replay", stderr)
	format := fl.String("format", "", "output: table or jsonl (default: table on a terminal, jsonl otherwise)")
	guestsPath := fl.String("guests", "", "guests file (YAML): names, MACs, IPs and labels")
	flowsPath := fl.String("flows", "", "also write flow records (JSON lines) to this file")
	configPath := fl.String("config", "", "configuration file (YAML): detector settings")
	progress := fl.Bool("progress", isTerminal(os.Stderr), "show a progress bar on stderr")
	fl.Usage = func() { fmt.Fprint(stderr, replayHelp); fl.PrintDefaults() }
	files, err := parseArgs(fl, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "crosstalk replay: no capture file given")
		fl.Usage()
		return exitUsage
	}
	r := &replay{stdout: stdout, stderr: stderr, progress: *progress}
	if err := r.setup(*format, *guestsPath, *flowsPath, *configPath); err != nil {
		fmt.Fprintf(stderr, "crosstalk replay: %v\n", err)
		return exitCode(err)
	}
	code := r.run(files)
	if err := r.close(); err != nil {
		fmt.Fprintf(stderr, "crosstalk replay: %v\n", err)
		code = max(code, exitFail)
	}
	return code
}

type replay struct {
	stdout, stderr io.Writer
	progress       bool
	cfg            agent.Config
	guests         *inventory.Table
	pipe           *agent.Pipeline
	out            alertWriter
	flows          *bufio.Writer
	flowsFile      *os.File
	flowsEnc       *json.Encoder
	flowCount      uint64
	flowErr        error
}

func (r *replay) setup(format, guestsPath, flowsPath, configPath string) error {
	r.cfg = agent.DefaultConfig()
	if configPath != "" {
		cfg, err := agent.LoadConfig(configPath)
		if err != nil {
			return usageError{err}
		}
		r.cfg = cfg
	}
	if guestsPath != "" {
		t, err := inventory.LoadFile(guestsPath)
		if err != nil {
			return usageError{err}
		}
		r.guests = t
	}
	if format == "" {
		format = "jsonl"
		if isTerminal(r.stdout) {
			format = "table"
		}
	}
	switch format {
	case "jsonl":
		r.out = &jsonAlerts{JSONLines: alert.NewJSONLines(r.stdout)}
	case "table":
		r.out = newTableAlerts(r.stdout)
	default:
		return usageError{fmt.Errorf("--format: want table or jsonl, got %q", format)}
	}
	var onFlow func(*flowtable.Flow)
	if flowsPath != "" {
		f, err := os.Create(flowsPath)
		if err != nil {
			return usageError{err}
		}
		r.flowsFile = f
		r.flows = bufio.NewWriterSize(f, 1<<16)
		r.flowsEnc = json.NewEncoder(r.flows)
		r.flowsEnc.SetEscapeHTML(false)
		onFlow = r.writeFlow
	}
	var id agent.Identity
	if r.guests != nil {
		id = r.guests
	}
	r.pipe = agent.NewPipeline(r.cfg, id, r.out, onFlow)
	return nil
}

func (r *replay) writeFlow(f *flowtable.Flow) {
	r.flowCount++
	if r.flowErr != nil {
		return
	}
	var id alert.Identity
	if r.guests != nil {
		id = r.guests
	}
	rec := agent.FlowRecord(f, id)
	r.flowErr = r.flowsEnc.Encode(&rec)
}

// run reads every file through the pipeline; it returns exitUsage if a
// file was missing or damaged, after reporting what could be read.
func (r *replay) run(files []string) int {
	start := time.Now()
	var total int64
	for _, name := range files {
		if st, err := os.Stat(name); err == nil {
			total += st.Size()
		}
	}
	bar := newProgress(r.stderr, r.progress, total)
	code := exitOK
	var rec pcapfile.Record
	var done int64
	for _, name := range files {
		rd, err := pcapfile.Open(name)
		if err != nil {
			fmt.Fprintf(r.stderr, "crosstalk replay: %v\n", describeOpenError(name, err))
			code = exitUsage
			continue
		}
		for {
			err = rd.Next(&rec)
			if err != nil {
				break
			}
			r.pipe.Frame(rec.Time, rec.Data, decode.LinkType(rec.LinkType))
			bar.update(done + rd.BytesRead())
		}
		done += rd.BytesRead()
		if !errors.Is(err, io.EOF) {
			fmt.Fprintf(r.stderr, "crosstalk replay: %v\n", err)
			code = exitUsage
		}
		for _, w := range rd.Warnings() {
			fmt.Fprintf(r.stderr, "crosstalk replay: warning: %s\n", w)
			code = exitUsage
		}
		rd.Close()
	}
	r.pipe.Close()
	bar.finish()
	if err := r.out.Flush(); err != nil {
		fmt.Fprintf(r.stderr, "crosstalk replay: write alerts: %v\n", err)
		code = max(code, exitFail)
	}
	st := r.pipe.Stats()
	secs := time.Since(start).Seconds()
	fmt.Fprintf(r.stderr, "replay: %d file(s), %d packets (%d not decoded), %d flows, %d alerts in %.2f s (%.0f packets/s)\n",
		len(files), st.Frames, st.Truncated+st.Malformed+st.Unsupported, st.FlowTable.Created, st.Alerts.Alerts, secs, float64(st.Frames)/max(secs, 1e-9))
	if st.FlowTable.Evicted > 0 {
		fmt.Fprintf(r.stderr, "replay: flow table full: %d flows evicted (flowtable.max_flows is %d)\n", st.FlowTable.Evicted, r.cfg.FlowTable.MaxFlows)
	}
	return code
}

func describeOpenError(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no such file", name)
	}
	return err
}

func (r *replay) close() error {
	var errs []error
	if r.flows != nil {
		if r.flowErr != nil {
			errs = append(errs, fmt.Errorf("write flows: %w", r.flowErr))
		}
		if err := r.flows.Flush(); err != nil {
			errs = append(errs, fmt.Errorf("write flows: %w", err))
		}
		if err := r.flowsFile.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// alertWriter is an alert sink that can report its write errors.
type alertWriter interface {
	alert.Sink
	Flush() error
}

type jsonAlerts struct{ *alert.JSONLines }

func (j *jsonAlerts) Flush() error { return j.Err }

// tableAlerts prints one row per alert, for people.
type tableAlerts struct {
	w      *bufio.Writer
	header bool
	err    error
}

func newTableAlerts(w io.Writer) *tableAlerts { return &tableAlerts{w: bufio.NewWriter(w)} }

func (t *tableAlerts) Open(*alert.Alert) {}

func (t *tableAlerts) Close(a *alert.Alert) {
	if !t.header {
		t.header = true
		fmt.Fprintln(t.w, alert.TableHeader)
	}
	if _, err := fmt.Fprintln(t.w, a.Row()); err != nil && t.err == nil {
		t.err = err
	}
}

func (t *tableAlerts) Flush() error {
	if !t.header {
		fmt.Fprintln(t.w, "no alerts")
	}
	if err := t.w.Flush(); err != nil && t.err == nil {
		t.err = err
	}
	return t.err
}

// progressBar draws a bar on stderr when enabled, at most five times a
// second (the only use of the wall clock in replay: it never touches
// detection).
type progressBar struct {
	w     io.Writer
	on    bool
	total int64
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer, on bool, total int64) *progressBar {
	return &progressBar{w: w, on: on && total > 0, total: total}
}

func (p *progressBar) update(done int64) {
	if !p.on {
		return
	}
	if now := time.Now(); now.Sub(p.last) >= 200*time.Millisecond {
		p.last = now
		frac := min(float64(done)/float64(p.total), 1)
		n := int(frac * 40)
		fmt.Fprintf(p.w, "\r[%s%s] %3.0f%%", strings.Repeat("=", n), strings.Repeat(" ", 40-n), frac*100)
		p.drawn = true
	}
}

func (p *progressBar) finish() {
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 48))
	}
}
