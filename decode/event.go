package decode

import "github.com/crosstalk-dev/crosstalk/flow"

// Event fills ev from a decoded packet observed at time t and reports
// whether the packet is something the flow table tracks: IPv4 or IPv6 TCP,
// UDP, ICMP or ICMPv6, or ARP. When it returns false, ev is left as it was.
// Non-first fragments are not tracked: they have no ports.
//
// Call it for packets that Decode accepted. A packet Decode reported as
// truncated maps to a key built from what was decoded, with zero ports if
// the transport header was not reached.
//
// The key follows flow.Key: TCP and UDP carry their ports. ICMP queries
// carry (identifier, request type) and their replies (request type,
// identifier), so that a reply's key is exactly the Reverse of its
// request's; other ICMP messages carry (type, code). An ICMP error whose
// quoted packet was decoded becomes an EventICMPError about that packet's
// key instead.
func (p *Packet) Event(t flow.Time, ev *flow.Event) bool {
	// The event is zeroed and then filled field by field: building it as
	// a composite literal made the compiler assemble it on the stack and
	// copy it, and the copy stalled on store forwarding (twice as slow).
	if p.IPVersion == 0 {
		if p.ARPOp == 0 {
			return false
		}
		*ev = flow.Event{}
		p.common(t, flow.EventARP, ev)
		ev.Key.Src, ev.Key.Dst = p.ARPSenderIP, p.ARPTargetIP
		ev.ARPOp, ev.ARPSender = p.ARPOp, p.ARPSenderMAC
		return true
	}
	if p.Fragment {
		return false
	}
	var sp, dp uint16
	switch p.Proto {
	case flow.ProtoTCP, flow.ProtoUDP:
		sp, dp = p.SrcPort, p.DstPort
	case flow.ProtoICMP, flow.ProtoICMPv6:
		v6 := p.Proto == flow.ProtoICMPv6
		if v6 != (p.IPVersion == 6) {
			return false
		}
		if p.HasInner {
			*ev = flow.Event{}
			p.common(t, flow.EventICMPError, ev)
			ev.Key.Src, ev.Key.Dst, ev.Key.Proto = p.Src, p.Dst, p.Proto
			ev.ICMPType, ev.ICMPCode = p.ICMPType, p.ICMPCode
			ev.Inner = p.Inner
			return true
		}
		sp, dp = icmpPorts(p.ICMPType, p.ICMPCode, p.ICMPID, v6)
	default:
		return false
	}
	*ev = flow.Event{}
	p.common(t, flow.EventPacket, ev)
	ev.Key.Src, ev.Key.Dst = p.Src, p.Dst
	ev.Key.SrcPort, ev.Key.DstPort, ev.Key.Proto = sp, dp, p.Proto
	ev.Packets = 1
	ev.Bytes = uint64(p.IPLen)
	ev.Payload = uint64(p.Payload)
	ev.Flags, ev.FirstFlags = p.TCPFlags, p.TCPFlags
	return true
}

// common fills the fields that every kind of event carries. Port stays 0:
// the caller knows the switch port, the packet does not.
func (p *Packet) common(t flow.Time, kind flow.EventKind, ev *flow.Event) {
	ev.Time = t
	ev.Kind = kind
	ev.VLAN = p.VLAN
	ev.SrcMAC, ev.DstMAC = p.EthSrc, p.EthDst
}

// icmpPorts returns the key ports of an ICMP message: (id, type) for a
// request, (request type, id) for a reply and (type, code) for the rest.
// It agrees with flow.IsICMPRequest and flow.ICMPCounterpart (a test
// checks) but is a switch, cheaper than their map lookups per packet.
func icmpPorts(typ, code uint8, id uint16, v6 bool) (src, dst uint16) {
	if icmpIsRequest(typ, v6) {
		return id, uint16(typ)
	}
	if req, ok := icmpRequestOf(typ, v6); ok {
		return uint16(req), id
	}
	return uint16(typ), uint16(code)
}

// icmpIsRequest reports whether typ is the request half of a query pair.
func icmpIsRequest(typ uint8, v6 bool) bool {
	if v6 {
		switch typ {
		case 128, 130, 133, 135, 139, 144:
			return true
		}
		return false
	}
	switch typ {
	case 8, 10, 13, 15, 17:
		return true
	}
	return false
}

// icmpRequestOf returns the request type whose reply is typ.
func icmpRequestOf(typ uint8, v6 bool) (uint8, bool) {
	if v6 {
		switch typ {
		case 129, 131, 134, 136, 140, 145:
			return typ - 1, true
		}
		return 0, false
	}
	switch typ {
	case 0:
		return 8, true
	case 9:
		return 10, true
	case 14, 16, 18:
		return typ - 1, true
	}
	return 0, false
}

// icmpHasID reports whether messages of type typ carry an identifier in
// bytes 4 and 5: echo, timestamp, information and address mask, and
// ICMPv6 echo and home agent address discovery.
func icmpHasID(typ uint8, v6 bool) bool {
	if v6 {
		switch typ {
		case 128, 129, 144, 145:
			return true
		}
		return false
	}
	switch typ {
	case 0, 8, 13, 14, 15, 16, 17, 18:
		return true
	}
	return false
}

// icmpIsError reports whether typ is an error that quotes the packet that
// caused it.
func icmpIsError(typ uint8, v6 bool) bool {
	if v6 {
		return typ >= 1 && typ <= 4
	}
	switch typ {
	case 3, 4, 5, 11, 12:
		return true
	}
	return false
}
