package fleet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/inventory"
)

func TestParseSubject(t *testing.T) {
	for _, c := range []struct{ subject, host, kind, err string }{
		{"crosstalk.v1.hv-01.alert", "hv-01", "alert", ""},
		{"crosstalk.v1.hv_2.edges", "hv_2", "edges", ""},
		{"crosstalk.v2.hv-01.alert", "", "", "schema v2"},
		{"crosstalk.v1.hv-01.gossip", "", "", `unknown kind "gossip"`},
		{"crosstalk.v1.*.alert", "", "", "cannot be used in the fleet"},
		{"crosstalk.v1.hv.01.alert", "", "", "is not crosstalk.v1.<host>.<kind>"},
		{"other.v1.hv-01.alert", "", "", "is not crosstalk.v1.<host>.<kind>"},
	} {
		host, kind, err := ParseSubject(c.subject)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want one saying %q", c.subject, err, c.err)
			}
			continue
		}
		if err != nil || host != c.host || kind != c.kind {
			t.Errorf("%s: %q %q %v", c.subject, host, kind, err)
		}
	}
}

func TestEncodeDecode(t *testing.T) {
	at := time.Unix(1_800_000_000, 0).UTC()
	a := alert.Alert{ID: "01ABC", Kind: "portscan", Severity: alert.High, Time: at, LastSeen: at, Count: 3, Host: "hv-01"}
	subject, id, data, err := Encode("hv-01", &Alert{Header: Header{V: Version, Host: "hv-01", Time: at}, Alert: a})
	if err != nil {
		t.Fatal(err)
	}
	if subject != "crosstalk.v1.hv-01.alert" {
		t.Errorf("subject %s", subject)
	}
	// The ID is the revision's: the same alert gives the same ID, a
	// later count another.
	_, id2, _, _ := Encode("hv-01", &Alert{Header: Header{V: Version, Host: "hv-01", Time: at.Add(time.Hour)}, Alert: a})
	b := a
	b.Count = 4
	_, id3, _, _ := Encode("hv-01", &Alert{Header: Header{V: Version, Host: "hv-01", Time: at}, Alert: b})
	if id != id2 || id == id3 {
		t.Errorf("message IDs %q %q %q: the same revision must give the same, another revision another", id, id2, id3)
	}
	m, err := Decode(subject, data)
	if err != nil || m.Alert == nil || m.Alert.Alert.ID != "01ABC" || m.Host != "hv-01" {
		t.Fatalf("decode: %+v, %v", m, err)
	}
	inv := &Inventory{Header: Header{V: Version, Host: "hv-01", Time: at}, Seq: 1, Guests: []inventory.Guest{{Name: "db-1", VCPUs: 2}}}
	subject, _, data, _ = Encode("hv-01", inv)
	if m, err := Decode(subject, data); err != nil || len(m.Inventory.Guests) != 1 || m.Inventory.Guests[0].VCPUs != 2 {
		t.Fatalf("inventory: %+v, %v", m, err)
	}
}

func TestDecodeRefuses(t *testing.T) {
	for _, c := range []struct{ subject, body, err string }{
		{"crosstalk.v1.hv-01.alert", `{"v":1,"host":"hv-02","alert":{"id":"x","kind":"portscan","host":"hv-02"}}`, "may only speak for itself"},
		{"crosstalk.v1.hv-01.alert", `{"v":1,"host":"hv-01","alert":{"id":"x","kind":"portscan","host":"hv-02"}}`, `names host "hv-02"`},
		{"crosstalk.v1.hv-01.alert", `{"v":2,"host":"hv-01","alert":{"id":"x","kind":"k","host":"hv-01"}}`, "schema version 2"},
		{"crosstalk.v1.hv-01.alert", `{"v":1,"host":"hv-01","alert":{"kind":"k","host":"hv-01"}}`, "without id or kind"},
		{"crosstalk.v1.hv-01.inventory", `{"v":1,"host":"hv-01","guests":[{"name":""}]}`, "has no name"},
		{"crosstalk.v1.hv-01.facts", `{"v":1,"host":`, "unexpected end"},
		{"crosstalk.v1.hv-01.edges", `[]`, "cannot unmarshal"},
	} {
		if _, err := Decode(c.subject, []byte(c.body)); err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s %s: error %v, want one saying %q", c.subject, c.body, err, c.err)
		}
	}
	if _, err := Decode("crosstalk.v1.hv-01.facts", make([]byte, MaxMessage+1)); err == nil {
		t.Error("an oversized message was read")
	}
}

