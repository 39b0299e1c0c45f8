package decode

import (
	"bytes"
	"errors"
	"testing"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// fuzzLinks are the link types the fuzzer picks from with its second
// argument, so that mutations are spent on frames, not on unknown link
// types.
var fuzzLinks = []LinkType{LinkNull, LinkEthernet, LinkRaw, LinkLoop, LinkSLL, LinkIPv4, LinkIPv6, LinkSLL2}

func linkIndex(l LinkType) uint8 {
	for i, x := range fuzzLinks {
		if x == l {
			return uint8(i)
		}
	}
	return 0
}

// FuzzDecode feeds arbitrary frames to Decode and Event and checks what
// must hold for any input: no panic, a sentinel error or none, counters
// that match, fields within the frame's bounds, no memory of the previous
// packet and an untouched frame.
func FuzzDecode(f *testing.F) {
	for _, c := range append(validCases(), errorCases()...) {
		f.Add(c.data, linkIndex(c.link))
	}
	f.Fuzz(func(t *testing.T, data []byte, sel uint8) {
		link := fuzzLinks[int(sel)%len(fuzzLinks)]
		orig := bytes.Clone(data)
		var d Decoder
		var p Packet
		err := d.Decode(data, link, &p)
		if !bytes.Equal(data, orig) {
			t.Fatal("Decode modified its input")
		}

		kinds := 0
		for _, s := range []error{ErrTruncated, ErrMalformed, ErrUnsupported} {
			if errors.Is(err, s) {
				kinds++
			}
		}
		if (err == nil) != (kinds == 0) || kinds > 1 {
			t.Fatalf("Decode() error = %v, want nil or exactly one sentinel", err)
		}
		if n := d.Truncated + d.Malformed + d.Unsupported; (err != nil) != (n == 1) || n > 1 {
			t.Fatalf("Decode() error = %v but counters are %+v", err, d)
		}

		if int(p.Payload) > len(data) {
			t.Fatalf("Payload = %d, more than the %d bytes captured", p.Payload, len(data))
		}
		switch p.IPVersion {
		case 0:
			if !p.Src.IsZero() || !p.Dst.IsZero() || p.Proto != 0 || p.Payload != 0 || p.HasInner {
				t.Fatalf("no IP but IP fields set: %+v", p)
			}
		case 4:
			if !p.Src.Is4() || !p.Dst.Is4() {
				t.Fatalf("IPv4 addresses %v %v not IPv4-mapped", p.Src, p.Dst)
			}
		case 6:
		default:
			t.Fatalf("IPVersion = %d", p.IPVersion)
		}
		if p.Fragment && (p.SrcPort != 0 || p.DstPort != 0 || p.Payload != 0 || p.ICMPType != 0 || p.HasInner) {
			t.Fatalf("later fragment with transport fields: %+v", p)
		}
		if p.HasInner && !(p.Proto == flow.ProtoICMP && p.IPVersion == 4 || p.Proto == flow.ProtoICMPv6 && p.IPVersion == 6) {
			t.Fatalf("inner key outside ICMP: %+v", p)
		}
		if p.HasInner && p.Inner.Src.Is4() != (p.IPVersion == 4) {
			t.Fatalf("inner key %v of another IP version", p.Inner)
		}
		if p.ARPOp != 0 && (p.IPVersion != 0 || p.EtherType != etherTypeARP || err != nil) {
			t.Fatalf("ARP fields on a non-ARP frame: %+v", p)
		}

		// Decode must not depend on what the Packet held before.
		dirty := Packet{Src: flow.Addr{1}, Payload: 1 << 31, HasInner: true, Fragment: true, ARPOp: 9, VLAN: 4095}
		err2 := d.Decode(data, link, &dirty)
		if dirty != p || err2 != err {
			t.Fatalf("second Decode differs:\n got %+v, %v\nwant %+v, %v", dirty, err2, p, err)
		}

		var ev flow.Event
		if !p.Event(7, &ev) {
			if ev != (flow.Event{}) {
				t.Fatalf("Event() = false but changed ev: %+v", ev)
			}
			return
		}
		if ev.Time != 7 || ev.VLAN != p.VLAN || ev.SrcMAC != p.EthSrc || ev.Port != 0 {
			t.Fatalf("Event() common fields: %+v from %+v", ev, p)
		}
		switch ev.Kind {
		case flow.EventARP:
			if p.ARPOp == 0 || ev.Key.Src != p.ARPSenderIP {
				t.Fatalf("ARP event %+v from %+v", ev, p)
			}
		case flow.EventICMPError:
			if !p.HasInner || ev.Inner != p.Inner || ev.Key.SrcPort != 0 {
				t.Fatalf("ICMP error event %+v from %+v", ev, p)
			}
		case flow.EventPacket:
			if p.Fragment || ev.Key.Proto != p.Proto || ev.Packets != 1 || ev.Bytes != uint64(p.IPLen) || ev.Payload > uint64(len(data)) {
				t.Fatalf("packet event %+v from %+v", ev, p)
			}
			if (p.Proto == flow.ProtoTCP || p.Proto == flow.ProtoUDP) && (ev.Key.SrcPort != p.SrcPort || ev.Key.DstPort != p.DstPort) {
				t.Fatalf("packet event ports %+v from %+v", ev.Key, p)
			}
		default:
			t.Fatalf("Event() kind %d", ev.Kind)
		}
	})
}
