// Package policy is the segmentation policy: the YAML model of DESIGN.md
// section 8, its parser (errors name the line), validation, and the
// verdict for a flow between two guests. Policies select guests by label;
// within a policy's scope, traffic that no rule allows is denied; each
// policy is observed (would-deny) or enforced; quarantine sits above them
// all.
//
//	version: 1
//	policies:
//	  - name: shop
//	    mode: enforce                  # or observe (the default)
//	    scope: app=shop                # the guests it governs
//	    rules:
//	      - {name: web-to-db, from: tier=web, to: tier=db, ports: [tcp/5432], action: allow}
//	      - {name: no-ssh, from: tier=web, to: tier=app, ports: [tcp/22], action: deny}
//
// A flow is governed by every policy whose scope holds its source or its
// destination. In each such policy the first rule that matches decides;
// when none does, the policy's default deny does. The flow passes only if
// every governing policy allows it; the verdict names the first policy
// (in file order) that does not. A deny from an observe policy is a
// would-deny: counted and alerted, not dropped.
package policy

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
)

// Mode says whether a policy's denies drop traffic.
type Mode string

// The modes.
const (
	Observe Mode = "observe"
	Enforce Mode = "enforce"
)

// Action is what a rule does to the flows it matches.
type Action string

// The actions.
const (
	Allow Action = "allow"
	Deny  Action = "deny"
)

// Set is a parsed, valid policy file.
type Set struct {
	Policies []Policy
}

// Policy is one named policy.
type Policy struct {
	Name  string
	Mode  Mode
	Scope inventory.Selector
	Rules []Rule
	Line  int // where it starts in the file
}

// Rule is one ordered rule of a policy.
type Rule struct {
	Name     string
	From, To inventory.Selector
	Ports    []PortRange // empty: every protocol and port
	Action   Action
	Line     int
}

// PortRange is a protocol and an inclusive range of responder ports; for
// ICMP (no ports) Lo and Hi are 0.
type PortRange struct {
	Proto  uint8 // flow.ProtoTCP, ProtoUDP, ProtoICMP; 0: any
	Lo, Hi uint16
}

// String gives the form ParsePorts reads: tcp/22, udp/1000-2000, icmp, any.
func (p PortRange) String() string {
	name := protoName(p.Proto)
	switch {
	case p.Proto == 0 && p.Lo == 0 && p.Hi == 65535, p.Proto == flow.ProtoICMP:
		return name
	case p.Lo == p.Hi:
		return fmt.Sprintf("%s/%d", name, p.Lo)
	}
	return fmt.Sprintf("%s/%d-%d", name, p.Lo, p.Hi)
}

func protoName(p uint8) string {
	switch p {
	case flow.ProtoTCP:
		return "tcp"
	case flow.ProtoUDP:
		return "udp"
	case flow.ProtoICMP:
		return "icmp"
	case 0:
		return "any"
	}
	return strconv.Itoa(int(p))
}

// Matches reports whether a flow of proto to port is in the range.
func (p PortRange) Matches(proto uint8, port uint16) bool {
	if p.Proto != 0 && p.Proto != proto {
		return false
	}
	if proto == flow.ProtoICMP || proto == flow.ProtoICMPv6 {
		return p.Proto == flow.ProtoICMP || p.Lo == 0 // icmp, or "any" with no port
	}
	return port >= p.Lo && port <= p.Hi
}

// overlaps reports whether some flow is in both ranges.
func (p PortRange) overlaps(q PortRange) bool {
	if p.Proto != 0 && q.Proto != 0 && p.Proto != q.Proto {
		return false
	}
	return p.Lo <= q.Hi && q.Lo <= p.Hi
}

