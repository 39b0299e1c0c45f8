// Package gen generates synthetic Ethernet traffic for the benchmarks: a
// realistic mix of what a hypervisor's virtual switch carries, and a flood
// of distinct flows for the memory test. Frames come out one at a time from
// a Generator, deterministic for a seed, and PcapWriter writes them as a
// classic pcap file.
//
// It is test tooling: it must stay fast enough to produce tens of millions
// of frames (no allocation per frame; one reusable frame buffer) and must
// never be imported by the agent itself.
package gen

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Mix names a kind of traffic.
type Mix uint8

const (
	// Realistic is a virtual switch between 200 guests in 10.20.0.0/16:
	// established TCP conversations (handshake, data both ways with
	// delayed ACKs, FIN or RST close; some over IPv6, some to the
	// internet through a gateway), DNS queries with replies, ICMP echo,
	// ARP, a few VLAN-tagged conversations, and about 0.5% of hostile
	// traffic: a SYN scan of 1024 ports, a TCP sweep of every guest, an
	// ARP sweep of an unused /24. Frames are 1 µs to 100 µs apart.
	Realistic Mix = iota
	// DistinctFlows makes every frame a new flow: a UDP datagram or a TCP
	// SYN from a distinct source (100.64.0.0/10 and source port) to a
	// guest, 1 µs apart, so that no flow can expire before the table
	// fills and every flow beyond its size is an eviction.
	DistinctFlows
)

var mixNames = [...]string{Realistic: "realistic", DistinctFlows: "distinct-flows"}

func (m Mix) String() string {
	if int(m) < len(mixNames) {
		return mixNames[m]
	}
	return fmt.Sprintf("mix-%d", m)
}

// ParseMix returns the mix named s.
func ParseMix(s string) (Mix, error) {
	for i, n := range mixNames {
		if n == s {
			return Mix(i), nil
		}
	}
	return 0, fmt.Errorf("unknown mix %q (want realistic or distinct-flows)", s)
}

// Config chooses what a Generator makes.
type Config struct {
	Seed uint64
	Mix  Mix
}

// Start is the time of the first frame: 2025-01-01T00:00:00Z.
const Start flow.Time = 1735689600e9

const (
	numGuests  = 200
	numServers = 40 // guests 0..39 offer a service; 0 and 1 resolve DNS
	numExt     = 64 // internet servers, behind the gateway
	numSlots   = 256
	maxFrame   = 1518
	ipv4Hdr    = 20
	ipv6Hdr    = 40
	tcpHdr     = 32 // with the timestamp option, as Linux sends
	tcpSynHdr  = 40 // MSS, SACK permitted, timestamps, window scale
	mtu        = 1500
	minFrame   = 60
	hostileGap = 20000 // conversations between two hostile ones of a kind
)

// services are the ports servers listen on; server i offers
// services[i%len]. Port 3389 is offered by nobody: the TCP sweep probes it.
var services = [...]uint16{443, 80, 22, 5432, 3306, 6379, 8080, 9200}

type host struct {
	mac [6]byte
	ip4 [4]byte
	ip6 [16]byte
}

// Conversation kinds.
const (
	convNone = iota
	convTCP
	convDNS
	convPing
	convARP
	convScan
	convSweepTCP
	convSweepARP
)

// conv is one conversation in progress; a slot holds one at a time.
type conv struct {
	kind   uint8
	v6     bool
	ackDue bool  // the receiver of the last data segment acknowledges next
	ackCli bool  // the client sends that acknowledgement
	rst    bool  // close with a RST instead of FINs
	step   uint8 // phase within the conversation
	vlan   uint16
	cli    *host // initiator
	srv    *host // responder
	cport  uint16
	sport  uint16
	cseq   uint32
	sseq   uint32
	left   int32  // data segments, echo pairs, ports or targets to go
	id     uint16 // DNS ID, ICMP identifier
	name   uint8  // which server's name a DNS query asks for
	svc    uint16 // the scanned server's open port
	target int32  // the sweeper's guest index
}

