package sinks

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/crosstalk-dev/crosstalk/alert"
)

// WebhookConfig is one HTTP receiver: each alert is POSTed as its JSON
// record. With a secret, the header X-Crosstalk-Signature carries
// "sha256=" and the hex HMAC-SHA256 of the body, so the receiver can
// check who sent it (the GitHub webhook convention).
type WebhookConfig struct {
	URL string `yaml:"url"`
	// SecretFile holds the HMAC key (its first line); keep it mode 0600.
	SecretFile string `yaml:"secret_file"`
	// On: [open] (default), [close] or both.
	On []string `yaml:"on"`
}

func (c WebhookConfig) validate() error {
	u, err := url.Parse(c.URL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("url: want http:// or https://, got %q", redact(c.URL))
	}
	_, _, err = when(c.On)
	return err
}

// redact hides a URL's password and query (tokens often live there).
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(bad url)"
	}
	u.User = nil
	if u.RawQuery != "" {
		u.RawQuery = "…"
	}
	return u.String()
}

type webhookSink struct {
	url    string
	secret []byte
	client *http.Client
}

func newWebhook(c WebhookConfig) (*webhookSink, error) {
	w := &webhookSink{url: c.URL, client: &http.Client{}}
	if c.SecretFile != "" {
		b, err := os.ReadFile(c.SecretFile)
		if err != nil {
			return nil, err
		}
		key, _, _ := strings.Cut(string(b), "\n")
		if key = strings.TrimSpace(key); key == "" {
			return nil, fmt.Errorf("secret_file %s: empty", c.SecretFile)
		}
		w.secret = []byte(key)
	}
	return w, nil
}

// Sign returns the signature header value for body under key.
func Sign(key, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func (w *webhookSink) deliver(ctx context.Context, a *alert.Alert) error {
	body, err := json.Marshal(a)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", w.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "crosstalk/"+ProductVersion)
	if w.secret != nil {
		req.Header.Set("X-Crosstalk-Signature", Sign(w.secret, body))
	}
	resp, err := w.client.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("receiver answered %s", resp.Status)
	}
	return nil
}

func (w *webhookSink) close() { w.client.CloseIdleConnections() }
