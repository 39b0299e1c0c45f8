package fleet

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
)

// config builds a TLS configuration from the files: for a server, its
// certificate and, with a CA, client certificates verified against it
// (mutual TLS); for a client, the CA to verify the server with and, when
// set, its own certificate.
func (t TLSFiles) config(server bool) (*tls.Config, error) {
	c := &tls.Config{MinVersion: tls.VersionTLS12}
	if t.Cert != "" {
		pair, err := tls.LoadX509KeyPair(t.Cert, t.Key)
		if err != nil {
			return nil, fmt.Errorf("tls: %w", err)
		}
		c.Certificates = []tls.Certificate{pair}
	}
	if t.CA != "" {
		pem, err := os.ReadFile(t.CA)
		if err != nil {
			return nil, fmt.Errorf("tls: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("tls: %s holds no PEM certificate", t.CA)
		}
		if server {
			c.ClientCAs, c.ClientAuth = pool, tls.RequireAndVerifyClientCert
		} else {
			c.RootCAs = pool
		}
	}
	return c, nil
}

// Server is the TLS configuration of the fleet's NATS listener: nil
// without a certificate.
func (t TLSFiles) Server() (*tls.Config, error) {
	if t.Cert == "" {
		return nil, nil
	}
	return t.config(true)
}
