package inventory

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/crosstalk-dev/crosstalk/flow"
)

func port(iface string, idx uint32, mac string, ips ...string) Port {
	return Port{Iface: iface, IfIndex: idx, MAC: mac, IPs: ips}
}

func TestMergeJoinsProviders(t *testing.T) {
	libvirt := Report{Source: "libvirt", Guests: []Guest{
		{Name: "web-1", UUID: "u-1", State: "running", Labels: map[string]string{"tier": "web"},
			Ports: []Port{{Iface: "vnet0", IfIndex: 7, MAC: "52:54:00:00:00:11", Bridge: "br0", Model: "virtio"}}},
		{Name: "old-clone", State: "shutoff", Ports: []Port{{MAC: "52:54:00:00:00:11"}}},
	}}
	file := Report{Source: "file", Guests: []Guest{
		{Name: "web-1", Labels: map[string]string{"env": "prod"}, Ports: []Port{port("", 0, "52:54:00:00:00:11", "10.0.0.11")}},
	}}
	tab := Merge(libvirt, file)
	if c := tab.Conflicts(); len(c) != 0 {
		t.Fatalf("conflicts %v", c)
	}
	g, ok := tab.Guest("web-1")
	if !ok || g.UUID != "u-1" || g.Labels["tier"] != "web" || g.Labels["env"] != "prod" || len(g.Ports) != 1 ||
		g.Ports[0].Iface != "vnet0" || !slices.Equal(g.Ports[0].IPs, []string{"10.0.0.11"}) || !slices.Equal(g.Sources, []string{"libvirt", "file"}) {
		t.Fatalf("merged %+v", g)
	}
	ref := tab.Lookup(flow.MustParseAddr("10.0.0.11"), flow.MAC{})
	if ref.Name != "web-1" || ref.Iface != "vnet0" || ref.Labels["env"] != "prod" {
		t.Errorf("lookup %+v", ref)
	}
	if tab.GuestByPort(7) != "web-1" {
		t.Errorf("port 7 = %q", tab.GuestByPort(7))
	}
	// The shut-off clone shares the MAC but a running guest wins.
	mac, _ := flow.ParseMAC("52:54:00:00:00:11")
	if tab.GuestByMAC(mac) != "web-1" {
		t.Errorf("mac = %q", tab.GuestByMAC(mac))
	}
	if tab.Len() != 2 {
		t.Errorf("len %d", tab.Len())
	}
}

func TestStoppedGuestsKeepUnclaimedNames(t *testing.T) {
	tab := Merge(Report{Source: "libvirt", Guests: []Guest{
		{Name: "db-1", State: "shutoff", Ports: []Port{port("", 0, "52:54:00:00:00:31", "10.0.0.31")}},
		{Name: "clone-a", State: "shutoff", Ports: []Port{port("", 0, "52:54:00:00:00:41")}},
		{Name: "clone-b", State: "shutoff", Ports: []Port{port("", 0, "52:54:00:00:00:41")}},
	}})
	db, _ := flow.ParseMAC("52:54:00:00:00:31")
	clone, _ := flow.ParseMAC("52:54:00:00:00:41")
	if tab.GuestByMAC(db) != "db-1" || tab.GuestByIP(flow.MustParseAddr("10.0.0.31")) != "db-1" {
		t.Errorf("a stopped guest lost its unclaimed MAC/IP")
	}
	if tab.GuestByMAC(clone) != "" || len(tab.Conflicts()) != 0 {
		t.Errorf("two stopped clones: mac names %q, conflicts %v", tab.GuestByMAC(clone), tab.Conflicts())
	}
}

