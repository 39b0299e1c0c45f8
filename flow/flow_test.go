package flow

import "testing"

func TestCommunityID(t *testing.T) {
	// Vectors from Zeek's community_id_v1 tests.
	cases := []struct {
		key  Key
		want string
	}{
		{Key{Src: MustParseAddr("1.2.3.4"), Dst: MustParseAddr("5.6.7.8"), SrcPort: 1122, DstPort: 3344, Proto: ProtoTCP}, "1:wCb3OG7yAFWelaUydu0D+125CLM="},
		{Key{Src: MustParseAddr("1.2.3.4"), Dst: MustParseAddr("5.6.7.8"), SrcPort: 1122, DstPort: 3344, Proto: ProtoUDP}, "1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg="},
	}
	for _, c := range cases {
		if got := CommunityID(c.key); got != c.want {
			t.Errorf("CommunityID(%v) = %s, want %s", c.key, got, c.want)
		}
		if got := CommunityID(c.key.Reverse()); got != c.want {
			t.Errorf("CommunityID(reverse %v) = %s, want %s", c.key, got, c.want)
		}
	}
	// An echo request and its reply hash the same.
	req := Key{Src: MustParseAddr("10.0.0.1"), Dst: MustParseAddr("10.0.0.2"), SrcPort: 77, DstPort: 8, Proto: ProtoICMP}
	if a, b := CommunityID(req), CommunityID(req.Reverse()); a != b {
		t.Errorf("echo request %s != reply %s", a, b)
	}
}

func TestAddr(t *testing.T) {
	for _, s := range []string{"10.1.2.3", "fd00::1"} {
		a := MustParseAddr(s)
		if got := a.String(); got != s {
			t.Errorf("%s round-trips to %s", s, got)
		}
	}
	if !MustParseAddr("10.1.2.3").Is4() || MustParseAddr("fd00::1").Is4() {
		t.Error("Is4 wrong")
	}
}

func TestMAC(t *testing.T) {
	m, err := ParseMAC("52:54:00:AB:cd:01")
	if err != nil || m.String() != "52:54:00:ab:cd:01" {
		t.Fatalf("ParseMAC = %v, %v", m, err)
	}
	for _, bad := range []string{"", "52:54:00:ab:cd", "52:54:00:ab:cd:0g", "5254.00ab.cd01x"} {
		if _, err := ParseMAC(bad); err == nil {
			t.Errorf("ParseMAC(%q) succeeded", bad)
		}
	}
}

func TestFlagsString(t *testing.T) {
	if got := (SYN | ACK).String(); got != "SA" {
		t.Errorf("SYN|ACK = %q", got)
	}
	if got := (FIN | PSH | URG).String(); got != "FPU" {
		t.Errorf("xmas = %q", got)
	}
}
