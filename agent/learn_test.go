package agent

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"slices"
	"testing"

	"github.com/crosstalk-dev/crosstalk/decode"
	"github.com/crosstalk-dev/crosstalk/flow"
)

var (
	macA  = flow.MAC{0x52, 0x54, 0, 0, 0, 0x0a}
	macB  = flow.MAC{0x52, 0x54, 0, 0, 0, 0x0b}
	bcast = flow.MAC{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
)

func eth(dst, src flow.MAC, et uint16, payload []byte, vlan bool) []byte {
	b := append(append([]byte{}, dst[:]...), src[:]...)
	if vlan {
		b = binary.BigEndian.AppendUint16(b, 0x8100)
		b = binary.BigEndian.AppendUint16(b, 42)
	}
	b = binary.BigEndian.AppendUint16(b, et)
	return append(b, payload...)
}

func arp(op uint16, smac flow.MAC, sip string, tip string) []byte {
	b := []byte{0, 1, 8, 0, 6, 4}
	b = binary.BigEndian.AppendUint16(b, op)
	b = append(b, smac[:]...)
	s, t := netip.MustParseAddr(sip).As4(), netip.MustParseAddr(tip).As4()
	b = append(b, s[:]...)
	b = append(b, make([]byte, 6)...)
	return append(b, t[:]...)
}

// icmp6 builds an IPv6 ND message (checksum left zero: the decoder does
// not check it).
func icmp6(src, dst string, typ uint8, target string) []byte {
	body := []byte{typ, 0, 0, 0, 0, 0, 0, 0}
	t := netip.MustParseAddr(target).As16()
	body = append(body, t[:]...)
	h := []byte{0x60, 0, 0, 0}
	h = binary.BigEndian.AppendUint16(h, uint16(len(body)))
	h = append(h, 58, 255)
	s, d := netip.MustParseAddr(src).As16(), netip.MustParseAddr(dst).As16()
	h = append(append(h, s[:]...), d[:]...)
	return append(h, body...)
}

func udp4(src, dst string, sport, dport uint16, payload []byte) []byte {
	u := binary.BigEndian.AppendUint16(nil, sport)
	u = binary.BigEndian.AppendUint16(u, dport)
	u = binary.BigEndian.AppendUint16(u, uint16(8+len(payload)))
	u = append(append(u, 0, 0), payload...)
	h := []byte{0x45, 0}
	h = binary.BigEndian.AppendUint16(h, uint16(20+len(u)))
	h = append(h, 0, 0, 0, 0, 64, 17, 0, 0)
	s, d := netip.MustParseAddr(src).As4(), netip.MustParseAddr(dst).As4()
	h = append(append(h, s[:]...), d[:]...)
	return append(h, u...)
}

func dhcp(msgType byte, chaddr flow.MAC, yiaddr string) []byte {
	b := make([]byte, 240)
	b[0], b[1], b[2] = 2, 1, 6
	y := netip.MustParseAddr(yiaddr).As4()
	copy(b[16:], y[:])
	copy(b[28:], chaddr[:])
	binary.BigEndian.PutUint32(b[236:], 0x63825363)
	return append(b, 53, 1, msgType, 255)
}

func feed(l *learner, port uint32, t int64, frame []byte) {
	var d decode.Decoder
	var p decode.Packet
	if d.Decode(frame, decode.LinkEthernet, &p) == nil {
		l.observe(port, flow.Time(t), &p, frame)
	}
}

func TestLearner(t *testing.T) {
	l := newLearner()
	// ARP request and gratuitous ARP, one VLAN-tagged: learned.
	feed(l, 7, 1, eth(bcast, macA, 0x0806, arp(1, macA, "10.0.0.10", "10.0.0.1"), false))
	feed(l, 7, 2, eth(bcast, macA, 0x0806, arp(2, macA, "10.0.1.10", "10.0.1.10"), true))
	// An ARP probe (sender 0.0.0.0) and an ARP whose sender MAC is not
	// the frame's: not learned.
	feed(l, 7, 3, eth(bcast, macA, 0x0806, arp(1, macA, "0.0.0.0", "10.0.0.99"), false))
	feed(l, 7, 4, eth(bcast, macA, 0x0806, arp(2, macB, "10.0.0.66", "10.0.0.66"), false))
	// IPv6: a DAD probe (source ::) teaches nothing; an NA teaches its
	// target, an NS its source.
	mc := flow.MAC{0x33, 0x33, 0xff, 0, 0, 0x0a}
	feed(l, 7, 5, eth(mc, macA, 0x86dd, icmp6("::", "ff02::1:ff00:a", 135, "fd00::a"), false))
	feed(l, 7, 6, eth(mc, macA, 0x86dd, icmp6("fe80::a", "ff02::1", 136, "fd00::a"), false))
	feed(l, 7, 7, eth(mc, macA, 0x86dd, icmp6("fd00::b", "ff02::1:ff00:1", 135, "fd00::1"), false))
	want := []string{"10.0.0.10 (arp)", "10.0.1.10 (arp)", "fd00::a (ndp)", "fd00::b (ndp)", "fe80::a (ndp)"}
	if got := l.addresses(7); !slices.Equal(got, want) {
		t.Errorf("port 7 learned %q, want %q", got, want)
	}
	// DHCP: the ACK enters on the server's port (9), the address goes to
	// the client's (8, where its MAC was last seen). An OFFER does not.
	feed(l, 8, 10, eth(bcast, macB, 0x0800, udp4("0.0.0.0", "255.255.255.255", 68, 67, dhcp(3, macB, "0.0.0.0")), false))
	srv := flow.MAC{0x52, 0x54, 0, 0, 0, 0x01}
	feed(l, 9, 11, eth(macB, srv, 0x0800, udp4("10.0.0.1", "10.0.0.20", 67, 68, dhcp(2, macB, "10.0.0.21")), false))
	feed(l, 9, 12, eth(macB, srv, 0x0800, udp4("10.0.0.1", "10.0.0.20", 67, 68, dhcp(5, macB, "10.0.0.20")), false))
	if got := l.addresses(8); !slices.Equal(got, []string{"10.0.0.20 (dhcp)"}) {
		t.Errorf("port 8 learned %q", got)
	}
	if got := l.addresses(9); len(got) != 0 {
		t.Errorf("the DHCP server's port learned %q", got)
	}
	l.forget(map[int]string{8: "vnet8"})
	if len(l.addresses(7)) != 0 || len(l.addresses(8)) != 1 {
		t.Error("forget kept a port that is gone, or dropped one that is watched")
	}
}

func TestLearnerBounds(t *testing.T) {
	l := newLearner()
	// One guest announcing thousands of addresses keeps only the newest.
	for i := 0; i < 5000; i++ {
		ip := fmt.Sprintf("10.%d.%d.%d", i/62500, i/250%250, i%250+1)
		feed(l, 7, int64(i), eth(bcast, macA, 0x0806, arp(2, macA, ip, ip), false))
	}
	if n := len(l.addresses(7)); n != learnMaxPerPort {
		t.Errorf("port keeps %d addresses, want %d", n, learnMaxPerPort)
	}
	// Many ports and many MACs stay bounded too.
	for i := 0; i < learnMaxPorts+100; i++ {
		m := flow.MAC{0x52, 0x54, byte(i >> 16), byte(i >> 8), byte(i), 1}
		feed(l, uint32(100+i), int64(10000+i), eth(bcast, m, 0x0806, arp(2, m, "10.9.0.1", "10.9.0.1"), false))
	}
	if len(l.ports) > learnMaxPorts || len(l.macPort) > learnMaxMACs {
		t.Errorf("ports %d, macs %d: over the bounds", len(l.ports), len(l.macPort))
	}
	if l.stats.Evicted == 0 {
		t.Error("evictions not counted")
	}
}

func FuzzLearner(f *testing.F) {
	f.Add(eth(bcast, macA, 0x0806, arp(1, macA, "10.0.0.10", "10.0.0.1"), true))
	f.Add(eth(bcast, macA, 0x86dd, icmp6("fe80::a", "ff02::1", 136, "fd00::a"), false))
	f.Add(eth(macB, macA, 0x0800, udp4("10.0.0.1", "10.0.0.20", 67, 68, dhcp(5, macB, "10.0.0.20")), false))
	f.Fuzz(func(t *testing.T, frame []byte) {
		l := newLearner()
		for port := uint32(1); port < 4; port++ {
			feed(l, port, int64(port), frame)
		}
		for _, list := range l.ports {
			if len(list) > learnMaxPerPort {
				t.Fatal("over the bound")
			}
		}
	})
}

// BenchmarkLearnerOther is the common case: a frame that teaches
// nothing (a UDP datagram) from a MAC seen a moment ago.
func BenchmarkLearnerOther(b *testing.B) {
	frame := eth(macB, macA, 0x0800, udp4("10.0.0.1", "10.0.0.2", 1234, 80, make([]byte, 64)), false)
	var d decode.Decoder
	var p decode.Packet
	if err := d.Decode(frame, decode.LinkEthernet, &p); err != nil {
		b.Fatal(err)
	}
	l := newLearner()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		l.observe(7, flow.Time(i), &p, frame) // i ns: within the once-a-second refresh
	}
}
