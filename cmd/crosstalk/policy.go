package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/crosstalk-dev/crosstalk/agent"
	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/policy"
)

const policyHelp = `Check, compare and apply segmentation policies (docs/policy.md).

usage: crosstalk policy check FILE [--guests FILE] [--socket PATH]
       crosstalk policy diff FILE [--since D] [--format table|json] [--socket PATH | --addr HOST:PORT ...]
       crosstalk policy apply FILE [--socket PATH | --addr HOST:PORT ...]

check   validates FILE (errors name the line) and shows which guests each
        policy governs (from --guests, else the running agent), warning of
        selectors that match no guest.
diff    compares FILE with the policy in force: the policies and rules that
        change, and the recent flows (the agent's store, --since) whose
        verdict would change.
apply   puts FILE in force on the agent, as its next version.
`

func runPolicy(args []string, stdout, stderr io.Writer) int {
	return runSubcommand("policy", policyHelp, map[string]func([]string, io.Writer, io.Writer) int{
		"check": runPolicyCheck,
		"diff":  runPolicyDiff,
		"apply": runPolicyApply,
	}, args, stdout, stderr)
}

// readPolicy reads and parses the one FILE argument.
func readPolicy(name string, args []string, stderr io.Writer) ([]byte, *policy.Set, int) {
	if len(args) != 1 {
		fmt.Fprintf(stderr, "crosstalk policy %s: want one policy FILE\n", name)
		return nil, nil, exitUsage
	}
	src, err := os.ReadFile(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk policy %s: %v\n", name, err)
		return nil, nil, exitUsage
	}
	set, err := policy.Parse(src)
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk policy %s: %s: %v\n", name, args[0], err)
		return nil, nil, exitUsage
	}
	return src, set, exitOK
}

