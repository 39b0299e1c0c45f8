package server

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/fleet"
	"github.com/crosstalk-dev/crosstalk/inventory"
	"github.com/crosstalk-dev/crosstalk/store"
)

// pki writes a CA and certificates it signed into dir: name.pem and
// name.key for each of server (127.0.0.1) and client.
func pki(t *testing.T, dir string) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "crosstalk test CA"}, IsCA: true,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	write := func(name string, der []byte, key *ecdsa.PrivateKey) {
		os.WriteFile(filepath.Join(dir, name+".pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
		if key != nil {
			b, _ := x509.MarshalECPrivateKey(key)
			os.WriteFile(filepath.Join(dir, name+".key"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: b}), 0o600)
		}
	}
	write("ca", caDER, nil)
	for i, c := range []struct {
		name string
		use  x509.ExtKeyUsage
	}{{"server", x509.ExtKeyUsageServerAuth}, {"client", x509.ExtKeyUsageClientAuth}} {
		key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(int64(i + 2)), Subject: pkix.Name{CommonName: c.name},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), ExtKeyUsage: []x509.ExtKeyUsage{c.use},
			KeyUsage: x509.KeyUsageDigitalSignature, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		write(c.name, der, key)
	}
}

// TestMutualTLS: with a certificate and a CA, the embedded NATS takes
// only agents whose certificate the CA signed (and their credentials):
// one with it delivers, one without it never connects.
func TestMutualTLS(t *testing.T) {
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	dir, certs := t.TempDir(), t.TempDir()
	pki(t, certs)
	creds := enroll(t, dir, "hv-1")
	cfg := DefaultConfig()
	cfg.Listen, cfg.StateDir, cfg.Socket = "127.0.0.1:0", dir, ""
	cfg.TLS = fleet.TLSFiles{CA: filepath.Join(certs, "ca.pem"), Cert: filepath.Join(certs, "server.pem"), Key: filepath.Join(certs, "server.key")}
	s, err := New(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	url := "tls://" + s.NATSAddr()

	start := func(tls fleet.TLSFiles) (*store.Store, *fleet.Publisher) {
		scfg := store.DefaultConfig()
		scfg.Path = filepath.Join(t.TempDir(), "agent.db")
		st, err := store.Open(scfg)
		if err != nil {
			t.Fatal(err)
		}
		st.SetOutbox(100, fleet.EncodeAlert("hv-1"))
		acfg := fleet.DefaultAgentConfig()
		acfg.URL, acfg.Credentials, acfg.TLS = url, creds, tls
		p, err := fleet.NewPublisher(acfg, "hv-1", "test", st, state{[]inventory.Guest{{Name: "db-1"}}}, log)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { p.Close(0); st.Close() })
		return st, p
	}
	// Without a client certificate: never connected, nothing delivered.
	st, p := start(fleet.TLSFiles{CA: filepath.Join(certs, "ca.pem")})
	st.PutAlert(newAlert("hv-1", 1, time.Now()), true)
	time.Sleep(2 * time.Second)
	if p.Stats().Connected {
		t.Fatal("an agent without a client certificate connected")
	}
	// With it: delivered.
	st2, _ := start(fleet.TLSFiles{CA: filepath.Join(certs, "ca.pem"), Cert: filepath.Join(certs, "client.pem"), Key: filepath.Join(certs, "client.key")})
	st2.PutAlert(newAlert("hv-1", 2, time.Now()), true)
	if got := waitAlerts(t, s, 1, 10*time.Second); len(got) != 1 || got[0].ID != "hv-1-00002" {
		t.Fatalf("server alerts %+v, want hv-1-00002 alone", got)
	}
}
