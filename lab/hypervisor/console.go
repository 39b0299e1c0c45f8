package hypervisor

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"
)

// Console is a guest's serial console (GuestSpec.ConsoleSocket) with a
// shell on it, as DefaultInit runs. Run drives the shell; Log keeps what
// the guest printed. One Run at a time; Log and Wait may be called
// alongside it.
type Console struct {
	conn  net.Conn
	nonce string // tells this console's markers from any other's

	mu      sync.Mutex
	lines   []string      // the log: the last maxLines lines, CRs removed
	first   int           // how many lines were dropped from its front
	closed  bool          // the connection ended
	changed chan struct{} // closed, and replaced, on each new line

	seq   int
	ready bool
}

// maxLines bounds a console's log; the oldest lines go first.
const maxLines = 20000

// ErrClosed is returned by Run and Wait once the console's connection
// ended: the guest is gone, or Close was called.
var ErrClosed = errors.New("console closed")

// DialConsole connects to a guest's console socket, waiting up to 30 s
// for QEMU to create it. What the guest printed before is lost: dial
// right after the guest starts.
func DialConsole(path string) (*Console, error) {
	var conn net.Conn
	var err error
	for i := 0; i < 300; i++ {
		if conn, err = net.Dial("unix", path); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		return nil, fmt.Errorf("console %s: %w", path, err)
	}
	nonce := make([]byte, 4)
	rand.Read(nonce)
	c := &Console{conn: conn, nonce: hex.EncodeToString(nonce), changed: make(chan struct{})}
	go c.read()
	return c, nil
}

func (c *Console) read() {
	r := bufio.NewReader(c.conn)
	for {
		line, err := r.ReadString('\n')
		if line != "" {
			c.add(strings.ReplaceAll(strings.TrimSuffix(line, "\n"), "\r", ""))
		}
		if err != nil {
			break
		}
	}
	c.mu.Lock()
	c.closed = true
	close(c.changed)
	c.mu.Unlock()
}

func (c *Console) add(line string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lines = append(c.lines, line)
	if len(c.lines) > maxLines {
		drop := len(c.lines) - maxLines/2
		c.lines = append(c.lines[:0], c.lines[drop:]...)
		c.first += drop
	}
	close(c.changed)
	c.changed = make(chan struct{})
}

// since returns the lines from number from on (or from the oldest one
// kept), the number after them, a channel closed on the next change and
// whether the console is closed.
func (c *Console) since(from int) ([]string, int, <-chan struct{}, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	from = max(from, c.first)
	return append([]string(nil), c.lines[from-c.first:]...), c.first + len(c.lines), c.changed, c.closed
}

// scan calls match on each line from number from on, new ones as they
// come, until it returns true; it gives up when ctx ends, the console
// closes or, when timeout is not nil, it fires.
func (c *Console) scan(ctx context.Context, from int, timeout <-chan time.Time, match func(string) bool) error {
	for {
		lines, next, changed, closed := c.since(from)
		for _, l := range lines {
			if match(l) {
				return nil
			}
		}
		if closed {
			return ErrClosed
		}
		from = next
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		case <-timeout:
			return errNoAnswer
		}
	}
}

func (c *Console) end() int {
	_, next, _, _ := c.since(0)
	return next
}

// Log returns what the console printed since DialConsole (the last
// 20000 lines), for a failing test to show.
func (c *Console) Log() string {
	lines, _, _, _ := c.since(0)
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// Wait waits until a line of the console's log contains s, such as
// DefaultInit's "CT-GUEST-UP".
func (c *Console) Wait(ctx context.Context, s string) error {
	if err := c.scan(ctx, 0, nil, func(l string) bool { return strings.Contains(l, s) }); err != nil {
		return fmt.Errorf("wait for %q on the console: %w", s, err)
	}
	return nil
}

// Close closes the connection; the guest's shell stays.
func (c *Console) Close() error { return c.conn.Close() }

// Run runs cmd in the guest's shell, its stdin /dev/null, and returns
// its output (stdout and stderr, without the echo of what was typed,
// lines joined by \n) and exit status. The first Run waits for the shell
// to answer: the guest may still be booting. When ctx ends Run types
// Ctrl-C, which interrupts cmd, and returns ctx's error. Kernel messages
// printed on the console while cmd runs end up in its output.
func (c *Console) Run(ctx context.Context, cmd string) (string, int, error) {
	if !c.ready {
		if err := c.waitShell(ctx); err != nil {
			return "", -1, fmt.Errorf("%q: the guest's shell does not answer: %w", cmd, err)
		}
		c.ready = true
	}
	c.seq++
	// The tty echoes what is typed: the markers are printed from pieces,
	// so that the echo of the command line never contains them.
	tag := fmt.Sprintf("%s-%d", c.nonce, c.seq)
	begin, end := "CT-BEGIN-"+tag, "CT-END-"+tag+" "
	typed := fmt.Sprintf("printf 'CT-BEGIN-%%s-%%s\\n' %[1]s %[2]d; { %[3]s\n} </dev/null 2>&1; printf 'CT-END-%%s-%%s %%s\\n' %[1]s %[2]d $?\n",
		c.nonce, c.seq, cmd)
	from := c.end()
	if _, err := c.conn.Write([]byte(typed)); err != nil {
		return "", -1, fmt.Errorf("%q: %w", cmd, err)
	}
	var out []string
	started, code := false, -1
	err := c.scan(ctx, from, nil, func(l string) bool {
		switch {
		case !started:
			started = strings.HasSuffix(l, begin)
		case strings.Contains(l, end):
			i := strings.Index(l, end)
			if i > 0 {
				out = append(out, l[:i]) // output without a final newline
			}
			fmt.Sscanf(l[i+len(end):], "%d", &code)
			return true
		default:
			out = append(out, l)
		}
		return false
	})
	if err != nil {
		if ctx.Err() != nil {
			c.conn.Write([]byte{3}) // Ctrl-C, for the next Run
		}
		return strings.Join(out, "\n"), -1, fmt.Errorf("%q: %w", cmd, err)
	}
	return strings.Join(out, "\n"), code, nil
}

var errNoAnswer = errors.New("no answer")

// waitShell types a probe every 2 s until the shell answers one. Probes
// typed before the shell runs may be lost or run late: any answer will
// do, and late ones are not framed as a Run's output.
func (c *Console) waitShell(ctx context.Context) error {
	ready := "CT-READY-" + c.nonce
	from := c.end()
	for {
		if _, err := fmt.Fprintf(c.conn, "printf 'CT-READY-%%s\\n' %s\n", c.nonce); err != nil {
			return err
		}
		timer := time.NewTimer(2 * time.Second)
		err := c.scan(ctx, from, timer.C, func(l string) bool { return strings.HasSuffix(l, ready) })
		timer.Stop()
		if !errors.Is(err, errNoAnswer) {
			return err
		}
	}
}
