package main

import (
	"bufio"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// buildBinary builds crosstalk into the test's temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "crosstalk")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// testLab is a lab brought up by `crosstalk lab up` for one test, taken
// down when it ends.
type testLab struct {
	Bin, Name, State, Bridge string
	Names                    []string          // guests, in lab order
	NS, IP4                  map[string]string // guest -> namespace, IPv4
}

// upLab brings up a lab called name (with extra `lab up` arguments).
func upLab(t *testing.T, bin, name string, args ...string) *testLab {
	t.Helper()
	l := &testLab{Bin: bin, Name: name, State: t.TempDir(), NS: map[string]string{}, IP4: map[string]string{}}
	l.run(t, append([]string{"up"}, args...)...)
	t.Cleanup(func() { exec.Command(bin, "lab", "down", "--name", name, "--state-dir", l.State).Run() })
	var status struct {
		Bridge string `json:"bridge"`
		Guests []struct {
			Name      string   `json:"name"`
			Namespace string   `json:"namespace"`
			IPs       []string `json:"ips"`
		} `json:"guests"`
	}
	if err := json.Unmarshal([]byte(l.run(t, "status", "--format", "json")), &status); err != nil {
		t.Fatal(err)
	}
	l.Bridge = status.Bridge
	for _, g := range status.Guests {
		l.Names = append(l.Names, g.Name)
		l.NS[g.Name] = g.Namespace
		for _, a := range g.IPs {
			if !strings.Contains(a, ":") {
				l.IP4[g.Name] = a
			}
		}
	}
	return l
}

// run runs `crosstalk lab ARGS` on this lab.
func (l *testLab) run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(l.Bin, append([]string{"lab"}, append(args, "--name", l.Name, "--state-dir", l.State)...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("lab %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// Guests is the guests file `lab up` wrote.
func (l *testLab) Guests() string { return filepath.Join(l.State, "guests.yaml") }

// labAgent is `crosstalk agent` running on a test lab.
type labAgent struct {
	cmd  *exec.Cmd
	logs *alertLog // its alert lines, as they come
}

// startAgent runs `crosstalk agent ARGS --bridge --guests --format jsonl`
// on the lab and, when socket is set, waits until the agent answers on
// it. Stop (SIGINT) or Kill it; the test's cleanup stops it otherwise.
func (l *testLab) startAgent(t *testing.T, socket string, args ...string) *labAgent {
	t.Helper()
	cmd := exec.Command(l.Bin, append(append([]string{"agent"}, args...), "--bridge", l.Bridge, "--guests", l.Guests(), "--format", "jsonl")...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	a := &labAgent{cmd: cmd, logs: &alertLog{}}
	go a.logs.follow(bufio.NewScanner(out))
	t.Cleanup(a.Stop)
	for start := time.Now(); socket != ""; time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("unix", socket); err == nil {
			c.Close()
			break
		}
		if time.Since(start) > 20*time.Second {
			a.Kill()
			t.Fatal("the agent's socket never answered")
		}
	}
	return a
}

// Stop stops the agent with SIGINT and waits for it (again: nothing).
func (a *labAgent) Stop() {
	if a.cmd.ProcessState == nil {
		a.cmd.Process.Signal(os.Interrupt)
		a.cmd.Wait()
	}
}

// Kill kills the agent with SIGKILL and waits for it.
func (a *labAgent) Kill() {
	if a.cmd.ProcessState == nil {
		a.cmd.Process.Kill()
		a.cmd.Wait()
	}
}
