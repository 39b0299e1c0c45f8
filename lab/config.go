package lab

import (
	"errors"
	"fmt"
	"hash/fnv"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Defaults and limits.
const (
	// DefaultName is the lab `crosstalk lab` works on without --name.
	DefaultName = "ct"
	// DefaultGuests is the size of a lab without --guests: one guest of
	// every role.
	DefaultGuests = 8
	// MaxGuests bounds a lab: guests take host numbers .11 upward in the
	// IPv4 subnet, and port names stay within IFNAMSIZ.
	MaxGuests = 240
	// StateRoot holds one state directory per lab unless Config.StateDir
	// says otherwise. /run is a tmpfs: a reboot forgets labs, as it
	// forgets their namespaces.
	StateRoot = "/run/crosstalk/lab"
	// firstHost is the host number of guest 1 in the IPv4 subnet.
	firstHost = 11
)

// Config says which lab to build, inspect or remove. The zero value of
// every field but Name means "the default"; for a lab that is already up,
// "the value it was built with" (read from its state directory).
type Config struct {
	// Name is 1 to 8 lower-case letters or digits. It is part of every
	// name the lab creates (see the package documentation).
	Name string
	// Guests is the number of guests, 1 to MaxGuests (default 8).
	Guests int
	// Subnet is the guests' IPv4 subnet, private (RFC 1918) and at least
	// /24 in size (default 10.77.0.0/24 for the lab "ct", else
	// 10.77.N.0/24 with N from 1 to 254 derived from the name).
	Subnet netip.Prefix
	// Subnet6 is the guests' IPv6 subnet, a unique local /64 (default
	// fd77::/64 for the lab "ct", else fd77:0:0:N::/64).
	Subnet6 netip.Prefix
	// StateDir is the lab's state directory (default StateRoot/NAME).
	StateDir string
	// NoWorkload starts the guests' services but not their benign
	// background traffic.
	NoWorkload bool
	// Command runs the hidden `crosstalk lab guest` command: the program
	// and the arguments before the guest's own (default: this executable,
	// "lab", "guest"). Tests set it to their own binary.
	Command []string
}

// DefaultConfig returns the configuration of the default lab "ct".
func DefaultConfig() Config { return Config{Name: DefaultName} }

var validName = regexp.MustCompile(`^[a-z0-9]{1,8}$`)

// Validate reports the first setting that cannot work. It does not look
// at the system.
func (c Config) Validate() error {
	if !validName.MatchString(c.Name) {
		return fmt.Errorf("name: want 1 to 8 lower-case letters or digits, got %q", c.Name)
	}
	if c.Guests < 0 || c.Guests > MaxGuests {
		return fmt.Errorf("guests: want 1 to %d, got %d", MaxGuests, c.Guests)
	}
	if c.Subnet.IsValid() {
		p := c.Subnet
		if !p.Addr().Is4() || !p.Addr().IsPrivate() || p.Bits() > 24 {
			return fmt.Errorf("subnet: want a private IPv4 subnet of /24 or larger (10/8, 172.16/12, 192.168/16), got %s", p)
		}
		if p.Masked() != p {
			return fmt.Errorf("subnet: %s has host bits set (want %s)", p, p.Masked())
		}
	}
	if c.Subnet6.IsValid() {
		p := c.Subnet6
		if !p.Addr().Is6() || p.Addr().Is4In6() || !p.Addr().IsPrivate() || p.Bits() != 64 {
			return fmt.Errorf("subnet6: want a unique local IPv6 /64 (fc00::/7), got %s", p)
		}
		if p.Masked() != p {
			return fmt.Errorf("subnet6: %s has host bits set (want %s)", p, p.Masked())
		}
	}
	if len(c.Command) > 0 && c.Command[0] == "" {
		return errors.New("command: empty program name")
	}
	return nil
}

// complete fills in the defaults, preferring what a lab that is already
// up was built with (st may be nil). A setting given explicitly that
// differs from the running lab's is an ErrConflict.
func (c Config) complete(st *state) (Config, error) {
	if st != nil {
		if c.Guests != 0 && c.Guests != st.Guests {
			return c, fmt.Errorf("%w: lab %s is up with %d guests, not %d (run crosstalk lab down --name %s first)", ErrConflict, c.Name, st.Guests, c.Guests, c.Name)
		}
		if c.Subnet.IsValid() && c.Subnet.String() != st.Subnet {
			return c, fmt.Errorf("%w: lab %s is up on %s, not %s", ErrConflict, c.Name, st.Subnet, c.Subnet)
		}
		if c.Subnet6.IsValid() && c.Subnet6.String() != st.Subnet6 {
			return c, fmt.Errorf("%w: lab %s is up on %s, not %s", ErrConflict, c.Name, st.Subnet6, c.Subnet6)
		}
		if c.NoWorkload && !st.NoWorkload {
			return c, fmt.Errorf("%w: lab %s is up with its workload (run crosstalk lab down --name %s first)", ErrConflict, c.Name, c.Name)
		}
		c.Guests = st.Guests
		var err error
		if c.Subnet, err = netip.ParsePrefix(st.Subnet); err != nil {
			return c, fmt.Errorf("state of lab %s: subnet: %w", c.Name, err)
		}
		if c.Subnet6, err = netip.ParsePrefix(st.Subnet6); err != nil {
			return c, fmt.Errorf("state of lab %s: subnet6: %w", c.Name, err)
		}
		c.NoWorkload = st.NoWorkload
	}
	if c.Guests == 0 {
		c.Guests = DefaultGuests
	}
	n := subnetNumber(c.Name)
	if !c.Subnet.IsValid() {
		c.Subnet = netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 77, n, 0}), 24)
	}
	if !c.Subnet6.IsValid() {
		c.Subnet6 = netip.PrefixFrom(netip.AddrFrom16([16]byte{0xfd, 0x77, 6: 0, 7: n}), 64)
	}
	if c.StateDir == "" {
		c.StateDir = filepath.Join(StateRoot, c.Name)
	}
	if len(c.Command) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return c, fmt.Errorf("find this executable: %w", err)
		}
		c.Command = []string{exe, "lab", "guest"}
	}
	if err := c.Validate(); err != nil {
		return c, err
	}
	if size := 1 << (32 - c.Subnet.Bits()); firstHost+c.Guests > size-1 {
		return c, fmt.Errorf("subnet: %s holds no %d guests from .%d up", c.Subnet, c.Guests, firstHost)
	}
	return c, nil
}