// FuzzDecode: no body or subject makes Decode panic, and what it
// accepts names the subject's host.
func FuzzDecode(f *testing.F) {
	f.Add("crosstalk.v1.hv-01.alert", []byte(`{"v":1,"host":"hv-01","alert":{"id":"x","kind":"portscan","host":"hv-01"}}`))
	f.Add("crosstalk.v1.hv-01.inventory", []byte(`{"v":1,"host":"hv-01","seq":3,"guests":[{"name":"a","ports":[{"mac":"02:00:00:00:00:01"}]}]}`))
	f.Add("crosstalk.v1.hv-01.edges", []byte(`{"v":1,"host":"hv-01","edges":[{"minute":1,"src":"a","dst":"b","proto":"tcp","port":22}]}`))
	f.Add("crosstalk.v1.hv-01.facts", []byte(`{"v":1,"host":"hv-01","cpus":64,"patch":{"reboot_required":true}}`))
	f.Add("crosstalk.v1.hv-01.resources", []byte(`{"v":1,"host":"hv-01","guests":[{"guest":"a","cpu":1.5}]}`))
	f.Fuzz(func(t *testing.T, subject string, data []byte) {
		m, err := Decode(subject, data)
		if err != nil {
			return
		}
		if host, _, _ := ParseSubject(subject); m.Host != host {
			t.Fatalf("decoded host %q from subject %q", m.Host, subject)
		}
		if m.Alert != nil && m.Alert.Alert.Host != m.Host {
			t.Fatalf("an alert of host %q accepted on %q", m.Alert.Alert.Host, subject)
		}
	})
}

func TestEnrollment(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "agents.json")
	e, err := LoadEnrollment(path)
	if err != nil || len(e.Hosts) != 0 {
		t.Fatalf("a missing file: %+v, %v", e, err)
	}
	c, err := e.Enroll("hv-01")
	if err != nil || c.User != "hv-01" || len(c.Password) < 40 {
		t.Fatalf("enroll: %+v, %v", c, err)
	}
	if _, err := e.Enroll("hv.example.com"); err == nil {
		t.Error("a dotted host name was enrolled")
	}
	if _, err := e.Enroll(ServerUser); err == nil {
		t.Error("the server's user was enrolled as a host")
	}
	if _, err := e.NATSConfig(); err == nil {
		t.Error("a NATS config without the server's secret")
	}
	e.EnrollServer()
	if err := e.Save(path); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("agents.json mode %o", st.Mode().Perm())
	}
	back, err := LoadEnrollment(path)
	if err != nil || back.Names()[0] != "hv-01" || back.Hosts["hv-01"] == c.Password {
		t.Fatalf("reloaded %+v, %v (the secret must not be stored)", back, err)
	}
	conf, _ := back.NATSConfig()
	for _, want := range []string{`"crosstalk.v1.hv-01.>"`, `"_INBOX.hv-01.>"`, `user: "crosstalk-server"`} {
		if !strings.Contains(conf, want) {
			t.Errorf("NATS config lacks %s:\n%s", want, conf)
		}
	}
	if !back.Revoke("hv-01") || back.Revoke("hv-01") {
		t.Error("revoke")
	}
	os.WriteFile(path, []byte(`{"version":1,"hosts":{"hv-01":"plain"}}`), 0o600)
	if _, err := LoadEnrollment(path); err == nil || !strings.Contains(err.Error(), "not a bcrypt hash") {
		t.Errorf("a plaintext secret in agents.json: %v", err)
	}
}

func TestLoadCredentials(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hv.creds")
	WriteCredentials(path, Credentials{User: "hv-01", Password: "s3cret"})
	if c, err := LoadCredentials(path); err != nil || c.User != "hv-01" {
		t.Fatalf("%+v %v", c, err)
	}
	os.Chmod(path, 0o644)
	if _, err := LoadCredentials(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("credentials others can read: %v", err)
	}
	// Enrolling again over a file others could read leaves it 0600.
	WriteCredentials(path, Credentials{User: "hv-01", Password: "n3w"})
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("rewritten credentials have mode %o", st.Mode().Perm())
	}
	os.WriteFile(path, []byte(`{"user":"hv-01"}`), 0o600)
	if _, err := LoadCredentials(path); err == nil {
		t.Error("credentials without a password")
	}
}
