//go:build linux && (386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64)

package ebpf

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Prefix lengths of the policy trie's keys: identities and protocol always
// in full, then the port's bits.
const (
	policyFixedBits = 72
	policyFullBits  = policyFixedBits + 16
)

// portPrefixes splits lo-hi into the fewest prefixes that cover it
// exactly (policy.PortPrefixes, which this package may not import).
func portPrefixes(lo, hi uint16) (ports []uint16, lens []uint8) {
	for l := uint32(lo); l <= uint32(hi); {
		size, bits := uint32(1), uint8(16)
		for bits > 0 && l&(size*2-1) == 0 && l+size*2-1 <= uint32(hi) {
			size *= 2
			bits--
		}
		ports, lens = append(ports, uint16(l)), append(lens, bits)
		l += size
	}
	return ports, lens
}

// policyKeys turns the entries into the trie's keys and values.
func (d *Datapath) policyKeys(entries []PolicyEntry) ([]bpfPolicyKey, []bpfPolicyValue, error) {
	var keys []bpfPolicyKey
	var vals []bpfPolicyValue
	for _, e := range entries {
		switch e.Action {
		case flow.VerdictAllowed, flow.VerdictDenied, flow.VerdictWouldDeny:
		default:
			return nil, nil, fmt.Errorf("entry %d->%d proto %d: action %d is not allowed, denied or would-deny", e.Src, e.Dst, e.Proto, e.Action)
		}
		if e.Rule >= uint32(d.cfg.MaxRules) {
			return nil, nil, fmt.Errorf("entry %d->%d proto %d: rule %d beyond max_rules (%d)", e.Src, e.Dst, e.Proto, e.Rule, d.cfg.MaxRules)
		}
		v := bpfPolicyValue{Rule: e.Rule + 1, Verdict: uint8(e.Action)}
		k := bpfPolicyKey{Prefixlen: policyFullBits, Src: e.Src, Dst: e.Dst, Proto: e.Proto}
		switch e.Proto {
		case flow.ProtoTCP, flow.ProtoUDP:
			if e.Lo > e.Hi {
				return nil, nil, fmt.Errorf("entry %d->%d proto %d: ports %d-%d", e.Src, e.Dst, e.Proto, e.Lo, e.Hi)
			}
			ports, lens := portPrefixes(e.Lo, e.Hi)
			for i := range ports {
				k.Prefixlen = policyFixedBits + uint32(lens[i])
				k.Port = [2]uint8{uint8(ports[i] >> 8), uint8(ports[i])}
				keys, vals = append(keys, k), append(vals, v)
			}
		case flow.ProtoICMP, 0:
			keys, vals = append(keys, k), append(vals, v)
		default:
			return nil, nil, fmt.Errorf("entry %d->%d: proto %d is none of TCP, UDP, ICMP (1) and the others (0)", e.Src, e.Dst, e.Proto)
		}
	}
	if len(keys) > d.cfg.PolicyMapSize {
		return nil, nil, fmt.Errorf("%d trie entries, beyond policy_map_size (%d)", len(keys), d.cfg.PolicyMapSize)
	}
	return keys, vals, nil
}

// newInner creates one of the tables, sized to its contents, and fills it.
func newInner[K, V any](tmpl *ebpf.MapSpec, keys []K, vals []V) (*ebpf.Map, error) {
	spec := tmpl.Copy()
	spec.MaxEntries = uint32(max(len(keys), 1))
	m, err := ebpf.NewMap(spec)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", tmpl.Name, advise(err))
	}
	if len(keys) == 0 {
		return m, nil
	}
	_, err = m.BatchUpdate(keys, vals, nil)
	if errors.Is(err, ebpf.ErrNotSupported) || errors.Is(err, unix.EINVAL) {
		// The LPM trie has no batch operations.
		for i := range keys {
			if err = m.Update(&keys[i], &vals[i], ebpf.UpdateAny); err != nil {
				break
			}
		}
	}
	if err != nil {
		m.Close()
		return nil, fmt.Errorf("fill %s: %w", tmpl.Name, err)
	}
	return m, nil
}