func TestMergeReportsConflicts(t *testing.T) {
	a := Report{Source: "libvirt", Guests: []Guest{
		{Name: "web-1", UUID: "u-1", Labels: map[string]string{"tier": "web"}, Ports: []Port{port("vnet0", 7, "52:54:00:00:00:11")}},
		{Name: "db-1", Ports: []Port{port("vnet1", 8, "52:54:00:00:00:31")}},
	}}
	b := Report{Source: "file", Guests: []Guest{
		{Name: "web-1", UUID: "u-2", Labels: map[string]string{"tier": "db"}},
		{Name: "imposter", Ports: []Port{port("", 0, "52:54:00:00:00:31", "10.0.0.31")}},
	}}
	c := Report{Source: "netns", Guests: []Guest{{Name: "ns-x", Ports: []Port{port("veth9", 8, "")}}}}
	tab := Merge(a, b, c, Report{Source: "static", Err: errors.New("gone")})
	var got []string
	for _, c := range tab.Conflicts() {
		got = append(got, c.String())
	}
	want := []string{
		"label tier of web-1: file=db vs libvirt=web",
		"mac 52:54:00:00:00:31: db-1 (libvirt) vs imposter (file)",
		"port 8: db-1 (libvirt) vs ns-x (netns)",
		"uuid of web-1: file=u-2 vs libvirt=u-1",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("conflicts\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Disputed facts name nobody; undisputed ones still work.
	mac, _ := flow.ParseMAC("52:54:00:00:00:31")
	if tab.GuestByMAC(mac) != "" || tab.GuestByPort(8) != "" {
		t.Errorf("disputed keys still name %q / %q", tab.GuestByMAC(mac), tab.GuestByPort(8))
	}
	if tab.GuestByPort(7) != "web-1" || tab.GuestByIP(flow.MustParseAddr("10.0.0.31")) != "imposter" {
		t.Errorf("undisputed keys lost")
	}
	web, _ := tab.Guest("web-1")
	if web.UUID != "" || web.Labels["tier"] != "" || len(web.Problems) != 2 {
		t.Errorf("disputed uuid/label kept: %+v", web)
	}
	if e := tab.Errors(); len(e) != 1 || e[0] != "static: gone" {
		t.Errorf("errors %v", e)
	}
}

func TestMergeInvalidValuesAreProblems(t *testing.T) {
	tab := Merge(Report{Source: "libvirt", Guests: []Guest{
		{Name: "x", Ports: []Port{{Iface: "vnet0", MAC: "zz:zz", IPs: []string{"10.0.0.300"}}}},
		{Name: ""},
	}})
	g, _ := tab.Guest("x")
	if len(g.Problems) != 2 || len(tab.Errors()) != 1 {
		t.Errorf("problems %v errors %v", g.Problems, tab.Errors())
	}
}

func TestTableEqual(t *testing.T) {
	r := Report{Source: "libvirt", Guests: []Guest{{Name: "a", Ports: []Port{port("vnet0", 7, "52:54:00:00:00:11")}}}}
	if !Merge(r).Equal(Merge(r)) {
		t.Error("same reports, different tables")
	}
	r2 := Report{Source: "libvirt", Guests: []Guest{{Name: "a", Ports: []Port{port("vnet0", 8, "52:54:00:00:00:11")}}}}
	if Merge(r).Equal(Merge(r2)) {
		t.Error("a moved port went unnoticed")
	}
}

func TestSelector(t *testing.T) {
	tab := Merge(
		Report{Source: "libvirt", Guests: []Guest{
			{Name: "web-1", Labels: map[string]string{"tier": "web", "env": "prod"}},
			{Name: "web-2", Labels: map[string]string{"tier": "web", "env": "stage"}},
			{Name: "db-1", Labels: map[string]string{"tier": "db", "env": "prod", "backup": "yes"}},
		}},
		Report{Source: "netns", Guests: []Guest{{Name: "ns-1"}}},
	)
	cases := []struct{ sel, want string }{
		{"", "db-1 ns-1 web-1 web-2"},
		{"tier=web", "web-1 web-2"},
		{"tier==web,env=prod", "web-1"},
		{"env!=prod", "ns-1 web-2"},
		{"tier in (db, web)", "db-1 web-1 web-2"},
		{"tier notin (web)", "db-1 ns-1"},
		{"backup", "db-1"},
		{"!backup,source=libvirt", "web-1 web-2"},
		{"name=web-*", "web-1 web-2"},
		{"name in (db-?,ns-*)", "db-1 ns-1"},
		{"source in (netns)", "ns-1"},
	}
	for _, c := range cases {
		s, err := ParseSelector(c.sel)
		if err != nil {
			t.Errorf("%q: %v", c.sel, err)
			continue
		}
		var names []string
		for _, g := range tab.Select(s) {
			names = append(names, g.Name)
		}
		if got := strings.Join(names, " "); got != c.want {
			t.Errorf("%q selects %q, want %q", c.sel, got, c.want)
		}
		// The text form reads back to the same selection.
		back, err := ParseSelector(s.String())
		if err != nil || len(tab.Select(back)) != len(names) {
			t.Errorf("%q -> %q does not read back: %v", c.sel, s.String(), err)
		}
	}
	for _, bad := range []string{"tier in web", "tier in ()", "(", "a=b)", "a,,b", "na me=x", "name!=x", "name=[", "k=v w", "tier in ((a))"} {
		if _, err := ParseSelector(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

func FuzzParseSelector(f *testing.F) {
	for _, s := range []string{"tier=web,env!=prod", "tier in (a,b)", "!x,name=web-*", "source=libvirt"} {
		f.Add(s)
	}
	g := &Guest{Name: "web-1", Labels: map[string]string{"tier": "web"}, Sources: []string{"libvirt"}}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := ParseSelector(text)
		if err != nil {
			return
		}
		m := s.Matches(g)
		back, err := ParseSelector(s.String())
		if err != nil {
			t.Fatalf("%q -> %q: %v", text, s.String(), err)
		}
		if back.Matches(g) != m {
			t.Fatalf("%q and %q disagree", text, s.String())
		}
	})
}
