package lab

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Attack scenarios: `crosstalk lab attack KIND` sends hostile traffic from
// one guest of a running lab to others, with the real tools when they are
// installed (nmap, hping3, iperf3, arping, each run inside the attacking
// guest's namespace with `ip netns exec`) and with a built-in Go generator
// otherwise. The generator is this same executable, run inside the
// namespace as the hidden `crosstalk lab attack-run` (see RunAttackGen).
//
// Every address an attack sends to (and every source it forges) is one
// of the lab's own: inside its IPv4 subnet or its IPv6 /64, checked here
// and again by the generator, whose namespace has no route anywhere else.
// Every attack is bounded in packets and in time.

// Attack kinds.
const (
	AttackPortscan = "portscan"
	AttackSweep    = "sweep"
	AttackWorm     = "worm"
	AttackSYNFlood = "synflood"
	AttackUDPFlood = "udpflood"
	AttackSpoof    = "spoof"
	AttackBeacon   = "beacon"
	// AttackCPUHog burns CPU inside the guest's cgroups: the noisy
	// neighbour (stress-ng, else the Go generator).
	AttackCPUHog = "cpu-hog"
	// AttackNetHog floods a neighbour over the virtual switch with as
	// much TCP as iperf3 moves, both ends in their guests' cgroups (the
	// receiver's CPU pays for it), else UDP from the Go generator.
	AttackNetHog = "net-hog"
	// AttackIOHog saturates the disk the guests share, from the guest's
	// cgroups (stress-ng --hdd, else the Go generator).
	AttackIOHog = "io-hog"
)

// AttackKinds lists the kinds, in the order the help shows them.
var AttackKinds = []string{AttackPortscan, AttackSweep, AttackWorm, AttackSYNFlood, AttackUDPFlood, AttackSpoof, AttackBeacon, AttackCPUHog, AttackIOHog, AttackNetHog}

// ScanTypes are the portscan types, as nmap's -sS, -sT, -sF, -sN, -sX,
// -sA and -sU.
var ScanTypes = []string{"syn", "connect", "fin", "null", "xmas", "ack", "udp"}

// Defaults and limits of the attacks.
const (
	DefaultFloodDuration  = 3 * time.Second
	DefaultBeaconDuration = 6 * time.Minute
	DefaultBeaconInterval = 5 * time.Second
	// MaxFloodDuration bounds --duration of the floods.
	MaxFloodDuration = time.Minute
	// MaxBeaconDuration bounds --duration of a beacon.
	MaxBeaconDuration = time.Hour
	// DefaultHogDuration and MaxHogDuration bound a cpu-hog.
	DefaultHogDuration = 30 * time.Second
	MaxHogDuration     = 10 * time.Minute
	// MaxWorkers bounds a cpu-hog's busy threads.
	MaxWorkers = 64
	// MaxRate bounds --rate, in packets per second.
	MaxRate = 200000
	// MaxSweep bounds the addresses one sweep or worm hop probes.
	MaxSweep = 1024
	// maxScanHosts bounds the hosts one portscan covers.
	maxScanHosts = 16
	// Default rates of the Go generator.
	defaultSYNRate   = 20000
	defaultUDPRate   = 50000
	defaultSpoofRate = 100
	spoofCount       = 200
	beaconJitter     = 0.05
	// scanPorts and udpScanPorts are the ports a portscan covers.
	scanPorts    = 1000
	udpScanPorts = 200
)

// ErrAttackArgs marks an attack whose options do not fit the lab (a
// guest it does not have, an address outside its subnets).
var ErrAttackArgs = errors.New("bad attack arguments")

// attackArgError is an ErrAttackArgs with a message of its own.
type attackArgError struct{ msg string }

func (e *attackArgError) Error() string        { return e.msg }
func (e *attackArgError) Is(target error) bool { return target == ErrAttackArgs }

func argErr(format string, args ...any) error {
	return &attackArgError{fmt.Sprintf(format, args...)}
}

// AttackOptions say which attack to run. The zero value of every field
// but Kind means "the default".
type AttackOptions struct {
	// Kind is one of AttackKinds.
	Kind string
	// From is the attacking guest (default rogue).
	From string
	// To is the victim: a guest's name, one of the lab's addresses, or a
	// prefix within the lab's subnet (sweep, portscan). Defaults: db-1
	// for portscan, the lab's IPv4 subnet (its first /24) for sweep,
	// web-1 for the rest (for worm, the first host it infects).
	To string
	// ScanType is the portscan type, one of ScanTypes (default syn).
	ScanType string
	// Tool is "auto" (default: the real tool when it is installed) or
	// "go" (always the built-in generator).
	Tool string
	// Duration bounds the floods (default 3 s, at most 1 min) and the
	// beacon (default 6 min, at most 1 h).
	Duration time.Duration
	// Rate is packets per second for synflood, udpflood and spoof
	// (default: hping3 --flood; the Go generator sends 20,000 SYNs,
	// 50,000 datagrams or 100 spoofed SYNs a second), at most MaxRate.
	Rate int
	// Interval is the beacon's period (default 5 s, ±5 % jitter).
	Interval time.Duration
	// Port is the victim's port: 80 for synflood, spoof and beacon, 5000
	// for udpflood, 22 (the service that spreads) for worm.
	Port int
	// As is the guest whose address spoof forges (default app-1).
	As string
	// Spoofed makes synflood forge random sources inside the lab's
	// subnet (the Go generator: hping3's --rand-source would pick any
	// address of the Internet).
	Spoofed bool
	// Hops is how many hosts the worm spreads from, 1 to 3 (default 2).
	Hops int
	// Workers is how many threads a cpu-hog keeps busy (default 1).
	Workers int
	// Pin, when set, is the CPU list (taskset -c) a cpu-hog runs on.
	Pin string
	// Command runs the hidden generator: program and arguments before
	// its own (default: this executable, "lab", "attack-run"). Tests set
	// it to their own binary.
	Command []string
	// LookPath finds a tool (default exec.LookPath); tests replace it.
	LookPath func(string) (string, error)
}

