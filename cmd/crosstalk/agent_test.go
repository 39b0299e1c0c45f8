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
