package detecttest

import (
	"fmt"
	"time"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// A Scenario is named traffic.
type Scenario struct {
	Name   string
	Events []flow.Event
}

func guests(prefix string, from, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, from+i)
	}
	return out
}

// Benign returns the traffic that must raise no alert (DESIGN.md section 5):
// monitoring that scrapes every guest, backups that visit every guest, DNS
// and NTP chatter, load-balancer health checks, bulk transfers and many
// short web-to-app connections. Each runs for several minutes of event time.
func Benign() []Scenario {
	fleet := guests("10.0.0.", 10, 40) // 40 guests
	var out []Scenario

	// A monitoring server scrapes port 9100 on every guest every 5 s for
	// 10 minutes; two guests do not run the exporter (RST) and one is down
	// (no answer): that is a broken target, not a scan.
	g := NewGen()
	for round := 0; round < 120; round++ {
		for i, ip := range fleet {
			r := Open
			switch i {
			case 7, 8:
				r = Closed
			case 9:
				r = Filtered
			}
			g.TCP("10.0.0.5", ip, 9100, r, 120, 8000)
		}
		g.Advance(5 * time.Second)
	}
	out = append(out, Scenario{"monitor scrapes every guest", g.Events})

	// A backup server visits every guest over SSH and pulls a few MB.
	g = NewGen()
	for _, ip := range fleet {
		g.TCP("10.0.0.6", ip, 22, Open, 2000, 400_000)
		g.Advance(3 * time.Second)
	}
	out = append(out, Scenario{"backup visits every guest", g.Events})

	// DNS queries from every guest to two resolvers, and NTP polls every
	// 64 s, for 20 minutes; a few queries time out.
	g = NewGen()
	for step := 0; step < 1200; step++ {
		ip := fleet[step%len(fleet)]
		r := Open
		if step%97 == 0 {
			r = Filtered
		}
		g.UDP(ip, []string{"10.0.0.53", "10.0.0.54"}[step%2], 53, r, 60)
		if step%64 == 0 {
			for _, c := range fleet[:10] {
				g.UDP(c, "10.0.0.123", 123, Open, 48)
			}
		}
		g.Advance(time.Second)
	}
	out = append(out, Scenario{"DNS and NTP chatter", g.Events})

	// A load balancer checks 30 backends on 8080 every 2 s for 10 minutes;
	// one backend is down and refuses.
	g = NewGen()
	backends := guests("10.0.1.", 10, 30)
	for round := 0; round < 300; round++ {
		for i, ip := range backends {
			r := Open
			if i == 3 {
				r = Closed
			}
			g.TCP("10.0.0.7", ip, 8080, r, 40, 100)
		}
		g.Advance(2 * time.Second)
	}
	out = append(out, Scenario{"load balancer health checks", g.Events})

	// A long bulk transfer: 2 GB over 5 minutes between two guests, while a
	// third guest keeps a small flow going.
	g = NewGen()
	s, d := Addr("10.0.0.30"), Addr("10.0.0.31")
	g.Packet(s, d, flow.ProtoTCP, 50000, 873, flow.SYN, 0)
	g.Packet(d, s, flow.ProtoTCP, 873, 50000, flow.SYN|flow.ACK, 0)
	g.Packet(s, d, flow.ProtoTCP, 50000, 873, flow.ACK, 0)
	for i := 0; i < 300*1000; i++ { // 1000 events a second, 6.7 kB each (kernel-style batching)
		ev := flow.Event{Time: g.Now, Kind: flow.EventPacket, Key: flow.Key{Src: s, Dst: d, SrcPort: 50000, DstPort: 873, Proto: flow.ProtoTCP},
			SrcMAC: MACOf(s), DstMAC: MACOf(d), Packets: 5, Bytes: 5 * 1340, Payload: 5 * 1300, Flags: flow.ACK, FirstFlags: flow.ACK}
		g.Events = append(g.Events, ev)
		if i%10 == 0 {
			g.Packet(d, s, flow.ProtoTCP, 873, 50000, flow.ACK, 0)
		}
		if i%1000 == 0 {
			g.TCP("10.0.0.40", "10.0.0.41", 5432, Open, 200, 2000)
		}
		g.Now += flow.Time(time.Millisecond)
	}
	out = append(out, Scenario{"long bulk transfer", g.Events})

	// Three web servers make many short connections to three app servers
	// (about 100 a second for 3 minutes), and the app servers to a database
	// and a cache.
	g = NewGen()
	for i := 0; i < 18000; i++ {
		web, app := fleet[i%3], fleet[10+i%3]
		g.TCP(web, app, 8080, Open, 300, 2000)
		if i%4 == 0 {
			g.TCP(app, "10.0.0.50", 5432, Open, 200, 1000)
			g.TCP(app, "10.0.0.51", 6379, Open, 50, 100)
		}
		g.Advance(10 * time.Millisecond)
	}
	out = append(out, Scenario{"web tier to app tier", g.Events})
	return out
}