// ParsePort reads one port term: tcp/22, udp/53, tcp/8000-8080, icmp,
// any (every protocol and port), any/443 (TCP or UDP 443).
func ParsePort(s string) (PortRange, error) {
	proto, ports, hasPorts := strings.Cut(s, "/")
	var p PortRange
	switch proto {
	case "tcp":
		p.Proto = flow.ProtoTCP
	case "udp":
		p.Proto = flow.ProtoUDP
	case "icmp":
		if hasPorts {
			return p, fmt.Errorf("%q: icmp has no ports", s)
		}
		return PortRange{Proto: flow.ProtoICMP}, nil
	case "any":
	default:
		return p, fmt.Errorf("%q: want tcp/PORT, udp/PORT, tcp/LO-HI, icmp or any", s)
	}
	if !hasPorts {
		if p.Proto != 0 {
			return p, fmt.Errorf("%q: give the port (%s/443) or a range (%s/1-65535)", s, proto, proto)
		}
		return PortRange{Lo: 0, Hi: 65535}, nil
	}
	lo, hi, isRange := strings.Cut(ports, "-")
	var err error
	if p.Lo, err = port(lo); err != nil {
		return p, fmt.Errorf("%q: %w", s, err)
	}
	p.Hi = p.Lo
	if isRange {
		if p.Hi, err = port(hi); err != nil {
			return p, fmt.Errorf("%q: %w", s, err)
		}
		if p.Hi < p.Lo {
			return p, fmt.Errorf("%q: the range ends before it starts", s)
		}
	}
	return p, nil
}

func port(s string) (uint16, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return 0, fmt.Errorf("port %q: want a number from 1 to 65535", s)
	}
	return uint16(n), nil
}

// Verdict is what the policies say of one flow.
type Verdict struct {
	// Action is allowed, denied (an enforce policy denies it) or
	// would-deny (only observe policies deny it); "" when no policy
	// governs the flow.
	Action string
	Policy string // the policy that decided a deny, or the first that allowed
	Rule   string // its rule; "default-deny" when no rule matched
	Mode   Mode   // that policy's mode
}

// The verdicts' actions, as flow records and alerts spell them.
const (
	Allowed   = "allowed"
	Denied    = "denied"
	WouldDeny = "would-deny"
)

// Verdict decides a flow from src to dst (guests with their labels; a
// zero Guest is an address no guest owns) on proto to port.
func (s *Set) Verdict(src, dst *inventory.Guest, proto uint8, port uint16) Verdict {
	var v Verdict
	for i := range s.Policies {
		p := &s.Policies[i]
		if !p.governs(src) && !p.governs(dst) {
			continue
		}
		allow, rule := p.decide(src, dst, proto, port)
		switch {
		case allow && v.Action == "":
			v = Verdict{Action: Allowed, Policy: p.Name, Rule: rule, Mode: p.Mode}
		case allow:
		case p.Mode == Enforce:
			return Verdict{Action: Denied, Policy: p.Name, Rule: rule, Mode: p.Mode}
		case p.Mode == Observe && v.Action != WouldDeny:
			v = Verdict{Action: WouldDeny, Policy: p.Name, Rule: rule, Mode: p.Mode}
		}
	}
	return v
}

func (p *Policy) governs(g *inventory.Guest) bool {
	return g != nil && g.Name != "" && p.Scope.Matches(g)
}

// decide runs the rules in order; the first that matches decides, else the
// default deny.
func (p *Policy) decide(src, dst *inventory.Guest, proto uint8, port uint16) (allow bool, rule string) {
	for i := range p.Rules {
		r := &p.Rules[i]
		if r.matches(src, dst, proto, port) {
			return r.Action == Allow, r.Name
		}
	}
	return false, "default-deny"
}

func (r *Rule) matches(src, dst *inventory.Guest, proto uint8, port uint16) bool {
	if src == nil || dst == nil || src.Name == "" || dst.Name == "" {
		return false // rules name guests; an unknown address matches none
	}
	if !r.From.Matches(src) || !r.To.Matches(dst) {
		return false
	}
	if len(r.Ports) == 0 {
		return true
	}
	for _, pr := range r.Ports {
		if pr.Matches(proto, port) {
			return true
		}
	}
	return false
}