// Generator makes frames. It is not safe for concurrent use.
type Generator struct {
	mix     Mix
	rng     *rand.Rand
	now     flow.Time
	n       uint64 // frames made
	spawned uint64 // conversations started
	ipid    uint16
	buf     [maxFrame]byte
	slots   [numSlots]conv

	guests  [numGuests]host
	gateway host
	ext     [numExt]host
	scratch host // sweep targets

	pattern [mtu]byte       // payload bytes
	prefix  [mtu + 1]uint32 // prefix[n]: checksum sum of pattern[:n]
	names   [numServers][]byte
}

// New returns a generator for cfg.
func New(cfg Config) *Generator {
	g := &Generator{
		mix: cfg.Mix,
		rng: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		now: Start,
	}
	for i := range g.guests {
		h := &g.guests[i]
		h.mac = [6]byte{0x52, 0x54, 0x00, 0x14, byte(i >> 8), byte(i)}
		h.ip4 = [4]byte{10, 20, byte(1 + i/100), byte(10 + i%100)}
		h.ip6 = [16]byte{0xfd, 0x00, 0, 0x20, 14: byte(i >> 8), 15: byte(i + 1)}
	}
	g.gateway = host{mac: [6]byte{0x52, 0x54, 0x00, 0x14, 0xff, 0x01}, ip4: [4]byte{10, 20, 0, 1}}
	for i := range g.ext {
		g.ext[i] = host{mac: g.gateway.mac, ip4: [4]byte{198, 51, 100, byte(10 + i)}}
		if i >= numExt/2 {
			g.ext[i].ip4 = [4]byte{203, 0, 113, byte(10 + i)}
		}
	}
	prng := rand.New(rand.NewPCG(cfg.Seed, 1))
	for i := range g.pattern {
		g.pattern[i] = byte(prng.Uint32())
	}
	for n := 1; n <= mtu; n++ {
		// An odd byte is the high half of a word; the next byte adds
		// the low half.
		w := uint32(g.pattern[n-1])
		if n%2 == 1 {
			w <<= 8
		}
		g.prefix[n] = g.prefix[n-1] + w
	}
	for i := range g.names {
		g.names[i] = dnsQuestion(fmt.Sprintf("srv%02d", i), "lab", "internal")
	}
	return g
}

// dnsQuestion encodes a question for an A record of the name of labels.
func dnsQuestion(labels ...string) []byte {
	var q []byte
	for _, l := range labels {
		q = append(q, byte(len(l)))
		q = append(q, l...)
	}
	return append(q, 0, 0, 1, 0, 1) // root, type A, class IN
}

// Next returns the next frame (Ethernet) and its time. The frame is valid
// until the next call.
func (g *Generator) Next() (flow.Time, []byte) {
	g.n++
	if g.mix == DistinctFlows {
		g.now += 1000
		return g.now, g.buf[:g.distinct()]
	}
	g.now += flow.Time(1+g.rng.IntN(100)) * 1000
	c := &g.slots[g.rng.IntN(numSlots)]
	if c.kind == convNone {
		g.spawn(c)
	}
	return g.now, g.buf[:g.step(c)]
}

// Count returns how many frames Next has made.
func (g *Generator) Count() uint64 { return g.n }

func (g *Generator) ephemeral() uint16 { return uint16(32768 + g.rng.IntN(28232)) }

