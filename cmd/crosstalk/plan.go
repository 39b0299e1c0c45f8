package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/plan"
	"github.com/crosstalk-dev/crosstalk/plan/drill"
)

const planHelp = `Answer the consolidation questions of a fleet from its inventory file
(docs/fleet-inventory.md): what a host failure takes down and how many
hosts may fail at once (capacity), how to patch every host by live
migration without breaking capacity or anti-affinity (maintenance),
whether a plan file keeps the rules step by step (check), which hosts
are behind on patches (compliance), and a rehearsal that executes a
plan's live migrations through libvirt and measures them (drill; without
--plan or --guest it drills the maintenance plan of the inventory).
See docs/planner.md.

usage:
  crosstalk plan capacity    --inventory FILE [--failures K] [--max-sets N] [--format table|json]
  crosstalk plan maintenance --inventory FILE [--hosts H1,H2] [--max-hosts N] [--max-migrations-per-host N]
                             [--max-migrations N] [--patch-minutes M] [--max-downtime-ms MS]
                             [--keep-failures K] [--failures K] [--out PLAN.json] [--format table|json]
  crosstalk plan check       --inventory FILE PLAN.json [--format table|json]
  crosstalk plan compliance  --inventory FILE [--required FILE] [--date YYYY-MM-DD] [--format table|json]
  crosstalk plan drill       --inventory FILE --libvirt HOST=URI... [--plan PLAN.json [--step N] | --guest NAME --to HOST]
                             [--back] [--timeout D] [--bandwidth MIB/S] [--dry-run] [--report FILE] [--format table|json]

Every subcommand reads --inventory FILE, or with --server ADDR the live
inventory of a fleet server (crosstalk server: GET /api/v1/inventory, with
its API token from --token-file or $CROSSTALK_TOKEN).

--format defaults to table on a terminal and json otherwise; the JSON is
stable for scripts. A progress bar shows on stderr when it is a terminal.

Exit status: 0 when the answer was computed (a fleet below its target is
an answer, not an error), 2 for bad arguments or a bad inventory, plan or
requirements file (the message names the file, line and entry), 1 when
maintenance cannot be planned (a fleet below its N+k target is refused),
a checked plan breaks a rule, or a drill's migration was aborted or
failed.
`

func runPlan(args []string, stdout, stderr io.Writer) int {
	return runSubcommand("plan", planHelp, map[string]func([]string, io.Writer, io.Writer) int{
		"capacity":    runPlanCapacity,
		"maintenance": runPlanMaintenance,
		"check":       runPlanCheck,
		"compliance":  runPlanCompliance,
		"drill":       runPlanDrill,
	}, args, stdout, stderr)
}

// planFlags are the flags every plan subcommand takes.
type planFlags struct {
	name      string
	fl        *flag.FlagSet
	inventory *string
	server    *string
	tokenFile *string
	insecure  *bool
	format    *string
	progress  *bool
	stderr    io.Writer
}

func newPlanFlags(name string, stderr io.Writer) *planFlags {
	fl := newFlagSet("plan "+name, stderr)
	p := &planFlags{name: name, fl: fl, stderr: stderr}
	p.inventory = fl.String("inventory", "", "fleet inventory file (YAML or JSON)")
	p.server = fl.String("server", "", "read the live inventory from the fleet server's API at this address (host:port or https://host:port) instead")
	p.tokenFile = fl.String("token-file", "", "the server's API token for --server (default: $CROSSTALK_TOKEN, else "+api.DefaultTokenFile+")")
	p.insecure = fl.Bool("insecure", false, "with https, do not check the server's certificate")
	p.format = fl.String("format", "", "output: table or json (default: table on a terminal, json otherwise)")
	p.progress = fl.Bool("progress", isTerminal(os.Stderr), "show a progress bar on stderr")
	fl.Usage = func() { fmt.Fprint(stderr, planHelp); fl.PrintDefaults() }
	return p
}