// SetPolicy replaces the policy's tables (identities and verdicts) as a
// whole: the new tables are built in maps of their own, put in the slot
// the programs do not use, and one write of the settings switches every
// program to them. There is no moment where neither the old nor the new
// tables hold, and none where a program mixes them. Flows already
// tracked are judged again by the new tables on their next packet; the
// hit counters go on counting (they are by rule index).
func (d *Datapath) SetPolicy(t Tables) error {
	pk, pv, err := d.policyKeys(t.Entries)
	if err != nil {
		return fmt.Errorf("set policy: %w", err)
	}
	var portKeys, portVals []uint32
	for ifindex, id := range t.PortIdentities {
		if ifindex <= 0 {
			return fmt.Errorf("set policy: port identity for ifindex %d", ifindex)
		}
		portKeys, portVals = append(portKeys, uint32(ifindex)), append(portVals, id)
	}
	var addrKeys []bpfAddrKey
	var addrVals []uint32
	for a, id := range t.AddrIdentities {
		addrKeys, addrVals = append(addrKeys, bpfAddrKey{Addr: a}), append(addrVals, id)
	}

	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed.Load() {
		return ErrClosed
	}
	var g bpfSettings
	if err := d.objs.Global.Lookup(uint32(0), &g); err != nil {
		return fmt.Errorf("set policy: read settings: %w", err)
	}
	next := g.Gen&1 ^ 1
	var inner [3]*ebpf.Map
	defer func() {
		// The outer maps hold their own references.
		for _, m := range inner {
			if m != nil {
				m.Close()
			}
		}
	}()
	if inner[0], err = newInner(d.inner.policy, pk, pv); err != nil {
		return fmt.Errorf("set policy: %w", err)
	}
	if inner[1], err = newInner(d.inner.portIDs, portKeys, portVals); err != nil {
		return fmt.Errorf("set policy: %w", err)
	}
	if inner[2], err = newInner(d.inner.addrIDs, addrKeys, addrVals); err != nil {
		return fmt.Errorf("set policy: %w", err)
	}
	for i, outer := range []*ebpf.Map{d.objs.Policy, d.objs.PortIds, d.objs.AddrIds} {
		if err := outer.Update(next, inner[i], ebpf.UpdateAny); err != nil {
			return fmt.Errorf("set policy: install table: %w", err)
		}
	}
	g.Gen = next
	g.Epoch++
	if err := d.objs.Global.Update(uint32(0), g, ebpf.UpdateAny); err != nil {
		return fmt.Errorf("set policy: switch tables: %w", err)
	}
	return nil
}

// RuleHits returns the number of decisions of each rule, by rule index
// (PolicyEntry.Rule): flows the rule judged when they started, and
// packets of protocols that are not tracked as flows. The counters are
// pinned with the maps: they go on across SetPolicy and restarts. Rules
// past the end of the slice have no hits.
func (d *Datapath) RuleHits() ([]uint64, error) {
	m := d.objs.RuleHits
	n := int(m.MaxEntries())
	keys := make([]uint32, n)
	vals := make([]uint64, n*d.ncpu)
	var cursor ebpf.MapBatchCursor
	got, err := m.BatchLookup(&cursor, keys, vals, nil)
	out := make([]uint64, n)
	switch {
	case err == nil || errors.Is(err, ebpf.ErrKeyNotExist):
		for i := range got {
			k := keys[i]
			for c := range d.ncpu {
				out[k] += vals[i*d.ncpu+c]
			}
		}
	case errors.Is(err, ebpf.ErrNotSupported):
		var percpu []uint64
		for k := range uint32(n) {
			if err := m.Lookup(k, &percpu); err != nil {
				return nil, fmt.Errorf("read rule hits: %w", err)
			}
			for _, v := range percpu {
				out[k] += v
			}
		}
	default:
		return nil, fmt.Errorf("read rule hits: %w", err)
	}
	last := len(out)
	for last > 0 && out[last-1] == 0 {
		last--
	}
	return out[:last], nil
}

// portCfg returns the settings of a port, zero when it has none.
func (d *Datapath) portCfg(ifindex int) (bpfPortCfg, error) {
	var c bpfPortCfg
	err := d.objs.PortCfgs.Lookup(uint32(ifindex), &c)
	if errors.Is(err, ebpf.ErrKeyNotExist) {
		err = nil
	}
	return c, err
}

func (d *Datapath) putPortCfg(ifindex int, c bpfPortCfg) error {
	if c == (bpfPortCfg{}) {
		err := d.objs.PortCfgs.Delete(uint32(ifindex))
		if errors.Is(err, ebpf.ErrKeyNotExist) {
			err = nil
		}
		return err
	}
	return d.objs.PortCfgs.Update(uint32(ifindex), c, ebpf.UpdateAny)
}

