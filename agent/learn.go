package agent

import (
	"encoding/binary"
	"net/netip"
	"sort"

	"github.com/crosstalk-dev/crosstalk/decode"
	"github.com/crosstalk-dev/crosstalk/flow"
)

// learner records the addresses guests announce on their ports — ARP,
// DHCP acknowledgements, IPv6 neighbour discovery — for people to see.
// They are never used for identity: announcing a neighbour's address does
// not make a guest its neighbour. Everything is bounded (ports, addresses
// per port, the MAC-to-port map DHCP needs), so a guest that floods fake
// announcements costs a fixed amount of memory; the oldest entry goes.
// Not safe for concurrent use: the agent calls it under its pipeline lock.
type learner struct {
	ports   map[uint32][]learned
	macPort map[flow.MAC]macSeen // where each source MAC last entered (DHCP)
	stats   learnStats
}

type learned struct {
	ip   netip.Addr
	how  string
	last flow.Time
}

type macSeen struct {
	port uint32
	last flow.Time
}

type learnStats struct {
	Learned, Evicted uint64
}

const (
	learnMaxPorts   = 4096
	learnMaxPerPort = 16
	learnMaxMACs    = 8192
)

func newLearner() *learner {
	return &learner{ports: map[uint32][]learned{}, macPort: map[flow.MAC]macSeen{}}
}

// observe looks at one decoded frame that entered on port. Frames that
// teach nothing cost a few comparisons.
func (l *learner) observe(port uint32, t flow.Time, p *decode.Packet, frame []byte) {
	if port == 0 {
		return
	}
	switch {
	case p.EtherType == 0x0806:
		// ARP: the sender's address, from the sender itself (not a
		// probe: 0.0.0.0 is skipped by usable).
		if p.ARPSenderMAC == p.EthSrc {
			l.add(port, t, p.ARPSenderIP, "arp")
		}
	case p.Proto == flow.ProtoICMPv6 && (p.ICMPType == 135 || p.ICMPType == 136):
		l.add(port, t, p.Src, "ndp") // skipped when unspecified (DAD)
		if p.ICMPType == 136 {
			if target, ok := ndTarget(frame); ok {
				l.add(port, t, target, "ndp")
			}
		}
	case p.Proto == flow.ProtoUDP && p.SrcPort == 67 && p.DstPort == 68:
		if mac, ip, ok := dhcpAck(frame); ok {
			if seen, known := l.macPort[mac]; known {
				l.add(seen.port, t, ip, "dhcp")
			}
		}
	}
	if p.EthSrc.IsZero() {
		return
	}
	if seen, ok := l.macPort[p.EthSrc]; ok && seen.port == port && t-seen.last < flow.Time(1e9) {
		return // refreshed at most once a second
	}
	if _, ok := l.macPort[p.EthSrc]; !ok && len(l.macPort) >= learnMaxMACs {
		l.evictMAC()
	}
	l.macPort[p.EthSrc] = macSeen{port, t}
}

// usable is what a guest may announce as its own: unicast, specified.
func usable(a flow.Addr) (netip.Addr, bool) {
	ip := a.Netip().Unmap()
	if !ip.IsValid() || ip.IsUnspecified() || ip.IsMulticast() || ip.IsLoopback() ||
		(ip.Is4() && ip == netip.AddrFrom4([4]byte{255, 255, 255, 255})) {
		return netip.Addr{}, false
	}
	return ip, true
}

func (l *learner) add(port uint32, t flow.Time, a flow.Addr, how string) {
	ip, ok := usable(a)
	if !ok {
		return
	}
	list, known := l.ports[port]
	for i := range list {
		if list[i].ip == ip {
			list[i].last, list[i].how = t, how
			return
		}
	}
	if !known && len(l.ports) >= learnMaxPorts {
		l.evictPort()
	}
	if len(list) >= learnMaxPerPort {
		oldest := 0
		for i := range list {
			if list[i].last < list[oldest].last {
				oldest = i
			}
		}
		list = append(list[:oldest], list[oldest+1:]...)
		l.stats.Evicted++
	}
	l.ports[port] = append(list, learned{ip, how, t})
	l.stats.Learned++
}