// spawn starts a new conversation in c.
func (g *Generator) spawn(c *conv) {
	g.spawned++
	ci := numServers + g.rng.IntN(numGuests-numServers)
	*c = conv{cli: &g.guests[ci], cport: g.ephemeral()}
	switch g.spawned % hostileGap {
	case 1000:
		// nmap -sS -p1-1024 from one source port against a server.
		s := g.rng.IntN(numServers)
		c.kind, c.srv, c.left = convScan, &g.guests[s], 1024
		c.svc = services[s%len(services)]
		return
	case 1000 + hostileGap/2:
		if g.spawned/hostileGap%2 == 0 {
			c.kind, c.left, c.target = convSweepTCP, numGuests-1, int32(ci)
		} else {
			c.kind, c.left = convSweepARP, 254
		}
		return
	}
	if g.rng.IntN(20) == 0 {
		c.vlan = 100
	}
	switch r := g.rng.IntN(100); {
	case r < 49: // TCP
		c.kind = convTCP
		switch x := g.rng.IntN(100); {
		case x < 4:
			c.v6 = true
			s := 2 + g.rng.IntN(numServers-2)
			c.srv, c.sport = &g.guests[s], services[s%len(services)]
		case x < 19:
			c.srv, c.sport = &g.ext[g.rng.IntN(numExt)], 443
		default:
			s := 2 + g.rng.IntN(numServers-2)
			c.srv, c.sport = &g.guests[s], services[s%len(services)]
		}
		c.cseq, c.sseq = g.rng.Uint32(), g.rng.Uint32()
		c.left = int32(1 + g.rng.IntN(60))
		c.rst = g.rng.IntN(30) == 0
	case r < 84: // DNS
		c.kind, c.sport = convDNS, 53
		c.srv = &g.guests[g.rng.IntN(2)]
		c.id = uint16(g.rng.Uint32())
		c.name = uint8(g.rng.IntN(numServers))
	case r < 92: // ARP
		c.kind = convARP
		if g.rng.IntN(4) == 0 {
			c.srv = &g.gateway
		} else {
			c.srv = &g.guests[g.rng.IntN(numServers)]
		}
	default: // ping
		c.kind = convPing
		c.srv = &g.guests[g.rng.IntN(numServers)]
		c.id = uint16(g.rng.Uint32())
		c.left = int32(1 + g.rng.IntN(4))
	}
}

// step writes c's next frame and returns its length; the conversation
// ends (its slot frees) with its last frame.
func (g *Generator) step(c *conv) int {
	switch c.kind {
	case convTCP:
		return g.stepTCP(c)
	case convDNS:
		if c.step == 0 {
			c.step++
			return g.dns(c, true)
		}
		c.kind = convNone
		return g.dns(c, false)
	case convARP:
		if c.step == 0 {
			c.step++
			return g.arp(c.vlan, 1, c.cli, c.srv)
		}
		c.kind = convNone
		return g.arp(c.vlan, 2, c.srv, c.cli)
	case convPing:
		if c.step == 0 {
			c.step = 1
			return g.echo(c, true)
		}
		c.step = 0
		c.left--
		n := g.echo(c, false)
		c.cseq++ // the echo sequence number
		if c.left == 0 {
			c.kind = convNone
		}
		return n
	case convScan:
		return g.stepScan(c)
	case convSweepTCP:
		return g.stepSweep(c)
	case convSweepARP:
		g.scratch.ip4 = [4]byte{10, 20, 200, byte(255 - c.left)}
		g.scratch.mac = [6]byte{}
		c.left--
		if c.left == 0 {
			c.kind = convNone
		}
		return g.arp(0, 1, c.cli, &g.scratch)
	}
	panic("gen: step of an empty slot")
}

func (g *Generator) stepTCP(c *conv) int {
	const (
		synAck = flow.SYN | flow.ACK
		finAck = flow.FIN | flow.ACK
		pshAck = flow.PSH | flow.ACK
	)
	switch c.step {
	case 0:
		c.step++
		return g.tcp(c, true, uint8(flow.SYN), 0)
	case 1:
		c.step++
		return g.tcp(c, false, uint8(synAck), 0)
	case 2:
		c.step++
		return g.tcp(c, true, uint8(flow.ACK), 0)
	case 3: // data
		if c.ackDue {
			c.ackDue = false
			return g.tcp(c, c.ackCli, uint8(flow.ACK), 0)
		}
		if c.left > 0 {
			c.left--
			fromCli := g.rng.IntN(4) == 0
			max := mtu - ipv4Hdr - tcpHdr
			if c.v6 {
				max = mtu - ipv6Hdr - tcpHdr
			}
			n := max
			if g.rng.IntN(5) >= 2 {
				n = 6 + g.rng.IntN(max-5)
			}
			c.ackDue, c.ackCli = g.rng.IntN(2) == 0, !fromCli
			return g.tcp(c, fromCli, uint8(pshAck), n)
		}
		if c.rst {
			c.kind = convNone
			return g.tcp(c, false, uint8(flow.RST|flow.ACK), 0)
		}
		c.step++
		return g.tcp(c, true, uint8(finAck), 0)
	case 4:
		c.step++
		return g.tcp(c, false, uint8(finAck), 0)
	default:
		c.kind = convNone
		return g.tcp(c, true, uint8(flow.ACK), 0)
	}
}

