// Package spoof reports a switch port that sends frames whose source MAC or
// IP, or whose ARP claims, belong to someone else: the "spoof" alert kind.
//
// It works in two modes at once, chosen per frame by what is known:
//
//   - Declared: when Dependencies.Identity knows the sender (its switch
//     port, else its MAC), a frame is spoofed when its source IP is declared
//     by another guest, or when its port belongs to one guest and its MAC to
//     another. This is the check a switch's port security or libvirt's
//     clean-traffic filter (no-mac-spoofing, no-ip-spoofing, no-arp-spoofing)
//     enforces; here it is observed rather than enforced. An ARP claim for
//     a declared IP from a MAC nobody declared is spoofing too, since
//     nothing legitimate answers ARP for another guest's address on a
//     guest switch.
//   - Learned: for addresses the identity does not declare (or with no
//     identity, as in a replay without a guests file), IP-to-MAC bindings
//     are learned the way arpwatch (LBNL, 1992) learns them: from ARP
//     claims (requests and replies, gratuitous or not) and from the first
//     answer of a responder. An ARP claim for an address from a MAC other
//     than its binding, while the binding is fresh (Config.BindingTTL since
//     it was last confirmed), is ARP cache poisoning (MITRE ATT&CK
//     T1557.002). A binding that expired is replaced quietly: a guest
//     rebuilt with a new MAC or an address reused by DHCP raises nothing
//     after the TTL. An ARP frame whose Ethernet source differs from the
//     sender address in its ARP body is reported in both modes.
//
// It never flags one MAC carrying many IPs in learned mode: that is what a
// router (or a guest that routes or NATs) does. For the same reason it
// learns nothing from initiators' source addresses, which anyone can
// forge (a spoofed-source flood would otherwise bind its victims' addresses
// to the flooder and blame the real owners later): only ARP claims and
// responders' answers bind. In declared mode a guest that sends traffic
// from addresses declared by other guests is flagged, which also flags a
// guest that routes for other guests: declare such guests' roles in the
// inventory, or leave their addresses out of it. Proxy ARP looks exactly
// like ARP spoofing and is reported as such. IPv6 neighbour discovery is
// not covered yet.
//
// Each decision is one finding; an offence that goes on (the same sender,
// address and reason) is reported again at most once per
// Config.ReportEvery, with the claims in between counted. The
// detector only looks at the first packet of each direction of a flow and
// at ARP frames, takes time only from events and Tick, and keeps at most
// Config.MaxBindings bindings.
package spoof

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// Kind is the alert kind this detector reports.
const Kind = "spoof"

// MITRE ATT&CK techniques: ARP cache poisoning, and adversary-in-the-middle
// for traffic sent as another guest (the closest technique: ATT&CK has none
// for source-address spoofing as such).
const (
	mitreARP     = "T1557.002"
	mitreTraffic = "T1557"
)

// reason says why a frame is spoofed.
type reason uint8

const (
	reasonDeclaredIP   reason = iota + 1 // a source IP declared by another guest
	reasonDeclaredMAC                    // a MAC declared by another guest than the port's
	reasonARPFrame                       // Ethernet source and ARP sender differ
	reasonARPBinding                     // an ARP claim against a fresh learned binding
	reasonUndeclaredIP                   // a known guest sends from an address nobody declares
)

var reasonNames = [...]string{"", "declared-ip", "declared-mac", "arp-frame", "arp-binding", "undeclared-ip"}

func (r reason) String() string { return reasonNames[r] }

// verdict is what the declared identities say about a claim.
type verdict uint8

const (
	unknown    verdict = iota // nobody declares the address, or the sender is unknown
	consistent                // the address is declared by the sender
	violation                 // reported
)

// binding is a learned IP-to-MAC binding, in a list ordered by last
// confirmation.
type binding struct {
	mac    flow.MAC
	first  flow.Time // when mac took the address
	last   flow.Time // when it was last confirmed
	viaARP bool      // confirmed by an ARP claim (else only by answers)
}

// offence identifies what is reported at most once per ReportEvery.
type offence struct {
	mac flow.MAC
	ip  flow.Addr
	why reason
}

type offenceState struct {
	last    flow.Time
	repeats uint64
}

