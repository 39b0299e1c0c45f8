package sinks

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/flow"
)

func sample(id string) *alert.Alert {
	t := time.Date(2026, 12, 2, 21, 0, 0, 0, time.UTC)
	return &alert.Alert{ID: id, Time: t, Kind: "portscan", Severity: alert.High, Host: "hv-01",
		Src: &flow.Endpoint{Guest: "rogue", IP: "10.0.0.66", MAC: "52:54:00:00:00:66"}, Dst: &flow.Endpoint{Guest: "db-1", IP: "10.0.0.31", Port: 22},
		Summary: "rogue probed 40 ports of db-1 | fast = yes", Evidence: map[string]any{"ports": 40}, FirstSeen: t, LastSeen: t, Count: 40, Mitre: "T1046", Action: "none"}
}

func fast(c *Config) {
	c.Backoff, c.MaxBackoff = 10*time.Millisecond, 40*time.Millisecond
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 5 s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSyslogUDPAndTCP(t *testing.T) {
	udp, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer udp.Close()
	tcp, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer tcp.Close()
	var mu sync.Mutex
	var tcpMsgs []string
	go func() {
		for {
			c, err := tcp.Accept()
			if err != nil {
				return
			}
			go func() {
				// RFC 6587 octet counting: "LEN SP MSG".
				r := bufio.NewReader(c)
				for {
					n, err := r.ReadString(' ')
					if err != nil {
						return
					}
					size, _ := strconv.Atoi(strings.TrimSpace(n))
					buf := make([]byte, size)
					if _, err := io.ReadFull(r, buf); err != nil {
						return
					}
					mu.Lock()
					tcpMsgs = append(tcpMsgs, string(buf))
					mu.Unlock()
				}
			}()
		}
	}()
	cfg := DefaultConfig()
	fast(&cfg)
	cfg.Syslog = []SyslogConfig{
		{Address: "udp://" + udp.LocalAddr().String(), Hostname: "hv 01"},
		{Address: "tcp://" + tcp.Addr().String(), Format: "cef", On: []string{"open", "close"}},
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	s, err := New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Open(sample("A1"))
	s.Close(sample("A1"))
	buf := make([]byte, 65536)
	udp.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, _, err := udp.ReadFrom(buf)
	if err != nil {
		t.Fatal(err)
	}
	msg := string(buf[:n])
	// <16*8+3>1 TIME HOST APP PROCID MSGID - JSON
	if !strings.HasPrefix(msg, "<131>1 2026-12-02T21:00:00Z hv_01 crosstalk ") || !strings.Contains(msg, " portscan - {") {
		t.Errorf("udp message %q", msg)
	}
	var a alert.Alert
	if err := json.Unmarshal([]byte(msg[strings.Index(msg, "{"):]), &a); err != nil || a.ID != "A1" || a.Src.Guest != "rogue" {
		t.Errorf("udp payload: %v %+v", err, a)
	}
	waitUntil(t, "two CEF messages over TCP (open and close)", func() bool { mu.Lock(); defer mu.Unlock(); return len(tcpMsgs) == 2 })
	cefMsg := tcpMsgs[0][strings.Index(tcpMsgs[0], "CEF:"):]
	for _, want := range []string{"CEF:0|crosstalk|crosstalk|dev|portscan|rogue probed 40 ports of db-1 \\| fast = yes|8|",
		"src=10.0.0.66", "suser=rogue", "dst=10.0.0.31", "dpt=22", "duser=db-1", "cnt=40", "cs1=T1046", `msg=rogue probed 40 ports of db-1 | fast \= yes`} {
		if !strings.Contains(cefMsg, want) {
			t.Errorf("CEF %q lacks %q", cefMsg, want)
		}
	}
	s.Shutdown(time.Second)
	for _, st := range s.Stats() {
		if st.Failed != 0 || st.Dropped != 0 {
			t.Errorf("stats %+v", st)
		}
	}
}

// The webhook receiver fails the first two tries: the alert arrives on
// the third, signed.
func TestWebhookRetriesAndSigns(t *testing.T) {
	var tries atomic.Int32
	got := make(chan *http.Request, 1)
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tries.Add(1) <= 2 {
			http.Error(w, "not yet", http.StatusServiceUnavailable)
			return
		}
		body, _ = io.ReadAll(r.Body)
		got <- r
	}))
	defer srv.Close()
	key := filepath.Join(t.TempDir(), "hook.key")
	os.WriteFile(key, []byte("s3cret\n"), 0o600)
	cfg := DefaultConfig()
	fast(&cfg)
	cfg.Webhook = []WebhookConfig{{URL: srv.URL + "/hook?token=abc", SecretFile: key}}
	s, err := New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Open(sample("A2"))
	s.Close(sample("A2")) // webhooks send openings only, by default
	var r *http.Request
	select {
	case r = <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("the webhook never arrived")
	}
	if sig := r.Header.Get("X-Crosstalk-Signature"); sig != Sign([]byte("s3cret"), body) {
		t.Errorf("signature %q", sig)
	}
	s.Shutdown(time.Second)
	st := s.Stats()[0]
	if st.Sent != 1 || st.Retried != 2 || st.Failed != 0 || tries.Load() != 3 {
		t.Errorf("stats %+v after %d tries", st, tries.Load())
	}
	if strings.Contains(st.Name, "abc") {
		t.Errorf("the sink's name shows the URL's token: %s", st.Name)
	}
}

// A receiver that never answers: the queue fills, then drops, and the
// caller never waits.
func TestDeadReceiverDropsWithoutBlocking(t *testing.T) {
	hold := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-hold }))
	defer srv.Close()
	defer close(hold)
	cfg := DefaultConfig()
	fast(&cfg)
	cfg.QueueSize, cfg.Retries = 4, 0
	cfg.Webhook = []WebhookConfig{{URL: srv.URL}}
	s, err := New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for i := 0; i < 100; i++ {
		s.Open(sample(strconv.Itoa(i)))
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("100 alerts took %v to queue", d)
	}
	if st := s.Stats()[0]; st.Dropped < 90 {
		t.Errorf("stats %+v: want the overflow dropped and counted", st)
	}
	s.Shutdown(50 * time.Millisecond)
}

func TestConfigErrors(t *testing.T) {
	for _, c := range []Config{
		{Syslog: []SyslogConfig{{Address: "syslog.example:514"}}},
		{Syslog: []SyslogConfig{{Address: "udp://h:514", Format: "xml"}}},
		{Syslog: []SyslogConfig{{Address: "udp://h:514", Facility: 24}}},
		{Syslog: []SyslogConfig{{Address: "udp://h:514", On: []string{"sometimes"}}}},
		{Webhook: []WebhookConfig{{URL: "ftp://x/"}}},
	} {
		d := DefaultConfig()
		d.Syslog, d.Webhook = c.Syslog, c.Webhook
		if d.Validate() == nil {
			t.Errorf("accepted %+v", c)
		}
	}
	d := DefaultConfig()
	d.Webhook = []WebhookConfig{{URL: "http://x/", SecretFile: "/nonexistent/key"}}
	if _, err := New(d, nil); err == nil {
		t.Error("a missing secret file was accepted")
	}
}