// stepScan probes one port per two steps: a SYN, then a RST from a closed
// port, or a SYN-ACK from an open one (which the scanner resets, a third
// step).
func (g *Generator) stepScan(c *conv) int {
	c.sport = uint16(1025 - c.left)
	switch c.step {
	case 0:
		c.step = 1
		c.cseq, c.sseq = g.rng.Uint32(), g.rng.Uint32()
		return g.tcp(c, true, uint8(flow.SYN), 0)
	case 1:
		if c.sport == c.svc || c.sport == 22 {
			c.step = 2
			return g.tcp(c, false, uint8(flow.SYN|flow.ACK), 0)
		}
		return g.endProbe(c, false, uint8(flow.RST|flow.ACK))
	default:
		return g.endProbe(c, true, uint8(flow.RST))
	}
}

// stepSweep probes port 3389 of every other guest: a SYN, then its RST.
func (g *Generator) stepSweep(c *conv) int {
	k := numGuests - 1 - int(c.left)
	if k >= int(c.target) {
		k++ // skip the sweeper itself
	}
	c.srv, c.sport = &g.guests[k], 3389
	if c.step == 0 {
		c.step = 1
		c.cseq, c.sseq = g.rng.Uint32(), g.rng.Uint32()
		return g.tcp(c, true, uint8(flow.SYN), 0)
	}
	return g.endProbe(c, false, uint8(flow.RST|flow.ACK))
}

// endProbe writes a probe's last segment and moves to the next probe.
func (g *Generator) endProbe(c *conv, fromCli bool, flags uint8) int {
	n := g.tcp(c, fromCli, flags, 0)
	c.step = 0
	c.left--
	if c.left == 0 {
		c.kind = convNone
	}
	return n
}

// distinct writes a frame of a flow never seen before.
func (g *Generator) distinct() int {
	i := g.n
	src := host{mac: g.gateway.mac, ip4: [4]byte{100, 64 | byte(i>>16&0x3f), byte(i >> 8), byte(i)}}
	dst := g.guests[g.rng.IntN(numGuests)]
	c := conv{cli: &src, srv: &dst, cport: uint16(1024 + (i>>22)%64512)}
	if g.rng.IntN(2) == 0 {
		c.sport = services[g.rng.IntN(len(services))]
		c.cseq = g.rng.Uint32()
		return g.tcp(&c, true, uint8(flow.SYN), 0)
	}
	c.sport = uint16(1 + g.rng.IntN(65535))
	off := g.ether(&dst.mac, &src.mac, 0, 0x0800)
	const n = 32
	l4, ps := g.ip(off, &c, true, flow.ProtoUDP, 8+n)
	copy(g.buf[l4+8:], g.pattern[:n])
	return g.udpHeader(l4, ps, c.cport, c.sport, n)
}

// ether writes the Ethernet header (with a VLAN tag if vlan is not 0) and
// returns the offset of what follows.
func (g *Generator) ether(dst, src *[6]byte, vlan uint16, etherType uint16) int {
	b := g.buf[:]
	copy(b[0:6], dst[:])
	copy(b[6:12], src[:])
	if vlan != 0 {
		binary.BigEndian.PutUint16(b[12:], 0x8100)
		binary.BigEndian.PutUint16(b[14:], vlan)
		binary.BigEndian.PutUint16(b[16:], etherType)
		return 18
	}
	binary.BigEndian.PutUint16(b[12:], etherType)
	return 14
}

