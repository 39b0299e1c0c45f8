package policy

import (
	"errors"
	"strings"
	"testing"

	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/inventory"
)

const shop = `version: 1
policies:
  - name: shop
    mode: enforce
    scope: app=shop
    rules:
      - {name: web-to-db, from: tier=web, to: tier=db, ports: [tcp/5432], action: allow}
      - {name: no-ssh, from: tier=web, to: tier=app, ports: [tcp/22], action: deny}
      - {name: web-to-app, from: tier=web, to: tier=app, ports: [tcp/8000-8080, udp/53], action: allow}
      - {name: ping, from: name=*, to: app=shop, ports: [icmp], action: allow}
  - name: watch-db
    scope: tier=db
    rules:
      - {name: from-web, from: tier=web, to: tier=db, action: allow}
`

func guest(name string, labels ...string) *inventory.Guest {
	g := &inventory.Guest{Name: name, Labels: map[string]string{}}
	for i := 0; i+1 < len(labels); i += 2 {
		g.Labels[labels[i]] = labels[i+1]
	}
	return g
}

func TestVerdicts(t *testing.T) {
	set, err := Parse([]byte(shop))
	if err != nil {
		t.Fatal(err)
	}
	web := guest("web-1", "app", "shop", "tier", "web")
	app := guest("app-1", "app", "shop", "tier", "app")
	db := guest("db-1", "app", "shop", "tier", "db")
	rogue := guest("rogue", "app", "lab")
	other := guest("blog-1", "app", "blog")
	nobody := &inventory.Guest{}
	for _, c := range []struct {
		name             string
		src, dst         *inventory.Guest
		proto            uint8
		port             uint16
		action, pol, rul string
	}{
		{"an allowed edge", web, db, flow.ProtoTCP, 5432, Allowed, "shop", "web-to-db"},
		{"the same pair on another port", web, db, flow.ProtoTCP, 22, Denied, "shop", "default-deny"},
		{"an explicit deny before a broader allow", web, app, flow.ProtoTCP, 22, Denied, "shop", "no-ssh"},
		{"a port range", web, app, flow.ProtoTCP, 8080, Allowed, "shop", "web-to-app"},
		{"udp in the same rule", web, app, flow.ProtoUDP, 53, Allowed, "shop", "web-to-app"},
		{"udp is not tcp", web, app, flow.ProtoTCP, 53, Denied, "shop", "default-deny"},
		{"icmp from anyone to the shop", rogue, app, flow.ProtoICMP, 0, Allowed, "shop", "ping"},
		{"into the scope from outside", rogue, db, flow.ProtoTCP, 5432, Denied, "shop", "default-deny"},
		{"out of the scope to outside", web, rogue, flow.ProtoTCP, 80, Denied, "shop", "default-deny"},
		{"an unknown address into the scope", nobody, db, flow.ProtoTCP, 5432, Denied, "shop", "default-deny"},
		{"outside every scope", rogue, other, flow.ProtoTCP, 22, "", "", ""},
		// db-1 is in both scopes: shop allows app-1 -> db-1 icmp, watch-db
		// (observe) does not: a would-deny.
		{"observe policy's deny is a would-deny", app, db, flow.ProtoICMP, 0, WouldDeny, "watch-db", "default-deny"},
		// An enforce deny wins over an earlier observe deny.
		{"enforce wins", app, db, flow.ProtoTCP, 5432, Denied, "shop", "default-deny"},
	} {
		v := set.Verdict(c.src, c.dst, c.proto, c.port)
		if v.Action != c.action || v.Policy != c.pol || v.Rule != c.rul {
			t.Errorf("%s: %+v, want %s by %s/%s", c.name, v, c.action, c.pol, c.rul)
		}
	}
}