// Validate reports the first option that cannot work, without looking
// at the lab or the system.
func (o AttackOptions) Validate() error {
	if !slices.Contains(AttackKinds, o.Kind) {
		return fmt.Errorf("kind: want one of %s, got %q", strings.Join(AttackKinds, ", "), o.Kind)
	}
	if o.ScanType != "" && !slices.Contains(ScanTypes, o.ScanType) {
		return fmt.Errorf("type: want one of %s, got %q", strings.Join(ScanTypes, ", "), o.ScanType)
	}
	if o.Tool != "" && o.Tool != "auto" && o.Tool != "go" {
		return fmt.Errorf("tool: want auto or go, got %q", o.Tool)
	}
	if o.Duration < 0 {
		return fmt.Errorf("duration: must be positive, got %s", o.Duration)
	}
	switch o.Kind {
	case AttackSYNFlood, AttackUDPFlood:
		if o.Duration > MaxFloodDuration {
			return fmt.Errorf("duration: a flood lasts at most %s, got %s", MaxFloodDuration, o.Duration)
		}
	case AttackBeacon:
		if o.Duration > MaxBeaconDuration {
			return fmt.Errorf("duration: a beacon lasts at most %s, got %s", MaxBeaconDuration, o.Duration)
		}
	case AttackCPUHog, AttackIOHog, AttackNetHog:
		if o.Duration > MaxHogDuration {
			return fmt.Errorf("duration: a %s lasts at most %s, got %s", o.Kind, MaxHogDuration, o.Duration)
		}
	}
	if o.Workers < 0 || o.Workers > MaxWorkers {
		return fmt.Errorf("workers: want 1 to %d, got %d", MaxWorkers, o.Workers)
	}
	if !validCPUList(o.Pin) {
		return fmt.Errorf("pin: want a CPU list such as 0 or 0-1,3, got %q", o.Pin)
	}
	if o.Rate < 0 || o.Rate > MaxRate {
		return fmt.Errorf("rate: want 1 to %d packets per second, got %d", MaxRate, o.Rate)
	}
	if o.Interval < 0 || (o.Interval > 0 && o.Interval < 100*time.Millisecond) || o.Interval > 10*time.Minute {
		return fmt.Errorf("interval: want 100ms to 10m, got %s", o.Interval)
	}
	if o.Port < 0 || o.Port > 65535 {
		return fmt.Errorf("port: want 1 to 65535, got %d", o.Port)
	}
	if o.Hops < 0 || o.Hops > 3 {
		return fmt.Errorf("hops: want 1 to 3, got %d", o.Hops)
	}
	if len(o.Command) > 0 && o.Command[0] == "" {
		return errors.New("command: empty program name")
	}
	return nil
}

// withDefaults fills in the defaults that do not depend on the lab.
func (o AttackOptions) withDefaults() AttackOptions {
	if o.From == "" {
		o.From = "rogue"
	}
	if o.Tool == "" {
		o.Tool = "auto"
	}
	if o.ScanType == "" {
		o.ScanType = "syn"
	}
	if o.Hops == 0 {
		o.Hops = 2
	}
	if o.To == "" {
		switch o.Kind {
		case AttackPortscan:
			o.To = "db-1"
		case AttackSweep:
			// The lab's subnet: filled in by plan.
		default:
			o.To = "web-1"
		}
	}
	if o.As == "" {
		o.As = "app-1"
	}
	if o.Port == 0 {
		switch o.Kind {
		case AttackUDPFlood:
			o.Port = 5000
		case AttackWorm:
			o.Port = 22
		default:
			o.Port = 80
		}
	}
	if o.Workers == 0 {
		o.Workers = 1
	}
	if o.Duration == 0 {
		switch o.Kind {
		case AttackCPUHog, AttackIOHog, AttackNetHog:
			o.Duration = DefaultHogDuration
		case AttackBeacon:
			o.Duration = DefaultBeaconDuration
		default:
			o.Duration = DefaultFloodDuration
		}
	}
	if o.Interval == 0 {
		o.Interval = DefaultBeaconInterval
	}
	if o.LookPath == nil {
		o.LookPath = exec.LookPath
	}
	return o
}

// attackStep is one program run inside one guest's namespace: a real
// tool (argv) or the Go generator (gen).
type attackStep struct {
	guest Guest
	// what is said on stderr before the step runs, after "KIND: ".
	say  string
	argv []string
	gen  *genSpec
	// limit bounds the whole step; stopAfter, when set, interrupts a
	// tool that would run on (a flood) and counts that as success.
	limit, stopAfter time.Duration
	// okExit lists the exit codes besides 0 that mean success when the
	// output has okOutput (hping3 exits 1 when nothing answered).
	okExit   []int
	okOutput string
	// cgroups, when set, is the lab and guest whose cgroups the tool is
	// moved into as it starts (a cpu-hog is the guest's own load); pin
	// a CPU list the step runs on (taskset -c).
	cgroupLab, cgroupGuest string
	pin                    string
	// server is a tool started in serverGuest's namespace before the
	// step and stopped after it (the iperf3 server).
	server      []string
	serverGuest Guest
	serverLab   string // set: the server runs in serverGuest's cgroups
	// neigh lists addresses that get a static neighbour entry with
	// fakeMAC in the step's namespace while it runs (worm, see plan).
	neigh []netip.Addr
	// next, when set, is checked against the step's result: the worm's
	// next hop must have answered.
	next *Guest
}

// attackPlan is what an attack runs, step by step.
type attackPlan struct {
	kind    string
	from    Guest
	steps   []attackStep
	fakeMAC string
}

// attackLab is what planning needs to know of the lab.
type attackLab struct {
	c      Config // completed
	guests []Guest
}

func (l *attackLab) guest(name string) (Guest, bool) {
	for _, g := range l.guests {
		if g.Name == name {
			return g, true
		}
	}
	return Guest{}, false
}

func (l *attackLab) guestByAddr(a netip.Addr) (Guest, bool) {
	for _, g := range l.guests {
		if g.IPv4 == a || g.IPv6 == a {
			return g, true
		}
	}
	return Guest{}, false
}

// inLab tells whether a is one of the lab's usable addresses: inside
// its subnets, and not the IPv4 subnet's network or broadcast address.
func (l *attackLab) inLab(a netip.Addr) bool {
	a = a.Unmap()
	if l.c.Subnet6.Contains(a) {
		return a != l.c.Subnet6.Addr()
	}
	if !l.c.Subnet.Contains(a) {
		return false
	}
	return a != l.c.Subnet.Addr() && a != lastAddr(l.c.Subnet)
}

func (l *attackLab) allow() []string {
	return []string{l.c.Subnet.String(), l.c.Subnet6.String()}
}