// parse parses the arguments and loads the inventory. It returns the
// positional arguments, or an exit status when it is done.
func (p *planFlags) parse(args []string) (*plan.Inventory, []string, int, bool) {
	pos, err := parseArgs(p.fl, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil, nil, exitOK, false
	}
	if err != nil {
		return nil, nil, exitUsage, false
	}
	if *p.format == "" {
		*p.format = "json"
		if isTerminal(os.Stdout) {
			*p.format = "table"
		}
	}
	if *p.format != "table" && *p.format != "json" {
		return nil, nil, p.fail(usageError{fmt.Errorf("--format must be table or json, got %q", *p.format)}), false
	}
	switch {
	case *p.inventory == "" && *p.server == "":
		return nil, nil, p.fail(usageError{errors.New("--inventory FILE or --server ADDR is required")}), false
	case *p.inventory != "" && *p.server != "":
		return nil, nil, p.fail(usageError{errors.New("--inventory and --server: give one")}), false
	case *p.server != "":
		inv, err := p.fromServer()
		if err != nil {
			return nil, nil, p.fail(err), false
		}
		return inv, pos, exitOK, true
	}
	inv, err := plan.LoadInventory(*p.inventory)
	if err != nil {
		return nil, nil, p.fail(usageError{err}), false
	}
	return inv, pos, exitOK, true
}