func runPolicyCheck(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("policy check", stderr)
	guestsFile := fl.String("guests", "", "guests file (YAML) to show what the selectors match")
	socket := fl.String("socket", "", "ask the running agent for its guests (default its socket, when it answers)")
	fl.Usage = func() { fmt.Fprint(stderr, policyHelp); fl.PrintDefaults() }
	pos, code, ok := parseWithArgs(fl, args)
	if !ok {
		return code
	}
	_, set, code := readPolicy("check", pos, stderr)
	if code != exitOK {
		return code
	}
	var guests []inventory.Guest
	known := false
	switch {
	case *guestsFile != "":
		gs, err := inventory.ReadFile(*guestsFile)
		if err != nil {
			fmt.Fprintf(stderr, "crosstalk policy check: %v\n", err)
			return exitUsage
		}
		guests, known = gs, true
	default:
		sock := *socket
		if sock == "" {
			sock = agent.DefaultSocket
		}
		if _, err := os.Stat(sock); err == nil {
			var v api.GuestsView
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			err := api.SocketClient(sock).Get(ctx, "/api/v1/guests", &v)
			cancel()
			if err == nil {
				guests, known = v.Guests, true
			}
		}
	}
	rules := 0
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "POLICY\tMODE\tSCOPE\tRULES\tGOVERNS")
	var warnings []string
	for _, p := range set.Policies {
		rules += len(p.Rules)
		governs := "-"
		if known {
			n := matching(guests, p.Scope)
			governs = fmt.Sprintf("%d guests", len(n))
			if len(n) == 0 {
				warnings = append(warnings, fmt.Sprintf("policy %s (line %d): scope %s matches no guest", p.Name, p.Line, p.Scope.String()))
			}
			for _, r := range p.Rules {
				for _, side := range []struct {
					name string
					sel  inventory.Selector
				}{{"from", r.From}, {"to", r.To}} {
					if len(matching(guests, side.sel)) == 0 {
						warnings = append(warnings, fmt.Sprintf("policy %s rule %s (line %d): %s %s matches no guest", p.Name, r.Name, r.Line, side.name, side.sel.String()))
					}
				}
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", p.Name, p.Mode, p.Scope.String(), len(p.Rules), governs)
	}
	tw.Flush()
	for _, w := range warnings {
		fmt.Fprintf(stderr, "crosstalk policy check: warning: %s\n", w)
	}
	fmt.Fprintf(stdout, "%s: valid: %d policies, %d rules\n", pos[0], len(set.Policies), rules)
	return exitOK
}

func matching(guests []inventory.Guest, s inventory.Selector) []string {
	var out []string
	for i := range guests {
		if s.Matches(&guests[i]) {
			out = append(out, guests[i].Name)
		}
	}
	return out
}

func runPolicyApply(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("policy apply", stderr)
	cf := addClientFlags(fl)
	fl.Usage = func() { fmt.Fprint(stderr, policyHelp); fl.PrintDefaults() }
	pos, code, ok := parseWithArgs(fl, args)
	if !ok {
		return code
	}
	src, _, code := readPolicy("apply", pos, stderr)
	if code != exitOK {
		return code
	}
	c, err := cf.client()
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk policy apply: %v\n", err)
		return exitUsage
	}
	var res api.PolicyApplied
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Post(ctx, "/api/v1/policies", "application/yaml", src, &res); err != nil {
		fmt.Fprintf(stderr, "crosstalk policy apply: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "applied %s as version %d: %d policies, %d rules\n", pos[0], res.Version, res.Policies, res.Rules)
	if res.Note != "" {
		fmt.Fprintf(stderr, "crosstalk policy apply: note: %s\n", res.Note)
	}
	return exitOK
}

// verdictChange is the recent flows of one edge whose verdict changes.
type verdictChange struct {
	Src   string `json:"src"`
	Dst   string `json:"dst"`
	Proto string `json:"proto"`
	Port  uint16 `json:"port"`
	From  string `json:"from"` // the verdict now, "" for none
	To    string `json:"to"`
	Rule  string `json:"rule"` // the new verdict's policy/rule
	Flows int    `json:"flows"`
}

// policyDiff is what `policy diff` reports.
type policyDiff struct {
	Version  int64           `json:"version"` // the version in force
	Policies []string        `json:"policies"`
	Flows    int             `json:"flows"` // recent flows looked at
	Changes  []verdictChange `json:"changes"`
}

func runPolicyDiff(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("policy diff", stderr)
	since := fl.String("since", "24h", "the recent flows to judge: a duration back from now or an RFC 3339 time")
	format := fl.String("format", "", "table or json (default: table on a terminal, json otherwise)")
	cf := addClientFlags(fl)
	fl.Usage = func() { fmt.Fprint(stderr, policyHelp); fl.PrintDefaults() }
	pos, code, ok := parseWithArgs(fl, args)
	if !ok {
		return code
	}
	if !tableOrJSON("crosstalk policy diff", format, stdout, stderr) {
		return exitUsage
	}
	_, next, code := readPolicy("diff", pos, stderr)
	if code != exitOK {
		return code
	}
	c, err := cf.client()
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk policy diff: %v\n", err)
		return exitUsage
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var now api.PolicyView
	if err := c.Get(ctx, "/api/v1/policies", &now); err != nil {
		fmt.Fprintf(stderr, "crosstalk policy diff: %v\n", err)
		return exitFail
	}
	cur := &policy.Set{}
	if now.Source != "" {
		if cur, err = policy.Parse([]byte(now.Source)); err != nil {
			fmt.Fprintf(stderr, "crosstalk policy diff: the policy in force (version %d): %v\n", now.Version, err)
			return exitFail
		}
	}
	var flows []flow.Record
	q := url.Values{"since": {*since}, "limit": {"10000"}}
	if err := c.Get(ctx, "/api/v1/flows?"+q.Encode(), &flows); err != nil {
		fmt.Fprintf(stderr, "crosstalk policy diff: %v\n", err)
		return exitFail
	}
	d := policyDiff{Version: now.Version, Policies: comparePolicies(cur, next), Flows: len(flows), Changes: verdictChanges(cur, next, flows)}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(d)
		return exitOK
	}
	for _, line := range d.Policies {
		fmt.Fprintln(stdout, line)
	}
	if len(d.Policies) == 0 {
		fmt.Fprintf(stdout, "no policy or rule changes against version %d\n", d.Version)
	}
	fmt.Fprintf(stdout, "\n%d recent flows judged (since %s); %d edges would change verdict\n", d.Flows, *since, len(d.Changes))
	if len(d.Changes) > 0 {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "SOURCE\tDESTINATION\tSERVICE\tNOW\tTHEN\tBY\tFLOWS")
		for _, ch := range d.Changes {
			fmt.Fprintf(tw, "%s\t%s\t%s/%d\t%s\t%s\t%s\t%d\n", ch.Src, ch.Dst, ch.Proto, ch.Port, dash(ch.From), dash(ch.To), dash(ch.Rule), ch.Flows)
		}
		tw.Flush()
	}
	return exitOK
}

