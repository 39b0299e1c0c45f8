package lab

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

var (
	// ErrConflict is returned by Up when a setting given explicitly
	// differs from the one the running lab was built with.
	ErrConflict = errors.New("conflicting settings")
	// ErrNotUp is returned by Status when nothing of the lab exists.
	ErrNotUp = errors.New("lab is not up")
)

const (
	// readyTimeout bounds the wait for the guests' processes to listen.
	readyTimeout = 15 * time.Second
	// stopTimeout is how long processes get to exit on SIGTERM before
	// they are killed.
	stopTimeout = 3 * time.Second
	// goneTimeout bounds the wait for the kernel to finish removing
	// links and namespaces.
	goneTimeout = 5 * time.Second
	netnsDir    = "/run/netns"
)

// UpResult says what Up did.
type UpResult struct {
	// Created is true when nothing of the lab existed before.
	Created bool
	// Actions lists what Up changed, in order ("add namespace
	// ct-ct-web-1", "start guest web-1 (pid 4242)"); it is empty when
	// the lab was already complete.
	Actions []string
	// StateDir is the lab's state directory.
	StateDir string
}

// Up builds the lab, or completes it: a lab that is already up is
// checked piece by piece, and whatever is missing (bridge, namespace,
// veth, MAC, address, process) is added again; nothing is duplicated.
// Settings left at zero take the running lab's values. When Up fails on
// a lab it created from nothing, it removes what it built; on an existing
// lab it leaves things as they are, for Down.
func Up(ctx context.Context, cfg Config) (*UpResult, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.StateDir == "" {
		cfg.StateDir = filepath.Join(StateRoot, cfg.Name)
	}
	_, statErr := os.Stat(cfg.StateDir)
	if err := os.MkdirAll(cfg.StateDir, 0o755); err != nil {
		return nil, fmt.Errorf("create state directory: %w", err)
	}
	unlock, err := lockDir(cfg.StateDir)
	if err != nil {
		return nil, fmt.Errorf("lock state directory: %w", err)
	}
	defer unlock()
	res, err := up(ctx, cfg)
	if err != nil && errors.Is(statErr, fs.ErrNotExist) {
		os.Remove(cfg.StateDir) // if up failed before writing to it
	}
	return res, err
}

func up(ctx context.Context, cfg Config) (*UpResult, error) {
	st, err := readState(cfg.StateDir)
	if err != nil {
		return nil, err
	}
	c, err := cfg.complete(st)
	if err != nil {
		return nil, err
	}
	b := &builder{c: c, res: &UpResult{StateDir: c.StateDir}}
	if b.links, err = hostLinks(ctx); err != nil {
		return nil, err
	}
	if b.nss, err = namespaces(ctx); err != nil {
		return nil, err
	}
	b.res.Created = st == nil && !b.anyPresent()
	created := time.Now()
	if st != nil {
		created = st.Created
	}
	err = b.build(ctx, created)
	if err != nil && b.res.Created {
		// Also after Ctrl-C: the removal gets a context of its own.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if _, derr := down(dctx, c.Name, c.StateDir); derr != nil {
			err = errors.Join(err, fmt.Errorf("remove the half-built lab: %w", derr))
		}
	}
	if err != nil {
		return nil, err
	}
	return b.res, nil
}

type builder struct {
	c     Config
	res   *UpResult
	links map[string]*link
	nss   map[string]bool
}

func (b *builder) did(format string, args ...any) {
	b.res.Actions = append(b.res.Actions, fmt.Sprintf(format, args...))
}

// anyPresent tells whether any bridge, namespace or port of the lab exists.
func (b *builder) anyPresent() bool {
	for ns := range b.nss {
		if isLabNamespace(b.c.Name, ns) {
			return true
		}
	}
	for _, l := range b.links {
		if owned(b.c.Name, l) {
			return true
		}
	}
	return false
}