// sweepPrefix is what a sweep covers by default: the lab's IPv4 subnet,
// or its first /24 (where the guests are) when it is larger.
func (l *attackLab) sweepPrefix() netip.Prefix {
	return netip.PrefixFrom(l.c.Subnet.Addr(), max(l.c.Subnet.Bits(), 24))
}

// lastAddr returns the last address of prefix p.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := range b {
		if bit := i * 8; bit+8 <= p.Bits() {
			continue
		} else if bit >= p.Bits() {
			b[i] = 0xff
		} else {
			b[i] |= 0xff >> (p.Bits() - bit)
		}
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// expand returns the lab addresses of p, at most MaxSweep of them.
func (l *attackLab) expand(p netip.Prefix) ([]netip.Addr, error) {
	p = p.Masked()
	if bits := p.Addr().BitLen() - p.Bits(); bits > 10 {
		return nil, argErr("--to: %s has more than %d addresses", p, MaxSweep)
	}
	var out []netip.Addr
	for a := p.Addr(); p.Contains(a); a = a.Next() {
		if l.inLab(a) {
			out = append(out, a)
		}
		if !a.Next().IsValid() {
			break
		}
	}
	if len(out) == 0 {
		return nil, argErr("--to: %s holds no address of the lab", p)
	}
	return out, nil
}

// target is what --to names.
type target struct {
	guest  *Guest       // when --to names a guest, or one of its addresses
	addrs  []netip.Addr // the addresses to send to
	prefix netip.Prefix // when --to is a prefix
	text   string       // as tools want it: an address or a prefix
}

// resolveTarget reads --to: a guest (its IPv4 address, or its IPv6 one
// when v6 is asked for), an address or a prefix of the lab.
func (l *attackLab) resolveTarget(to string, prefixOK bool) (target, error) {
	if g, ok := l.guest(to); ok {
		return target{guest: &g, addrs: []netip.Addr{g.IPv4}, text: g.IPv4.String()}, nil
	}
	if a, err := netip.ParseAddr(to); err == nil {
		a = a.Unmap()
		if !l.inLab(a) {
			return target{}, argErr("--to: %s is not an address of lab %s (%s, %s)", a, l.c.Name, l.c.Subnet, l.c.Subnet6)
		}
		t := target{addrs: []netip.Addr{a}, text: a.String()}
		if g, ok := l.guestByAddr(a); ok {
			t.guest = &g
		}
		return t, nil
	}
	if p, err := netip.ParsePrefix(to); err == nil {
		if p.Bits() == p.Addr().BitLen() {
			return l.resolveTarget(p.Addr().String(), prefixOK)
		}
		if !prefixOK {
			return target{}, argErr("--to: want a guest or an address, not the prefix %s", p)
		}
		p = p.Masked()
		inside := (l.c.Subnet.Contains(p.Addr()) && p.Bits() >= l.c.Subnet.Bits()) ||
			(l.c.Subnet6.Contains(p.Addr()) && p.Bits() >= l.c.Subnet6.Bits())
		if !inside {
			return target{}, argErr("--to: %s is not inside lab %s's subnets (%s, %s)", p, l.c.Name, l.c.Subnet, l.c.Subnet6)
		}
		addrs, err := l.expand(p)
		if err != nil {
			return target{}, err
		}
		return target{addrs: addrs, prefix: p, text: p.String()}, nil
	}
	return target{}, argErr("--to: %q is no guest of lab %s (it has %s), no address and no prefix", to, l.c.Name, guestList(l.guests))
}

func guestList(gs []Guest) string {
	names := make([]string, 0, len(gs))
	for _, g := range gs {
		names = append(names, g.Name)
	}
	if len(names) > 10 {
		names = append(names[:9], "...", names[len(names)-1])
	}
	return strings.Join(names, ", ")
}

