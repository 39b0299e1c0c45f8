package decode

import (
	"encoding/binary"
	"math/bits"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// EtherTypes and other wire constants this package reads.
const (
	etherTypeIPv4    = 0x0800
	etherTypeARP     = 0x0806
	etherTypeIPv6    = 0x86dd
	etherTypeVLAN    = 0x8100 // 802.1Q
	etherTypeQinQ    = 0x88a8 // 802.1ad service tag
	etherTypeQinQOld = 0x9100 // pre-standard QinQ, still common on switches

	arphrdEther   = 1   // ARPHRD_ETHER: the cooked address is the source MAC
	arphrdNetlink = 824 // ARPHRD_NETLINK: nlmon captures, not IP

	// maxVLANTags bounds the tag walk; real networks stack two.
	maxVLANTags = 4
	// maxExtHeaders bounds the IPv6 extension header walk, so that a
	// crafted chain costs at most a few dozen reads.
	maxExtHeaders = 8
)

// Packet is one decoded frame. It holds copies of the header fields, never
// a reference to the frame, so the caller may reuse the frame's buffer as
// soon as Decode returns and may reuse one Packet for every frame.
type Packet struct {
	// EthSrc and EthDst are the Ethernet addresses; they are zero for link
	// types without Ethernet, except that Linux cooked captures of an
	// Ethernet device fill EthSrc from the cooked header.
	EthSrc, EthDst flow.MAC
	// VLAN is the ID of the outermost 802.1Q or 802.1ad tag, 0 if none.
	VLAN uint16
	// EtherType is the EtherType after any VLAN tags. For link types
	// without one (raw IP, loopback) it is implied by the IP version.
	EtherType uint16

	// ARP fields, set for an Ethernet/IPv4 ARP frame (EtherType 0x0806).
	ARPOp                      uint16
	ARPSenderMAC, ARPTargetMAC flow.MAC
	ARPSenderIP, ARPTargetIP   flow.Addr

	// IPVersion is 4 or 6, or 0 when the frame carries no IP packet.
	IPVersion uint8
	// Src and Dst are the IP addresses, IPv4 stored IPv4-mapped.
	Src, Dst flow.Addr
	// Proto is the transport protocol, after any IPv6 extension headers.
	Proto uint8
	// IPLen is the IP packet length from the header (IPv6: 40 plus the
	// payload length). When the header says 0, as segmentation offload
	// captures do, it is the captured length instead.
	IPLen uint32
	// TTL is the IPv4 TTL or the IPv6 hop limit.
	TTL uint8
	// Fragment is set for a non-first fragment: no transport header
	// follows, so the transport fields and Payload stay zero.
	Fragment bool

	// SrcPort and DstPort are the TCP or UDP ports.
	SrcPort, DstPort uint16
	// TCP fields.
	TCPFlags flow.TCPFlags
	Seq, Ack uint32
	Window   uint16

	// ICMPType and ICMPCode are set for ICMP and ICMPv6.
	ICMPType, ICMPCode uint8
	// ICMPID is the identifier of echo and the other query types that
	// carry one; 0 for the rest.
	ICMPID uint16

	// Payload is the number of transport payload bytes that were both
	// captured and within the IP length. For protocols other than TCP,
	// UDP, ICMP and ICMPv6 it counts everything after the IP headers.
	Payload uint32

	// HasInner is set for an ICMP or ICMPv6 error (IPv4 types 3, 4, 5, 11
	// and 12; IPv6 types 1 to 4) whose quoted packet was decoded far
	// enough to know its key. Inner is that key as the quoted packet's
	// sender sent it, mapped exactly as Event would map the packet itself.
	HasInner bool
	Inner    flow.Key
}

// Decoder decodes frames and counts those it could not decode, by the
// sentinel they failed with. Its zero value is ready. It is not safe for
// concurrent use; use one per capture goroutine.
type Decoder struct {
	Truncated, Malformed, Unsupported uint64
}

// Decode fills p from one frame of link type link. It never allocates,
// never panics and keeps no reference to data.
//
// When the frame cannot be used it returns an error wrapping ErrTruncated,
// ErrMalformed or ErrUnsupported (match with errors.Is) and counts it. A
// frame whose link and IP layers are fine but whose transport header is
// missing or short still has everything before it filled in, and reports
// ErrTruncated (or ErrMalformed when the IP length itself is too short).
// EtherTypes other than IPv4, IPv6 and ARP (LLDP, STP...) return
// ErrUnsupported with EtherType set.
func (d *Decoder) Decode(data []byte, link LinkType, p *Packet) error {
	*p = Packet{}
	err := p.decode(data, link)
	if err != nil {
		d.count(err)
	}
	return err
}

// count adds err to the counter of its kind.
func (d *Decoder) count(err error) {
	e, ok := err.(*layerError)
	if !ok {
		return
	}
	switch e.kind {
	case ErrTruncated:
		d.Truncated++
	case ErrMalformed:
		d.Malformed++
	case ErrUnsupported:
		d.Unsupported++
	}
}

func be16(b []byte) uint16 { return binary.BigEndian.Uint16(b) }
func be32(b []byte) uint32 { return binary.BigEndian.Uint32(b) }

// addr4 stores a 4-byte IPv4 address IPv4-mapped in a.
func addr4(a *flow.Addr, b []byte) {
	a[10], a[11] = 0xff, 0xff
	copy(a[12:16], b[:4])
}

// short returns the error for a header that does not fit: truncated when
// the capture was cut before the end of the IP packet, malformed when the
// IP length itself leaves no room for it.
func short(cut bool, trunc, bad error) error {
	if cut {
		return trunc
	}
	return bad
}

func (p *Packet) decode(b []byte, link LinkType) error {
	switch link {
	case LinkEthernet:
		if len(b) < 14 {
			return errEthernetShort
		}
		p.EthDst = flow.MAC(b[0:6])
		p.EthSrc = flow.MAC(b[6:12])
		return p.ether(be16(b[12:]), b[14:])
	case LinkSLL:
		// packet type, ARPHRD type, address length, 8 address bytes, protocol.
		if len(b) < 16 {
			return errSLLShort
		}
		hatype := be16(b[2:])
		if hatype == arphrdNetlink {
			return errSLLType
		}
		if hatype == arphrdEther && be16(b[4:]) == 6 {
			p.EthSrc = flow.MAC(b[6:12])
		}
		return p.ether(be16(b[14:]), b[16:])
	case LinkSLL2:
		// protocol, reserved, interface index, ARPHRD type, packet type,
		// address length, 8 address bytes.
		if len(b) < 20 {
			return errSLLShort
		}
		hatype := be16(b[8:])
		if hatype == arphrdNetlink {
			return errSLLType
		}
		if hatype == arphrdEther && b[11] == 6 {
			p.EthSrc = flow.MAC(b[12:18])
		}
		return p.ether(be16(b[0:]), b[20:])
	case LinkRaw:
		if len(b) == 0 {
			return errIPShort
		}
		switch b[0] >> 4 {
		case 4:
			p.EtherType = etherTypeIPv4
			return p.ipv4(b)
		case 6:
			p.EtherType = etherTypeIPv6
			return p.ipv6(b)
		}
		return errIPVersion
	case LinkIPv4:
		p.EtherType = etherTypeIPv4
		return p.ipv4(b)
	case LinkIPv6:
		p.EtherType = etherTypeIPv6
		return p.ipv6(b)
	case LinkNull, LinkLoop:
		if len(b) < 4 {
			return errNullShort
		}
		// LinkNull is in the capturing host's byte order and LinkLoop in
		// network order, but writers get this wrong; families are small,
		// so whichever order gives a small number is the right one.
		fam := binary.LittleEndian.Uint32(b)
		if fam > 0xffff {
			fam = bits.ReverseBytes32(fam)
		}
		switch fam {
		case 2: // AF_INET everywhere
			p.EtherType = etherTypeIPv4
			return p.ipv4(b[4:])
		case 10, 23, 24, 28, 30: // AF_INET6: Linux, Windows, NetBSD/OpenBSD, FreeBSD, Darwin
			p.EtherType = etherTypeIPv6
			return p.ipv6(b[4:])
		}
		return errNullFamily
	}
	return errLinkType
}

// ether decodes what follows EtherType et: any VLAN tags, then the L3
// packet in b.
func (p *Packet) ether(et uint16, b []byte) error {
	for i := 0; et == etherTypeVLAN || et == etherTypeQinQ || et == etherTypeQinQOld; i++ {
		if i == maxVLANTags {
			return errVLANDepth
		}
		if len(b) < 4 {
			return errVLANShort
		}
		if i == 0 {
			p.VLAN = be16(b) & 0x0fff
		}
		et = be16(b[2:])
		b = b[4:]
	}
	p.EtherType = et
	switch et {
	case etherTypeIPv4:
		return p.ipv4(b)
	case etherTypeIPv6:
		return p.ipv6(b)
	case etherTypeARP:
		return p.arp(b)
	}
	return errEtherType
}

// arp decodes an Ethernet/IPv4 ARP body.
func (p *Packet) arp(b []byte) error {
	if len(b) < 8 {
		return errARPShort
	}
	if be16(b) != 1 || be16(b[2:]) != etherTypeIPv4 || b[4] != 6 || b[5] != 4 {
		return errARPFormat
	}
	if len(b) < 28 {
		return errARPShort
	}
	op := be16(b[6:])
	if op == 0 {
		return errARPOp
	}
	p.ARPOp = op
	p.ARPSenderMAC = flow.MAC(b[8:14])
	addr4(&p.ARPSenderIP, b[14:18])
	p.ARPTargetMAC = flow.MAC(b[18:24])
	addr4(&p.ARPTargetIP, b[24:28])
	return nil
}

// ipv4 decodes an IPv4 packet and what it carries.
func (p *Packet) ipv4(b []byte) error {
	if len(b) < 20 {
		return errIPv4Short
	}
	if b[0]>>4 != 4 {
		return errIPv4Version
	}
	hl := int(b[0]&0x0f) << 2
	if hl < 20 {
		return errIPv4HeaderLen
	}
	total, cut := int(be16(b[2:])), false
	if total == 0 {
		// Captured before segmentation offload: the kernel fills the
		// length in later, so the capture is all we know.
		total, cut = len(b), true
	} else if total < hl {
		return errIPv4TotalLen
	}
	p.IPVersion = 4
	p.IPLen = uint32(total)
	p.TTL = b[8]
	p.Proto = b[9]
	addr4(&p.Src, b[12:16])
	addr4(&p.Dst, b[16:20])
	if len(b) < hl {
		return errIPv4Short
	}
	if be16(b[6:])&0x1fff != 0 {
		p.Fragment = true
		return nil
	}
	end := total
	if end > len(b) {
		end, cut = len(b), true
	}
	return p.transport(b[hl:end], cut)
}

// ipv6 decodes an IPv6 packet, its extension headers and what they carry.
func (p *Packet) ipv6(b []byte) error {
	if len(b) < 40 {
		return errIPv6Short
	}
	if b[0]>>4 != 6 {
		return errIPv6Version
	}
	nh := b[6]
	total, cut := 40+int(be16(b[4:])), false
	if total == 40 && nh != 59 {
		// A zero payload length with a header to follow is a jumbogram
		// or a capture before segmentation offload.
		total, cut = len(b), true
	}
	p.IPVersion = 6
	p.IPLen = uint32(total)
	p.TTL = b[7]
	p.Src = flow.Addr(b[8:24])
	p.Dst = flow.Addr(b[24:40])
	end := total
	if end > len(b) {
		end, cut = len(b), true
	}
	b = b[:end]
	proto, off, frag, err := walk6(b, nh, cut)
	p.Proto = proto
	if err != nil {
		return err
	}
	if frag {
		p.Fragment = true
		return nil
	}
	return p.transport(b[off:], cut)
}

// walk6 skips the IPv6 extension headers of packet b, whose fixed header
// names nh as the next header. It returns the transport protocol and its
// offset in b, or frag for a non-first fragment. On error, proto is the
// header that could not be skipped.
func walk6(b []byte, nh uint8, cut bool) (proto uint8, off int, frag bool, err error) {
	off = 40
	for i := 0; ; i++ {
		switch nh {
		case 0, 43, 44, 51, 60: // hop-by-hop, routing, fragment, AH, destination options
		default:
			return nh, off, false, nil
		}
		if i == maxExtHeaders {
			return nh, off, false, errIPv6ExtDepth
		}
		h := b[off:]
		if len(h) < 8 {
			return nh, off, false, short(cut, errIPv6ExtShort, errIPv6ExtLen)
		}
		var n int
		switch nh {
		case 44:
			if be16(h[2:])&0xfff8 != 0 {
				return h[0], off + 8, true, nil
			}
			n = 8
		case 51: // AH counts 4-byte units, minus 2
			n = (int(h[1]) + 2) << 2
		default:
			n = (int(h[1]) + 1) << 3
		}
		if n > len(h) {
			return nh, off, false, short(cut, errIPv6ExtShort, errIPv6ExtLen)
		}
		nh = h[0]
		off += n
	}
}

// transport decodes the transport header in b, which ends where the IP
// packet or the capture (cut) ends.
func (p *Packet) transport(b []byte, cut bool) error {
	switch p.Proto {
	case flow.ProtoTCP:
		if len(b) < 20 {
			p.ports(b)
			return short(cut, errTCPShort, errTCPLen)
		}
		p.SrcPort = be16(b[0:])
		p.DstPort = be16(b[2:])
		p.Seq = be32(b[4:])
		p.Ack = be32(b[8:])
		p.TCPFlags = flow.TCPFlags(b[13])
		p.Window = be16(b[14:])
		hl := int(b[12]>>4) << 2
		if hl < 20 {
			return errTCPHeaderLen
		}
		if hl > len(b) {
			if !cut {
				return errTCPLen
			}
			// Options cut by the snap length: nothing we need is lost.
			hl = len(b)
		}
		p.Payload = uint32(len(b) - hl)
		return nil
	case flow.ProtoUDP:
		if len(b) < 8 {
			p.ports(b)
			return short(cut, errUDPShort, errUDPLen)
		}
		p.SrcPort = be16(b[0:])
		p.DstPort = be16(b[2:])
		p.Payload = uint32(len(b) - 8)
		return nil
	case flow.ProtoICMP:
		if p.IPVersion == 4 {
			return p.icmp(b, cut, false)
		}
	case flow.ProtoICMPv6:
		if p.IPVersion == 6 {
			return p.icmp(b, cut, true)
		}
	}
	p.Payload = uint32(len(b))
	return nil
}

// ports fills the ports from a transport header too short for the rest.
func (p *Packet) ports(b []byte) {
	if len(b) >= 4 {
		p.SrcPort = be16(b[0:])
		p.DstPort = be16(b[2:])
	}
}

// icmp decodes an ICMP (v6 false) or ICMPv6 header and, for errors, the
// quoted packet.
func (p *Packet) icmp(b []byte, cut, v6 bool) error {
	if len(b) < 8 {
		if len(b) >= 2 {
			p.ICMPType, p.ICMPCode = b[0], b[1]
		}
		return short(cut, errICMPShort, errICMPLen)
	}
	t := b[0]
	p.ICMPType, p.ICMPCode = t, b[1]
	p.Payload = uint32(len(b) - 8)
	if icmpHasID(t, v6) {
		p.ICMPID = be16(b[4:])
	} else if icmpIsError(t, v6) {
		p.inner(b[8:], v6)
	}
	return nil
}

// inner decodes the packet quoted by an ICMP error. The quote is cut at
// the router's whim, so a quote too short for the key is not an error:
// HasInner stays false.
func (p *Packet) inner(b []byte, v6 bool) {
	var k flow.Key
	var off int
	var frag bool
	if v6 {
		if len(b) < 40 || b[0]>>4 != 6 {
			return
		}
		k.Src = flow.Addr(b[8:24])
		k.Dst = flow.Addr(b[24:40])
		proto, o, f, err := walk6(b, b[6], true)
		if err != nil {
			return
		}
		k.Proto, off, frag = proto, o, f
	} else {
		if len(b) < 20 || b[0]>>4 != 4 {
			return
		}
		off = int(b[0]&0x0f) << 2
		if off < 20 || off > len(b) {
			return
		}
		addr4(&k.Src, b[12:16])
		addr4(&k.Dst, b[16:20])
		k.Proto = b[9]
		frag = be16(b[6:])&0x1fff != 0
	}
	if !frag {
		t := b[off:]
		switch {
		case k.Proto == flow.ProtoTCP || k.Proto == flow.ProtoUDP:
			if len(t) < 4 {
				return
			}
			k.SrcPort, k.DstPort = be16(t[0:]), be16(t[2:])
		case k.Proto == flow.ProtoICMP && !v6 || k.Proto == flow.ProtoICMPv6 && v6:
			if len(t) < 8 {
				return
			}
			var id uint16
			if icmpHasID(t[0], v6) {
				id = be16(t[4:])
			}
			k.SrcPort, k.DstPort = icmpPorts(t[0], t[1], id, v6)
		}
	}
	p.Inner = k
	p.HasInner = true
}
