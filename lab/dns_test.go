package lab

import (
	"net/netip"
	"testing"
)

func testServices() *services {
	return &services{peers: []peer{
		{name: "web-1", role: "web", v4: netip.MustParseAddr("10.77.0.11"), v6: netip.MustParseAddr("fd77::11")},
		{name: "dns-1", role: "dns", v4: netip.MustParseAddr("10.77.0.17"), v6: netip.MustParseAddr("fd77::17")},
	}}
}

func TestDNSAnswers(t *testing.T) {
	s := testServices()
	for _, tc := range []struct {
		name  string
		qtype uint16
		rcode int
		want  string
	}{
		{"web-1.lab", dnsTypeA, dnsNoError, "10.77.0.11"},
		{"WEB-1.lab.", dnsTypeAAAA, dnsNoError, "fd77::11"},
		{"web-1.lab", 16, dnsNoError, ""}, // TXT: no answer
		{"nobody.lab", dnsTypeA, dnsNXDomain, ""},
		{"example.com", dnsTypeA, 5, ""},
	} {
		q, err := dnsQuery(0x1234, tc.name, tc.qtype)
		if err != nil {
			t.Fatal(err)
		}
		rcode, addrs, err := parseReply(s.answer(q), 0x1234)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := ""
		if len(addrs) == 1 {
			got = addrs[0].String()
		}
		if rcode != tc.rcode || got != tc.want || len(addrs) > 1 {
			t.Errorf("%s type %d: rcode %d, answers %v; want %d, %q", tc.name, tc.qtype, rcode, addrs, tc.rcode, tc.want)
		}
	}
	if _, _, err := parseReply(s.answer(mustQuery(t, 1, "web-1.lab")), 2); err == nil {
		t.Error("a reply with another id was accepted")
	}
}

func mustQuery(t *testing.T, id uint16, name string) []byte {
	q, err := dnsQuery(id, name, dnsTypeA)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestDNSMalformed(t *testing.T) {
	s := testServices()
	q := mustQuery(t, 7, "web-1.lab")
	for i := range len(q) {
		if r := s.answer(q[:i]); r != nil {
			t.Errorf("truncated query of %d bytes answered", i)
		}
	}
	loop := append([]byte(nil), q[:12]...)
	loop = append(loop, 0xc0, 12, 0, 1, 0, 1) // a name that points at itself
	if r := s.answer(loop); r != nil {
		t.Error("a looping name was answered")
	}
	if _, err := dnsQuery(1, string(make([]byte, 64))+".lab", dnsTypeA); err == nil {
		t.Error("a 64-byte label was encoded")
	}
}

func FuzzDNS(f *testing.F) {
	q, _ := dnsQuery(9, "web-1.lab", dnsTypeA)
	f.Add(q)
	s := testServices()
	f.Add(s.answer(q))
	f.Fuzz(func(t *testing.T, msg []byte) {
		s.answer(msg)
		parseReply(msg, 9)
	})
}
