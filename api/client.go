package api

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Client asks an agent: over its unix socket (no token), or over HTTP(S)
// at an address with the bearer token.
type Client struct {
	base  string // http://agent for the socket, else the address
	where string // the socket or the address, for errors
	token string
	http  *http.Client
}

// SocketClient talks to the agent on a unix socket.
func SocketClient(socket string) *Client {
	return &Client{base: "http://agent", where: socket, http: &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", socket)
		}}}}
}

// AddrClient talks to the agent at addr (host:port or an http(s) URL)
// with token. insecure skips the certificate check (self-signed labs).
func AddrClient(addr, token string, insecure bool) *Client {
	if !strings.Contains(addr, "://") {
		addr = "http://" + addr
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if insecure {
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	}
	return &Client{base: strings.TrimRight(addr, "/"), where: addr, token: token, http: &http.Client{Transport: tr}}
}

func (c *Client) do(ctx context.Context, path string) (*http.Response, error) {
	return c.send(ctx, "GET", path, nil, "")
}

func (c *Client) send(ctx context.Context, method, path string, body io.Reader, contentType string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("cannot reach the agent at %s: %w", c.where, err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		var e apiError
		if json.NewDecoder(resp.Body).Decode(&e) == nil && e.Error != "" {
			return nil, errors.New("agent: " + e.Error)
		}
		return nil, fmt.Errorf("agent: %s", resp.Status)
	}
	return resp, nil
}

// Post sends body to path and decodes the JSON answer into v.
func (c *Client) Post(ctx context.Context, path, contentType string, body []byte, v any) error {
	resp, err := c.send(ctx, "POST", path, bytes.NewReader(body), contentType)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("agent: %w", err)
	}
	return nil
}

// Get asks for path (with its query) and decodes the JSON answer into v;
// an error body becomes the error.
func (c *Client) Get(ctx context.Context, path string, v any) error {
	resp, err := c.do(ctx, path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("agent: %w", err)
	}
	return nil
}

// Stream reads the live stream at path (/api/v1/events?...) and calls f
// with each event's type and data until ctx ends, the agent closes the
// stream, or f returns an error.
func (c *Client) Stream(ctx context.Context, path string, f func(typ string, data []byte) error) error {
	resp, err := c.do(ctx, path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var typ string
	var data []byte
	for sc.Scan() {
		line := sc.Bytes()
		switch {
		case len(line) == 0:
			if data != nil {
				if err := f(typ, data); err != nil {
					return err
				}
			}
			typ, data = "", nil
		case line[0] == ':':
		case bytes.HasPrefix(line, []byte("event: ")):
			typ = string(line[len("event: "):])
		case bytes.HasPrefix(line, []byte("data: ")):
			data = append(data, line[len("data: "):]...)
		}
	}
	if ctx.Err() != nil {
		return nil
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("agent: stream: %w", err)
	}
	return errors.New("agent: the stream ended (the agent stopped or restarted)")
}
