package inventory

import (
	"strings"
	"testing"

	"github.com/crosstalk-dev/crosstalk/flow"
)

func TestParse(t *testing.T) {
	tab, err := Parse([]byte(`
guests:
  - name: web-1
    macs: ["52:54:00:00:00:11"]
    ips: ["10.77.0.11", "fd77::11"]
    labels: {role: web}
    iface: ct-web-1
    ifindex: 7
  - name: db-1
    ips: [10.77.0.31]
`))
	if err != nil {
		t.Fatal(err)
	}
	mac, _ := flow.ParseMAC("52:54:00:00:00:11")
	if g := tab.GuestByMAC(mac); g != "web-1" {
		t.Errorf("GuestByMAC = %q", g)
	}
	if g := tab.GuestByIP(flow.MustParseAddr("fd77::11")); g != "web-1" {
		t.Errorf("GuestByIP v6 = %q", g)
	}
	if g := tab.GuestByPort(7); g != "web-1" {
		t.Errorf("GuestByPort = %q", g)
	}
	if g, iface := tab.Lookup(flow.MustParseAddr("10.77.0.31"), flow.MAC{}); g != "db-1" || iface != "" {
		t.Errorf("Lookup = %q %q", g, iface)
	}
	if g, _ := tab.Lookup(flow.MustParseAddr("10.9.9.9"), mac); g != "web-1" {
		t.Errorf("Lookup by MAC = %q", g)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", "empty guests file"},
		{"guests:\n  - name: a\n    colour: red\n", "line 3: field colour not found"},
		{"guests:\n  - macs: [52:54:00:00:00:01]\n", "name is required"},
		{"guests:\n  - name: a\n    ips: [10.0.0.1]\n  - name: b\n    ips: [10.0.0.1]\n", `ip 10.0.0.1 already belongs to "a"`},
		{"guests:\n  - name: a\n  - name: a\n", "declared twice"},
		{"guests:\n  - name: a\n    macs: [nope]\n", "bad MAC"},
		{"guests:\n  - name: a\n    ips: [10.0.0.300]\n", "ips:"},
		{"guests: [", "yaml"},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q) = %v, want error containing %q", c.in, err, c.want)
		}
	}
}