// claim is one frame's claim to an address, with what the summary needs.
type claim struct {
	time     flow.Time
	mac      flow.MAC // the MAC that claims ip (ARP sender, or frame source)
	frameMAC flow.MAC // the Ethernet source of an ARP frame
	ip       flow.Addr
	port     uint32
	arpOp    uint16 // 0 for traffic
	target   flow.Addr
	key      flow.Key // traffic: the flow's key
	resp     bool     // traffic: sent by the responder
}

// Stats are the detector's counters.
type Stats struct {
	Bindings      int    // learned bindings held now
	Learned       uint64 // bindings created or taken over by a new MAC
	Expired       uint64 // bindings forgotten after BindingTTL
	Evicted       uint64 // bindings evicted because the table was full
	Findings      uint64 // findings reported
	Suppressed    uint64 // repeats not reported within ReportEvery
	ReportedReset uint64 // times the remembered offences were all forgotten
}

// Detector is the spoof detector. Not safe for concurrent use.
type Detector struct {
	cfg  Config
	deps detect.Dependencies
	// bindings are ordered by last confirmation: the oldest expires first.
	bindings *detect.LRU[flow.Addr, binding]
	reported map[offence]offenceState
	now      flow.Time
	stats    Stats
}

// New returns a detector; cfg must be valid.
func New(cfg Config, deps detect.Dependencies) *Detector {
	return &Detector{
		cfg:      cfg,
		deps:     deps,
		bindings: detect.NewLRU[flow.Addr, binding](cfg.MaxBindings),
		reported: make(map[offence]offenceState),
	}
}

// Name returns the alert kind.
func (d *Detector) Name() string { return Kind }

// Stats returns the counters.
func (d *Detector) Stats() Stats {
	s := d.stats
	s.Bindings = d.bindings.Len()
	s.Evicted = d.bindings.Evicted
	return s
}

func (d *Detector) advance(t flow.Time) {
	if t > d.now {
		d.now = t
	}
}

// Tick forgets the bindings not confirmed for BindingTTL.
func (d *Detector) Tick(now flow.Time) {
	d.advance(now)
	ttl := flow.Time(d.cfg.BindingTTL)
	for {
		ip, b, ok := d.bindings.Oldest()
		if !ok || b.last+ttl > d.now {
			return
		}
		d.bindings.Delete(ip)
		d.stats.Expired++
	}
}

// Packet checks the first packet of each direction of a flow: the sender's
// MAC, address and port against the declared identities, and learns the
// responder's binding from its answer. Later packets cost one comparison.
func (d *Detector) Packet(f *flowtable.Flow, ev *flow.Event, dir flowtable.Dir) {
	if f.Packets[dir] != uint64(ev.Packets) {
		return
	}
	c := claim{time: ev.Time, mac: f.MAC[dir], ip: f.Key.Src, port: f.Port[dir], key: f.Key, resp: dir == flowtable.Resp}
	if c.resp {
		c.ip = f.Key.Dst
	}
	if c.ip.IsZero() || c.mac.IsZero() {
		return
	}
	d.advance(ev.Time)
	v := unknown
	if d.deps.Identity != nil {
		v = d.declared(&c)
	}
	if v != violation && c.resp {
		d.learn(c.ip, c.mac, false, v == consistent)
	}
}

// ARP checks an ARP frame's claim (sender address at sender MAC).
func (d *Detector) ARP(ev *flow.Event) {
	d.advance(ev.Time)
	c := claim{time: ev.Time, mac: ev.ARPSender, frameMAC: ev.SrcMAC, ip: ev.Key.Src, port: ev.Port,
		arpOp: ev.ARPOp, target: ev.Key.Dst}
	if c.ip.IsZero() || c.mac.IsZero() {
		// An ARP probe (RFC 5227) claims nothing.
		return
	}
	v := unknown
	if d.deps.Identity != nil {
		if v = d.declared(&c); v == violation {
			return
		}
	}
	if !c.frameMAC.IsZero() && c.frameMAC != c.mac {
		d.report(&c, reasonARPFrame, nil)
		return
	}
	if v == unknown {
		if b, ok := d.bindings.Peek(c.ip); ok {
			if b.mac != c.mac && b.last+flow.Time(d.cfg.BindingTTL) > d.now {
				d.report(&c, reasonARPBinding, b)
				return
			}
		}
	}
	d.learn(c.ip, c.mac, true, true)
}

