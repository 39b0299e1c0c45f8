package fleet

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/plan"
	"github.com/crosstalk-dev/crosstalk/resource"
	"github.com/crosstalk-dev/crosstalk/store"
)

// What agents and the server say to each other.
//
// Every message is one JSON document on the subject
//
//	crosstalk.v1.<host>.<kind>
//
// where kind is alert, inventory, facts, edges or resources. The version
// is in the subject and in the document ("v": 1): a server reads the
// versions it knows and refuses the others with an error naming them, so
// agents and servers can be upgraded one at a time (a new field is not a
// new version; a changed meaning is). The host is in the subject so that
// NATS permissions can hold each agent to its own subjects
// (crosstalk.v1.<its host>.>), and in the document, where the server
// checks that both agree.
//
// Messages are sent with a JetStream message ID (Nats-Msg-Id) that is a
// function of their content: a message sent twice (the agent did not get
// the acknowledgement, or was killed before it recorded it) is dropped by
// the stream within its duplicate window, and the server's writes are
// idempotent beyond it (an alert is keyed by its ID and only a newer
// revision replaces it; an edge minute carries totals, not increments).

// Version is the message schema this build speaks.
const Version = 1

// Stream is the JetStream stream that holds the agents' messages, and
// Subjects what it listens on.
const (
	Stream   = "CROSSTALK"
	Subjects = "crosstalk.v1.>"
)

// Kinds of messages.
const (
	KindAlert     = "alert"
	KindInventory = "inventory"
	KindFacts     = "facts"
	KindEdges     = "edges"
	KindResources = "resources"
)

var kinds = []string{KindAlert, KindInventory, KindFacts, KindEdges, KindResources}