// plan turns the options into steps. It looks at nothing but the lab's
// layout and o.LookPath.
func (l *attackLab) plan(o AttackOptions) (*attackPlan, error) {
	o = o.withDefaults()
	from, ok := l.guest(o.From)
	if !ok {
		return nil, argErr("--from: lab %s has no guest %q (it has %s)", l.c.Name, o.From, guestList(l.guests))
	}
	p := &attackPlan{kind: o.Kind, from: from}
	p.fakeMAC = fakeMAC(l.c.Name)
	have := func(tool string) bool {
		if o.Tool == "go" {
			return false
		}
		_, err := o.LookPath(tool)
		return err == nil
	}
	// why says why the Go generator runs.
	why := func(tools ...string) string {
		if o.Tool == "go" {
			return "built-in Go generator (--tool go)"
		}
		return "built-in Go generator (" + strings.Join(tools, " and ") + " not installed)"
	}
	base := genSpec{Allow: l.allow(), Src: from.IPv4.String()}
	var err error
	switch o.Kind {
	case AttackPortscan:
		err = l.planPortscan(p, o, have, why, base)
	case AttackSweep:
		err = l.planSweep(p, o, have, why, base)
	case AttackWorm:
		err = l.planWorm(p, o, base)
	case AttackSYNFlood:
		err = l.planSYNFlood(p, o, have, why, base)
	case AttackUDPFlood:
		err = l.planUDPFlood(p, o, have, why, base)
	case AttackSpoof:
		err = l.planSpoof(p, o, have, why, base)
	case AttackBeacon:
		err = l.planBeacon(p, o, base)
	case AttackCPUHog:
		err = l.planCPUHog(p, o, have, why, base)
	case AttackNetHog:
		err = l.planNetHog(p, o, have, why, base)
	case AttackIOHog:
		err = l.planIOHog(p, o, have, why, base)
	default:
		err = argErr("unknown kind %q", o.Kind)
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// single resolves --to for the kinds that aim at one host, which must not
// be the attacker.
func (l *attackLab) single(o AttackOptions, from Guest, v4only bool) (target, error) {
	t, err := l.resolveTarget(o.To, false)
	if err != nil {
		return t, err
	}
	if t.guest != nil && t.guest.Name == from.Name {
		return t, argErr("--to: %s is the attacker (--from) itself", from.Name)
	}
	if v4only && !t.addrs[0].Is4() {
		return t, argErr("--to: %s takes an IPv4 target, got %s", o.Kind, t.addrs[0])
	}
	return t, nil
}

var nmapScan = map[string]string{"syn": "-sS", "connect": "-sT", "fin": "-sF", "null": "-sN", "xmas": "-sX", "ack": "-sA", "udp": "-sU"}

func (l *attackLab) planPortscan(p *attackPlan, o AttackOptions, have func(string) bool, why func(...string) string, base genSpec) error {
	t, err := l.resolveTarget(o.To, true)
	if err != nil {
		return err
	}
	if t.guest != nil && t.guest.Name == p.from.Name {
		return argErr("--to: %s is the attacker (--from) itself", p.from.Name)
	}
	if len(t.addrs) > maxScanHosts {
		return argErr("--to: a portscan covers at most %d hosts (a /28), got %s; sweep covers more", maxScanHosts, t.text)
	}
	v6 := !t.addrs[0].Is4()
	lastPort := scanPorts
	if o.ScanType == "udp" {
		lastPort = udpScanPorts
	}
	step := attackStep{guest: p.from, limit: 2 * time.Minute}
	if have("nmap") {
		step.argv = []string{"nmap", "-n", nmapScan[o.ScanType], "-p", "1-" + strconv.Itoa(lastPort), "-T4", "--host-timeout", "90s"}
		if o.ScanType == "udp" {
			// Linux limits its port-unreachable answers to about one a
			// second: without a floor nmap would slow down to match.
			step.argv = append(step.argv, "--max-retries", "1", "--min-rate", "200")
		}
		if v6 {
			step.argv = append(step.argv, "-6")
		}
		step.argv = append(step.argv, t.text)
		step.say = strings.Join(step.argv, " ") + " from " + p.from.Name
		p.steps = append(p.steps, step)
		return nil
	}
	g := base
	g.Targets = addrStrings(t.addrs)
	g.PortLo, g.PortHi = 1, lastPort
	switch o.ScanType {
	case "connect":
		g.Gen, g.Timeout, g.Concurrency = "connect", 500*time.Millisecond, 64
		step.say = fmt.Sprintf("%s: connect() scan of %s ports 1-%d from %s", why("nmap"), t.text, lastPort, p.from.Name)
	case "udp":
		g.Gen, g.Rate = "udp", 1000
		step.say = fmt.Sprintf("%s: UDP datagrams to %s ports 1-%d from %s", why("nmap"), t.text, lastPort, p.from.Name)
	default:
		if v6 {
			return argErr("--to: the Go generator sends %s probes over IPv4 only; use --type connect or install nmap", o.ScanType)
		}
		// nmap's stealth scans need raw packets; so does the generator.
		g.Gen, g.Flags, g.Rate = "raw", o.ScanType, 2000
		step.say = fmt.Sprintf("%s: %s probes from a raw socket to %s ports 1-%d from %s (answers are not read: nmap reports port states)",
			why("nmap"), strings.ToUpper(o.ScanType), t.text, lastPort, p.from.Name)
	}
	step.gen = &g
	p.steps = append(p.steps, step)
	return nil
}

func (l *attackLab) planSweep(p *attackPlan, o AttackOptions, have func(string) bool, why func(...string) string, base genSpec) error {
	var t target
	var err error
	if o.To == "" {
		pre := l.sweepPrefix()
		addrs, _ := l.expand(pre)
		t = target{addrs: addrs, prefix: pre, text: pre.String()}
	} else if t, err = l.resolveTarget(o.To, true); err != nil {
		return err
	}
	if !t.prefix.IsValid() {
		return argErr("--to: a sweep covers a prefix (such as %s), not one host", l.sweepPrefix())
	}
	if !t.prefix.Addr().Is4() {
		return argErr("--to: sweep takes an IPv4 prefix, got %s", t.prefix)
	}
	step := attackStep{guest: p.from, limit: 2 * time.Minute}
	if have("nmap") {
		// Ping scan: on the lab's flat network nmap asks by ARP.
		step.argv = []string{"nmap", "-n", "-sn", "--host-timeout", "30s", t.text}
		step.say = strings.Join(step.argv, " ") + " from " + p.from.Name
	} else {
		g := base
		g.Gen, g.Targets, g.PortLo, g.PortHi = "connect", addrStrings(without(t.addrs, p.from.IPv4)), 22, 22
		g.Timeout, g.Concurrency = time.Second, 64
		step.gen = &g
		step.say = fmt.Sprintf("%s: connect() to port 22 of %d addresses of %s from %s", why("nmap"), len(g.Targets), t.text, p.from.Name)
	}
	p.steps = append(p.steps, step)
	return nil
}

// planWorm: the attacker logs into the first victim on the service (an
// answered inbound contact), then each hop, from its own namespace,
// probes every address of the lab's subnet on that service with
// connect() and "infects" those that answer; the next hop is one of them.
//
// On the lab's flat network a connect() to an unused address never puts a
// SYN on the wire (the ARP request goes unanswered), and the worm detector
// counts connection attempts, not ARP. So while a hop runs, its namespace
// gets a static neighbour entry for each unused address, with a MAC no
// guest has: the SYNs go out, the bridge floods them to the lab's ports,
// nobody answers, as when a worm probes dead addresses behind a router.
// The entries are removed after the hop.
func (l *attackLab) planWorm(p *attackPlan, o AttackOptions, base genSpec) error {
	t, err := l.single(o, p.from, true)
	if err != nil {
		return err
	}
	if t.guest == nil {
		return argErr("--to: the worm's first victim must be a guest (it spreads from its namespace), got %s", o.To)
	}
	victim := *t.guest
	infect := base
	infect.Gen, infect.Targets, infect.PortLo, infect.PortHi = "connect", []string{victim.IPv4.String()}, o.Port, o.Port
	infect.Timeout, infect.Concurrency, infect.Greet = 2*time.Second, 1, o.Port == 22
	p.steps = append(p.steps, attackStep{guest: p.from, gen: &infect, limit: 30 * time.Second,
		say: fmt.Sprintf("built-in Go generator (worms connect(); no tool needed): %s logs into %s:%d", p.from.Name, victim.Name, o.Port)})

	all, _ := l.expand(l.sweepPrefix())
	var unused []netip.Addr
	for _, a := range all {
		if _, ok := l.guestByAddr(a); !ok {
			unused = append(unused, a)
		}
	}
	chain := []string{p.from.Name, victim.Name}
	hop := victim
	for i := 1; i <= o.Hops; i++ {
		g := base
		g.Src = hop.IPv4.String()
		g.Gen, g.Targets, g.PortLo, g.PortHi = "connect", addrStrings(without(all, hop.IPv4)), o.Port, o.Port
		g.Timeout, g.Concurrency, g.Greet = time.Second, 64, o.Port == 22
		step := attackStep{guest: hop, gen: &g, limit: time.Minute, neigh: unused,
			say: fmt.Sprintf("hop %d: %s probes %d addresses of %s on port %d with connect()", i, hop.Name, len(g.Targets), l.sweepPrefix(), o.Port)}
		if i < o.Hops {
			next, ok := l.nextHop(chain)
			if !ok {
				p.steps = append(p.steps, step)
				break
			}
			step.next = &next
			chain = append(chain, next.Name)
			p.steps = append(p.steps, step)
			hop = next
			continue
		}
		p.steps = append(p.steps, step)
	}
	return nil
}

// nextHop picks the worm's next host: db-1 first (the crown jewels), then
// the other guests in order, never the attacker or a host of the chain.
func (l *attackLab) nextHop(chain []string) (Guest, bool) {
	order := []string{"db-1", "app-1", "cache-1", "backup", "monitor", "dns-1", "web-1"}
	for _, g := range l.guests {
		if !slices.Contains(order, g.Name) {
			order = append(order, g.Name)
		}
	}
	for _, name := range order {
		if g, ok := l.guest(name); ok && !slices.Contains(chain, name) && g.Role != "rogue" {
			return g, true
		}
	}
	return Guest{}, false
}

func (l *attackLab) planSYNFlood(p *attackPlan, o AttackOptions, have func(string) bool, why func(...string) string, base genSpec) error {
	t, err := l.single(o, p.from, true)
	if err != nil {
		return err
	}
	dst := t.addrs[0].String()
	step := attackStep{guest: p.from, limit: o.Duration + 10*time.Second}
	if have("hping3") && !o.Spoofed {
		step.argv = append([]string{"hping3", "-n", "-S", "-p", strconv.Itoa(o.Port)}, hpingPace(o.Rate)...)
		step.argv = append(step.argv, dst)
		step.stopAfter, step.okExit, step.okOutput = o.Duration, []int{1}, "packets transmitted"
		step.say = fmt.Sprintf("%s for %s from %s", strings.Join(step.argv, " "), o.Duration, p.from.Name)
		p.steps = append(p.steps, step)
		return nil
	}
	g := base
	g.Gen, g.Flags, g.Targets, g.PortLo, g.PortHi = "raw", "syn", []string{dst}, o.Port, o.Port
	g.Rate, g.Duration = intOr(o.Rate, defaultSYNRate), o.Duration
	reason := why("hping3")
	if o.Spoofed {
		g.Src, g.SrcPrefix, g.SrcExclude = "", l.sweepPrefix().String(), addrStrings(l.guestAddrs())
		if o.Tool != "go" {
			reason = "built-in Go generator (--spoofed forges sources inside " + g.SrcPrefix + "; hping3 --rand-source would pick any address)"
		}
	}
	step.gen = &g
	src := "from " + p.from.Name
	if o.Spoofed {
		src += " with random sources in " + g.SrcPrefix
	}
	step.say = fmt.Sprintf("%s: SYNs from a raw socket to %s:%d at %d/s for %s %s", reason, dst, o.Port, g.Rate, o.Duration, src)
	p.steps = append(p.steps, step)
	return nil
}

// hpingPace is hping3's pace: --flood, or an interval for a rate.
func hpingPace(rate int) []string {
	if rate == 0 {
		return []string{"--flood"}
	}
	return []string{"-i", "u" + strconv.Itoa(max(1, 1000000/rate))}
}

func (l *attackLab) planUDPFlood(p *attackPlan, o AttackOptions, have func(string) bool, why func(...string) string, base genSpec) error {
	t, err := l.single(o, p.from, true)
	if err != nil {
		return err
	}
	dst := t.addrs[0].String()
	step := attackStep{guest: p.from, limit: o.Duration + 10*time.Second}
	switch {
	case have("hping3"):
		step.argv = append([]string{"hping3", "-n", "--udp", "-p", strconv.Itoa(o.Port)}, hpingPace(o.Rate)...)
		step.argv = append(step.argv, dst)
		step.stopAfter, step.okExit, step.okOutput = o.Duration, []int{1}, "packets transmitted"
		step.say = fmt.Sprintf("%s for %s from %s", strings.Join(step.argv, " "), o.Duration, p.from.Name)
	case have("iperf3") && t.guest != nil && o.Rate == 0:
		secs := strconv.Itoa(max(1, int((o.Duration+time.Second-1)/time.Second)))
		step.server = []string{"iperf3", "-s", "-1", "-p", strconv.Itoa(o.Port)}
		step.serverGuest = *t.guest
		step.argv = []string{"iperf3", "-u", "-b", "1G", "-t", secs, "-p", strconv.Itoa(o.Port), "-c", dst}
		step.say = fmt.Sprintf("%s from %s (hping3 not installed; iperf3 -s in %s for the time of the test)", strings.Join(step.argv, " "), p.from.Name, t.guest.Name)
	default:
		g := base
		g.Gen, g.Targets, g.PortLo, g.PortHi = "udp", []string{dst}, o.Port, o.Port
		g.Rate, g.Duration, g.Size = intOr(o.Rate, defaultUDPRate), o.Duration, 256
		step.gen = &g
		reason := why("hping3", "iperf3")
		switch {
		case o.Tool == "go" || !have("iperf3"):
		case o.Rate != 0:
			reason = "built-in Go generator (hping3 not installed; iperf3 takes no --rate in packets)"
		default:
			reason = "built-in Go generator (hping3 not installed; iperf3 needs a guest to run its server in)"
		}
		step.say = fmt.Sprintf("%s: UDP datagrams to %s:%d at %d/s for %s from %s", reason, dst, o.Port, g.Rate, o.Duration, p.from.Name)
	}
	p.steps = append(p.steps, step)
	return nil
}

func (l *attackLab) planSpoof(p *attackPlan, o AttackOptions, have func(string) bool, why func(...string) string, base genSpec) error {
	t, err := l.single(o, p.from, true)
	if err != nil {
		return err
	}
	as, ok := l.guest(o.As)
	if !ok {
		return argErr("--as: lab %s has no guest %q (it has %s)", l.c.Name, o.As, guestList(l.guests))
	}
	if as.Name == p.from.Name {
		return argErr("--as: %s is the attacker itself; spoofing forges another guest's address", as.Name)
	}
	dst := t.addrs[0].String()
	rate := intOr(o.Rate, defaultSpoofRate)
	step := attackStep{guest: p.from, limit: time.Duration(spoofCount/rate+20) * time.Second}
	if have("hping3") {
		step.argv = []string{"hping3", "-n", "-S", "-p", strconv.Itoa(o.Port), "-a", as.IPv4.String(), "-c", strconv.Itoa(spoofCount),
			"-i", "u" + strconv.Itoa(max(1, 1000000/rate)), dst}
		step.okExit, step.okOutput = []int{1}, "packets transmitted"
		step.say = fmt.Sprintf("%s from %s (as %s)", strings.Join(step.argv, " "), p.from.Name, as.Name)
	} else {
		g := base
		g.Gen, g.Flags, g.Targets, g.PortLo, g.PortHi = "raw", "syn", []string{dst}, o.Port, o.Port
		g.Src, g.Rate, g.Count = as.IPv4.String(), rate, spoofCount
		step.gen = &g
		step.say = fmt.Sprintf("%s: %d SYNs to %s:%d from a raw socket with %s's source %s, from %s", why("hping3"), spoofCount, dst, o.Port, as.Name, as.IPv4, p.from.Name)
	}
	p.steps = append(p.steps, step)

	// The ARP claim: the attacker's MAC for the forged address.
	arp := attackStep{guest: p.from, limit: 20 * time.Second}
	if have("arping") && habetsArping() {
		arp.argv = []string{"arping", "-q", "-U", "-i", "eth0", "-S", as.IPv4.String(), "-c", "3", "-W", "0.2", as.IPv4.String()}
		arp.okExit, arp.okOutput = []int{1}, ""
		arp.say = fmt.Sprintf("%s from %s (ARP claim: %s is at %s's MAC)", strings.Join(arp.argv, " "), p.from.Name, as.IPv4, p.from.Name)
	} else {
		g := base
		g.Gen, g.Src, g.Count = "arp", as.IPv4.String(), 3
		arp.gen = &g
		arp.say = fmt.Sprintf("%s: 3 ARP replies claiming %s (%s) for %s's MAC, from %s", why("arping"), as.IPv4, as.Name, p.from.Name, p.from.Name)
	}
	p.steps = append(p.steps, arp)
	return nil
}

// habetsArping tells whether arping is Thomas Habets' (Debian's arping
// package, -S sets the source address) rather than iputils' (whose -s
// must be a local address).
var habetsArping = sync.OnceValue(func() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, _ := exec.CommandContext(ctx, "arping", "--help").CombinedOutput()
	return bytes.Contains(out, []byte("Habets"))
})

func (l *attackLab) planBeacon(p *attackPlan, o AttackOptions, base genSpec) error {
	t, err := l.single(o, p.from, false)
	if err != nil {
		return err
	}
	count := min(10000, int(o.Duration/o.Interval)+1)
	g := base
	g.Gen, g.Targets, g.PortLo, g.PortHi = "beacon", addrStrings(t.addrs[:1]), o.Port, o.Port
	g.Interval, g.Count, g.Duration, g.Timeout = o.Interval, count, o.Duration, 2*time.Second
	step := attackStep{guest: p.from, gen: &g, limit: o.Duration + 2*o.Interval + 30*time.Second,
		say: fmt.Sprintf("built-in Go generator (no tool needed): %d connections to %s every %s ±5%% for %s from %s",
			count, netip.AddrPortFrom(t.addrs[0], uint16(o.Port)), o.Interval, o.Duration, p.from.Name)}
	p.steps = append(p.steps, step)
	return nil
}

func (l *attackLab) guestAddrs() []netip.Addr {
	var out []netip.Addr
	for _, g := range l.guests {
		out = append(out, g.IPv4)
	}
	return out
}

func addrStrings(as []netip.Addr) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.String()
	}
	return out
}

