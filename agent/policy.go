package agent

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crosstalk-dev/crosstalk/api"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/policy"
)

// policyState is the segmentation policy in force and the pipeline's
// detect.Policy. Applying a version swaps the engine in one atomic store:
// every flow is decided wholly by the old rules or wholly by the new.
//
// On the AF_PACKET datapath nothing can be dropped: an enforcing
// policy's deny is then reported as a would-deny, saying why.
type policyState struct {
	engine     atomic.Pointer[policy.Engine]
	refs       *liveIdentity
	canEnforce bool
	// kernel names the verdicts the eBPF datapath decided (nil on
	// AF_PACKET).
	kernel func(f *flowtable.Flow) (detect.PolicyVerdict, bool)

	mu      sync.Mutex // the version's facts, for the API
	version int64
	applied time.Time
	source  []byte
}

// Decide is detect.Policy: the source guest by the switch port its first
// packet entered on (what it claims is not trusted), else by address.
func (p *policyState) Decide(f *flowtable.Flow) detect.PolicyVerdict {
	src := p.guest(p.refs.GuestByPort(f.Port[flowtable.Orig]), f.Key.Src, f.MAC[flowtable.Orig])
	dst := p.guest("", f.Key.Dst, f.MAC[flowtable.Resp])
	if p.kernel != nil {
		if v, ok := p.kernel(f); ok {
			v.Src, v.Dst = src.Name, dst.Name
			return v
		}
	}
	e := p.engine.Load()
	if e == nil || neighbourControl(f) {
		return detect.PolicyVerdict{}
	}
	port := f.Key.DstPort
	if f.Key.Proto != flow.ProtoTCP && f.Key.Proto != flow.ProtoUDP {
		port = 0
	}
	v := e.Decide(src, dst, f.Key.Proto, port)
	out := detect.PolicyVerdict{Policy: v.Policy, Rule: v.Rule, Mode: string(v.Mode), Src: src.Name, Dst: dst.Name}
	switch v.Action {
	case policy.Allowed:
		out.Verdict = flow.VerdictAllowed
	case policy.WouldDeny:
		out.Verdict = flow.VerdictWouldDeny
	case policy.Denied:
		out.Verdict = flow.VerdictDenied
		if !p.canEnforce {
			out.Verdict, out.Observed = flow.VerdictWouldDeny, true
		}
	}
	return out
}

// neighbourControl is IPv6 neighbour discovery and multicast listener
// traffic (ICMPv6 130-137, 143): the plumbing every guest needs, which
// the policy does not judge (nor does the eBPF datapath).
func neighbourControl(f *flowtable.Flow) bool {
	if f.Key.Proto != flow.ProtoICMPv6 {
		return false
	}
	// The key carries an ICMP query's type as its destination port, a
	// reply's request type and any other message's type as its source.
	nd := func(typ uint16) bool { return typ >= 130 && typ <= 137 || typ == 143 }
	return nd(f.Key.DstPort) || nd(f.Key.SrcPort)
}

func (p *policyState) guest(byPort string, a flow.Addr, m flow.MAC) *inventory.Guest {
	var ref flow.GuestRef
	if byPort != "" {
		ref = p.refs.ByName(byPort)
	} else {
		ref = p.refs.Lookup(a, m)
	}
	return &inventory.Guest{Name: ref.Name, Labels: ref.Labels}
}

// apply puts set (parsed from src) in force as version; the rules' hit
// counters carry over by name.
func (p *policyState) apply(set *policy.Set, src []byte, version int64, at time.Time) {
	e := policy.NewEngine(set)
	e.Carry(p.engine.Load())
	p.engine.Store(e)
	p.mu.Lock()
	p.version, p.applied, p.source = version, at, src
	p.mu.Unlock()
}

// forget is called when guests or their labels change: the engine's
// per-pair decisions are worked out again.
func (p *policyState) forget() {
	if e := p.engine.Load(); e != nil {
		e.Forget()
	}
}

