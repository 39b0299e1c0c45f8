package policydeny

import (
	"strings"
	"testing"

	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/detect/detecttest"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// policy denies everything to port 5432, enforcing or observing.
type policy struct {
	mode     string
	observed bool
	seen     []flow.Verdict
}

func (p *policy) Decide(f *flowtable.Flow) detect.PolicyVerdict {
	if f.Key.DstPort != 5432 {
		return detect.PolicyVerdict{Verdict: flow.VerdictAllowed, Policy: "shop", Rule: "web", Mode: p.mode}
	}
	v := flow.VerdictDenied
	if p.mode == "observe" || p.observed {
		v = flow.VerdictWouldDeny
	}
	return detect.PolicyVerdict{Verdict: v, Policy: "shop", Rule: "default-deny", Mode: p.mode, Src: "rogue", Dst: "db-1", Observed: p.observed}
}

func TestDenies(t *testing.T) {
	for _, c := range []struct {
		p    *policy
		want string
	}{
		{&policy{mode: "enforce"}, "rogue to db-1 on tcp/5432 denied by policy shop, rule default-deny"},
		{&policy{mode: "observe"}, "would be denied (policy shop observes: it passed)"},
		{&policy{mode: "enforce", observed: true}, "this datapath cannot drop"},
	} {
		g := detecttest.NewGen()
		for range 3 {
			g.TCP("10.0.0.9", "10.0.0.3", 5432, detecttest.Closed, 0, 0)
		}
		g.TCP("10.0.0.9", "10.0.0.3", 80, detecttest.Open, 100, 100)
		var verdicts []string
		alerts := detecttest.Run(t, g.Events, func(deps detect.Dependencies) []detect.Detector {
			deps.Policy = c.p
			d := New(DefaultConfig(), deps)
			return []detect.Detector{d, recorder{&verdicts}}
		})
		if len(alerts) != 1 {
			t.Fatalf("%s: %d alerts, want one for the three denied attempts: %+v", c.p.mode, len(alerts), alerts)
		}
		a := alerts[0]
		if a.Kind != Kind || a.Count != 3 || a.Src.Guest != "rogue" || a.Dst.Guest != "db-1" || a.Evidence["rule"] != "default-deny" || !strings.Contains(a.Summary, c.want) {
			t.Errorf("%s: %+v", c.p.mode, a)
		}
		// Later detectors see the verdict on the flow.
		want := "denied"
		if c.p.mode == "observe" || c.p.observed {
			want = "would-deny"
		}
		if got := strings.Join(verdicts, ","); got != strings.Join([]string{want, want, want, "allowed"}, ",") {
			t.Errorf("%s: verdicts seen by the next detector %s", c.p.mode, got)
		}
	}
}

// recorder is a detector after policy-deny that notes each flow's verdict.
type recorder struct{ got *[]string }

func (r recorder) Name() string                { return "recorder" }
func (r recorder) FlowStart(f *flowtable.Flow) { *r.got = append(*r.got, f.Verdict.String()) }

func TestNoPolicyNoVerdict(t *testing.T) {
	g := detecttest.NewGen()
	g.TCP("10.0.0.9", "10.0.0.3", 5432, detecttest.Closed, 0, 0)
	if alerts := detecttest.Run(t, g.Events, func(deps detect.Dependencies) []detect.Detector {
		return []detect.Detector{New(DefaultConfig(), deps)}
	}); len(alerts) != 0 {
		t.Errorf("alerts without a policy: %+v", alerts)
	}
}
