package hypervisor

import (
	"bytes"
	"context"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeTTY serves a host shell on a unix socket the way a guest's serial
// console does: what is typed is echoed back first, with CRLF line ends,
// and a prompt before each line.
func fakeTTY(t *testing.T) string {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "console")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		sh := exec.Command("sh")
		stdin, _ := sh.StdinPipe()
		crlf := writerFunc(func(p []byte) (int, error) {
			_, err := conn.Write(bytes.ReplaceAll(p, []byte("\n"), []byte("\r\n")))
			return len(p), err
		})
		sh.Stdout, sh.Stderr = crlf, crlf
		if sh.Start() != nil {
			return
		}
		defer sh.Process.Kill()
		conn.Write([]byte("/ # "))
		buf := make([]byte, 4096)
		for {
			n, err := conn.Read(buf)
			if err != nil {
				return
			}
			echo := bytes.ReplaceAll(buf[:n], []byte("\n"), []byte("\r\n/ # "))
			conn.Write(echo)
			stdin.Write(buf[:n])
		}
	}()
	return sock
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestConsoleRun(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	c, err := DialConsole(fakeTTY(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, tc := range []struct {
		cmd, out string
		code     int
	}{
		{"echo hello; echo world", "hello\nworld", 0},
		{"echo oops >&2; false", "oops", 1},
		{"printf no-newline", "no-newline", 0},
		{"true", "", 0},
		{"(exit 7)", "", 7},
		{"cat", "", 0}, // stdin is /dev/null: it must not eat what comes next
		{"echo one # a comment", "one", 0},
		{"printf 'CT-END-%s\\n' x", "CT-END-x", 0},
	} {
		out, code, err := c.Run(ctx, tc.cmd)
		if err != nil || out != tc.out || code != tc.code {
			t.Errorf("Run(%q) = %q, %d, %v; want %q, %d\nlog:\n%s", tc.cmd, out, code, err, tc.out, tc.code, c.Log())
		}
	}
	if !strings.Contains(c.Log(), "hello") {
		t.Errorf("the log lacks the output:\n%s", c.Log())
	}
	if err := c.Wait(ctx, "world"); err != nil {
		t.Error(err)
	}
	short, cancelShort := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancelShort()
	if err := c.Wait(short, "never printed"); err == nil {
		t.Error("Wait for something never printed returned nil")
	}
	c.Close()
	if _, _, err := c.Run(ctx, "true"); err == nil {
		t.Error("Run after Close returned nil")
	}
}