func TestParseRejects(t *testing.T) {
	head := "version: 1\npolicies:\n  - name: p\n    scope: app=shop\n    rules:\n"
	for _, c := range []struct{ name, file, want string }{
		{"empty", "", "empty policy file"},
		{"not a mapping", "- a\n", "want a mapping"},
		{"version", "version: 2\npolicies: []\n", "line 1: version: want 1, got 2"},
		{"unknown key", "version: 1\npolicies:\n  - name: p\n    scope: a=b\n    colour: red\n", "line 5: field colour not found"},
		{"unknown rule key", head + "      - {name: r, from: a=b, to: c=d, action: allow, port: [tcp/1]}\n", "line 6: field port not found"},
		{"bad port", head + "      - name: r\n        from: a=b\n        to: c=d\n        ports: [tcp/22, tcp/70000]\n        action: allow\n", "line 9: policies[0].rules[0].ports[1]: \"tcp/70000\": port \"70000\": want a number from 1 to 65535"},
		{"port without proto", head + "      - {name: r, from: a=b, to: c=d, ports: [\"22\"], action: allow}\n", "want tcp/PORT"},
		{"backwards range", head + "      - {name: r, from: a=b, to: c=d, ports: [udp/9-1], action: allow}\n", "ends before it starts"},
		{"icmp with a port", head + "      - {name: r, from: a=b, to: c=d, ports: [icmp/8], action: allow}\n", "icmp has no ports"},
		{"empty from", head + "      - {name: r, from: \"\", to: c=d, action: allow}\n", "line 6: policies[0].rules[0].from: empty: it would match every guest"},
		{"missing to", head + "      - {name: r, from: a=b, action: allow}\n", "policies[0].rules[0].to: empty"},
		{"empty scope", "version: 1\npolicies:\n  - name: p\n    rules: []\n", "line 3: policies[0].scope: empty"},
		{"bad selector", "version: 1\npolicies:\n  - name: p\n    scope: \"tier in web\"\n", "line 4: policies[0].scope:"},
		{"source selector", head + "      - {name: r, from: source=libvirt, to: c=d, action: allow}\n", "source= has no place in a policy"},
		{"bad action", head + "      - {name: r, from: a=b, to: c=d, action: permit}\n", "action: want allow or deny, got \"permit\""},
		{"bad mode", "version: 1\npolicies:\n  - name: p\n    mode: audit\n    scope: a=b\n", "line 4: policies[0].mode: want observe or enforce"},
		{"bad name", "version: 1\npolicies:\n  - name: My Policy\n    scope: a=b\n", "line 3: policies[0].name"},
		{"duplicate policy", "version: 1\npolicies:\n  - {name: p, scope: a=b}\n  - {name: p, scope: c=d}\n", "line 4: policies[1].name: \"p\" is also the name of the policy on line 3"},
		{"duplicate rule", head + "      - {name: r, from: a=b, to: c=d, action: allow}\n      - {name: r, from: a=b, to: e=f, action: allow}\n", "line 7: policies[0].rules[1].name"},
		{"contradiction", head + "      - {name: ssh, from: tier=web, to: tier=db, ports: [tcp/20-30], action: allow}\n      - {name: no-ssh, from: tier=web, to: tier=db, ports: [udp/53, tcp/22], action: deny}\n",
			"line 7: policies[0].rules[1]: contradicts rule \"ssh\" (line 6) on tcp/22: the first matching rule wins, so this deny never applies there"},
		{"contradiction with all ports", head + "      - {name: any, from: tier=web, to: tier=db, action: deny}\n      - {name: ssh, from: tier=web, to: tier=db, ports: [tcp/22], action: allow}\n",
			"contradicts rule \"any\""},
		{"two documents", "version: 1\npolicies: []\n---\nversion: 1\n", "a second YAML document"},
		{"tabs", "version: 1\npolicies:\n\t- name: p\n", "line 3"},
	} {
		_, err := Parse([]byte(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	// Not contradictions: the same action, disjoint ports, other peers.
	ok := head + `      - {name: a, from: tier=web, to: tier=db, ports: [tcp/22], action: allow}
      - {name: b, from: tier=web, to: tier=db, ports: [tcp/23], action: deny}
      - {name: c, from: tier=web, to: tier=db, ports: [tcp/22], action: allow}
      - {name: d, from: tier=app, to: tier=db, ports: [tcp/22], action: deny}
`
	if _, err := Parse([]byte(ok)); err != nil {
		t.Errorf("a valid file: %v", err)
	}
}

func TestPortRange(t *testing.T) {
	for _, s := range []string{"tcp/22", "udp/1000-2000", "icmp", "any", "any/443"} {
		p, err := ParsePort(s)
		if err != nil || p.String() != s {
			t.Errorf("ParsePort(%q) = %v (%s), %v", s, p, p.String(), err)
		}
	}
	p, _ := ParsePort("any/443")
	if !p.Matches(flow.ProtoTCP, 443) || !p.Matches(flow.ProtoUDP, 443) || p.Matches(flow.ProtoTCP, 80) || p.Matches(flow.ProtoICMP, 0) {
		t.Error("any/443 should match TCP and UDP 443 only")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(shop))
	f.Add([]byte("version: 1\npolicies: []\n"))
	f.Add([]byte("version: 1\npolicies:\n  - {name: p, scope: a=b, rules: [{name: r, from: x, to: y, ports: [tcp/1-2], action: deny}]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Parse(data)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || err.Error() == "" {
				t.Fatalf("not a policy.Error: %v", err)
			}
			return
		}
		for _, p := range set.Policies {
			if p.Name == "" || (p.Mode != Observe && p.Mode != Enforce) {
				t.Fatalf("accepted a policy without name or mode: %+v", p)
			}
			for _, r := range p.Rules {
				set.Verdict(guest("a", "x", "y"), guest("b"), flow.ProtoTCP, 1)
				if r.Action != Allow && r.Action != Deny {
					t.Fatalf("accepted a rule without action: %+v", r)
				}
			}
		}
	})
}