// hostName is what a host may be called in the fleet: one NATS subject
// token (no dots, spaces or wildcards), as a short host name is.
var hostName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$`)

// CheckHost says why name cannot name a host in the fleet, nil if it can.
func CheckHost(name string) error {
	if !hostName.MatchString(name) {
		return fmt.Errorf("host name %q cannot be used in the fleet: it must be 1-63 letters, digits, '-' or '_' starting with a letter or digit (a short host name, no dots)", name)
	}
	return nil
}

// Subject is the subject a host's messages of a kind go to.
func Subject(host, kind string) string { return "crosstalk.v1." + host + "." + kind }

// HostSubjects is every subject a host may publish to.
func HostSubjects(host string) string { return "crosstalk.v1." + host + ".>" }

// ParseSubject splits a message subject into its host and kind.
func ParseSubject(subject string) (host, kind string, err error) {
	parts := strings.Split(subject, ".")
	if len(parts) != 4 || parts[0] != "crosstalk" {
		return "", "", fmt.Errorf("subject %q is not crosstalk.v1.<host>.<kind>", subject)
	}
	if parts[1] != fmt.Sprintf("v%d", Version) {
		return "", "", fmt.Errorf("subject %q: schema %s, this server reads v%d", subject, parts[1], Version)
	}
	if err := CheckHost(parts[2]); err != nil {
		return "", "", fmt.Errorf("subject %q: %w", subject, err)
	}
	if !contains(kinds, parts[3]) {
		return "", "", fmt.Errorf("subject %q: unknown kind %q (known: %s)", subject, parts[3], strings.Join(kinds, ", "))
	}
	return parts[2], parts[3], nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Header is in every message.
type Header struct {
	V    int       `json:"v"`
	Host string    `json:"host"`
	Time time.Time `json:"time"` // when the agent sent it (its wall clock)
}

// Alert carries one revision of an alert: an episode's opening, an
// update of its count, its close.
type Alert struct {
	Header
	Alert alert.Alert `json:"alert"`
}

// Inventory is a host's guests as its agent sees them now: a whole
// snapshot, sent when they change and every so often (a host has tens of
// guests, so changes are sent as snapshots; the server keeps the latest).
type Inventory struct {
	Header
	// Seq orders one agent's snapshots (it grows while the agent runs;
	// a restarted agent starts again, so the server also keeps time).
	Seq    uint64            `json:"seq"`
	Agent  string            `json:"agent,omitempty"` // the agent's version
	Guests []inventory.Guest `json:"guests"`
}

// Facts is what the planner needs of a host: its capacity, labels and
// patch state.
type Facts struct {
	Header
	CPUs      int               `json:"cpus"`
	MemoryMiB int64             `json:"memory_mib"`
	Labels    map[string]string `json:"labels,omitempty"`
	Patch     plan.Patch        `json:"patch"`
	// Notes say which facts could not be read (left empty, never
	// guessed).
	Notes []string `json:"notes,omitempty"`
}

// Edges carries traffic totals per minute: for each minute, guest pair,
// protocol, port and verdict, the totals so far (not increments, so that
// a minute sent again replaces itself instead of counting twice).
type Edges struct {
	Header
	Edges []store.MinuteEdge `json:"edges"`
}

// Resources is the last round of the host's resource sampling: what
// each guest used and how long it waited.
type Resources struct {
	Header
	Guests []resource.Use `json:"guests"`
}

// Message is one decoded message: exactly one of the pointers is set.
type Message struct {
	Host, Kind string
	Alert      *Alert
	Inventory  *Inventory
	Facts      *Facts
	Edges      *Edges
	Resources  *Resources
}

// MaxMessage bounds a message (an inventory of a thousand guests is
// about half of it).
const MaxMessage = 4 << 20

// Decode reads a message from its subject and body. The errors say what
// is wrong for the log; a message that fails is never applied.
func Decode(subject string, data []byte) (*Message, error) {
	host, kind, err := ParseSubject(subject)
	if err != nil {
		return nil, err
	}
	if len(data) > MaxMessage {
		return nil, fmt.Errorf("%s: %d bytes, more than %d", subject, len(data), MaxMessage)
	}
	m := &Message{Host: host, Kind: kind}
	var target any
	var h *Header
	switch kind {
	case KindAlert:
		m.Alert = &Alert{}
		target, h = m.Alert, &m.Alert.Header
	case KindInventory:
		m.Inventory = &Inventory{}
		target, h = m.Inventory, &m.Inventory.Header
	case KindFacts:
		m.Facts = &Facts{}
		target, h = m.Facts, &m.Facts.Header
	case KindEdges:
		m.Edges = &Edges{}
		target, h = m.Edges, &m.Edges.Header
	case KindResources:
		m.Resources = &Resources{}
		target, h = m.Resources, &m.Resources.Header
	}
	if err := json.Unmarshal(data, target); err != nil {
		return nil, fmt.Errorf("%s: %w", subject, err)
	}
	switch {
	case h.V != Version:
		return nil, fmt.Errorf("%s: schema version %d, this server reads %d", subject, h.V, Version)
	case h.Host != host:
		return nil, fmt.Errorf("%s: the message says it is from host %q: a host may only speak for itself", subject, h.Host)
	}
	if m.Alert != nil {
		a := &m.Alert.Alert
		if a.ID == "" || a.Kind == "" {
			return nil, fmt.Errorf("%s: an alert without id or kind", subject)
		}
		if a.Host != host {
			return nil, fmt.Errorf("%s: alert %s names host %q", subject, a.ID, a.Host)
		}
	}
	if m.Edges != nil {
		for _, e := range m.Edges.Edges {
			if e.Flows > math.MaxInt64 || e.Packets > math.MaxInt64 || e.Bytes > math.MaxInt64 || e.Minute < 0 {
				return nil, fmt.Errorf("%s: an edge of minute %d with counts out of range", subject, e.Minute)
			}
		}
	}
	if m.Inventory != nil {
		for i := range m.Inventory.Guests {
			if m.Inventory.Guests[i].Name == "" {
				return nil, fmt.Errorf("%s: guest %d has no name", subject, i)
			}
		}
	}
	return m, nil
}

// Encode marshals a message for its subject; id is its JetStream
// message ID (a function of its content, see above).
func Encode(host string, v any) (subject, id string, data []byte, err error) {
	var kind string
	switch m := v.(type) {
	case *Alert:
		kind = KindAlert
		a := &m.Alert
		// A revision of an alert is its ID, count, last sighting and
		// severity.
		id = fmt.Sprintf("%s/alert/%s/%d/%d/%s", host, a.ID, a.Count, a.LastSeen.UnixNano(), a.Severity)
	case *Inventory:
		kind = KindInventory
		id = fmt.Sprintf("%s/inventory/%d/%d", host, m.Time.UnixNano(), m.Seq)
	case *Facts:
		kind = KindFacts
		id = fmt.Sprintf("%s/facts/%d", host, m.Time.UnixNano())
	case *Edges:
		kind = KindEdges
		id = fmt.Sprintf("%s/edges/%d", host, m.Time.UnixNano())
	case *Resources:
		kind = KindResources
		id = fmt.Sprintf("%s/resources/%d", host, m.Time.UnixNano())
	default:
		return "", "", nil, fmt.Errorf("fleet: no message kind for %T", v)
	}
	data, err = json.Marshal(v)
	if err == nil && len(data) > MaxMessage {
		err = errors.New("fleet: " + kind + " message larger than the limit")
	}
	return Subject(host, kind), id, data, err
}
