package agent

import (
	"fmt"
	"net/netip"
	"sync"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/datapath/ebpf"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/policy"
)

// Enforcement on the eBPF datapath: the policy in force, compiled for
// this host's guests, is pushed into the kernel, which then decides each
// flow (and drops what an enforcing policy denies); the agent only names
// the rule behind the kernel's verdict. The tables are pushed again when
// the policy or the guests change.

// kernelTables is the compiled policy last pushed, to name the kernel's
// rule numbers.
type kernelTables struct {
	mu       sync.Mutex
	compiled *policy.Compiled
	engine   *policy.Engine       // the engine it was compiled from
	extra    []inventory.Selector // quarantines' peers, which identities must tell apart
}

// pushPolicy compiles the policy in force for the guests now and loads
// it into the kernel. Without a policy, empty tables: nothing governed.
func (a *Agent) pushPolicy() error {
	if a.bpf == nil {
		return nil
	}
	e := a.policy.engine.Load()
	set := &policy.Set{}
	if e != nil {
		set = e.Set()
	}
	t := a.id.table()
	var guests []inventory.Guest
	if t != nil {
		guests = t.Guests()
	}
	a.kernel.mu.Lock()
	extra := append([]inventory.Selector(nil), a.kernel.extra...)
	a.kernel.mu.Unlock()
	c, err := policy.Compile(set, guests, extra...)
	if err != nil {
		return err
	}
	tables := ebpf.Tables{PortIdentities: map[int]uint32{}, AddrIdentities: map[flow.Addr]uint32{}}
	for i := range guests {
		g := &guests[i]
		id, ok := c.Identities[g.Name]
		if !ok || !g.Active() {
			continue
		}
		for _, p := range g.Ports {
			if p.IfIndex != 0 {
				tables.PortIdentities[int(p.IfIndex)] = id
			}
			for _, ip := range p.IPs {
				if a, err := netip.ParseAddr(ip); err == nil {
					tables.AddrIdentities[flow.AddrFromNetip(a)] = id
				}
			}
		}
	}
	for _, en := range c.Entries {
		v := flow.VerdictAllowed
		switch en.Action {
		case policy.Denied:
			v = flow.VerdictDenied
		case policy.WouldDeny:
			v = flow.VerdictWouldDeny
		}
		tables.Entries = append(tables.Entries, ebpf.PolicyEntry{Src: en.Src, Dst: en.Dst, Proto: en.Proto, Lo: en.Lo, Hi: en.Hi, Action: v, Rule: en.Rule})
	}
	if err := a.bpf.SetPolicy(tables); err != nil {
		return fmt.Errorf("load the policy into the kernel: %w", err)
	}
	a.kernel.mu.Lock()
	a.kernel.compiled, a.kernel.engine = c, e
	a.kernel.mu.Unlock()
	return nil
}

// kernelVerdict names the rule behind a verdict the kernel decided (the
// flow's first event carried it); ok is false when the kernel did not
// decide this flow.
func (a *Agent) kernelVerdict(f *flowtable.Flow) (detect.PolicyVerdict, bool) {
	if a.bpf == nil || f.Verdict == flow.VerdictNone || f.Rule == 0 {
		return detect.PolicyVerdict{}, false
	}
	v := detect.PolicyVerdict{Verdict: f.Verdict}
	if f.Rule == ebpf.RuleQuarantine {
		v.Policy, v.Rule, v.Mode = "quarantine", "quarantine", "enforce"
		return v, true
	}
	a.kernel.mu.Lock()
	c := a.kernel.compiled
	a.kernel.mu.Unlock()
	if c == nil || int(f.Rule-1) >= len(c.Rules) {
		return v, true
	}
	r := c.Rules[f.Rule-1]
	v.Policy, v.Rule, v.Mode = r.Policy, r.Rule, string(r.Mode)
	return v, true
}

// pushPortIdentities gives the kernel each guest port's declared MACs
// and addresses (never the learned ones: a guest cannot teach the agent
// its way out of a check) and the anti-spoofing mode.
func (a *Agent) pushPortIdentities(t *inventory.Table) {
	if a.bpf == nil || t == nil {
		return
	}
	mode := ebpf.SpoofObserve
	switch a.cfg.AntiSpoof {
	case "enforce":
		mode = ebpf.SpoofEnforce
	case "off":
		mode = ebpf.SpoofOff
	}
	for _, g := range t.Guests() {
		if !g.Active() {
			continue
		}
		for _, p := range g.Ports {
			if p.IfIndex == 0 {
				continue
			}
			var macs []flow.MAC
			if m, err := flow.ParseMAC(p.MAC); err == nil {
				macs = append(macs, m)
			}
			var addrs []flow.Addr
			for _, ip := range p.IPs {
				if ad, err := netip.ParseAddr(ip); err == nil {
					addrs = append(addrs, flow.AddrFromNetip(ad))
				}
			}
			if err := a.bpf.SetPortIdentity(int(p.IfIndex), macs, addrs, mode); err != nil {
				a.log.Warn("anti-spoofing for a port", "guest", g.Name, "port", p.Iface, "err", err)
			}
		}
	}
}

// onSpoof turns a frame the kernel dropped for claiming what its port
// does not own into a spoof alert. Frames that passed (observe mode) open
// flows, and the spoof detector judges them as on AF_PACKET.
func (a *Agent) onSpoof(ev *ebpf.SpoofEvent) {
	if !ev.Dropped {
		return
	}
	guest := a.id.GuestByPort(uint32(ev.Port))
	claimed := ev.Src.String()
	if ev.What == ebpf.SpoofMAC || ev.What == ebpf.SpoofARPMAC {
		claimed = ev.SrcMAC.String()
		if ev.What == ebpf.SpoofARPMAC {
			claimed = ev.ARPSender.String()
		}
	}
	who := guest
	if who == "" {
		who = fmt.Sprintf("port %d", ev.Port)
	}
	f := alert.Finding{
		Time:     ev.Time,
		Kind:     "spoof",
		Severity: alert.High,
		Src:      alert.Party{Addr: ev.Src, MAC: ev.SrcMAC, Guest: guest},
		Dst:      alert.Party{Addr: ev.Dst},
		Episode:  ev.What.String(),
		Summary:  fmt.Sprintf("%s sent frames with the %s %s, which is not its own: dropped at its port", who, ev.What, claimed),
		Evidence: map[string]any{"claimed": claimed, "what": ev.What.String(), "port": ev.Port, "dropped": true},
		Mitre:    "T1557", // adversary-in-the-middle
	}
	a.mu.Lock()
	a.pipe.Report(&f)
	a.mu.Unlock()
}

// kernelHits are the kernel's rule hit counters by policy and rule name;
// nil when the kernel does not decide (AF_PACKET) or cannot say.
func (a *Agent) kernelHits() map[[2]string]uint64 {
	if a.bpf == nil {
		return nil
	}
	a.kernel.mu.Lock()
	c := a.kernel.compiled
	a.kernel.mu.Unlock()
	if c == nil {
		return nil
	}
	counts, err := a.bpf.RuleHits()
	if err != nil {
		return nil
	}
	out := map[[2]string]uint64{}
	for i, n := range counts {
		if i < len(c.Rules) {
			out[[2]string{c.Rules[i].Policy, c.Rules[i].Rule}] += n
		}
	}
	return out
}