func without(as []netip.Addr, x netip.Addr) []netip.Addr {
	return slices.DeleteFunc(slices.Clone(as), func(a netip.Addr) bool { return a == x })
}

func intOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// fakeMAC is the MAC the worm's neighbour entries point at: the lab's
// prefix with a guest number no guest has (guests go up to 240).
func fakeMAC(name string) string {
	p := macPrefix(name)
	return fmt.Sprintf("02:77:%02x:%02x:ff:fe", p>>8, p&0xff)
}

// loadAttackLab reads a running lab's layout from its state.
func loadAttackLab(cfg Config) (*attackLab, error) {
	if cfg.StateDir == "" {
		cfg.StateDir = filepath.Join(StateRoot, cfg.Name)
	}
	st, err := readState(cfg.StateDir)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return nil, fmt.Errorf("%w: lab %s has no state in %s (crosstalk lab up --name %s)", ErrNotUp, cfg.Name, cfg.StateDir, cfg.Name)
	}
	cfg.Guests, cfg.Subnet, cfg.Subnet6, cfg.NoWorkload = 0, netip.Prefix{}, netip.Prefix{}, false
	cfg.Command = []string{"-"}
	c, err := cfg.complete(st)
	if err != nil {
		return nil, err
	}
	return &attackLab{c: c, guests: c.layout()}, nil
}