func (b *builder) build(ctx context.Context, created time.Time) error {
	c := b.c
	for _, d := range []string{pidsDir, logsDir} {
		if err := os.MkdirAll(filepath.Join(c.StateDir, d), 0o755); err != nil {
			return fmt.Errorf("create state directory: %w", err)
		}
	}
	if err := writeState(c, created); err != nil {
		return fmt.Errorf("write lab state: %w", err)
	}
	if err := b.bridge(ctx); err != nil {
		return err
	}
	if err := b.removeExtras(ctx); err != nil {
		return err
	}
	guests := c.layout()
	for _, g := range guests {
		if err := b.guest(ctx, g); err != nil {
			return err
		}
	}
	links, err := hostLinks(ctx)
	if err != nil {
		return err
	}
	ifindex := map[string]uint32{}
	for _, g := range guests {
		if l := links[g.Port]; l != nil {
			ifindex[g.Port] = l.Index
		}
	}
	if err := writeGuests(c, ifindex); err != nil {
		return fmt.Errorf("write guests file: %w", err)
	}
	return b.processes(ctx, guests)
}

func (b *builder) bridge(ctx context.Context) error {
	br := BridgeName(b.c.Name)
	l := b.links[br]
	if l != nil && (!owned(b.c.Name, l) || l.LinkInfo.Kind != "bridge") {
		return fmt.Errorf("add bridge %s: a link of that name exists and is not the lab's (kind %q, alias %q); remove it or choose another --name", br, l.LinkInfo.Kind, l.Alias)
	}
	if l == nil {
		p := macPrefix(b.c.Name)
		mac := fmt.Sprintf("02:77:%02x:%02x:00:00", p>>8, p&0xff)
		if err := ip(ctx, "add bridge "+br, "link", "add", "name", br, "address", mac, "type", "bridge"); err != nil {
			return err
		}
		// No address of any kind on the host side: the host takes no
		// part in the lab's traffic. The alias marks the bridge as ours.
		if err := ip(ctx, "set up bridge "+br, "link", "set", "dev", br, "addrgenmode", "none", "alias", linkAlias(b.c.Name, "")); err != nil {
			return err
		}
		b.did("add bridge %s", br)
	}
	if l == nil || !l.adminUp() {
		if err := ip(ctx, "set "+br+" up", "link", "set", "dev", br, "up"); err != nil {
			return err
		}
		if l != nil {
			b.did("set bridge %s up", br)
		}
	}
	return nil
}

// removeExtras removes namespaces and ports of the lab that its layout
// does not have (left from a bigger lab whose state was lost).
func (b *builder) removeExtras(ctx context.Context) error {
	want := map[string]bool{}
	for _, g := range b.c.layout() {
		want[g.Namespace], want[g.Port] = true, true
	}
	var nss, ports []string
	for ns := range b.nss {
		if isLabNamespace(b.c.Name, ns) && !want[ns] {
			nss = append(nss, ns)
		}
	}
	for name, l := range b.links {
		if name != BridgeName(b.c.Name) && owned(b.c.Name, l) && !want[name] {
			ports = append(ports, name)
		}
	}
	if len(nss) == 0 && len(ports) == 0 {
		return nil
	}
	slices.Sort(nss)
	slices.Sort(ports)
	var pids []int
	for _, ns := range nss {
		ps, err := namespacePIDs(ctx, ns)
		if err != nil {
			return err
		}
		for _, pid := range ps {
			if _, ok := isGuestProcess(pid, b.c.Name); ok {
				pids = append(pids, pid)
			}
		}
	}
	if err := stopProcesses(pids); err != nil {
		return err
	}
	for _, p := range ports {
		if err := ip(ctx, "delete port "+p, "link", "del", "dev", p); err != nil && !notFound(err) {
			return err
		}
		delete(b.links, p)
		b.did("remove port %s", p)
	}
	for _, ns := range nss {
		if err := ip(ctx, "delete namespace "+ns, "netns", "del", ns); err != nil && !notFound(err) {
			return err
		}
		delete(b.nss, ns)
		b.did("remove namespace %s", ns)
	}
	return nil
}