// fromServer reads the fleet server's live inventory (GET
// /api/v1/inventory) and checks it as a file would be.
func (p *planFlags) fromServer() (*plan.Inventory, error) {
	c, err := tokenClient("--server", *p.server, *p.tokenFile, *p.insecure)
	if err != nil {
		return nil, usageError{err}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var raw json.RawMessage
	if err := c.Get(ctx, "/api/v1/inventory", &raw); err != nil {
		return nil, fmt.Errorf("--server %s: %w", *p.server, err)
	}
	inv, err := plan.ParseInventory(raw)
	if err != nil {
		return nil, fmt.Errorf("--server %s: the inventory it answered: %w", *p.server, err)
	}
	return inv, nil
}

func (p *planFlags) fail(err error) int {
	fmt.Fprintf(p.stderr, "crosstalk plan %s: %v\n", p.name, err)
	return exitCode(err)
}

// output writes v as indented JSON, or as its table.
func (p *planFlags) output(stdout io.Writer, v interface{ WriteTable(io.Writer) error }) int {
	var err error
	if *p.format == "table" {
		err = v.WriteTable(stdout)
	} else {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(v)
	}
	if err != nil {
		return p.fail(err)
	}
	return exitOK
}

func runPlanCapacity(args []string, stdout, stderr io.Writer) int {
	p := newPlanFlags("capacity", stderr)
	failures := p.fl.Int("failures", -1, "target k of N+k (default: the inventory's cluster.target_failures)")
	maxSets := p.fl.Int("max-sets", plan.DefaultCapacityOptions.MaxSets, "check every failure set of a level up to this many; sample larger levels")
	inv, _, code, ok := p.parse(args)
	if !ok {
		return code
	}
	if *maxSets < 1 {
		return p.fail(usageError{fmt.Errorf("--max-sets must be 1 or more, got %d", *maxSets)})
	}
	opt := plan.DefaultCapacityOptions
	opt.Failures, opt.MaxSets = *failures, *maxSets
	bar := newLevelProgress(stderr, *p.progress)
	opt.Progress = bar.level
	r := plan.Capacity(inv, opt)
	bar.finish()
	return p.output(stdout, r)
}

func runPlanMaintenance(args []string, stdout, stderr io.Writer) int {
	p := newPlanFlags("maintenance", stderr)
	d := plan.DefaultMaintenanceOptions
	hosts := p.fl.String("hosts", "", "comma-separated hosts to patch (default: every host)")
	maxHosts := p.fl.Int("max-hosts", d.MaxHosts, "hosts in maintenance at once")
	perHost := p.fl.Int("max-migrations-per-host", d.MaxMigrationsPerHost, "migrations leaving one host at once (they share its bandwidth)")
	overall := p.fl.Int("max-migrations", d.MaxMigrations, "migrations at once in the fleet (0: max-hosts x max-migrations-per-host)")
	patchMin := p.fl.Float64("patch-minutes", d.PatchMinutes, "minutes to patch and reboot an empty host")
	downtime := p.fl.Float64("max-downtime-ms", d.MaxDowntimeMs, "live migration switch-over limit (QEMU downtime-limit)")
	keep := p.fl.Int("keep-failures", d.KeepFailures, "N+k every step must still hold")
	failures := p.fl.Int("failures", d.Failures, "target k checked before the plan starts (default: the inventory's)")
	out := p.fl.String("out", "", "also write the plan file (JSON) here, for plan check and drills")
	inv, _, code, ok := p.parse(args)
	if !ok {
		return code
	}
	opt := d
	opt.MaxHosts, opt.MaxMigrationsPerHost, opt.MaxMigrations = *maxHosts, *perHost, *overall
	opt.PatchMinutes, opt.MaxDowntimeMs, opt.KeepFailures, opt.Failures = *patchMin, *downtime, *keep, *failures
	if *hosts != "" {
		opt.Hosts = strings.Split(*hosts, ",")
	}
	bar := newProgress(stderr, *p.progress, int64(len(inv.Hosts)))
	opt.Progress = func(done, total int) { bar.total = int64(total); bar.update(int64(done)) }
	pl, err := plan.Maintenance(inv, opt)
	bar.finish()
	if errors.Is(err, plan.ErrOptions) {
		return p.fail(usageError{err})
	}
	if err != nil {
		return p.fail(err)
	}
	if *out != "" {
		data, err := json.MarshalIndent(pl, "", "  ")
		if err == nil {
			err = os.WriteFile(*out, append(data, '\n'), 0o644)
		}
		if err != nil {
			return p.fail(fmt.Errorf("write plan: %w", err))
		}
	}
	return p.output(stdout, pl)
}

// violations is what plan check prints.
type violations struct {
	Plan       string           `json:"plan"`
	OK         bool             `json:"ok"`
	Violations []plan.Violation `json:"violations"`
}

func (v *violations) WriteTable(w io.Writer) error {
	if v.OK {
		_, err := fmt.Fprintf(w, "%s: every step keeps capacity, anti-affinity, affinity and its N+k claim\n", v.Plan)
		return err
	}
	for _, x := range v.Violations {
		if _, err := fmt.Fprintln(w, x.String()); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%s: %d violations\n", v.Plan, len(v.Violations))
	return err
}

func runPlanCheck(args []string, stdout, stderr io.Writer) int {
	p := newPlanFlags("check", stderr)
	inv, pos, code, ok := p.parse(args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return p.fail(usageError{errors.New("give one plan file (crosstalk plan maintenance --out PLAN.json)")})
	}
	pl, err := plan.LoadPlan(pos[0])
	if err != nil {
		return p.fail(usageError{err})
	}
	v := &violations{Plan: pos[0], Violations: plan.CheckPlan(inv, pl)}
	if v.Violations == nil {
		v.Violations = []plan.Violation{}
	}
	v.OK = len(v.Violations) == 0
	if code := p.output(stdout, v); code != exitOK {
		return code
	}
	if !v.OK {
		return exitFail
	}
	return exitOK
}

func runPlanCompliance(args []string, stdout, stderr io.Writer) int {
	p := newPlanFlags("compliance", stderr)
	required := p.fl.String("required", "", "required versions file (YAML): kernel, qemu, libvirt, max_patch_age_days")
	date := p.fl.String("date", "", "the day to count patch age from, YYYY-MM-DD (default: today)")
	inv, _, code, ok := p.parse(args)
	if !ok {
		return code
	}
	now := time.Now()
	if *date != "" {
		d, err := time.Parse(time.DateOnly, *date)
		if err != nil {
			return p.fail(usageError{fmt.Errorf("--date %q is not a date (YYYY-MM-DD)", *date)})
		}
		now = d
	}
	var req *plan.Requirements
	if *required != "" {
		r, err := plan.LoadRequirements(*required)
		if err != nil {
			return p.fail(usageError{err})
		}
		req = r
	}
	return p.output(stdout, plan.Compliance(inv, req, now))
}

// levelProgress shows one bar per level of the capacity check.
type levelProgress struct {
	w   io.Writer
	on  bool
	at  int
	bar *progressBar
}

func newLevelProgress(w io.Writer, on bool) *levelProgress { return &levelProgress{w: w, on: on} }

func (l *levelProgress) level(k int, done, total int64) {
	if !l.on {
		return
	}
	if k != l.at || l.bar == nil {
		l.finish()
		l.at = k
		fmt.Fprintf(l.w, "checking the sets of %d failed hosts\n", k)
		l.bar = newProgress(l.w, true, total)
	}
	l.bar.update(done)
}

func (l *levelProgress) finish() {
	if l.bar != nil {
		l.bar.finish()
	}
}

// hostURIs collects repeated --libvirt HOST=URI flags.
type hostURIs map[string]string

func (h hostURIs) String() string { return fmt.Sprint(map[string]string(h)) }

func (h hostURIs) Set(v string) error {
	name, uri, ok := strings.Cut(v, "=")
	if !ok || name == "" || uri == "" {
		return fmt.Errorf("want HOST=URI, got %q", v)
	}
	if _, dup := h[name]; dup {
		return fmt.Errorf("host %s given twice", name)
	}
	h[name] = uri
	return nil
}

func runPlanDrill(args []string, stdout, stderr io.Writer) int {
	p := newPlanFlags("drill", stderr)
	uris := hostURIs{}
	p.fl.Var(uris, "libvirt", "a host's libvirt URI, HOST=URI (repeat for every host the drill touches)")
	planPath := p.fl.String("plan", "", "plan file to drill (default: the inventory's maintenance plan)")
	step := p.fl.Int("step", 0, "drill only this step of the plan")
	guest := p.fl.String("guest", "", "drill one migration: this guest ...")
	to := p.fl.String("to", "", "... to this host")
	back := p.fl.Bool("back", false, "return every moved guest where it started at the end, in reverse order")
	timeout := p.fl.Duration("timeout", 10*time.Minute, "abort a migration that takes longer")
	bandwidth := p.fl.Float64("bandwidth", 0, "cap each migration's bandwidth, MiB/s (0: the hypervisor's default)")
	downtime := p.fl.Float64("max-downtime-ms", 0, "switch-over limit of each migration (0: the hypervisor's default)")
	dryRun := p.fl.Bool("dry-run", false, "simulate with the pre-copy model; touch no hypervisor")
	reportPath := p.fl.String("report", "", "also write the drill report (JSON) here")
	inv, _, code, ok := p.parse(args)
	if !ok {
		return code
	}
	var pl *plan.MaintenancePlan
	var err error
	switch {
	case *guest != "" || *to != "":
		if *guest == "" || *to == "" || *planPath != "" {
			return p.fail(usageError{errors.New("--guest and --to go together, without --plan")})
		}
		pl, err = drill.Single(inv, *guest, *to)
	case *planPath != "":
		pl, err = plan.LoadPlan(*planPath)
		if err == nil {
			if vs := plan.CheckPlan(inv, pl); len(vs) > 0 {
				err = fmt.Errorf("%s breaks the rules (crosstalk plan check): %v", *planPath, vs[0])
			}
		}
	default:
		pl, err = plan.Maintenance(inv, plan.DefaultMaintenanceOptions)
		if err != nil && !errors.Is(err, plan.ErrOptions) {
			return p.fail(err) // below target, or nothing to evacuate: as plan maintenance says it
		}
	}
	if err != nil {
		return p.fail(usageError{err})
	}
	if *step < 0 || *step > len(pl.Steps) {
		return p.fail(usageError{fmt.Errorf("--step %d: the plan has steps 1 to %d", *step, len(pl.Steps))})
	}
	var m drill.Migrator
	if *dryRun {
		m = drill.NewModel(inv)
	} else {
		if len(uris) == 0 {
			return p.fail(usageError{errors.New("give each host's libvirt URI with --libvirt HOST=URI, or --dry-run")})
		}
		v, err := drill.DialLibvirt(uris)
		if err != nil {
			return p.fail(err)
		}
		defer v.Close()
		m = v
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgress(stderr, *p.progress, 1)
	opt := drill.Options{Step: *step, Back: *back, Timeout: *timeout,
		Migrate:  drill.MigrateOptions{BandwidthMiBs: *bandwidth, MaxDowntimeMs: *downtime},
		Progress: func(done, total int) { bar.total = int64(total); bar.update(int64(done)) }}
	r := drill.Run(ctx, pl, m, opt)
	bar.finish()
	if *reportPath != "" {
		data, err := json.MarshalIndent(r, "", "  ")
		if err == nil {
			err = os.WriteFile(*reportPath, append(data, '\n'), 0o644)
		}
		if err != nil {
			return p.fail(fmt.Errorf("write report: %w", err))
		}
	}
	if code := p.output(stdout, r); code != exitOK {
		return code
	}
	if r.Summary.Aborted+r.Summary.Failed > 0 {
		return exitFail
	}
	return exitOK
}