// Attack runs an attack on a running lab: it plans the steps from the
// lab's state (which guests it has, its subnets), says on stderr which
// tool or generator each step runs, and runs them one by one inside the
// namespaces. Tools' output goes to stdout and stderr as they write it.
// It returns an error wrapping ErrAttackArgs when the options do not fit
// the lab, ErrNotUp when the lab is not there.
func Attack(ctx context.Context, cfg Config, o AttackOptions, stdout, stderr io.Writer) error {
	if err := cfg.Validate(); err != nil {
		return argErr("--%v", err)
	}
	if err := o.Validate(); err != nil {
		return argErr("--%v", err)
	}
	o = o.withDefaults()
	l, err := loadAttackLab(cfg)
	if err != nil {
		return err
	}
	c := l.c
	p, err := l.plan(o)
	if err != nil {
		return err
	}
	if len(o.Command) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("find this executable: %w", err)
		}
		o.Command = []string{exe, "lab", "attack-run"}
	}
	// Every namespace a step runs in must be the lab's, up and addressed.
	rep, err := Status(ctx, Config{Name: c.Name, StateDir: c.StateDir})
	if err != nil {
		return err
	}
	for _, s := range p.steps {
		for _, g := range []Guest{s.guest, s.serverGuest} {
			if g.Name == "" {
				continue
			}
			for _, gs := range rep.Guests {
				if gs.Name == g.Name && (slices.Contains(gs.Missing, "namespace") || slices.Contains(gs.Missing, "eth0") ||
					slices.Contains(gs.Missing, "ipv4") || slices.Contains(gs.Missing, "link")) {
					return fmt.Errorf("guest %s is not up (missing %s): crosstalk lab up --name %s repairs it", g.Name, strings.Join(gs.Missing, ", "), c.Name)
				}
			}
		}
	}
	start := time.Now()
	for _, s := range p.steps {
		fmt.Fprintf(stderr, "%s: %s\n", p.kind, s.say)
		res, err := runStep(ctx, s, o.Command, p.fakeMAC, stdout, stderr)
		if err != nil {
			return fmt.Errorf("%s: %w", p.kind, err)
		}
		if s.next != nil && res != nil && !slices.Contains(res.Answered, s.next.IPv4.String()) {
			fmt.Fprintf(stderr, "%s: warning: %s did not answer %s; the next hop goes on regardless\n", p.kind, s.next.Name, s.guest.Name)
		}
	}
	fmt.Fprintf(stderr, "%s: done in %s\n", p.kind, time.Since(start).Round(10*time.Millisecond))
	return nil
}