func (l *learner) evictPort() {
	var victim uint32
	var oldest flow.Time = -1
	for port, list := range l.ports {
		for _, e := range list {
			if oldest < 0 || e.last < oldest {
				victim, oldest = port, e.last
			}
		}
	}
	delete(l.ports, victim)
	l.stats.Evicted++
}

func (l *learner) evictMAC() {
	var victim flow.MAC
	var oldest flow.Time = -1
	for m, s := range l.macPort {
		if oldest < 0 || s.last < oldest {
			victim, oldest = m, s.last
		}
	}
	delete(l.macPort, victim)
}

// forget drops what was learned on ports that are no longer watched.
func (l *learner) forget(keep map[int]string) {
	for port := range l.ports {
		if _, ok := keep[int(port)]; !ok {
			delete(l.ports, port)
		}
	}
}

// addresses returns what port announced, sorted, as "ip (how)".
func (l *learner) addresses(port uint32) []string {
	list := l.ports[port]
	out := make([]string, 0, len(list))
	for _, e := range list {
		out = append(out, e.ip.String()+" ("+e.how+")")
	}
	sort.Strings(out)
	return out
}

// l3 returns the offset of the IP header after Ethernet and VLAN tags.
func l3(frame []byte) (int, uint16, bool) {
	off := 12
	for {
		if len(frame) < off+2 {
			return 0, 0, false
		}
		et := binary.BigEndian.Uint16(frame[off:])
		if et != 0x8100 && et != 0x88a8 {
			return off + 2, et, true
		}
		off += 4
	}
}

// ndTarget reads a neighbour advertisement's target address. Only NAs
// without IPv6 extension headers (RFC 4861 messages carry none).
func ndTarget(frame []byte) (flow.Addr, bool) {
	off, et, ok := l3(frame)
	if !ok || et != 0x86dd || len(frame) < off+40+24 || frame[off+6] != 58 {
		return flow.Addr{}, false
	}
	icmp := frame[off+40:]
	if icmp[0] != 136 {
		return flow.Addr{}, false
	}
	var a [16]byte
	copy(a[:], icmp[8:24])
	return flow.AddrFromNetip(netip.AddrFrom16(a)), true
}

// dhcpAck reads a DHCPACK: the client's hardware address and the address
// it was given.
func dhcpAck(frame []byte) (flow.MAC, flow.Addr, bool) {
	var mac flow.MAC
	off, et, ok := l3(frame)
	if !ok || et != 0x0800 || len(frame) < off+20 {
		return mac, flow.Addr{}, false
	}
	ihl := int(frame[off]&0x0f) * 4
	bootp := off + ihl + 8
	if ihl < 20 || len(frame) < bootp+240 {
		return mac, flow.Addr{}, false
	}
	b := frame[bootp:]
	if b[0] != 2 || b[1] != 1 || b[2] != 6 || binary.BigEndian.Uint32(b[236:]) != 0x63825363 {
		return mac, flow.Addr{}, false // not a reply for Ethernet, or no DHCP cookie
	}
	// Options: find message type 53 = 5 (ACK), bounded by the frame.
	ack := false
	for i := 240; i < len(b); {
		code := b[i]
		if code == 255 {
			break
		}
		if code == 0 {
			i++
			continue
		}
		if i+1 >= len(b) || i+2+int(b[i+1]) > len(b) {
			break
		}
		if code == 53 && b[i+1] == 1 && b[i+2] == 5 {
			ack = true
		}
		i += 2 + int(b[i+1])
	}
	if !ack {
		return mac, flow.Addr{}, false
	}
	copy(mac[:], b[28:34])
	return mac, flow.AddrFromNetip(netip.AddrFrom4([4]byte(b[16:20]))), true
}