// guest creates or completes one guest's namespace and veth pair.
func (b *builder) guest(ctx context.Context, g Guest) error {
	br := BridgeName(b.c.Name)
	ns, port := g.Namespace, b.links[g.Port]
	if port != nil && (!owned(b.c.Name, port) || port.LinkInfo.Kind != "veth") {
		return fmt.Errorf("add veth %s: a link of that name exists and is not the lab's (kind %q, alias %q); remove it or choose another --name", g.Port, port.LinkInfo.Kind, port.Alias)
	}
	if !b.nss[ns] {
		if err := ip(ctx, "add namespace "+ns, "netns", "add", ns); err != nil {
			return err
		}
		b.nss[ns] = true
		b.did("add namespace %s", ns)
	}
	if err := ip(ctx, "set lo up in "+ns, "-netns", ns, "link", "set", "dev", "lo", "up"); err != nil {
		return err
	}
	eth0, err := nsLink(ctx, ns, "eth0")
	if err != nil {
		return err
	}
	paired := port != nil && eth0 != nil && eth0.LinkIndex == port.Index && port.LinkIndex == eth0.Index
	if !paired {
		if port != nil {
			if err := ip(ctx, "delete unpaired port "+g.Port, "link", "del", "dev", g.Port); err != nil && !notFound(err) {
				return err
			}
			b.did("remove port %s (its peer was not eth0 in %s)", g.Port, ns)
		}
		if eth0 != nil {
			if err := ip(ctx, "delete unpaired eth0 in "+ns, "-netns", ns, "link", "del", "dev", "eth0"); err != nil && !notFound(err) {
				return err
			}
		}
		if err := ip(ctx, "add veth "+g.Port, "link", "add", "name", g.Port, "type", "veth",
			"peer", "name", "eth0", "address", g.MAC, "netns", ns); err != nil {
			return err
		}
		if err := ip(ctx, "set up veth "+g.Port, "link", "set", "dev", g.Port, "addrgenmode", "none", "alias", linkAlias(b.c.Name, g.Name)); err != nil {
			return err
		}
		b.did("add veth %s (eth0 in %s)", g.Port, ns)
		port, eth0 = nil, nil
	}
	if port == nil || port.Master != br || !port.adminUp() {
		if err := ip(ctx, "attach "+g.Port+" to "+br, "link", "set", "dev", g.Port, "master", br, "up"); err != nil {
			return err
		}
		if port != nil {
			b.did("attach port %s to %s", g.Port, br)
		}
	}
	if eth0 != nil && !strings.EqualFold(eth0.Address, g.MAC) {
		if err := ip(ctx, "set MAC of eth0 in "+ns, "-netns", ns, "link", "set", "dev", "eth0", "address", g.MAC); err != nil {
			return err
		}
		b.did("set MAC %s on eth0 in %s", g.MAC, ns)
	}
	var have []string
	if eth0 != nil {
		have = eth0.globalIPs()
	}
	for _, a := range []struct {
		addr  string
		bits  int
		extra []string
	}{
		{g.IPv4.String(), b.c.Subnet.Bits(), nil},
		// nodad: the address is usable at once; the lab hands out
		// unique addresses itself.
		{g.IPv6.String(), b.c.Subnet6.Bits(), []string{"nodad"}},
	} {
		if slices.Contains(have, a.addr) {
			continue
		}
		args := append([]string{"-netns", ns, "addr", "replace", a.addr + "/" + strconv.Itoa(a.bits), "dev", "eth0"}, a.extra...)
		if err := ip(ctx, "add address "+a.addr+" in "+ns, args...); err != nil {
			return err
		}
		if eth0 != nil {
			b.did("add address %s in %s", a.addr, ns)
		}
	}
	if eth0 == nil || !eth0.adminUp() {
		if err := ip(ctx, "set eth0 up in "+ns, "-netns", ns, "link", "set", "dev", "eth0", "up"); err != nil {
			return err
		}
		if eth0 != nil {
			b.did("set eth0 up in %s", ns)
		}
	}
	return nil
}

