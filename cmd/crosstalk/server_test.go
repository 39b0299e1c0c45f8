package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServerCommand: enrolling, revoking and the NATS config work on the
// state directory alone; bad arguments and configurations are refused
// with a message.
func TestServerCommand(t *testing.T) {
	dir := t.TempDir()
	creds := filepath.Join(dir, "hv-01.creds")
	if code, out, errOut := runCmd("server", "enroll", "hv-01", "--state-dir", dir, "--out", creds); code != exitOK || !strings.Contains(out, "enrolled hv-01") {
		t.Fatalf("enroll: exit %d\n%s%s", code, out, errOut)
	}
	if st, err := os.Stat(creds); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("credentials file: %v %v", st, err)
	}
	if code, _, errOut := runCmd("server", "nats-config", "--state-dir", dir); code != exitFail || !strings.Contains(errOut, "enroll-server") {
		t.Errorf("nats-config before enroll-server: exit %d %s", code, errOut)
	}
	runCmd("server", "enroll-server", "--state-dir", dir, "--out", filepath.Join(dir, "server.creds"))
	if code, out, _ := runCmd("server", "nats-config", "--state-dir", dir); code != exitOK || !strings.Contains(out, `"crosstalk.v1.hv-01.>"`) {
		t.Errorf("nats-config: exit %d\n%s", code, out)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("lisen: 0.0.0.0:4222\n"), 0o600)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"server", "enroll", "--state-dir", dir}, exitUsage, "want 1 argument"},
		{[]string{"server", "enroll", "hv.example.com", "--state-dir", dir}, exitUsage, "cannot be used in the fleet"},
		{[]string{"server", "revoke", "nobody", "--state-dir", dir}, exitFail, "nobody is not enrolled"},
		{[]string{"server", "juggle", "--state-dir", dir}, exitUsage, `unknown subcommand "juggle"`},
		{[]string{"server", "--config", bad, "--check"}, exitUsage, "field lisen not found"},
		{[]string{"server", "--state-dir", dir, "--listen", "nowhere", "--check"}, exitUsage, "listen:"},
		{[]string{"server", "--state-dir", dir, "--nats", "nats://n1:4222", "--check"}, exitUsage, "nats_credentials"},
		{[]string{"server", "--state-dir", dir, "--replicas", "7", "--check"}, exitUsage, "replicas: 1 to 5"},
		{[]string{"server", "--state-dir", dir, "--check"}, exitOK, ""},
	} {
		code, out, errOut := runCmd(c.args...)
		if code != c.code || !strings.Contains(errOut+out, c.want) {
			t.Errorf("%v: exit %d, want %d; output %q should say %q", c.args, code, c.code, errOut+out, c.want)
		}
	}
	if code, out, _ := runCmd("server", "revoke", "hv-01", "--state-dir", dir); code != exitOK || !strings.Contains(out, "revoked hv-01") {
		t.Errorf("revoke: exit %d %s", code, out)
	}
}

// TestAgentFleetConfig: reporting to a fleet needs a store and a host
// name that is a subject token.
func TestAgentFleetConfig(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"agent", "--check", "--fleet", "nats://x:4222", "--host", "hv-01"}, "set store.path"},
		{[]string{"agent", "--check", "--fleet", "nats://x:4222", "--store", "/tmp/x.db", "--host", "hv.example.com"}, "cannot be used in the fleet"},
	} {
		if code, _, errOut := runCmd(c.args...); code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d; stderr %q should say %q", c.args, code, errOut, c.want)
		}
	}
	if code, out, errOut := runCmd("agent", "--check", "--fleet", "nats://x:4222", "--store", "/tmp/x.db", "--host", "hv-01"); code != exitOK {
		t.Errorf("a good fleet configuration: exit %d %s%s", code, out, errOut)
	}
}
