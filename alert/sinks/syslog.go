package sinks

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
)

// ProductVersion is crosstalk's version in CEF headers; the binary sets
// it from its build.
var ProductVersion = "dev"

// SyslogConfig is one syslog receiver.
type SyslogConfig struct {
	// Address is udp://host:port, tcp://host:port or tls://host:port.
	Address string `yaml:"address"`
	// Format of the message: json (the alert's JSON line, default) or cef
	// (ArcSight Common Event Format, for SIEMs).
	Format string `yaml:"format"`
	// Facility is the syslog facility number (default 16, local0).
	Facility int `yaml:"facility"`
	// Hostname in the header (default: the host's name).
	Hostname string `yaml:"hostname"`
	// CAFile verifies a tls:// receiver (default: the system's roots).
	CAFile string `yaml:"ca_file"`
	// On: [open] (default), [close] or both.
	On []string `yaml:"on"`
}

func (c SyslogConfig) validate() error {
	u, err := url.Parse(c.Address)
	if err != nil || u.Host == "" || (u.Scheme != "udp" && u.Scheme != "tcp" && u.Scheme != "tls") {
		return fmt.Errorf("address: want udp://, tcp:// or tls://HOST:PORT, got %q", c.Address)
	}
	if c.Format != "" && c.Format != "json" && c.Format != "cef" {
		return fmt.Errorf("format: want json or cef, got %q", c.Format)
	}
	if c.Facility < 0 || c.Facility > 23 {
		return fmt.Errorf("facility: want 0 to 23, got %d", c.Facility)
	}
	_, _, err = when(c.On)
	return err
}

type syslogSink struct {
	cfg     SyslogConfig
	network string
	addr    string
	tls     *tls.Config
	conn    net.Conn
}

func newSyslog(c SyslogConfig) (*syslogSink, error) {
	u, _ := url.Parse(c.Address)
	s := &syslogSink{cfg: c, network: u.Scheme, addr: u.Host}
	if s.cfg.Facility == 0 {
		s.cfg.Facility = 16
	}
	if s.cfg.Hostname == "" {
		s.cfg.Hostname, _ = os.Hostname()
	}
	if u.Scheme == "tls" {
		s.tls = &tls.Config{ServerName: u.Hostname(), MinVersion: tls.VersionTLS12}
		if c.CAFile != "" {
			pem, err := os.ReadFile(c.CAFile)
			if err != nil {
				return nil, err
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("ca_file %s: no certificate", c.CAFile)
			}
			s.tls.RootCAs = pool
		}
	}
	return s, nil
}

// syslogSeverity maps alert severities to syslog's: critical 2 (crit),
// high 3 (err), medium 4 (warning), low 5 (notice).
func syslogSeverity(s alert.Severity) int {
	switch s {
	case alert.Critical:
		return 2
	case alert.High:
		return 3
	case alert.Medium:
		return 4
	}
	return 5
}

// message formats an RFC 5424 message: <PRI>1 TIME HOST APP PROCID MSGID - MSG.
func (s *syslogSink) message(a *alert.Alert) ([]byte, error) {
	var body string
	if s.cfg.Format == "cef" {
		body = cef(a)
	} else {
		b, err := json.Marshal(a)
		if err != nil {
			return nil, err
		}
		body = string(b)
	}
	pri := s.cfg.Facility*8 + syslogSeverity(a.Severity)
	return fmt.Appendf(nil, "<%d>1 %s %s crosstalk %d %s - %s", pri, a.Time.UTC().Format(time.RFC3339Nano),
		header(s.cfg.Hostname), os.Getpid(), header(a.Kind), body), nil
}

// header makes a header field printable US-ASCII without spaces, as RFC
// 5424 requires ("-" when empty).
func header(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c <= ' ' || c > '~' {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "-"
	}
	return string(b)
}

func (s *syslogSink) deliver(ctx context.Context, a *alert.Alert) error {
	msg, err := s.message(a)
	if err != nil {
		return err
	}
	if s.conn == nil {
		var d net.Dialer
		var conn net.Conn
		if s.tls != nil {
			conn, err = (&tls.Dialer{NetDialer: &d, Config: s.tls}).DialContext(ctx, "tcp", s.addr)
		} else {
			conn, err = d.DialContext(ctx, s.network, s.addr)
		}
		if err != nil {
			return err
		}
		s.conn = conn
	}
	if dl, ok := ctx.Deadline(); ok {
		s.conn.SetWriteDeadline(dl)
	}
	if s.network != "udp" {
		// RFC 6587 octet counting: a message may hold newlines.
		msg = append(fmt.Appendf(nil, "%d ", len(msg)), msg...)
	}
	if _, err = s.conn.Write(msg); err != nil {
		s.conn.Close()
		s.conn = nil // reconnect on the next try
		return err
	}
	return nil
}

func (s *syslogSink) close() {
	if s.conn != nil {
		s.conn.Close()
	}
}

// cef formats the alert in ArcSight Common Event Format:
// CEF:0|vendor|product|version|signature|name|severity|extensions.
func cef(a *alert.Alert) string {
	sev := map[alert.Severity]int{alert.Low: 3, alert.Medium: 5, alert.High: 8, alert.Critical: 10}[a.Severity]
	ext := []string{"rt=" + fmt.Sprint(a.Time.UnixMilli()), "cnt=" + fmt.Sprint(a.Count), "externalId=" + cefValue(a.ID)}
	if a.Src != nil {
		ext = append(ext, endpoint("src", "smac", "spt", "suser", a.Src.IP, a.Src.MAC, a.Src.Port, a.Src.Guest)...)
	}
	if a.Dst != nil {
		ext = append(ext, endpoint("dst", "dmac", "dpt", "duser", a.Dst.IP, a.Dst.MAC, a.Dst.Port, a.Dst.Guest)...)
	}
	if a.Host != "" {
		ext = append(ext, "dvchost="+cefValue(a.Host))
	}
	if a.Mitre != "" {
		ext = append(ext, "cs1Label=mitre", "cs1="+cefValue(a.Mitre))
	}
	ext = append(ext, "msg="+cefValue(a.Summary))
	return fmt.Sprintf("CEF:0|crosstalk|crosstalk|%s|%s|%s|%d|%s", cefHeader(ProductVersion), cefHeader(a.Kind), cefHeader(a.Summary), sev, strings.Join(ext, " "))
}

func endpoint(ipKey, macKey, portKey, userKey, ip, mac string, port uint16, guest string) []string {
	var out []string
	if ip != "" {
		out = append(out, ipKey+"="+cefValue(ip))
	}
	if mac != "" {
		out = append(out, macKey+"="+cefValue(mac))
	}
	if port != 0 {
		out = append(out, fmt.Sprintf("%s=%d", portKey, port))
	}
	if guest != "" {
		out = append(out, userKey+"="+cefValue(guest))
	}
	return out
}

// cefHeader escapes a header field: backslash and pipe.
func cefHeader(s string) string {
	return strings.NewReplacer(`\`, `\\`, `|`, `\|`, "\n", " ", "\r", " ").Replace(s)
}

// cefValue escapes an extension value: backslash, equals, newlines.
func cefValue(s string) string {
	return strings.NewReplacer(`\`, `\\`, `=`, `\=`, "\n", `\n`, "\r", `\r`).Replace(s)
}