// ip writes an IPv4 or IPv6 header at off for n bytes of transport and
// returns the transport's offset and the pseudo-header's checksum sum.
func (g *Generator) ip(off int, c *conv, fromCli bool, proto uint8, n int) (int, uint32) {
	src, dst := c.cli, c.srv
	if !fromCli {
		src, dst = dst, src
	}
	b := g.buf[off:]
	if c.v6 {
		binary.BigEndian.PutUint32(b[0:], 6<<28)
		binary.BigEndian.PutUint16(b[4:], uint16(n))
		b[6], b[7] = proto, 64
		copy(b[8:24], src.ip6[:])
		copy(b[24:40], dst.ip6[:])
		return off + ipv6Hdr, sum16(b[8:40]) + uint32(n) + uint32(proto)
	}
	g.ipid++
	b[0], b[1] = 0x45, 0
	binary.BigEndian.PutUint16(b[2:], uint16(ipv4Hdr+n))
	binary.BigEndian.PutUint16(b[4:], g.ipid)
	binary.BigEndian.PutUint16(b[6:], 0x4000) // DF
	b[8], b[9] = 64, proto
	b[10], b[11] = 0, 0
	copy(b[12:16], src.ip4[:])
	copy(b[16:20], dst.ip4[:])
	binary.BigEndian.PutUint16(b[10:], ^fold(sum16(b[:ipv4Hdr])))
	return off + ipv4Hdr, sum16(b[12:20]) + uint32(n) + uint32(proto)
}

// tcp writes a segment of c with n bytes of payload and advances the
// sender's sequence number.
func (g *Generator) tcp(c *conv, fromCli bool, flags uint8, n int) int {
	src, dst := c.cli, c.srv
	sp, dp, seq, ack := c.cport, c.sport, &c.cseq, c.sseq
	if !fromCli {
		src, dst = dst, src
		sp, dp, seq, ack = dp, sp, &c.sseq, c.cseq
	}
	et := uint16(0x0800)
	if c.v6 {
		et = 0x86dd
	}
	hl := tcpHdr
	if flags&uint8(flow.SYN) != 0 {
		hl = tcpSynHdr
	}
	off := g.ether(&dst.mac, &src.mac, c.vlan, et)
	l4, ps := g.ip(off, c, fromCli, flow.ProtoTCP, hl+n)
	b := g.buf[l4:]
	binary.BigEndian.PutUint16(b[0:], sp)
	binary.BigEndian.PutUint16(b[2:], dp)
	binary.BigEndian.PutUint32(b[4:], *seq)
	if flags&uint8(flow.ACK) == 0 {
		ack = 0
	}
	binary.BigEndian.PutUint32(b[8:], ack)
	b[12], b[13] = byte(hl/4)<<4, flags
	binary.BigEndian.PutUint16(b[14:], 502)
	b[16], b[17], b[18], b[19] = 0, 0, 0, 0
	ts := uint32(g.now / 1e6)
	o := b[20:hl]
	if hl == tcpSynHdr {
		binary.BigEndian.PutUint16(b[14:], 64240)
		copy(o, []byte{2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 7})
		binary.BigEndian.PutUint32(o[8:], ts)
		if flags&uint8(flow.ACK) != 0 {
			binary.BigEndian.PutUint32(o[12:], ts)
		}
	} else {
		o[0], o[1], o[2], o[3] = 1, 1, 8, 10
		binary.BigEndian.PutUint32(o[4:], ts)
		binary.BigEndian.PutUint32(o[8:], ts)
	}
	copy(b[hl:hl+n], g.pattern[:n])
	// The payload starts at an even offset of the segment, so its sum
	// is the precomputed prefix.
	binary.BigEndian.PutUint16(b[16:], ^fold(ps+sum16(b[:hl])+g.prefix[n]))
	*seq += uint32(n)
	if flags&uint8(flow.SYN|flow.FIN) != 0 {
		*seq++
	}
	return g.pad(l4 + hl + n)
}

// udpHeader writes the UDP header at l4 for n bytes of payload already in
// place, with its checksum, and returns the frame length.
func (g *Generator) udpHeader(l4 int, ps uint32, sp, dp uint16, n int) int {
	b := g.buf[l4 : l4+8+n]
	binary.BigEndian.PutUint16(b[0:], sp)
	binary.BigEndian.PutUint16(b[2:], dp)
	binary.BigEndian.PutUint16(b[4:], uint16(8+n))
	b[6], b[7] = 0, 0
	sum := ^fold(ps + sum16(b))
	if sum == 0 {
		sum = 0xffff
	}
	binary.BigEndian.PutUint16(b[6:], sum)
	return g.pad(l4 + 8 + n)
}