// runStep runs one step in its guest's namespace.
func runStep(ctx context.Context, s attackStep, command []string, mac string, stdout, stderr io.Writer) (*genResult, error) {
	ctx, cancel := context.WithTimeout(ctx, s.limit)
	defer cancel()
	ns := s.guest.Namespace
	if len(s.neigh) > 0 {
		if err := neighbours(ctx, ns, "replace", s.neigh, mac); err != nil {
			return nil, err
		}
		defer func() {
			// Also after Ctrl-C or a timeout.
			dctx, dcancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer dcancel()
			if err := neighbours(dctx, ns, "del", s.neigh, mac); err != nil {
				fmt.Fprintf(stderr, "warning: remove the static neighbours from %s: %v\n", ns, err)
			}
		}()
	}
	if len(s.server) > 0 {
		stop, err := startServer(s.serverLab, s.serverGuest, s.server, stderr)
		if err != nil {
			return nil, err
		}
		defer stop()
	}
	if s.gen != nil {
		return runGen(ctx, ns, s.gen, command, stdout, stderr)
	}
	return nil, runTool(ctx, ns, s, stdout, stderr)
}

// neighbours adds ("replace") or removes ("del") static neighbour
// entries for addrs in namespace ns, in one run of ip.
func neighbours(ctx context.Context, ns, verb string, addrs []netip.Addr, mac string) error {
	var b strings.Builder
	for _, a := range addrs {
		if verb == "replace" {
			fmt.Fprintf(&b, "neigh replace %s lladdr %s dev eth0 nud permanent\n", a, mac)
		} else {
			fmt.Fprintf(&b, "neigh del %s dev eth0\n", a)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, ipTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "ip", "-netns", ns, "-force", "-batch", "-")
	cmd.Stdin = strings.NewReader(b.String())
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil {
		return &stepError{step: verb + " static neighbours in " + ns, err: err, stderr: strings.TrimSpace(errb.String())}
	}
	return nil
}

// startServer starts a tool in a namespace (the iperf3 server) and
// returns what stops it.
// With lab set, it runs in the guest's cgroups (its load is the guest's).
func startServer(lab string, g Guest, argv []string, stderr io.Writer) (func(), error) {
	ns := g.Namespace
	cmd := exec.Command("ip", append([]string{"netns", "exec", ns}, argv...)...)
	cmd.Stdout, cmd.Stderr = io.Discard, stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s in %s: %w", argv[0], ns, err)
	}
	if lab != "" {
		if err := placeTree(lab, g.Name, cmd.Process.Pid); err != nil {
			fmt.Fprintf(stderr, "warning: %s runs outside some of %s's cgroups: %v\n", argv[0], g.Name, err)
		}
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	// Give it time to listen.
	time.Sleep(300 * time.Millisecond)
	return func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}, nil
}

