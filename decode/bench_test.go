package decode

import (
	"testing"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// benchFrame is one frame of the benchmark mix.
type benchFrame struct {
	name string
	link LinkType
	data []byte
}

// benchMix is a realistic mix of what a hypervisor switch carries: bulk TCP
// both ways, handshakes, DNS, ping, IPv6 and a tagged VLAN. It has 8
// frames so that the loop can pick one with a mask.
func benchMix() []benchFrame {
	return []benchFrame{
		{"tcp data", LinkEthernet, ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoTCP,
			tcp(40000, 443, 1, 2, flow.ACK, 501, []byte{1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2}, fill(1448))))},
		{"tcp ack", LinkEthernet, pad(ether(0x0800, ipv4(ip4B, ip4A, flow.ProtoTCP,
			tcp(443, 40000, 2, 1449, flow.ACK, 501, []byte{1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2}, nil))))},
		{"tcp syn", LinkEthernet, pad(ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoTCP,
			tcp(40001, 80, 1000, 0, flow.SYN, 64240, cat(mss, []byte{4, 2, 8, 10}, zeros(8), []byte{1, 3, 3, 7}), nil))))},
		{"udp dns", LinkEthernet, ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoUDP, udp(53000, 53, fill(33))))},
		{"icmp echo", LinkEthernet, ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoICMP, icmp(8, 0, 0x1234, 1, fill(56))))},
		{"ipv6 tcp", LinkEthernet, ether(0x86dd, ipv6(ip6A, ip6B, flow.ProtoTCP,
			tcp(40000, 443, 1, 2, flow.PSH|flow.ACK, 501, nil, fill(600))))},
		{"vlan tcp", LinkEthernet, ether(0x0800, ipv4(ip4A, ip4B, flow.ProtoTCP,
			tcp(40002, 22, 1, 2, flow.PSH|flow.ACK, 501, nil, fill(100))), tag{0x8100, 100})},
		{"vlan udp", LinkEthernet, ether(0x0800, ipv4(ip4B, ip4A, flow.ProtoUDP, udp(53, 53000, fill(120))), tag{0x8100, 100})},
	}
}

// BenchmarkDecode measures Decode per packet over the mix.
func BenchmarkDecode(b *testing.B) {
	mix := benchMix()
	var d Decoder
	var p Packet
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		f := &mix[i&7]
		if err := d.Decode(f.data, f.link, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeEvent measures Decode and Event per packet over the mix:
// the whole userspace cost of a packet before the flow table.
func BenchmarkDecodeEvent(b *testing.B) {
	mix := benchMix()
	var d Decoder
	var p Packet
	var ev flow.Event
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		f := &mix[i&7]
		if err := d.Decode(f.data, f.link, &p); err != nil {
			b.Fatal(err)
		}
		if !p.Event(0, &ev) {
			b.Fatal("not tracked")
		}
	}
}

// BenchmarkDecodeFrame measures each frame of the mix alone.
func BenchmarkDecodeFrame(b *testing.B) {
	for _, f := range benchMix() {
		b.Run(f.name, func(b *testing.B) {
			var d Decoder
			var p Packet
			b.ReportAllocs()
			for b.Loop() {
				if err := d.Decode(f.data, f.link, &p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkICMPPorts compares the local switches with the map-based
// functions of package flow, which Event deliberately does not use.
func BenchmarkICMPPorts(b *testing.B) {
	types := []uint8{8, 0, 3, 11, 128, 129, 135, 136}
	b.Run("switch", func(b *testing.B) {
		b.ReportAllocs()
		var sink uint16
		for i := 0; b.Loop(); i++ {
			t := types[i&7]
			s, d := icmpPorts(t, 0, 7, t >= 128)
			sink += s + d
		}
		_ = sink
	})
	b.Run("flow maps", func(b *testing.B) {
		b.ReportAllocs()
		var sink uint16
		for i := 0; b.Loop(); i++ {
			t := types[i&7]
			v6 := t >= 128
			// Not a tagless switch: with a call in a case, Go 1.26.8
			// crashes compiling it inside a b.Loop body.
			s, d := uint16(t), uint16(0)
			if flow.IsICMPRequest(t, v6) {
				s, d = 7, uint16(t)
			} else if c := flow.ICMPCounterpart(t, v6); c != 0 {
				s, d = c, 7
			}
			sink += s + d
		}
		_ = sink
	})
}

// BenchmarkEvent measures Event alone over the decoded mix.
func BenchmarkEvent(b *testing.B) {
	mix := benchMix()
	var d Decoder
	pkts := make([]Packet, len(mix))
	for i, f := range mix {
		if err := d.Decode(f.data, f.link, &pkts[i]); err != nil {
			b.Fatal(err)
		}
	}
	var ev flow.Event
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if !pkts[i&7].Event(0, &ev) {
			b.Fatal("not tracked")
		}
	}
}
