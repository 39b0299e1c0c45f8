package policy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/crosstalk-dev/crosstalk/inventory"
)

// Limits on a policy file, so that a file cannot make the agent (or the
// datapath maps) grow without bound.
const (
	MaxBytes = 4 << 20 // the file
	MaxRules = 65536   // rules in all policies
)

// Error is a defect in a policy file: where (the line, and the path of
// the field such as policies[0].rules[2].ports[1]) and why.
type Error struct {
	Line int
	Path string
	Err  error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// The file as written; the typed decoder rejects unknown keys.
type rawFile struct {
	Version  int         `yaml:"version"`
	Policies []rawPolicy `yaml:"policies"`
}

type rawPolicy struct {
	Name  string    `yaml:"name"`
	Mode  string    `yaml:"mode"`
	Scope string    `yaml:"scope"`
	Rules []rawRule `yaml:"rules"`
}

type rawRule struct {
	Name   string   `yaml:"name"`
	From   string   `yaml:"from"`
	To     string   `yaml:"to"`
	Ports  []string `yaml:"ports"`
	Action string   `yaml:"action"`
}

var validName = regexp.MustCompile(`^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$`)

// Parse reads and validates a policy file. Every error names the line.
func Parse(data []byte) (*Set, error) {
	if len(data) > MaxBytes {
		return nil, &Error{Err: fmt.Errorf("%d bytes: a policy file is at most %d", len(data), MaxBytes)}
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{Err: errors.New("empty policy file")}
		}
		return nil, yamlError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &Error{Line: extra.Line, Err: errors.New("a second YAML document: a policy file is one document")}
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, &Error{Line: root.Line, Err: errors.New("want a mapping with version: 1 and policies:")}
	}
	strict := yaml.NewDecoder(bytes.NewReader(data))
	strict.KnownFields(true)
	var raw rawFile
	if err := strict.Decode(&raw); err != nil {
		return nil, yamlError(err)
	}
	doc := root.Content[0]
	if raw.Version != 1 {
		return nil, &Error{Line: line(doc, "version"), Path: "version", Err: fmt.Errorf("want 1, got %d", raw.Version)}
	}
	pols := seq(doc, "policies")
	set := &Set{}
	names := map[string]int{}
	rules := 0
	for i, rp := range raw.Policies {
		pn := item(pols, i)
		path := fmt.Sprintf("policies[%d]", i)
		p, err := rp.policy(pn, path)
		if err != nil {
			return nil, err
		}
		if first, dup := names[p.Name]; dup {
			return nil, &Error{Line: line(pn, "name"), Path: path + ".name", Err: fmt.Errorf("%q is also the name of the policy on line %d", p.Name, first)}
		}
		names[p.Name] = p.Line
		if rules += len(p.Rules); rules > MaxRules {
			return nil, &Error{Line: p.Line, Path: path, Err: fmt.Errorf("more than %d rules in the file", MaxRules)}
		}
		set.Policies = append(set.Policies, p)
	}
	return set, nil
}

func (rp rawPolicy) policy(n *yaml.Node, path string) (Policy, error) {
	p := Policy{Name: rp.Name, Mode: Mode(rp.Mode), Line: line(n, "")}
	if !validName.MatchString(rp.Name) {
		return p, &Error{Line: line(n, "name"), Path: path + ".name", Err: fmt.Errorf("%q: want lower-case letters, digits, '.', '_' or '-', at most 63", rp.Name)}
	}
	switch p.Mode {
	case "":
		p.Mode = Observe // a new policy watches before it drops
	case Observe, Enforce:
	default:
		return p, &Error{Line: line(n, "mode"), Path: path + ".mode", Err: fmt.Errorf("want observe or enforce, got %q", rp.Mode)}
	}
	var err error
	if p.Scope, err = selector(rp.Scope); err != nil {
		return p, &Error{Line: line(n, "scope"), Path: path + ".scope", Err: err}
	}
	rs := seq(n, "rules")
	ruleNames := map[string]int{}
	for j, rr := range rp.Rules {
		rn := item(rs, j)
		rpath := fmt.Sprintf("%s.rules[%d]", path, j)
		r, err := rr.rule(rn, rpath)
		if err != nil {
			return p, err
		}
		if first, dup := ruleNames[r.Name]; dup {
			return p, &Error{Line: line(rn, "name"), Path: rpath + ".name", Err: fmt.Errorf("%q is also the name of the rule on line %d", r.Name, first)}
		}
		ruleNames[r.Name] = r.Line
		for k := range p.Rules {
			if err := contradicts(&p.Rules[k], &r); err != nil {
				return p, &Error{Line: r.Line, Path: rpath, Err: err}
			}
		}
		p.Rules = append(p.Rules, r)
	}
	return p, nil
}

