package inventory

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
)

// Selector picks guests by labels, by name patterns and by provider, the
// way policies and the CLI name groups of guests. Every part that is set
// must match; within Names and Sources, any one entry is enough. The zero
// Selector matches every guest.
type Selector struct {
	// Labels are requirements on labels, all of which must hold.
	Labels []Requirement
	// Names are shell patterns (path.Match: *, ?, [a-z]) on the name.
	Names []string
	// Sources are providers (file, netns, libvirt, config, port).
	Sources []string
}

// Requirement is one condition on a label.
type Requirement struct {
	Key    string
	Op     Op
	Values []string // In and NotIn: any of; Equal and NotEqual: one
}

// Op is how a Requirement compares.
type Op int

// The operators, as ParseSelector reads them: k=v, k!=v, k in (a,b),
// k notin (a,b), k, !k.
const (
	Equal Op = iota
	NotEqual
	In
	NotIn
	Exists
	NotExists
)

// Matches reports whether g satisfies every part of s.
func (s *Selector) Matches(g *Guest) bool {
	for _, r := range s.Labels {
		if !r.Matches(g.Labels) {
			return false
		}
	}
	if len(s.Names) > 0 && !slices.ContainsFunc(s.Names, func(p string) bool {
		ok, _ := path.Match(p, g.Name)
		return ok
	}) {
		return false
	}
	if len(s.Sources) > 0 && !slices.ContainsFunc(g.Sources, func(src string) bool { return slices.Contains(s.Sources, src) }) {
		return false
	}
	return true
}

// Matches reports whether labels satisfy r.
func (r Requirement) Matches(labels map[string]string) bool {
	v, ok := labels[r.Key]
	switch r.Op {
	case Equal, In:
		return ok && slices.Contains(r.Values, v)
	case NotEqual, NotIn:
		return !ok || !slices.Contains(r.Values, v)
	case Exists:
		return ok
	case NotExists:
		return !ok
	}
	return false
}

// Select returns the table's guests that s matches, sorted by name.
func (t *Table) Select(s Selector) []Guest {
	var out []Guest
	for i := range t.guests {
		if s.Matches(&t.guests[i]) {
			out = append(out, t.guests[i].Clone())
		}
	}
	return out
}

// ParseSelector reads the text form, comma-separated terms:
//
//	role=web             label role is web (== works too)
//	env!=prod            label env is not prod, or not set
//	tier in (web,api)    label tier is one of them
//	tier notin (db)      not one of them, or not set
//	backup               label backup is set
//	!quarantine          label quarantine is not set
//	name=web-*           the name matches the pattern (name in (a*,b*) too)
//	source=libvirt       reported by that provider (source in (...) too)
//
// The empty string selects every guest.
func ParseSelector(text string) (Selector, error) {
	var s Selector
	terms, err := splitTerms(text)
	if err != nil {
		return s, err
	}
	for _, term := range terms {
		r, err := parseTerm(term)
		if err != nil {
			return s, fmt.Errorf("selector %q: %w", term, err)
		}
		switch r.Key {
		case "name":
			if r.Op != Equal && r.Op != In {
				return s, fmt.Errorf("selector %q: name takes = or in", term)
			}
			for _, p := range r.Values {
				if _, err := path.Match(p, ""); err != nil {
					return s, fmt.Errorf("selector %q: bad pattern %q", term, p)
				}
			}
			s.Names = append(s.Names, r.Values...)
		case "source":
			if r.Op != Equal && r.Op != In {
				return s, fmt.Errorf("selector %q: source takes = or in", term)
			}
			s.Sources = append(s.Sources, r.Values...)
		default:
			s.Labels = append(s.Labels, r)
		}
	}
	return s, nil
}