// syncSettings recounts the ports with a quarantine and with
// anti-spoofing (the programs skip the checks when none has), and bumps
// the epoch when verdicts may have changed.
func (d *Datapath) syncSettings(bump bool) error {
	var g bpfSettings
	if err := d.objs.Global.Lookup(uint32(0), &g); err != nil {
		return err
	}
	g.Quarantines, g.SpoofPorts = 0, 0
	var key uint32
	var c bpfPortCfg
	it := d.objs.PortCfgs.Iterate()
	for it.Next(&key, &c) {
		if c.QuarantineUntilNs != 0 {
			g.Quarantines++
		}
		if c.SpoofMode != uint8(SpoofOff) {
			g.SpoofPorts++
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	if bump {
		g.Epoch++
	}
	return d.objs.Global.Update(uint32(0), g, ebpf.UpdateAny)
}

// SetPortIdentity says which MACs and addresses belong to a port
// (ifindex) and what anti-spoofing does there. A frame entering from the
// port whose source MAC, source IPv4 or IPv6 address, or ARP sender MAC or
// address is not among them is counted (PortStats.Spoofed), reported
// (OnSpoof) and, in enforce mode, dropped before anything else looks at
// it. A kind of which the port has none (no IPv6 address, say) is not
// checked; neither are what a guest sends before it has an address:
// 0.0.0.0 (DHCP, ARP probes), :: (duplicate address detection) and
// link-local IPv6 (fe80::/10). The addresses are also where quarantine
// finds a destination's port. The port need not be attached yet; Detach
// forgets its settings.
func (d *Datapath) SetPortIdentity(ifindex int, macs []flow.MAC, addrs []flow.Addr, mode SpoofMode) error {
	if ifindex <= 0 {
		return fmt.Errorf("set port identity: ifindex %d", ifindex)
	}
	if mode > SpoofEnforce {
		return fmt.Errorf("set port identity of ifindex %d: mode %d", ifindex, mode)
	}
	want := map[bpfPortAddr]bool{}
	var n4, n6, nm uint16
	for _, m := range macs {
		k := bpfPortAddr{Ifindex: uint32(ifindex)}
		copy(k.Addr[:], m[:])
		if !want[k] {
			want[k] = true
			nm++
		}
	}
	for _, a := range addrs {
		k := bpfPortAddr{Ifindex: uint32(ifindex), Kind: 6, Addr: a}
		if a.Is4() {
			k.Kind = 4
		}
		if !want[k] {
			want[k] = true
			if a.Is4() {
				n4++
			} else {
				n6++
			}
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed.Load() {
		return ErrClosed
	}
	fail := func(err error) error { return fmt.Errorf("set port identity of %s: %w", portName(ifindex), err) }
	// New entries first, the count second, stale entries last: at no
	// moment is an address the port owns missing while it is checked.
	for k := range want {
		if err := d.objs.PortAddrs.Update(k, uint8(1), ebpf.UpdateAny); err != nil {
			return fail(fmt.Errorf("port_addrs_size reached? %w", err))
		}
		if k.Kind != 0 {
			if err := d.objs.AddrPorts.Update(bpfAddrKey{Addr: k.Addr}, uint32(ifindex), ebpf.UpdateAny); err != nil {
				return fail(err)
			}
		}
	}
	c, err := d.portCfg(ifindex)
	if err != nil {
		return fail(err)
	}
	c.N_macs, c.N_v4, c.N_v6, c.SpoofMode = nm, n4, n6, uint8(mode)
	if err := d.putPortCfg(ifindex, c); err != nil {
		return fail(err)
	}
	if err := d.dropStale(ifindex, want); err != nil {
		return fail(err)
	}
	if err := d.syncSettings(false); err != nil {
		return fail(err)
	}
	return nil
}

// dropStale removes the port's MACs and addresses that are not in keep.
func (d *Datapath) dropStale(ifindex int, keep map[bpfPortAddr]bool) error {
	var stale []bpfPortAddr
	var k bpfPortAddr
	var one uint8
	it := d.objs.PortAddrs.Iterate()
	for it.Next(&k, &one) {
		if k.Ifindex == uint32(ifindex) && !keep[k] {
			stale = append(stale, k)
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	for _, k := range stale {
		d.objs.PortAddrs.Delete(k)
		if k.Kind == 0 {
			continue
		}
		var owner uint32
		ak := bpfAddrKey{Addr: k.Addr}
		if d.objs.AddrPorts.Lookup(ak, &owner) == nil && owner == uint32(ifindex) {
			d.objs.AddrPorts.Delete(ak)
		}
	}
	return nil
}

// clearPort forgets everything said about a port (d.mu held).
func (d *Datapath) clearPort(ifindex int) error {
	c, err := d.portCfg(ifindex)
	if err != nil {
		return err
	}
	if err := d.dropStale(ifindex, nil); err != nil {
		return err
	}
	if c == (bpfPortCfg{}) {
		return nil
	}
	if err := d.putPortCfg(ifindex, bpfPortCfg{}); err != nil {
		return err
	}
	return d.syncSettings(c.QuarantineUntilNs != 0)
}

// MaxQuarantinePeers is how many identities a quarantined port may still
// reach.
const MaxQuarantinePeers = 16

// Quarantine cuts a port (ifindex) off until the time given: every flow
// from or to it is dropped, in the kernel, unless the other side's
// identity (Tables) is one of allowed, the management peers. It sits
// above the policy: a quarantined guest is cut off even where a policy
// allows, and its allowed peers still get only what the policy allows.
// What it tries is still counted and its flow starts reported (verdict
// denied, rule RuleQuarantine), within the usual rates. Flows already
// running are cut at their next packet. The kernel lifts it at the
// expiry by itself; Release lifts it at once. Quarantining a port again
// replaces the expiry and the peers.
func (d *Datapath) Quarantine(ifindex int, until time.Time, allowed []uint32) error {
	if ifindex <= 0 {
		return fmt.Errorf("quarantine ifindex %d: not an interface", ifindex)
	}
	if len(allowed) > MaxQuarantinePeers {
		return fmt.Errorf("quarantine %s: %d peers, at most %d", portName(ifindex), len(allowed), MaxQuarantinePeers)
	}
	ns := d.conv.mono(until)
	if ns <= d.conv.mono(time.Now()) {
		return fmt.Errorf("quarantine %s: %s is past", portName(ifindex), until.Format(time.RFC3339))
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed.Load() {
		return ErrClosed
	}
	c, err := d.portCfg(ifindex)
	if err != nil {
		return fmt.Errorf("quarantine %s: %w", portName(ifindex), err)
	}
	c.QuarantineUntilNs = ns
	c.Peers = [MaxQuarantinePeers]uint32{}
	peers := slices.Compact(slices.Sorted(slices.Values(allowed)))
	copy(c.Peers[:], peers)
	c.N_peers = uint32(len(peers))
	if err := d.putPortCfg(ifindex, c); err != nil {
		return fmt.Errorf("quarantine %s: %w", portName(ifindex), err)
	}
	if err := d.syncSettings(true); err != nil {
		return fmt.Errorf("quarantine %s: %w", portName(ifindex), err)
	}
	return nil
}

// Release lifts a port's quarantine at once. Releasing a port that is not
// quarantined is not an error.
func (d *Datapath) Release(ifindex int) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed.Load() {
		return ErrClosed
	}
	c, err := d.portCfg(ifindex)
	if err != nil {
		return fmt.Errorf("release %s: %w", portName(ifindex), err)
	}
	if c.QuarantineUntilNs == 0 {
		return nil
	}
	c.QuarantineUntilNs, c.Peers, c.N_peers = 0, [MaxQuarantinePeers]uint32{}, 0
	if err := d.putPortCfg(ifindex, c); err != nil {
		return fmt.Errorf("release %s: %w", portName(ifindex), err)
	}
	if err := d.syncSettings(true); err != nil {
		return fmt.Errorf("release %s: %w", portName(ifindex), err)
	}
	return nil
}

// OnSpoof sets the function Read calls, on its goroutine, for each
// spoofed frame the kernel reports; nil drops them (they stay counted in
// PortStats). The *SpoofEvent is valid only during the call.
func (d *Datapath) OnSpoof(fn func(*SpoofEvent)) {
	if fn == nil {
		d.onSpoof.Store(nil)
		return
	}
	d.onSpoof.Store(&fn)
}