// loadPolicy puts the starting policy in force: the policy_file when
// configured (it is the truth on a managed host; a new version when it
// differs from the last applied), else the last version applied through
// the API, from the store.
func (a *Agent) loadPolicy() error {
	a.policy.refs = &a.id
	ctx := context.Background()
	if a.cfg.PolicyFile != "" {
		src, err := os.ReadFile(a.cfg.PolicyFile)
		if err != nil {
			return fmt.Errorf("policy_file: %w", err)
		}
		set, err := policy.Parse(src)
		if err != nil {
			return fmt.Errorf("policy_file %s: %w", a.cfg.PolicyFile, err)
		}
		version := int64(0)
		if a.store != nil {
			last, ok, err := a.store.LatestPolicy(ctx)
			switch {
			case err != nil:
				return fmt.Errorf("policy: %w", err)
			case ok && string(last.Source) == string(src):
				version = last.Version
			default:
				if version, err = a.store.PutPolicy(ctx, time.Now(), src); err != nil {
					return fmt.Errorf("policy: record version: %w", err)
				}
			}
		}
		a.policy.apply(set, src, version, time.Now())
		a.log.Info("policy in force", "file", a.cfg.PolicyFile, "version", version, "policies", len(set.Policies))
		return nil
	}
	if a.store == nil {
		return nil
	}
	last, ok, err := a.store.LatestPolicy(ctx)
	if err != nil || !ok {
		return err
	}
	set, err := policy.Parse(last.Source)
	if err != nil {
		// A version this binary accepted once: refuse to guess.
		return fmt.Errorf("policy version %d in the store: %w", last.Version, err)
	}
	a.policy.apply(set, last.Source, last.Version, last.Time)
	a.log.Info("policy in force", "version", last.Version, "applied", last.Time, "policies", len(set.Policies))
	return nil
}

// Policies is api.Backend: the policy in force with its hit counters.
func (a *Agent) Policies() api.PolicyView {
	p := &a.policy
	p.mu.Lock()
	v := api.PolicyView{Version: p.version, Source: string(p.source), Enforcing: p.canEnforce, Policies: []api.Policy{}}
	if !p.applied.IsZero() {
		v.Applied = p.applied
	}
	p.mu.Unlock()
	e := p.engine.Load()
	if e == nil {
		return v
	}
	hits := e.Hits()
	// On the eBPF datapath the kernel decides and counts: its counters
	// (pinned: they survive agent restarts) replace the engine's.
	if kh := a.kernelHits(); kh != nil {
		for i := range hits {
			hits[i].Hits = kh[[2]string{hits[i].Policy, hits[i].Rule}]
		}
	}
	k := 0
	for _, pol := range e.Set().Policies {
		out := api.Policy{Name: pol.Name, Mode: string(pol.Mode), Scope: pol.Scope.String(), Rules: []api.Rule{}}
		for _, r := range pol.Rules {
			out.Rules = append(out.Rules, api.Rule{Name: r.Name, From: r.From.String(), To: r.To.String(), Ports: policyPorts(r.Ports), Action: string(r.Action), Hits: hits[k].Hits})
			k++
		}
		out.Rules = append(out.Rules, api.Rule{Name: "default-deny", From: "*", To: "*", Action: string(policy.Deny), Hits: hits[k].Hits})
		k++
		v.Policies = append(v.Policies, out)
	}
	return v
}

func policyPorts(ps []policy.PortRange) string {
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += ","
		}
		s += p.String()
	}
	if s == "" {
		return "any"
	}
	return s
}

// ApplyPolicy is api.Backend: parse src, record it as the next version,
// put it in force.
func (a *Agent) ApplyPolicy(ctx context.Context, src []byte) (api.PolicyApplied, error) {
	set, err := policy.Parse(src)
	if err != nil {
		return api.PolicyApplied{}, &api.BadInput{Err: err}
	}
	a.applyMu.Lock()
	defer a.applyMu.Unlock()
	var version int64
	now := time.Now()
	if a.store != nil {
		if version, err = a.store.PutPolicy(ctx, now, src); err != nil {
			return api.PolicyApplied{}, fmt.Errorf("record the policy version: %w", err)
		}
	} else {
		a.policy.mu.Lock()
		version = a.policy.version + 1
		a.policy.mu.Unlock()
	}
	a.policy.apply(set, src, version, now)
	if err := a.pushPolicy(); err != nil {
		return api.PolicyApplied{}, fmt.Errorf("version %d is recorded but the kernel refused it (the agent observes it until the next apply): %w", version, err)
	}
	rules := 0
	for _, p := range set.Policies {
		rules += len(p.Rules)
	}
	a.log.Info("policy applied", "version", version, "policies", len(set.Policies), "rules", rules)
	out := api.PolicyApplied{Version: version, Policies: len(set.Policies), Rules: rules}
	if a.cfg.PolicyFile != "" {
		out.Note = "policy_file is set: the agent puts " + a.cfg.PolicyFile + " back in force when it restarts"
	}
	if !a.policy.canEnforce {
		out.Note = joinNote(out.Note, "this datapath (AF_PACKET) cannot drop: enforcing policies are observed (would-deny)")
	}
	return out, nil
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