// splitTerms splits at commas outside parentheses.
func splitTerms(text string) ([]string, error) {
	var out []string
	depth, start := 0, 0
	for i, c := range text {
		switch c {
		case '(':
			depth++
			if depth > 1 {
				return nil, fmt.Errorf("selector %q: nested parentheses", text)
			}
		case ')':
			depth--
			if depth < 0 {
				return nil, fmt.Errorf("selector %q: unbalanced parentheses", text)
			}
		case ',':
			if depth == 0 {
				out = append(out, text[start:i])
				start = i + 1
			}
		}
	}
	if depth != 0 {
		return nil, fmt.Errorf("selector %q: unbalanced parentheses", text)
	}
	out = append(out, text[start:])
	if len(out) == 1 && strings.TrimSpace(out[0]) == "" {
		return nil, nil
	}
	for i := range out {
		out[i] = strings.TrimSpace(out[i])
		if out[i] == "" {
			return nil, fmt.Errorf("selector %q: empty term", text)
		}
	}
	return out, nil
}

func parseTerm(term string) (Requirement, error) {
	if k, v, ok := strings.Cut(term, "!="); ok {
		return simple(k, NotEqual, v)
	}
	if k, v, ok := strings.Cut(term, "=="); ok {
		return simple(k, Equal, v)
	}
	if k, v, ok := strings.Cut(term, "="); ok {
		return simple(k, Equal, v)
	}
	for _, op := range []struct {
		word string
		op   Op
	}{{" notin ", NotIn}, {" in ", In}} {
		if k, rest, ok := strings.Cut(term, op.word); ok {
			rest = strings.TrimSpace(rest)
			if !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")") {
				return Requirement{}, fmt.Errorf("want (value,...) after %s", strings.TrimSpace(op.word))
			}
			var vals []string
			for _, v := range strings.Split(rest[1:len(rest)-1], ",") {
				if v = strings.TrimSpace(v); v != "" {
					if strings.ContainsAny(v, "=!() ") {
						return Requirement{}, fmt.Errorf("bad value %q", v)
					}
					vals = append(vals, v)
				}
			}
			if len(vals) == 0 {
				return Requirement{}, fmt.Errorf("no values in ()")
			}
			k = strings.TrimSpace(k)
			if err := checkKey(k); err != nil {
				return Requirement{}, err
			}
			sort.Strings(vals)
			return Requirement{Key: k, Op: op.op, Values: vals}, nil
		}
	}
	op := Exists
	if strings.HasPrefix(term, "!") {
		op, term = NotExists, strings.TrimSpace(term[1:])
	}
	if err := checkKey(term); err != nil {
		return Requirement{}, err
	}
	return Requirement{Key: term, Op: op}, nil
}

func simple(k string, op Op, v string) (Requirement, error) {
	k, v = strings.TrimSpace(k), strings.TrimSpace(v)
	if err := checkKey(k); err != nil {
		return Requirement{}, err
	}
	if v == "" || strings.ContainsAny(v, "=!() ") {
		return Requirement{}, fmt.Errorf("bad value %q (labels have non-empty values without = ! ( ) or spaces)", v)
	}
	return Requirement{Key: k, Op: op, Values: []string{v}}, nil
}

func checkKey(k string) error {
	if k == "" {
		return fmt.Errorf("empty label key")
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_./", c)) {
			return fmt.Errorf("bad label key %q (letters, digits, - _ . /)", k)
		}
	}
	return nil
}

// String writes the selector back in the text form.
func (s Selector) String() string {
	var terms []string
	for _, r := range s.Labels {
		switch r.Op {
		case Equal:
			terms = append(terms, r.Key+"="+r.Values[0])
		case NotEqual:
			terms = append(terms, r.Key+"!="+r.Values[0])
		case In:
			terms = append(terms, r.Key+" in ("+strings.Join(r.Values, ",")+")")
		case NotIn:
			terms = append(terms, r.Key+" notin ("+strings.Join(r.Values, ",")+")")
		case Exists:
			terms = append(terms, r.Key)
		case NotExists:
			terms = append(terms, "!"+r.Key)
		}
	}
	if len(s.Names) > 0 {
		terms = append(terms, "name in ("+strings.Join(s.Names, ",")+")")
	}
	if len(s.Sources) > 0 {
		terms = append(terms, "source in ("+strings.Join(s.Sources, ",")+")")
	}
	return strings.Join(terms, ",")
}