// subnetNumber is the third octet of a lab's default IPv4 subnet: 0 for
// the default lab, else 1 to 254 from the name, so that labs with
// different names (a developer's and a test's) rarely share addresses.
func subnetNumber(name string) byte {
	if name == DefaultName {
		return 0
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return byte(1 + h.Sum32()%254)
}

// macPrefix is the lab's 16 bits of its guests' MACs: 0 for the default
// lab, else a hash of the name.
func macPrefix(name string) uint16 {
	if name == DefaultName {
		return 0
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	p := uint16(h.Sum32() >> 16)
	if p == 0 {
		p = 1
	}
	return p
}

// Roles of the first eight guests, in order; the rest are "guest".
var roles = []struct{ name, role string }{
	{"web-1", "web"},
	{"app-1", "app"},
	{"db-1", "db"},
	{"cache-1", "cache"},
	{"monitor", "monitor"},
	{"backup", "backup"},
	{"dns-1", "dns"},
	{"rogue", "rogue"},
}

// Guest is one guest of a lab as planned: the names, MAC and addresses
// Up gives it. Status reports what the system actually has.
type Guest struct {
	Index     int // 1-based
	Name      string
	Role      string
	Namespace string
	Port      string // host-side veth, a port of the bridge
	MAC       string
	IPv4      netip.Addr
	IPv6      netip.Addr
}

// Labels are the guest's labels in the guests file.
func (g Guest) Labels() map[string]string {
	return map[string]string{"role": g.Role, "app": "lab"}
}

// BridgeName is the lab's bridge: ct-NAME.
func BridgeName(name string) string { return "ct-" + name }

// namespacePrefix starts the name of every namespace of the lab.
func namespacePrefix(name string) string { return "ct-" + name + "-" }

// portName is the host-side veth of guest i: ctNAME-I (at most 14 bytes).
func portName(name string, i int) string { return "ct" + name + "-" + strconv.Itoa(i) }

// linkAlias is the alias (ip link ... alias) Up gives the bridge (guest
// "") and the ports of a lab. Up and Down touch no link without it, even
// one that has a lab's name.
func linkAlias(name, guest string) string {
	if guest == "" {
		return "crosstalk lab " + name
	}
	return "crosstalk lab " + name + " " + guest
}

// owned tells whether l was made by lab name.
func owned(name string, l *link) bool {
	return l != nil && (l.Alias == linkAlias(name, "") || strings.HasPrefix(l.Alias, linkAlias(name, "")+" "))
}

// isLabNamespace tells whether ns is named like a guest of lab name.
func isLabNamespace(name, ns string) bool {
	rest, ok := strings.CutPrefix(ns, namespacePrefix(name))
	return ok && guestIndex(rest) != 0
}

var portPattern = regexp.MustCompile(`^ct([a-z0-9]{1,8})-([0-9]{1,3})$`)

// portIndex returns the guest number of a port of lab name, or 0.
func portIndex(name, port string) int {
	m := portPattern.FindStringSubmatch(port)
	if m == nil || m[1] != name {
		return 0
	}
	i, _ := strconv.Atoi(m[2])
	if i < 1 || i > MaxGuests {
		return 0
	}
	return i
}

// guestName is the name of guest i (1-based).
func guestName(i int) (name, role string) {
	if i <= len(roles) {
		return roles[i-1].name, roles[i-1].role
	}
	return "guest-" + strconv.Itoa(i), "guest"
}

// guestIndex is the inverse of guestName, 0 for a name no guest has.
func guestIndex(name string) int {
	for i, r := range roles {
		if r.name == name {
			return i + 1
		}
	}
	var i int
	if _, err := fmt.Sscanf(name, "guest-%d", &i); err == nil && i > len(roles) && i <= MaxGuests && "guest-"+strconv.Itoa(i) == name {
		return i
	}
	return 0
}

// layout returns guest i of a completed config.
func (c Config) guest(i int) Guest {
	name, role := guestName(i)
	host := firstHost + i - 1
	v4 := c.Subnet.Addr().As4()
	base := uint32(v4[0])<<24 | uint32(v4[1])<<16 | uint32(v4[2])<<8 | uint32(v4[3])
	a := base + uint32(host)
	// The IPv6 interface identifier spells the IPv4 host number in
	// hex digits (fd77::11 for 10.77.0.11), which people read at once.
	id, _ := strconv.ParseUint(strconv.Itoa(host), 16, 16)
	v6 := c.Subnet6.Addr().As16()
	v6[14], v6[15] = byte(id>>8), byte(id)
	p := macPrefix(c.Name)
	return Guest{
		Index:     i,
		Name:      name,
		Role:      role,
		Namespace: namespacePrefix(c.Name) + name,
		Port:      portName(c.Name, i),
		MAC:       fmt.Sprintf("02:77:%02x:%02x:%02x:%02x", p>>8, p&0xff, i>>8, i&0xff),
		IPv4:      netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)}),
		IPv6:      netip.AddrFrom16(v6),
	}
}

// Layout returns the guests of a completed config (see Plan).
func (c Config) layout() []Guest {
	out := make([]Guest, c.Guests)
	for i := range out {
		out[i] = c.guest(i + 1)
	}
	return out
}

// Plan returns the guests a lab with this configuration has, with their
// names, MACs and addresses, without looking at the system or at the
// lab's state.
func Plan(c Config) ([]Guest, error) {
	c.Command = []string{"-"} // not needed to plan
	c, err := c.complete(nil)
	if err != nil {
		return nil, err
	}
	return c.layout(), nil
}