func (rr rawRule) rule(n *yaml.Node, path string) (Rule, error) {
	r := Rule{Name: rr.Name, Action: Action(rr.Action), Line: line(n, "")}
	if !validName.MatchString(rr.Name) || rr.Name == "default-deny" {
		return r, &Error{Line: line(n, "name"), Path: path + ".name", Err: fmt.Errorf("%q: want lower-case letters, digits, '.', '_' or '-', at most 63 (and not default-deny)", rr.Name)}
	}
	var err error
	if r.From, err = selector(rr.From); err != nil {
		return r, &Error{Line: line(n, "from"), Path: path + ".from", Err: err}
	}
	if r.To, err = selector(rr.To); err != nil {
		return r, &Error{Line: line(n, "to"), Path: path + ".to", Err: err}
	}
	ports := seq(n, "ports")
	for k, s := range rr.Ports {
		pr, err := ParsePort(s)
		if err != nil {
			l := line(n, "ports")
			if pn := item(ports, k); pn != nil {
				l = line(pn, "")
			}
			return r, &Error{Line: l, Path: fmt.Sprintf("%s.ports[%d]", path, k), Err: err}
		}
		r.Ports = append(r.Ports, pr)
	}
	switch r.Action {
	case Allow, Deny:
	default:
		return r, &Error{Line: line(n, "action"), Path: path + ".action", Err: fmt.Errorf("want allow or deny, got %q", rr.Action)}
	}
	return r, nil
}

// selector parses a selector that must not match every guest by
// accident: an empty one is refused, name=* says "all" on purpose.
func selector(s string) (inventory.Selector, error) {
	if strings.TrimSpace(s) == "" {
		return inventory.Selector{}, fmt.Errorf("empty: it would match every guest (write name=* if that is meant)")
	}
	sel, err := inventory.ParseSelector(s)
	if err == nil && len(sel.Sources) > 0 {
		err = errors.New("source= has no place in a policy: which provider reported a guest says nothing about what it may talk to")
	}
	return sel, err
}

// contradicts reports an earlier rule a that takes a different action on
// some flow the later rule b also names (the same from and to, ports that
// overlap): the first match wins, so b would silently never apply there.
func contradicts(a, b *Rule) error {
	if a.Action == b.Action || a.From.String() != b.From.String() || a.To.String() != b.To.String() {
		return nil
	}
	all := []PortRange{{Lo: 0, Hi: 65535}}
	pa, pb := a.Ports, b.Ports
	if len(pa) == 0 {
		pa = all
	}
	if len(pb) == 0 {
		pb = all
	}
	for _, x := range pa {
		for _, y := range pb {
			if x.overlaps(y) {
				return fmt.Errorf("contradicts rule %q (line %d) on %s: the first matching rule wins, so this %s never applies there", a.Name, a.Line, overlap(x, y), b.Action)
			}
		}
	}
	return nil
}

func overlap(x, y PortRange) string {
	p := PortRange{Proto: max(x.Proto, y.Proto), Lo: max(x.Lo, y.Lo), Hi: min(x.Hi, y.Hi)}
	if x.Proto != 0 && y.Proto != 0 {
		p.Proto = x.Proto
	}
	return p.String()
}

// line is the line of key's value in mapping n (n's own line when absent).
func line(n *yaml.Node, key string) int {
	if v := field(n, key); v != nil {
		return v.Line
	}
	if n != nil {
		return n.Line
	}
	return 0
}

func field(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func seq(n *yaml.Node, key string) *yaml.Node { return field(n, key) }

func item(n *yaml.Node, i int) *yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
		return nil
	}
	return n.Content[i]
}

// yamlError turns the YAML library's "yaml: line 3: ..." into an Error.
func yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	var l int
	if n, _ := fmt.Sscanf(msg, "line %d:", &l); n == 1 {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	return &Error{Line: l, Err: errors.New(msg)}
}
