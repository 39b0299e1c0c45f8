package lab

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// ipTimeout bounds every run of ip(8): it talks to the kernel and should
// take milliseconds.
const ipTimeout = 10 * time.Second

// stepError is a failed run of a program, named after the step it was
// for: "add veth ctct-1: exit status 2: RTNETLINK answers: File exists".
type stepError struct {
	step   string
	err    error
	stderr string
}

func (e *stepError) Error() string {
	s := e.step + ": " + e.err.Error()
	if e.stderr != "" {
		s += ": " + e.stderr
	}
	if strings.Contains(e.stderr, "Operation not permitted") || strings.Contains(e.stderr, "Permission denied") {
		s += " (the lab needs root: CAP_NET_ADMIN and CAP_SYS_ADMIN)"
	}
	return s
}

func (e *stepError) Unwrap() error { return e.err }

// notFound tells whether err says that the thing to act on is not there.
func notFound(err error) bool {
	var se *stepError
	if !errors.As(err, &se) {
		return false
	}
	for _, s := range []string{"Cannot find device", "does not exist", "No such file or directory", "No such device"} {
		if strings.Contains(se.stderr, s) {
			return true
		}
	}
	return false
}

// run runs a program with a timeout and returns its standard output.
func run(ctx context.Context, step, prog string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, ipTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			err = fmt.Errorf("%w (install %s)", err, packageOf(prog))
		} else if ctx.Err() == context.DeadlineExceeded {
			err = fmt.Errorf("timed out after %s", ipTimeout)
		} else if ctx.Err() != nil {
			err = ctx.Err()
		}
		return nil, &stepError{step: step, err: err, stderr: strings.TrimSpace(stderr.String())}
	}
	return stdout.Bytes(), nil
}

func packageOf(prog string) string {
	if prog == "ip" {
		return "iproute2"
	}
	return prog
}

// ip runs ip(8).
func ip(ctx context.Context, step string, args ...string) error {
	_, err := run(ctx, step, "ip", args...)
	return err
}

// ipJSON runs ip(8) with -json and decodes its output into v.
func ipJSON(ctx context.Context, step string, v any, args ...string) error {
	out, err := run(ctx, step, "ip", append([]string{"-json"}, args...)...)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(out)) == 0 {
		return nil
	}
	if err := json.Unmarshal(out, v); err != nil {
		return fmt.Errorf("%s: read ip's output: %w", step, err)
	}
	return nil
}

// link is one interface as `ip -json -details link/addr show` gives it.
type link struct {
	Index     uint32   `json:"ifindex"`
	Name      string   `json:"ifname"`
	Flags     []string `json:"flags"`
	OperState string   `json:"operstate"`
	Master    string   `json:"master"`
	Address   string   `json:"address"`
	Alias     string   `json:"ifalias"`
	LinkIndex uint32   `json:"link_index"`
	LinkInfo  struct {
		Kind string `json:"info_kind"`
	} `json:"linkinfo"`
	AddrInfo []struct {
		Family string `json:"family"`
		Local  string `json:"local"`
		Scope  string `json:"scope"`
	} `json:"addr_info"`
}

// adminUp tells whether the link was set up (it may still lack carrier).
func (l *link) adminUp() bool {
	for _, f := range l.Flags {
		if f == "UP" {
			return true
		}
	}
	return false
}

// running tells whether the link is up with carrier.
func (l *link) running() bool {
	return l.adminUp() && (l.OperState == "UP" || l.OperState == "UNKNOWN")
}

// globalIPs returns the link's addresses of global scope.
func (l *link) globalIPs() []string {
	ips := []string{}
	for _, a := range l.AddrInfo {
		if a.Scope == "global" {
			ips = append(ips, a.Local)
		}
	}
	return ips
}

// hostLinks returns the host's links by name.
func hostLinks(ctx context.Context) (map[string]*link, error) {
	var links []*link
	if err := ipJSON(ctx, "list links", &links, "-details", "link", "show"); err != nil {
		return nil, err
	}
	m := make(map[string]*link, len(links))
	for _, l := range links {
		m[l.Name] = l
	}
	return m, nil
}

// nsLink returns dev inside namespace ns with its addresses, or nil when
// it is not there.
func nsLink(ctx context.Context, ns, dev string) (*link, error) {
	var links []*link
	err := ipJSON(ctx, "show "+dev+" in "+ns, &links, "-netns", ns, "-details", "addr", "show", "dev", dev)
	if notFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(links) == 0 {
		return nil, nil
	}
	return links[0], nil
}

// namespaces returns the names of the named network namespaces.
func namespaces(ctx context.Context) (map[string]bool, error) {
	var list []struct {
		Name string `json:"name"`
	}
	if err := ipJSON(ctx, "list namespaces", &list, "netns", "list"); err != nil {
		return nil, err
	}
	m := make(map[string]bool, len(list))
	for _, n := range list {
		m[n.Name] = true
	}
	return m, nil
}

// namespacePIDs returns the processes inside namespace ns.
func namespacePIDs(ctx context.Context, ns string) ([]int, error) {
	out, err := run(ctx, "list processes in "+ns, "ip", "netns", "pids", ns)
	if err != nil {
		if notFound(err) {
			return nil, nil
		}
		return nil, err
	}
	var pids []int
	for _, f := range strings.Fields(string(out)) {
		if pid, err := strconv.Atoi(f); err == nil {
			pids = append(pids, pid)
		}
	}
	return pids, nil
}
