package lab

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPlanDefaultLab(t *testing.T) {
	guests, err := Plan(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Name, Role, Namespace, Port, MAC, IPv4, IPv6 string }
	var got []row
	for _, g := range guests {
		got = append(got, row{g.Name, g.Role, g.Namespace, g.Port, g.MAC, g.IPv4.String(), g.IPv6.String()})
	}
	want := []row{
		{"web-1", "web", "ct-ct-web-1", "ctct-1", "02:77:00:00:00:01", "10.77.0.11", "fd77::11"},
		{"app-1", "app", "ct-ct-app-1", "ctct-2", "02:77:00:00:00:02", "10.77.0.12", "fd77::12"},
		{"db-1", "db", "ct-ct-db-1", "ctct-3", "02:77:00:00:00:03", "10.77.0.13", "fd77::13"},
		{"cache-1", "cache", "ct-ct-cache-1", "ctct-4", "02:77:00:00:00:04", "10.77.0.14", "fd77::14"},
		{"monitor", "monitor", "ct-ct-monitor", "ctct-5", "02:77:00:00:00:05", "10.77.0.15", "fd77::15"},
		{"backup", "backup", "ct-ct-backup", "ctct-6", "02:77:00:00:00:06", "10.77.0.16", "fd77::16"},
		{"dns-1", "dns", "ct-ct-dns-1", "ctct-7", "02:77:00:00:00:07", "10.77.0.17", "fd77::17"},
		{"rogue", "rogue", "ct-ct-rogue", "ctct-8", "02:77:00:00:00:08", "10.77.0.18", "fd77::18"},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("plan (-got +want):\n%s", diff)
	}
	if l := guests[0].Labels(); l["role"] != "web" || l["app"] != "lab" || len(l) != 2 {
		t.Errorf("labels %v", l)
	}
	if BridgeName("ct") != "ct-ct" {
		t.Errorf("bridge %q", BridgeName("ct"))
	}
}

func TestPlanBigLab(t *testing.T) {
	guests, err := Plan(Config{Name: "abcdefgh", Guests: MaxGuests})
	if err != nil {
		t.Fatal(err)
	}
	last := guests[len(guests)-1]
	if last.Name != "guest-240" || last.Role != "guest" || last.Port != "ctabcdefgh-240" {
		t.Errorf("last guest %+v", last)
	}
	if len(last.Port) > 15 || len(BridgeName("abcdefgh")) > 15 {
		t.Errorf("names longer than IFNAMSIZ allows: %q %q", last.Port, BridgeName("abcdefgh"))
	}
	if guests[8].Name != "guest-9" {
		t.Errorf("guest 9 is %q", guests[8].Name)
	}
	if !strings.HasSuffix(last.IPv4.String(), ".250") || !strings.HasSuffix(last.IPv6.String(), "::250") {
		t.Errorf("last addresses %s %s", last.IPv4, last.IPv6)
	}
	seen := map[string]bool{}
	for _, g := range guests {
		for _, k := range []string{g.Name, g.Namespace, g.Port, g.MAC, g.IPv4.String(), g.IPv6.String()} {
			if seen[k] {
				t.Fatalf("%q used twice", k)
			}
			seen[k] = true
		}
		if guestIndex(g.Name) != g.Index || portIndex("abcdefgh", g.Port) != g.Index {
			t.Errorf("guest %d: index of %q / %q", g.Index, g.Name, g.Port)
		}
	}
	// Other labs get other subnets and MACs, but stay in the lab's ranges.
	other, err := Plan(Config{Name: "t1"})
	if err != nil {
		t.Fatal(err)
	}
	g := other[0]
	if !netip.MustParsePrefix("10.77.0.0/16").Contains(g.IPv4) || g.IPv4.String() == "10.77.0.11" ||
		!netip.MustParsePrefix("fd77::/48").Contains(g.IPv6) || g.MAC == "02:77:00:00:00:01" || !strings.HasPrefix(g.MAC, "02:77:") {
		t.Errorf("lab t1 guest 1: %+v", g)
	}
}

func TestPlanSubnets(t *testing.T) {
	guests, err := Plan(Config{Name: "x", Guests: 2, Subnet: netip.MustParsePrefix("192.168.50.0/24"), Subnet6: netip.MustParsePrefix("fd00:1:2:3::/64")})
	if err != nil {
		t.Fatal(err)
	}
	if guests[1].IPv4.String() != "192.168.50.12" || guests[1].IPv6.String() != "fd00:1:2:3::12" {
		t.Errorf("guest 2: %s %s", guests[1].IPv4, guests[1].IPv6)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{}, "name: want 1 to 8"},
		{Config{Name: "Web"}, "name: want 1 to 8"},
		{Config{Name: "ct-1"}, "name: want 1 to 8"},
		{Config{Name: "abcdefghi"}, "name: want 1 to 8"},
		{Config{Name: "ct", Guests: -1}, "guests: want 1 to 240"},
		{Config{Name: "ct", Guests: 241}, "guests: want 1 to 240"},
		{Config{Name: "ct", Subnet: netip.MustParsePrefix("8.8.8.0/24")}, "subnet: want a private IPv4"},
		{Config{Name: "ct", Subnet: netip.MustParsePrefix("10.1.2.0/25")}, "subnet: want a private IPv4"},
		{Config{Name: "ct", Subnet: netip.MustParsePrefix("10.1.2.1/24")}, "has host bits set"},
		{Config{Name: "ct", Subnet: netip.MustParsePrefix("fd77::/64")}, "subnet: want a private IPv4"},
		{Config{Name: "ct", Subnet6: netip.MustParsePrefix("2001:db8::/64")}, "subnet6: want a unique local"},
		{Config{Name: "ct", Subnet6: netip.MustParsePrefix("fd77::/48")}, "subnet6: want a unique local"},
		{Config{Name: "ct", Command: []string{""}}, "command: empty"},
	} {
		err := tc.cfg.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want %q", tc.cfg, err, tc.want)
		}
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Errorf("default config: %v", err)
	}
}

func TestCompleteFromState(t *testing.T) {
	st := &state{Name: "ct", Guests: 4, Subnet: "10.77.0.0/24", Subnet6: "fd77::/64"}
	c, err := Config{Name: "ct", Command: []string{"x"}}.complete(st)
	if err != nil || c.Guests != 4 {
		t.Fatalf("complete: %+v, %v", c, err)
	}
	for _, cfg := range []Config{
		{Name: "ct", Guests: 8},
		{Name: "ct", Subnet: netip.MustParsePrefix("10.77.9.0/24")},
		{Name: "ct", NoWorkload: true},
	} {
		if _, err := cfg.complete(st); !errors.Is(err, ErrConflict) {
			t.Errorf("%+v: got %v, want a conflict", cfg, err)
		}
	}
}