// tailBuffer keeps the last bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > 8192 {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-4096:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// runTool runs a real tool inside namespace ns.
func runTool(ctx context.Context, ns string, s attackStep, stdout, stderr io.Writer) error {
	runCtx := ctx
	if s.stopAfter > 0 {
		var cancel context.CancelFunc
		runCtx, cancel = context.WithTimeout(ctx, s.stopAfter)
		defer cancel()
	}
	cmd := exec.CommandContext(runCtx, "ip", append([]string{"netns", "exec", ns}, pinned(s.pin, s.argv)...)...)
	// ip netns exec runs the tool in place: SIGINT reaches the tool,
	// which then prints its statistics (hping3).
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 3 * time.Second
	tail := &tailBuffer{}
	cmd.Stdout, cmd.Stderr = io.MultiWriter(stdout, tail), io.MultiWriter(stderr, tail)
	err := cmd.Start()
	if err == nil && s.cgroupGuest != "" {
		// Into the guest's cgroups before it forks its workers, which
		// follow it there.
		if cerr := placeTree(s.cgroupLab, s.cgroupGuest, cmd.Process.Pid); cerr != nil {
			fmt.Fprintf(stderr, "warning: %s runs outside some of %s's cgroups: %v\n", s.argv[0], s.cgroupGuest, cerr)
		}
	}
	if err == nil {
		err = cmd.Wait()
	}
	if s.stopAfter > 0 && ctx.Err() == nil && runCtx.Err() != nil {
		// We ended the flood: its time is up, whatever it exits with.
		return nil
	}
	if err == nil {
		return nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && slices.Contains(s.okExit, ee.ExitCode()) && strings.Contains(tail.String(), s.okOutput) {
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", s.argv[0], context.Cause(ctx))
	}
	return fmt.Errorf("%s in %s: %w", s.argv[0], ns, err)
}

// runGen runs the Go generator inside namespace ns and returns its result.
func runGen(ctx context.Context, ns string, g *genSpec, command []string, stdout, stderr io.Writer) (*genResult, error) {
	spec, err := json.Marshal(g)
	if err != nil {
		return nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	args := append([]string{"netns", "exec", ns}, pinned(g.Pin, command)...)
	// The marker lets lab down stop a generator that still runs.
	args = append(args, guestMarker(ns), "--result-fd=3", "--spec="+string(spec))
	cmd := exec.CommandContext(ctx, "ip", args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 3 * time.Second
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, err
	}
	w.Close()
	if g.Guest != "" {
		// The guest's own load (cpu-hog, the latency probe): into its
		// cgroups, from here, since `ip netns exec` hides the cgroup
		// mounts from the generator. Threads follow the process.
		if err := placeInCgroups(g.Lab, g.Guest, cmd.Process.Pid); err != nil {
			fmt.Fprintf(stderr, "warning: the generator runs outside some of %s's cgroups: %v\n", g.Guest, err)
		}
	}
	var res genResult
	data, _ := io.ReadAll(io.LimitReader(r, 1<<20))
	err = cmd.Wait()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("the Go generator in %s: %w", ns, context.Cause(ctx))
	}
	if err != nil {
		return nil, fmt.Errorf("the Go generator in %s: %w", ns, err)
	}
	if len(bytes.TrimSpace(data)) > 0 {
		if err := json.Unmarshal(data, &res); err != nil {
			return nil, fmt.Errorf("the Go generator in %s: read its result: %w", ns, err)
		}
	}
	return &res, nil
}

// planCPUHog keeps Workers threads busy for Duration in the attacker's
// cgroups: stress-ng when installed, else the Go generator.
func (l *attackLab) planCPUHog(p *attackPlan, o AttackOptions, have func(string) bool, why func(...string) string, base genSpec) error {
	step := attackStep{guest: p.from, limit: o.Duration + 10*time.Second, pin: o.Pin}
	on := ""
	if o.Pin != "" {
		on = " on CPU " + o.Pin
	}
	if have("stress-ng") {
		secs := strconv.Itoa(max(1, int((o.Duration+time.Second-1)/time.Second)))
		step.argv = []string{"stress-ng", "--cpu", strconv.Itoa(o.Workers), "--timeout", secs + "s", "--quiet"}
		step.cgroupLab, step.cgroupGuest = l.c.Name, p.from.Name
		step.say = fmt.Sprintf("%s in %s's cgroups%s", strings.Join(step.argv, " "), p.from.Name, on)
	} else {
		g := base
		g.Gen, g.Workers, g.Duration, g.Lab, g.Guest, g.Pin = "cpu", o.Workers, o.Duration, l.c.Name, p.from.Name, o.Pin
		step.gen = &g
		step.say = fmt.Sprintf("%s: %d busy threads for %s in %s's cgroups%s", why("stress-ng"), o.Workers, o.Duration, p.from.Name, on)
	}
	p.steps = append(p.steps, step)
	return nil
}

// planIOHog writes as fast as the disk takes it for Duration, Workers
// files of at most 256 MiB each in the guest's directory, from its
// cgroups: stress-ng --hdd when installed, else the Go generator.
func (l *attackLab) planIOHog(p *attackPlan, o AttackOptions, have func(string) bool, why func(...string) string, base genSpec) error {
	dir, err := l.guestDir(p.from.Name)
	if err != nil {
		return err
	}
	step := attackStep{guest: p.from, limit: o.Duration + 10*time.Second, pin: o.Pin}
	if have("stress-ng") {
		secs := strconv.Itoa(max(1, int((o.Duration+time.Second-1)/time.Second)))
		step.argv = []string{"stress-ng", "--hdd", strconv.Itoa(o.Workers), "--hdd-bytes", "256M", "--temp-path", dir, "--timeout", secs + "s", "--quiet"}
		step.cgroupLab, step.cgroupGuest = l.c.Name, p.from.Name
		step.say = fmt.Sprintf("%s in %s's cgroups", strings.Join(step.argv, " "), p.from.Name)
	} else {
		g := base
		g.Gen, g.Workers, g.Duration, g.Lab, g.Guest, g.Pin, g.Dir = "io", o.Workers, o.Duration, l.c.Name, p.from.Name, o.Pin, dir
		step.gen = &g
		step.say = fmt.Sprintf("%s: %d writers of 1 MiB blocks for %s in %s's cgroups", why("stress-ng"), o.Workers, o.Duration, p.from.Name)
	}
	p.steps = append(p.steps, step)
	return nil
}

// planNetHog moves as much as it can to the victim for Duration: iperf3
// TCP with 4 streams (its server in the victim, both ends in their
// guests' cgroups), else the Go generator's UDP at the highest rate.
func (l *attackLab) planNetHog(p *attackPlan, o AttackOptions, have func(string) bool, why func(...string) string, base genSpec) error {
	t, err := l.single(o, p.from, true)
	if err != nil {
		return err
	}
	dst := t.addrs[0].String()
	port := o.Port
	if port == 80 { // the default of the kinds aimed at web-1's service
		port = 5201
	}
	step := attackStep{guest: p.from, limit: o.Duration + 10*time.Second, pin: o.Pin, cgroupLab: l.c.Name, cgroupGuest: p.from.Name}
	secs := strconv.Itoa(max(1, int((o.Duration+time.Second-1)/time.Second)))
	if have("iperf3") && t.guest != nil {
		step.server = []string{"iperf3", "-s", "-1", "-p", strconv.Itoa(port)}
		step.serverGuest, step.serverLab = *t.guest, l.c.Name
		step.argv = []string{"iperf3", "-c", dst, "-p", strconv.Itoa(port), "-t", secs, "-P", "4"}
		step.say = fmt.Sprintf("%s from %s (iperf3 -s in %s), both in their guests' cgroups", strings.Join(step.argv, " "), p.from.Name, t.guest.Name)
	} else {
		g := base
		g.Gen, g.Targets, g.PortLo, g.PortHi = "udp", []string{dst}, port, port
		g.Rate, g.Duration, g.Size = MaxRate, o.Duration, 1400
		g.Lab, g.Guest = l.c.Name, p.from.Name
		step.cgroupLab, step.cgroupGuest = "", ""
		step.gen = &g
		step.say = fmt.Sprintf("%s: UDP datagrams of 1,400 bytes to %s:%d at up to %d/s for %s from %s", why("iperf3"), dst, port, g.Rate, o.Duration, p.from.Name)
	}
	p.steps = append(p.steps, step)
	return nil
}

// pinned runs argv on the CPUs of list (taskset -c), or as it is.
func pinned(list string, argv []string) []string {
	if list == "" {
		return argv
	}
	return append([]string{"taskset", "-c", list}, argv...)
}

// validCPUList accepts "", "0", "0-1", "0,2-3".
func validCPUList(s string) bool {
	if s == "" {
		return true
	}
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil || a < 0 || a > 4095 {
			return false
		}
		if isRange {
			b, err := strconv.Atoi(hi)
			if err != nil || b < a || b > 4095 {
				return false
			}
		}
	}
	return true
}