// dns writes a query for an A record, or its answer.
func (g *Generator) dns(c *conv, query bool) int {
	q := g.names[c.name]
	n := 12 + len(q)
	if !query {
		n += 16
	}
	src, dst := c.cli, c.srv
	if !query {
		src, dst = dst, src
	}
	off := g.ether(&dst.mac, &src.mac, c.vlan, 0x0800)
	l4, ps := g.ip(off, c, query, flow.ProtoUDP, 8+n)
	b := g.buf[l4+8 : l4+8+n]
	binary.BigEndian.PutUint16(b[0:], c.id)
	binary.BigEndian.PutUint16(b[2:], 0x0100) // RD
	binary.BigEndian.PutUint16(b[4:], 1)      // questions
	binary.BigEndian.PutUint32(b[6:], 0)      // answers, authority
	binary.BigEndian.PutUint16(b[10:], 0)     // additional
	copy(b[12:], q)
	if !query {
		binary.BigEndian.PutUint16(b[2:], 0x8180) // response, RD, RA
		binary.BigEndian.PutUint16(b[6:], 1)
		a := b[12+len(q):]
		binary.BigEndian.PutUint16(a[0:], 0xc00c) // the name in the question
		binary.BigEndian.PutUint16(a[2:], 1)      // A
		binary.BigEndian.PutUint16(a[4:], 1)      // IN
		binary.BigEndian.PutUint32(a[6:], 300)    // TTL
		binary.BigEndian.PutUint16(a[10:], 4)
		copy(a[12:16], g.guests[c.name].ip4[:])
	}
	sp, dp := c.cport, c.sport
	if !query {
		sp, dp = dp, sp
	}
	return g.udpHeader(l4, ps, sp, dp, n)
}

// echo writes an ICMP echo request or reply with 56 bytes of data.
func (g *Generator) echo(c *conv, request bool) int {
	src, dst := c.cli, c.srv
	if !request {
		src, dst = dst, src
	}
	const n = 8 + 56
	off := g.ether(&dst.mac, &src.mac, c.vlan, 0x0800)
	l4, _ := g.ip(off, c, request, flow.ProtoICMP, n)
	b := g.buf[l4 : l4+n]
	b[0], b[1], b[2], b[3] = 8, 0, 0, 0
	if !request {
		b[0] = 0
	}
	binary.BigEndian.PutUint16(b[4:], c.id)
	binary.BigEndian.PutUint16(b[6:], uint16(c.cseq))
	copy(b[8:], g.pattern[:n-8])
	binary.BigEndian.PutUint16(b[2:], ^fold(sum16(b)))
	return g.pad(l4 + n)
}

// arp writes a who-has request (op 1, broadcast) from sender about target,
// or a reply (op 2) from sender to target.
func (g *Generator) arp(vlan uint16, op uint16, sender, target *host) int {
	dst := &[6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	tmac := [6]byte{}
	if op == 2 {
		dst, tmac = &target.mac, target.mac
	}
	off := g.ether(dst, &sender.mac, vlan, 0x0806)
	b := g.buf[off : off+28]
	binary.BigEndian.PutUint16(b[0:], 1)      // Ethernet
	binary.BigEndian.PutUint16(b[2:], 0x0800) // IPv4
	b[4], b[5] = 6, 4
	binary.BigEndian.PutUint16(b[6:], op)
	copy(b[8:14], sender.mac[:])
	copy(b[14:18], sender.ip4[:])
	copy(b[18:24], tmac[:])
	copy(b[24:28], target.ip4[:])
	return g.pad(off + 28)
}

// pad zero-fills a frame shorter than Ethernet's minimum (without FCS).
func (g *Generator) pad(n int) int {
	if n >= minFrame {
		return n
	}
	clear(g.buf[n:minFrame])
	return minFrame
}

// sum16 adds b as big-endian 16-bit words, an odd last byte as the high
// half of a word.
func sum16(b []byte) uint32 {
	var s uint32
	for len(b) >= 2 {
		s += uint32(b[0])<<8 | uint32(b[1])
		b = b[2:]
	}
	if len(b) == 1 {
		s += uint32(b[0]) << 8
	}
	return s
}

// fold reduces a checksum sum to 16 bits, one's complement.
func fold(s uint32) uint16 {
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	return uint16(s)
}