// declared checks a claim against the declared identities. The port is
// the truth about who sends; without one, the MAC is.
func (d *Detector) declared(c *claim) verdict {
	id := d.deps.Identity
	gm := id.GuestByMAC(c.mac)
	gi := id.GuestByIP(c.ip)
	gp := ""
	if c.port != 0 {
		gp = id.GuestByPort(c.port)
	}
	sender := gp
	if sender == "" {
		sender = gm
	}
	switch {
	case gp != "" && gm != "" && gm != gp:
		d.report(c, reasonDeclaredMAC, nil)
	case gi != "" && sender != "" && gi != sender:
		d.report(c, reasonDeclaredIP, nil)
	case gi != "" && sender == "" && c.arpOp != 0:
		d.report(c, reasonDeclaredIP, nil)
	case gi != "" && gi == sender:
		return consistent
	case gi == "" && sender != "" && !c.resp && c.arpOp == 0 && d.cfg.UndeclaredSources && assignable(c.ip):
		d.report(c, reasonUndeclaredIP, nil)
	default:
		return unknown
	}
	return violation
}

// learn binds ip to mac, or confirms the binding. A claim that takes an
// address from another MAC has been checked by the caller (force); an
// answer from another MAC than a fresh binding's neither takes the address
// nor confirms it, so that the first MAC seen keeps it until it expires.
func (d *Detector) learn(ip flow.Addr, mac flow.MAC, viaARP, force bool) {
	if b, ok := d.bindings.Peek(ip); ok {
		if b.mac != mac {
			if !force && b.last+flow.Time(d.cfg.BindingTTL) > d.now {
				return
			}
			b.mac, b.first, b.viaARP = mac, d.now, false
			d.stats.Learned++
		}
		b.last = d.now
		b.viaARP = b.viaARP || viaARP
		d.bindings.Get(ip) // now the most recently confirmed
		return
	}
	// Put forgets the binding confirmed longest ago when the table is full.
	b, _ := d.bindings.Put(ip)
	*b = binding{mac: mac, first: d.now, last: d.now, viaARP: viaARP}
	d.stats.Learned++
}

// suppress reports whether an offence was reported less than
// ReportEvery ago, counting the repeat; otherwise it records the
// report and returns the repeats since the last one.
func (d *Detector) suppress(o offence) (bool, uint64) {
	st, ok := d.reported[o]
	if ok && d.now-st.last < flow.Time(d.cfg.ReportEvery) {
		st.repeats++
		d.reported[o] = st
		d.stats.Suppressed++
		return true, 0
	}
	if !ok && len(d.reported) >= d.cfg.MaxReported {
		for k, s := range d.reported {
			if d.now-s.last >= flow.Time(d.cfg.ReportEvery) {
				delete(d.reported, k)
			}
		}
		if len(d.reported) >= d.cfg.MaxReported {
			clear(d.reported)
			d.stats.ReportedReset++
		}
	}
	d.reported[o] = offenceState{last: d.now}
	return false, st.repeats
}

// assignable reports whether a can be a guest's own source address: not
// unspecified, link-local, multicast or broadcast (DHCP, neighbour
// discovery and friends use those without being declared).
func assignable(a flow.Addr) bool {
	ip := a.Netip()
	return !(ip.IsUnspecified() || ip.IsLinkLocalUnicast() || ip.IsMulticast() || ip.IsLinkLocalMulticast() ||
		ip == netip.AddrFrom4([4]byte{255, 255, 255, 255}))
}

// name returns "mac (guest)" when the identity knows the MAC.
func (d *Detector) name(m flow.MAC) string {
	if d.deps.Identity != nil {
		if g := d.deps.Identity.GuestByMAC(m); g != "" {
			return m.String() + " (" + g + ")"
		}
	}
	return m.String()
}

// what describes the frame that made the claim.
func (c *claim) what() string {
	switch {
	case c.arpOp == flow.ARPRequest && c.ip == c.target:
		return "a gratuitous ARP request"
	case c.arpOp == flow.ARPReply && c.ip == c.target:
		return "a gratuitous ARP reply"
	case c.arpOp == flow.ARPRequest:
		return "an ARP request"
	case c.arpOp == flow.ARPReply:
		return "an ARP reply"
	case c.arpOp != 0:
		return fmt.Sprintf("an ARP frame (op %d)", c.arpOp)
	case c.resp:
		return fmt.Sprintf("%s replies to %s", flow.ProtoName(c.key.Proto), c.key.Src)
	}
	return fmt.Sprintf("%s traffic to %s", flow.ProtoName(c.key.Proto), c.key.Dst)
}

