package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGuestsArgs(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "guests.yaml")
	os.WriteFile(good, []byte("guests:\n  - {name: web-1, macs: [\"52:54:00:00:00:11\"], labels: {tier: web}}\n  - {name: db-1, labels: {tier: db}}\n"), 0o644)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("guests:\n  - name: a\n    colour: red\n"), 0o644)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--format", "xml", "--guests", good}, exitUsage, "--format"},
		{[]string{"--select", "tier in web", "--guests", good}, exitUsage, "--select"},
		{[]string{"--guests", good, "extra"}, exitUsage, "unexpected argument"},
		{[]string{"--guests", bad, "--local"}, exitUsage, "line 3: field colour not found"},
		{[]string{"--libvirt", "qemu+ssh://elsewhere/system"}, exitUsage, "local URI"},
		{[]string{"--config", filepath.Join(dir, "nope.yaml")}, exitUsage, "nope.yaml"},
		{[]string{"--guests", good, "--local", "--format", "table", "--select", "tier=web"}, exitOK, "web-1"},
		{[]string{"--guests", good, "--local", "--format", "json", "--select", "name=db-*"}, exitOK, `"name": "db-1"`},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		code := run(append([]string{"guests"}, c.args...), &out, &errb)
		if code != c.code || !strings.Contains(out.String()+errb.String(), c.want) {
			t.Errorf("guests %v: exit %d, want %d with %q\nstdout: %s\nstderr: %s", c.args, code, c.code, c.want, out.String(), errb.String())
		}
		if c.code == exitOK && strings.Contains(out.String(), "db-1") == strings.Contains(out.String(), "web-1") {
			t.Errorf("guests %v: the selector did not select:\n%s", c.args, out.String())
		}
	}
}

func TestHistoryArgs(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "none.sock")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"alerts", "--format", "xml"}, exitUsage, "--format"},
		{[]string{"flows", "extra"}, exitUsage, "unexpected argument"},
		{[]string{"alerts", "--socket", sock}, exitFail, "none.sock"},
		{[]string{"flows", "--records", "--socket", sock}, exitFail, "none.sock"},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		if code := run(c.args, &out, &errb); code != c.code || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%v: exit %d, want %d with %q: %s", c.args, code, c.code, c.want, errb.String())
		}
	}
}
