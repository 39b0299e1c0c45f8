package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAgentCheck(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, []byte("bridges: [br0]\nafpacket: {num_blocks: 16}\ndetect: {portscan: {port_ceiling: 30}}\n"), 0o644)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("bridges: [br0]\nafpacket: {num_blocks: 1}\n"), 0o644)
	typo := filepath.Join(dir, "typo.yaml")
	os.WriteFile(typo, []byte("bridge: [br0]\n"), 0o644)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--check", "--config", good}, exitOK, "configuration ok"},
		{[]string{"--check", "--config", bad}, exitUsage, "afpacket: num_blocks"},
		{[]string{"--check", "--config", typo}, exitUsage, "line 1: field bridge not found"},
		{[]string{"--check", "--config", filepath.Join(dir, "none.yaml")}, exitUsage, "none.yaml"},
		{[]string{"--format", "xml", "--bridge", "br0"}, exitUsage, "--format"},
		{[]string{"stray"}, exitUsage, "unexpected argument"},
		{nil, exitUsage, "no bridge to watch"},
	}
	for _, c := range cases {
		code, out, errOut := runCmd(append([]string{"agent"}, c.args...)...)
		if code != c.code || !strings.Contains(out+errOut, c.want) {
			t.Errorf("agent %v: exit %d, output %q; want exit %d and %q", c.args, code, out+errOut, c.code, c.want)
		}
	}
}

func TestParseRate(t *testing.T) {
	for in, want := range map[string]uint64{"50M": 50 << 20, "1G": 1 << 30, "512k": 512 << 10, "1048576": 1 << 20, "1.5M": 3 << 19} {
		if got, err := parseRate(in); err != nil || got != want {
			t.Errorf("parseRate(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "M", "-5M", "fast", "0", "9999999G"} {
		if _, err := parseRate(bad); err == nil {
			t.Errorf("parseRate(%q) accepted", bad)
		}
	}
	if n, err := parseBits("100M"); err != nil || n != 100_000_000 {
		t.Errorf("parseBits(100M) = %d, %v", n, err)
	}
	if got := formatRate(50 << 20); got != "50M" {
		t.Errorf("formatRate: %s", got)
	}
}