// processes starts the guests' processes that are not running, and waits
// until they listen.
func (b *builder) processes(ctx context.Context, guests []Guest) error {
	type started struct {
		g     Guest
		pid   int
		ready *os.File
	}
	var starts []started
	defer func() {
		for _, s := range starts {
			s.ready.Close()
		}
	}()
	for _, g := range guests {
		pid := readPID(pidFile(b.c.StateDir, g.Name))
		if pid != 0 && alive(pid) {
			ns, ok := isGuestProcess(pid, b.c.Name)
			if ok && ns == g.Namespace && inNamespace(pid, ns) {
				continue
			}
			if ok {
				// Its namespace was made again: this one lives in the
				// old one, which it keeps alive.
				if err := stopProcesses([]int{pid}); err != nil {
					return err
				}
				b.did("stop guest %s (pid %d) of a removed namespace", g.Name, pid)
			}
		}
		pid, ready, err := b.start(g)
		if err != nil {
			return fmt.Errorf("start guest %s: %w", g.Name, err)
		}
		starts = append(starts, started{g, pid, ready})
		b.did("start guest %s (pid %d)", g.Name, pid)
		if err := placeInCgroups(b.c.Name, g.Name, pid); err != nil {
			b.did("guest %s runs without some of its cgroups: %v", g.Name, err)
		}
	}
	errs := make([]error, len(starts))
	var wg sync.WaitGroup
	deadline := time.Now().Add(readyTimeout)
	for i, s := range starts {
		wg.Go(func() {
			if err := waitReady(s.ready, deadline); err != nil {
				errs[i] = fmt.Errorf("start guest %s (pid %d): %w%s", s.g.Name, s.pid, err,
					lastLine(filepath.Join(b.c.StateDir, logsDir, s.g.Name+".log")))
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// start launches the guest's process in its namespace, detached, and
// returns its pid and the pipe on which it says it is ready.
func (b *builder) start(g Guest) (int, *os.File, error) {
	c := b.c
	logf, err := os.OpenFile(filepath.Join(c.StateDir, logsDir, g.Name+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return 0, nil, err
	}
	defer logf.Close()
	r, w, err := os.Pipe()
	if err != nil {
		return 0, nil, err
	}
	defer w.Close()
	args := append([]string{"netns", "exec", g.Namespace}, c.Command...)
	args = append(args, "--lab="+c.Name, "--guest="+g.Name, guestMarker(g.Namespace),
		"--guests="+filepath.Join(c.StateDir, guestsFile), "--ready-fd=3")
	if c.NoWorkload {
		args = append(args, "--workload=false")
	}
	// `ip netns exec` enters the namespace and executes the program in
	// place, so the pid is the guest process's. No context: it must
	// outlive this command.
	cmd := exec.Command("ip", args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.ExtraFiles = []*os.File{w}
	detach(cmd)
	if err := cmd.Start(); err != nil {
		r.Close()
		return 0, nil, err
	}
	pid := cmd.Process.Pid
	// Reap it if it ends while this process lives (tests; a CLI run
	// exits first and init reaps).
	go cmd.Wait()
	if err := writeFileAtomic(pidFile(c.StateDir, g.Name), []byte(strconv.Itoa(pid)+"\n")); err != nil {
		stopProcesses([]int{pid})
		r.Close()
		return 0, nil, fmt.Errorf("write pid file: %w", err)
	}
	return pid, r, nil
}

// waitReady reads the guest's "ready" line.
func waitReady(r *os.File, deadline time.Time) error {
	r.SetReadDeadline(deadline)
	line, err := bufio.NewReader(r).ReadString('\n')
	switch {
	case line == "ready\n":
		return nil
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("not ready after %s", readyTimeout)
	case errors.Is(err, io.EOF):
		return errors.New("exited before it was ready")
	case err != nil:
		return err
	}
	return fmt.Errorf("said %q instead of ready", strings.TrimSpace(line))
}

// lastLine returns ": " and the last line of a log file, or "".
func lastLine(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if l := strings.TrimSpace(lines[len(lines)-1]); l != "" {
		return " (" + path + ": " + l + ")"
	}
	return ""
}

// inNamespace tells whether process pid lives in the named namespace.
func inNamespace(pid int, ns string) bool {
	a, ok1 := nsInode("/proc/" + strconv.Itoa(pid) + "/ns/net")
	b, ok2 := nsInode(filepath.Join(netnsDir, ns))
	return ok1 && ok2 && a == b
}

// stopProcesses sends SIGTERM, then SIGKILL to whatever still lives after
// stopTimeout, and waits until all are gone.
func stopProcesses(pids []int) error {
	signal := func(sig syscall.Signal) {
		for _, pid := range pids {
			if p, err := os.FindProcess(pid); err == nil {
				p.Signal(sig)
			}
		}
	}
	waitGone := func(d time.Duration) []int {
		deadline := time.Now().Add(d)
		for {
			var left []int
			for _, pid := range pids {
				if alive(pid) {
					left = append(left, pid)
				}
			}
			if len(left) == 0 || time.Now().After(deadline) {
				return left
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if len(pids) == 0 {
		return nil
	}
	signal(syscall.SIGTERM)
	if left := waitGone(stopTimeout); len(left) > 0 {
		pids = left
		signal(syscall.SIGKILL)
		if left := waitGone(2 * time.Second); len(left) > 0 {
			return fmt.Errorf("stop processes: %v still alive after SIGKILL", left)
		}
	}
	return nil
}

// DownResult says what Down did.
type DownResult struct {
	// Removed lists what Down removed, in order; empty when nothing of
	// the lab was there.
	Removed []string
	// Left lists what Down found but did not remove because the lab did
	// not start it: processes someone else runs in the lab's namespaces
	// (their namespace loses its name and its veth; the processes live on).
	Left []string
}

// Down removes the lab: its guest processes, ports, namespaces, bridge
// and state directory, and nothing else. What is already gone is skipped,
// so Down works on a half-built lab and when nothing is there. It finds
// the lab's pieces by their names (see the package documentation), so it
// also works when the state directory was lost.
func Down(ctx context.Context, cfg Config) (*DownResult, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	dir := cfg.StateDir
	if dir == "" {
		dir = filepath.Join(StateRoot, cfg.Name)
	}
	if _, err := os.Stat(dir); err == nil {
		unlock, err := lockDir(dir)
		if err != nil {
			return nil, fmt.Errorf("lock state directory: %w", err)
		}
		defer unlock()
	}
	return down(ctx, cfg.Name, dir)
}

func down(ctx context.Context, name, dir string) (*DownResult, error) {
	res := &DownResult{}
	links, err := hostLinks(ctx)
	if err != nil {
		return nil, err
	}
	nss, err := namespaces(ctx)
	if err != nil {
		return nil, err
	}
	var labNS, ports []string
	for ns := range nss {
		if isLabNamespace(name, ns) {
			labNS = append(labNS, ns)
		}
	}
	br := BridgeName(name)
	for n, l := range links {
		ours := owned(name, l)
		switch {
		case ours && n != br:
			ports = append(ports, n)
		case !ours && (portIndex(name, n) != 0 || n == br):
			res.Left = append(res.Left, fmt.Sprintf("link %s (named like the lab's, without its alias %q)", n, linkAlias(name, "")))
		}
	}
	slices.Sort(labNS)
	slices.Sort(ports)

	// Processes first: a process keeps its namespace (and the veth in
	// it) alive after the namespace's name is gone.
	inodes := map[uint64]bool{}
	for _, ns := range labNS {
		if ino, ok := nsInode(filepath.Join(netnsDir, ns)); ok {
			inodes[ino] = true
		}
	}
	stop := map[int]string{}
	for guest, pid := range recordedPIDs(dir) {
		if !alive(pid) {
			continue
		}
		_, ours := isGuestProcess(pid, name)
		ino, ok := nsInode("/proc/" + strconv.Itoa(pid) + "/ns/net")
		if ours || (ok && inodes[ino]) {
			stop[pid] = guest
		}
	}
	for _, ns := range labNS {
		pids, err := namespacePIDs(ctx, ns)
		if err != nil {
			return nil, err
		}
		for _, pid := range pids {
			if _, ok := stop[pid]; ok {
				continue
			}
			if _, ours := isGuestProcess(pid, name); ours {
				stop[pid] = strings.TrimPrefix(ns, namespacePrefix(name))
			} else if alive(pid) {
				res.Left = append(res.Left, fmt.Sprintf("process %d (%s) in %s", pid, comm(pid), ns))
			}
		}
	}
	pids := make([]int, 0, len(stop))
	for pid := range stop {
		pids = append(pids, pid)
	}
	slices.Sort(pids)
	if err := stopProcesses(pids); err != nil {
		return res, err
	}
	for _, pid := range pids {
		res.Removed = append(res.Removed, fmt.Sprintf("stop guest %s (pid %d)", stop[pid], pid))
	}
	res.Removed = append(res.Removed, removeCgroups(name)...)
	res.Removed = append(res.Removed, removeCgroups(name)...)
	for _, p := range ports {
		if err := ip(ctx, "delete port "+p, "link", "del", "dev", p); err != nil && !notFound(err) {
			return res, err
		}
		res.Removed = append(res.Removed, "remove port "+p)
	}
	for _, ns := range labNS {
		if err := ip(ctx, "delete namespace "+ns, "netns", "del", ns); err != nil && !notFound(err) {
			return res, err
		}
		res.Removed = append(res.Removed, "remove namespace "+ns)
	}
	if l := links[br]; owned(name, l) {
		if err := ip(ctx, "delete bridge "+br, "link", "del", "dev", br); err != nil && !notFound(err) {
			return res, err
		}
		res.Removed = append(res.Removed, "remove bridge "+br)
	}
	if err := waitRemoved(ctx, name); err != nil {
		return res, err
	}
	if _, err := os.Stat(dir); err == nil {
		if err := os.RemoveAll(dir); err != nil {
			return res, fmt.Errorf("remove state directory: %w", err)
		}
		res.Removed = append(res.Removed, "remove state directory "+dir)
		if filepath.Dir(dir) == StateRoot {
			// The default parents go too when no other lab uses them.
			if os.Remove(StateRoot) == nil {
				os.Remove(filepath.Dir(StateRoot))
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return res, fmt.Errorf("remove state directory: %w", err)
	}
	return res, nil
}

// waitRemoved waits until no link or namespace of the lab is left: the
// kernel removes a veth whose peer's namespace dies asynchronously.
func waitRemoved(ctx context.Context, name string) error {
	deadline := time.Now().Add(goneTimeout)
	for {
		links, err := hostLinks(ctx)
		if err != nil {
			return err
		}
		var left []string
		for n, l := range links {
			if owned(name, l) {
				left = append(left, n)
			}
		}
		if len(left) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			slices.Sort(left)
			return fmt.Errorf("remove links: %s still there after %s", strings.Join(left, ", "), goneTimeout)
		}
		for _, l := range left {
			if err := ip(ctx, "delete port "+l, "link", "del", "dev", l); err != nil && !notFound(err) {
				return err
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// comm returns the command name of process pid.
func comm(pid int) string {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(data))
}
