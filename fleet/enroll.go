package fleet

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// Enrollment is the fleet server's list of the hosts it lets in, with a
// bcrypt hash of each host's secret (agents.json in the server's state
// directory, mode 0600). `crosstalk server enroll HOST` adds a host and
// writes the credentials file its agent uses; the secret itself is kept
// nowhere else.
//
// On the fleet's NATS every host is a user named after it that may
// publish only to crosstalk.v1.<host>.> (and receive its replies): an
// agent cannot publish as another host, and the server checks the name
// in every message against its subject as well.
type Enrollment struct {
	Version int `json:"version"`
	// Hosts maps a host to the bcrypt hash of its secret.
	Hosts map[string]string `json:"hosts"`
	// Server is the hash of the fleet server's own secret, for an
	// external NATS (nats-config prints it); the embedded NATS gives the
	// server a new secret at every start.
	Server string `json:"server,omitempty"`
}

// ServerUser is the fleet server's user on the fleet's NATS.
const ServerUser = "crosstalk-server"

// bcryptCost is NATS's own default for hashed passwords.
const bcryptCost = 11

// LoadEnrollment reads the file; a missing file is an empty enrollment.
func LoadEnrollment(path string) (*Enrollment, error) {
	e := &Enrollment{Version: 1, Hosts: map[string]string{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return e, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, e); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if e.Version != 1 {
		return nil, fmt.Errorf("%s: version %d, this build reads 1", path, e.Version)
	}
	if e.Hosts == nil {
		e.Hosts = map[string]string{}
	}
	for h, hash := range e.Hosts {
		if err := CheckHost(h); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if !strings.HasPrefix(hash, "$2") {
			return nil, fmt.Errorf("%s: host %s: not a bcrypt hash", path, h)
		}
	}
	return e, nil
}

// Save writes the file atomically, mode 0600.
func (e *Enrollment) Save(path string) error {
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return writeSecret(path, append(b, '\n'))
}

// writeSecret replaces path with data, mode 0600 whatever was there: a
// new file (CreateTemp makes it 0600, and follows no link) renamed over
// the old one.
func writeSecret(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // after the rename, nothing
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// Enroll gives host a new secret (replacing any old one, which stops
// working) and returns its credentials.
func (e *Enrollment) Enroll(host string) (Credentials, error) {
	if err := CheckHost(host); err != nil {
		return Credentials{}, err
	}
	if host == ServerUser {
		return Credentials{}, fmt.Errorf("%q is the server's own user", host)
	}
	secret, hash, err := NewSecret()
	if err != nil {
		return Credentials{}, err
	}
	e.Hosts[host] = hash
	return Credentials{User: host, Password: secret}, nil
}

// EnrollServer gives the server a new secret for an external NATS.
func (e *Enrollment) EnrollServer() (Credentials, error) {
	secret, hash, err := NewSecret()
	if err != nil {
		return Credentials{}, err
	}
	e.Server = hash
	return Credentials{User: ServerUser, Password: secret}, nil
}

// Revoke removes a host; false when it was not enrolled.
func (e *Enrollment) Revoke(host string) bool {
	_, ok := e.Hosts[host]
	delete(e.Hosts, host)
	return ok
}

// Names lists the enrolled hosts in order.
func (e *Enrollment) Names() []string {
	out := make([]string, 0, len(e.Hosts))
	for h := range e.Hosts {
		out = append(out, h)
	}
	slices.Sort(out)
	return out
}

// InboxPrefix is where a host's agent gets its replies (the
// acknowledgements): its own, so that it cannot read another's.
func InboxPrefix(host string) string { return "_INBOX." + host }

// NewSecret returns a random secret (32 bytes, base64url) and its bcrypt
// hash.
func NewSecret() (secret, hash string, err error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", err
	}
	secret = base64.RawURLEncoding.EncodeToString(b[:])
	h, err := bcrypt.GenerateFromPassword([]byte(secret), bcryptCost)
	return secret, string(h), err
}

// WriteCredentials writes a credentials file, mode 0600 (replacing one
// that was there, whatever its mode).
func WriteCredentials(path string, c Credentials) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	return writeSecret(path, append(b, '\n'))
}

// NATSConfig is the authorization block of a NATS server configuration
// for an external cluster: the server's user may do everything, each
// host may publish only its own subjects.
func (e *Enrollment) NATSConfig() (string, error) {
	if e.Server == "" {
		return "", errors.New("no server secret: run crosstalk server enroll-server first")
	}
	var b strings.Builder
	b.WriteString("# Written by crosstalk server nats-config: the fleet's users.\nauthorization {\n  users = [\n")
	fmt.Fprintf(&b, "    {user: %q, password: %q}\n", ServerUser, e.Server)
	for _, h := range e.Names() {
		fmt.Fprintf(&b, "    {user: %q, password: %q, permissions: {publish: {allow: [%q]}, subscribe: {allow: [%q]}}}\n", h, e.Hosts[h], HostSubjects(h), InboxPrefix(h)+".>")
	}
	b.WriteString("  ]\n}\n")
	return b.String(), nil
}
