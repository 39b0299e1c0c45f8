// Package policydeny reports the flows the segmentation policy denies, or
// would deny in observe mode (alert kind policy-deny): for each new flow
// it asks the policy (detect.Policy) for the verdict, records it on the
// flow (so the flow record carries it) and reports a deny naming both
// guests, the policy and the rule. Repeated denies of one rule between
// the same pair are one alert whose count grows.
package policydeny

import (
	"fmt"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// Kind is the alert kind.
const Kind = "policy-deny"

// Config has no thresholds: every deny is reported (the alert manager
// folds repeats into one alert per episode).
type Config struct{}

// DefaultConfig returns the defaults.
func DefaultConfig() Config { return Config{} }

// Validate reports the first bad setting.
func (c Config) Validate() error { return nil }

// Stats are the detector's counters.
type Stats struct {
	Decided, Denied, WouldDeny uint64
}

// Detector is the policy-deny detector.
type Detector struct {
	deps  detect.Dependencies
	stats Stats
}

// New returns the detector; without deps.Policy it does nothing.
func New(_ Config, deps detect.Dependencies) *Detector { return &Detector{deps: deps} }

// Name is the alert kind.
func (d *Detector) Name() string { return Kind }

// Stats returns the counters.
func (d *Detector) Stats() Stats { return d.stats }

// FlowStart decides the flow and reports a deny.
func (d *Detector) FlowStart(f *flowtable.Flow) {
	if d.deps.Policy == nil {
		return
	}
	v := d.deps.Policy.Decide(f)
	f.Verdict = v.Verdict
	d.stats.Decided++
	switch v.Verdict {
	case flow.VerdictDenied:
		d.stats.Denied++
	case flow.VerdictWouldDeny:
		d.stats.WouldDeny++
	default:
		return
	}
	proto := flow.ProtoName(f.Key.Proto)
	svc := proto
	dst := alert.Party{Addr: f.Key.Dst, MAC: f.MAC[flowtable.Resp], Guest: v.Dst}
	switch f.Key.Proto {
	case flow.ProtoTCP, flow.ProtoUDP:
		dst.Port = f.Key.DstPort
		svc = fmt.Sprintf("%s/%d", proto, f.Key.DstPort)
	}
	what := "denied"
	switch {
	case v.Observed:
		what = fmt.Sprintf("would be denied (policy %s enforces, but this datapath cannot drop: it passed)", v.Policy)
	case v.Verdict == flow.VerdictWouldDeny:
		what = fmt.Sprintf("would be denied (policy %s observes: it passed)", v.Policy)
	}
	d.deps.Reporter.Report(&alert.Finding{
		Time:     f.First,
		Kind:     Kind,
		Severity: alert.Medium,
		Src:      alert.Party{Addr: f.Key.Src, MAC: f.MAC[flowtable.Orig], Guest: v.Src},
		Dst:      dst,
		Episode:  v.Policy + "/" + v.Rule,
		Summary:  fmt.Sprintf("%s to %s on %s %s by policy %s, rule %s", name(v.Src, f.Key.Src), name(v.Dst, f.Key.Dst), svc, what, v.Policy, v.Rule),
		Evidence: map[string]any{
			"verdict": v.Verdict.String(),
			"policy":  v.Policy,
			"rule":    v.Rule,
			"mode":    v.Mode,
			"proto":   proto,
			"port":    f.Key.DstPort,
		},
		FirstSeen: f.First,
		Mitre:     "T1021", // remote services: lateral movement the policy is there to stop
	})
}

func name(guest string, a flow.Addr) string {
	if guest != "" {
		return guest
	}
	return a.String()
}