// comparePolicies says, for people, which policies and rules are added,
// removed or changed between cur and next.
func comparePolicies(cur, next *policy.Set) []string {
	var out []string
	old := map[string]*policy.Policy{}
	for i := range cur.Policies {
		old[cur.Policies[i].Name] = &cur.Policies[i]
	}
	seen := map[string]bool{}
	for i := range next.Policies {
		p := &next.Policies[i]
		seen[p.Name] = true
		o, ok := old[p.Name]
		if !ok {
			out = append(out, fmt.Sprintf("+ policy %s (%s, scope %s, %d rules)", p.Name, p.Mode, p.Scope.String(), len(p.Rules)))
			continue
		}
		if o.Mode != p.Mode {
			out = append(out, fmt.Sprintf("~ policy %s: mode %s -> %s", p.Name, o.Mode, p.Mode))
		}
		if o.Scope.String() != p.Scope.String() {
			out = append(out, fmt.Sprintf("~ policy %s: scope %s -> %s", p.Name, o.Scope.String(), p.Scope.String()))
		}
		oldRules := map[string]string{}
		for _, r := range o.Rules {
			oldRules[r.Name] = ruleText(&r)
		}
		newRules := map[string]bool{}
		for _, r := range p.Rules {
			newRules[r.Name] = true
			switch was, ok := oldRules[r.Name]; {
			case !ok:
				out = append(out, fmt.Sprintf("+ policy %s rule %s: %s", p.Name, r.Name, ruleText(&r)))
			case was != ruleText(&r):
				out = append(out, fmt.Sprintf("~ policy %s rule %s: %s -> %s", p.Name, r.Name, was, ruleText(&r)))
			}
		}
		for _, r := range o.Rules {
			if !newRules[r.Name] {
				out = append(out, fmt.Sprintf("- policy %s rule %s: %s", p.Name, r.Name, ruleText(&r)))
			}
		}
	}
	for _, p := range cur.Policies {
		if !seen[p.Name] {
			out = append(out, fmt.Sprintf("- policy %s", p.Name))
		}
	}
	return out
}

func ruleText(r *policy.Rule) string {
	ports := make([]string, len(r.Ports))
	for i, p := range r.Ports {
		ports[i] = p.String()
	}
	if len(ports) == 0 {
		ports = []string{"any"}
	}
	return fmt.Sprintf("%s %s -> %s %s", r.Action, r.From.String(), r.To.String(), strings.Join(ports, ","))
}

// verdictChanges judges each flow under both sets; the flows whose
// verdict differs are summed per edge.
func verdictChanges(cur, next *policy.Set, flows []flow.Record) []verdictChange {
	type key struct {
		src, dst, proto, from, to, rule string
		port                            uint16
	}
	sums := map[key]int{}
	for i := range flows {
		r := &flows[i]
		src := &inventory.Guest{Name: r.Src.Guest, Labels: r.Src.Labels}
		dst := &inventory.Guest{Name: r.Dst.Guest, Labels: r.Dst.Labels}
		proto := protoNumber(r.Proto)
		port := r.Dst.Port
		if proto != flow.ProtoTCP && proto != flow.ProtoUDP {
			port = 0
		}
		a, b := cur.Verdict(src, dst, proto, port), next.Verdict(src, dst, proto, port)
		if a.Action == b.Action {
			continue
		}
		by := ""
		if b.Policy != "" {
			by = b.Policy + "/" + b.Rule
		}
		sums[key{side(r.Src), side(r.Dst), r.Proto, a.Action, b.Action, by, port}]++
	}
	out := make([]verdictChange, 0, len(sums))
	for k, n := range sums {
		out = append(out, verdictChange{Src: k.src, Dst: k.dst, Proto: k.proto, Port: k.port, From: k.from, To: k.to, Rule: k.rule, Flows: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Flows != out[j].Flows {
			return out[i].Flows > out[j].Flows
		}
		return out[i].Src+out[i].Dst < out[j].Src+out[j].Dst
	})
	return out
}

func side(e flow.Endpoint) string {
	if e.Guest != "" {
		return e.Guest
	}
	return e.IP
}

func protoNumber(name string) uint8 {
	switch name {
	case "tcp":
		return flow.ProtoTCP
	case "udp":
		return flow.ProtoUDP
	case "icmp":
		return flow.ProtoICMP
	case "icmp6":
		return flow.ProtoICMPv6
	}
	var n uint8
	fmt.Sscanf(name, "ip-%d", &n) // flow.ProtoName's other protocols
	return n
}