func (c *claim) frame() string {
	switch {
	case c.arpOp == flow.ARPRequest:
		return "arp-request"
	case c.arpOp == flow.ARPReply:
		return "arp-reply"
	case c.arpOp != 0:
		return "arp"
	}
	return flow.ProtoName(c.key.Proto)
}

// report sends one finding about c, unless the same offence was reported
// less than ReportEvery ago. bound is the learned binding that c
// contradicts, if any.
func (d *Detector) report(c *claim, why reason, bound *binding) {
	o := offence{mac: c.mac, ip: c.ip, why: why}
	if why == reasonUndeclaredIP {
		o.ip = flow.Addr{} // a spoofed-source flood is one offence, not one per address
	}
	skip, repeats := d.suppress(o)
	if skip {
		return
	}
	d.stats.Findings++
	f := &alert.Finding{
		Time:     c.time,
		Kind:     Kind,
		Severity: alert.High,
		Src:      alert.Party{Addr: c.ip, MAC: c.mac},
		Dst:      alert.Party{Addr: c.ip},
		Episode:  why.String() + " " + c.mac.String(),
		Mitre:    mitreTraffic,
		Evidence: map[string]any{
			"reason":     why.String(),
			"sender_mac": c.mac.String(),
			"claimed_ip": c.ip.String(),
			"frame":      c.frame(),
		},
	}
	if c.arpOp != 0 {
		f.Mitre = mitreARP
	}
	if c.port != 0 {
		f.Evidence["switch_port"] = c.port
	}
	if repeats > 0 {
		f.Evidence["repeats"] = repeats
	}
	var sender, owner string
	if id := d.deps.Identity; id != nil {
		if c.port != 0 {
			sender = id.GuestByPort(c.port)
		}
		if sender == "" {
			sender = id.GuestByMAC(c.mac)
		}
		if sender != "" {
			f.Evidence["sender_guest"] = sender
			f.Src.Guest = sender
		}
	}
	what := c.what()
	switch why {
	case reasonDeclaredIP:
		owner = d.deps.Identity.GuestByIP(c.ip)
		if b, ok := d.bindings.Peek(c.ip); ok && b.mac != c.mac {
			f.Dst.MAC = b.mac
		}
		s := sender
		if s == "" {
			s = "undeclared"
		}
		f.Summary = fmt.Sprintf("%s (%s) claims %s, which belongs to %s, in %s", c.mac, s, c.ip, owner, what)
	case reasonDeclaredMAC:
		owner = d.deps.Identity.GuestByMAC(c.mac)
		f.Dst = alert.Party{MAC: c.mac}
		f.Summary = fmt.Sprintf("the port of %s sends as %s, which belongs to %s, from %s in %s", sender, c.mac, owner, c.ip, what)
	case reasonUndeclaredIP:
		f.Severity = alert.Medium
		f.Mitre = "T1498"
		f.Dst = alert.Party{Addr: c.key.Dst}
		f.Summary = fmt.Sprintf("%s (%s) sends from %s, an address no guest declares, in %s", c.mac, sender, c.ip, what)
	case reasonARPFrame:
		f.Severity = alert.Medium
		f.Src.MAC, f.Dst.MAC = c.frameMAC, c.mac
		f.Evidence["frame_mac"] = c.frameMAC.String()
		f.Summary = fmt.Sprintf("%s sends %s claiming %s is at %s: the Ethernet source and the ARP sender differ",
			d.name(c.frameMAC), what, c.ip, d.name(c.mac))
	case reasonARPBinding:
		by, from := "arp", "ARP"
		if !bound.viaARP {
			// Learned only from answers: weaker evidence of ownership.
			by, from = "traffic", "answers"
			f.Severity = alert.Medium
		}
		f.Dst.MAC = bound.mac
		f.Evidence["bound_mac"] = bound.mac.String()
		f.Evidence["bound_by"] = by
		f.Evidence["binding_age_s"] = int64(d.now.Sub(bound.first) / time.Second)
		f.Evidence["confirmed_ago_s"] = int64(d.now.Sub(bound.last) / time.Second)
		f.Summary = fmt.Sprintf("%s claims %s in %s, but it is bound to %s (learned from %s, confirmed %s ago)",
			d.name(c.mac), c.ip, what, d.name(bound.mac), from, d.now.Sub(bound.last).Round(time.Second))
	}
	if owner != "" {
		f.Evidence["owner_guest"] = owner
	}
	d.deps.Reporter.Report(f)
}
