package inventory

import (
	"slices"
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
	if g := tab.Lookup(flow.MustParseAddr("10.77.0.31"), flow.MAC{}); g.Name != "db-1" || g.Iface != "" {
		t.Errorf("Lookup = %+v", g)
	}
	if g := tab.Lookup(flow.MustParseAddr("10.9.9.9"), mac); g.Name != "web-1" || g.Iface != "ct-web-1" || g.Labels["role"] != "web" {
		t.Errorf("Lookup by MAC = %+v", g)
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
		{"guests:\n  - name: a\n    macs: [52:54:00:00:00:01]\n    ports: [{mac: 52:54:00:00:00:02}]\n", "not both"},
		{"guests:\n  - name: a\n    ports: [{mac: 52:54:00:00:00:02, colour: red}]\n", "field colour not found"},
		{"guests:\n  - name: a\n    ifindex: 3\n  - name: b\n    ports: [{ifindex: 3}]\n", `port 3 already belongs to "a"`},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q) = %v, want error containing %q", c.in, err, c.want)
		}
	}
}

func TestParseLongForm(t *testing.T) {
	tab, err := Parse([]byte(`
guests:
  - name: db-1
    uuid: 7b0e1c2a-0000-4000-8000-000000000031
    ports:
      - {mac: "52:54:00:00:00:31", ips: [10.77.0.31], iface: vnet4, ifindex: 9}
      - {mac: "52:54:00:00:01:31", ips: [10.78.0.31]}
  - name: web-1
    macs: ["52:54:00:00:00:11", "52:54:00:00:01:11"]
    ips: [10.77.0.11]
    iface: vnet1
`))
	if err != nil {
		t.Fatal(err)
	}
	if g := tab.Lookup(flow.MustParseAddr("10.78.0.31"), flow.MAC{}); g.Name != "db-1" || g.Iface != "" {
		t.Errorf("second port: %+v", g)
	}
	if g := tab.PortRef(9); g.Name != "db-1" || g.Iface != "vnet4" {
		t.Errorf("port 9: %+v", g)
	}
	web, _ := tab.Guest("web-1")
	if len(web.Ports) != 2 || web.Ports[0].Iface != "vnet1" || len(web.Ports[0].IPs) != 1 || web.Ports[1].MAC != "52:54:00:00:01:11" {
		t.Errorf("short form with two MACs: %+v", web.Ports)
	}
	if !slices.Equal(web.MACs(), []string{"52:54:00:00:00:11", "52:54:00:00:01:11"}) || !slices.Equal(web.Sources, []string{"file"}) {
		t.Errorf("web-1: %+v", web)
	}
}
