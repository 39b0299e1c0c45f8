package alert

import (
	"encoding/json"
	"time"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Severity grades an alert.
type Severity string

// Severities, lowest first.
const (
	Low      Severity = "low"
	Medium   Severity = "medium"
	High     Severity = "high"
	Critical Severity = "critical"
)

func (s Severity) rank() int {
	switch s {
	case Low:
		return 1
	case Medium:
		return 2
	case High:
		return 3
	case Critical:
		return 4
	}
	return 0
}

// Alert is the record of DESIGN.md section 6: one per episode of one kind
// between one source and one target (or many targets).
type Alert struct {
	ID        string          `json:"id"`
	Time      time.Time       `json:"time"`
	Kind      string          `json:"kind"`
	Severity  Severity        `json:"severity"`
	Host      string          `json:"host,omitempty"`
	Src       *flow.Endpoint  `json:"src,omitempty"`
	Dst       *flow.Endpoint  `json:"dst,omitempty"`
	Targets   []flow.Endpoint `json:"targets,omitempty"`
	Summary   string          `json:"summary"`
	Evidence  map[string]any  `json:"evidence"`
	FirstSeen time.Time       `json:"first_seen"`
	LastSeen  time.Time       `json:"last_seen"`
	Count     int             `json:"count"`
	Mitre     string          `json:"mitre,omitempty"`
	Action    string          `json:"action"`
}

// Party is one side of a finding as a detector knows it: an address, a MAC
// and a transport port, each zero when unknown. The manager names the
// guest from the address (else the MAC) unless the detector knows better
// and sets Guest: a spoofer claims someone else's address, and is named by
// its own port or MAC.
type Party struct {
	Addr  flow.Addr
	MAC   flow.MAC
	Port  uint16
	Guest string
}

// Finding is what a detector reports. Findings with the same Kind, Src,
// Dst and Episode within the episode timeout are one alert.
type Finding struct {
	Time     flow.Time // when the decision was made
	Kind     string
	Severity Severity
	Src, Dst Party
	Targets  []Party
	// Episode further separates episodes of one kind between the same
	// parties (a port, a chain); empty is fine.
	Episode   string
	Summary   string
	Evidence  map[string]any
	FirstSeen flow.Time // when the evidence began (0: Time)
	Mitre     string
}

// Clone returns a copy of a that shares no memory with it, for sinks that
// keep an alert past the call (the manager goes on updating its own). It
// is a JSON round trip: Evidence then holds JSON's types (float64, string,
// []any), as every reader of the records sees them anyway.
func (a *Alert) Clone() *Alert {
	b, err := json.Marshal(a)
	c := new(Alert)
	if err != nil || json.Unmarshal(b, c) != nil {
		*c = *a // cannot happen for alerts the manager builds
	}
	return c
}
