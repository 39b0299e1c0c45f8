package lab

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/netip"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// genSpec is what the Go generator sends (its --spec, JSON).
type genSpec struct {
	// Gen is connect, raw, udp, arp or beacon.
	Gen string `json:"gen"`
	// Allow lists the prefixes every target and source must be inside.
	Allow []string `json:"allow"`
	// Targets are addresses; PortLo to PortHi the ports of each.
	Targets []string `json:"targets,omitempty"`
	PortLo  int      `json:"port_lo,omitempty"`
	PortHi  int      `json:"port_hi,omitempty"`
	// Src is the source address of raw packets (forged for spoof; the
	// guest's own otherwise) and the claimed address of arp.
	Src string `json:"src,omitempty"`
	// SrcPrefix: raw packets take random sources in this prefix, none of
	// SrcExclude.
	SrcPrefix  string   `json:"src_prefix,omitempty"`
	SrcExclude []string `json:"src_exclude,omitempty"`
	// Flags are raw's TCP flags: syn, fin, null, xmas or ack.
	Flags string `json:"flags,omitempty"`
	// Rate is packets a second (raw, udp); Count and Duration bound them
	// (without either, each target and port gets one).
	Rate     int           `json:"rate,omitempty"`
	Count    int           `json:"count,omitempty"`
	Duration time.Duration `json:"duration,omitempty"`
	// Size is the UDP payload's size.
	Size int `json:"size,omitempty"`
	// Timeout bounds each connection (connect, beacon); Concurrency the
	// connections at once (connect).
	Timeout     time.Duration `json:"timeout,omitempty"`
	Concurrency int           `json:"concurrency,omitempty"`
	// Greet: connect logs into the lab's ssh service where it answers
	// and pushes a few KB (the worm's "exploit").
	Greet bool `json:"greet,omitempty"`
	// Interval is the beacon's period, and the latency probe's sleep.
	Interval time.Duration `json:"interval,omitempty"`
	// Workers are cpu's busy threads. Lab and Guest name the cgroups cpu
	// and latency join first (they are the guest's own load); Pin the
	// CPUs they run on (applied by taskset around the generator).
	Workers int    `json:"workers,omitempty"`
	Lab     string `json:"lab,omitempty"`
	Guest   string `json:"guest,omitempty"`
	Pin     string `json:"pin,omitempty"`
	// Dir is where io and iolatency write their files (the guest's
	// directory in the lab's state).
	Dir string `json:"dir,omitempty"`
}

// genResult is what the generator found (its --result-fd, JSON).
type genResult struct {
	// Latency is what the latency probe measured.
	Latency  *LatencyResult `json:"latency,omitempty"`
	Sent     int            `json:"sent"`
	Answered []string       `json:"answered,omitempty"` // addresses that answered (connect, beacon)
	Open     []string       `json:"open,omitempty"`     // address:port that answered (connect)
	Refused  int            `json:"refused"`
	Failed   int            `json:"failed"`
	Errors   int            `json:"errors"`
}

// genLimit bounds any one run of the generator.
const genLimit = MaxBeaconDuration + 5*time.Minute

// RunAttackGen is the hidden command `crosstalk lab attack-run` that
// Attack runs inside the attacking guest's namespace: the built-in Go
// traffic generator. It returns its exit status (0, 1, or 2 for bad
// arguments).
//
//	--ns NAMESPACE --spec JSON [--result-fd N]
//
// It refuses to run outside the namespace it names, and to send to (or
// forge) any address outside the prefixes the spec allows, which must be
// private. It stops on SIGTERM or SIGINT.
func RunAttackGen(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("crosstalk lab attack-run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ns := fs.String("ns", "", "the lab namespace this process runs in")
	specText := fs.String("spec", "", "what to send (JSON)")
	resultFD := fs.Int("result-fd", 0, "file descriptor to write the result (JSON) to")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *ns == "" || *specText == "" {
		fmt.Fprintln(stderr, "crosstalk lab attack-run: want --ns and --spec, and no other arguments")
		return 2
	}
	var spec genSpec
	if err := json.Unmarshal([]byte(*specText), &spec); err != nil {
		fmt.Fprintf(stderr, "crosstalk lab attack-run: --spec: %v\n", err)
		return 2
	}
	g, err := newGen(spec)
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk lab attack-run: %v\n", err)
		return 2
	}
	if !inNamespace(os.Getpid(), *ns) {
		fmt.Fprintf(stderr, "crosstalk lab attack-run: not inside namespace %s: refusing to send\n", *ns)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, genLimit)
	defer cancel()
	res, err := g.run(ctx, stdout)
	if *resultFD > 0 && res != nil {
		f := os.NewFile(uintptr(*resultFD), "result")
		json.NewEncoder(f).Encode(res)
		f.Close()
	}
	if err != nil {
		fmt.Fprintf(stderr, "crosstalk lab attack-run: %v\n", err)
		return 1
	}
	return 0
}

// gen is a checked spec.
type gen struct {
	genSpec
	allow    []netip.Prefix
	targets  []netip.Addr
	src      netip.Addr
	srcPre   netip.Prefix
	srcNotIn []netip.Addr
}

// newGen checks a spec: every address inside the allowed prefixes, and
// those private; counts, rates and durations bounded.
func newGen(s genSpec) (*gen, error) {
	g := &gen{genSpec: s}
	if len(s.Allow) == 0 {
		return nil, errors.New("spec: no allowed prefixes")
	}
	for _, a := range s.Allow {
		p, err := netip.ParsePrefix(a)
		if err != nil {
			return nil, fmt.Errorf("spec: allow: %w", err)
		}
		if !p.Addr().IsPrivate() {
			return nil, fmt.Errorf("spec: allow: %s is not a private prefix", p)
		}
		g.allow = append(g.allow, p.Masked())
	}
	check := func(what string, a netip.Addr) error {
		for _, p := range g.allow {
			if p.Contains(a) {
				return nil
			}
		}
		return fmt.Errorf("spec: %s %s is outside the lab's prefixes %v", what, a, s.Allow)
	}
	for _, t := range s.Targets {
		a, err := netip.ParseAddr(t)
		if err != nil {
			return nil, fmt.Errorf("spec: target: %w", err)
		}
		if err := check("target", a.Unmap()); err != nil {
			return nil, err
		}
		g.targets = append(g.targets, a.Unmap())
	}
	if len(g.targets) > MaxSweep {
		return nil, fmt.Errorf("spec: %d targets, at most %d", len(g.targets), MaxSweep)
	}
	if s.Src != "" {
		a, err := netip.ParseAddr(s.Src)
		if err != nil {
			return nil, fmt.Errorf("spec: src: %w", err)
		}
		if err := check("source", a); err != nil {
			return nil, err
		}
		g.src = a
	}
	if s.SrcPrefix != "" {
		p, err := netip.ParsePrefix(s.SrcPrefix)
		if err != nil {
			return nil, fmt.Errorf("spec: src_prefix: %w", err)
		}
		if !p.Addr().Is4() || p.Bits() < 16 {
			return nil, fmt.Errorf("spec: src_prefix: want an IPv4 prefix of /16 or smaller, got %s", p)
		}
		if err := check("source prefix", p.Masked().Addr()); err != nil {
			return nil, err
		}
		if err := check("source prefix", lastAddr(p)); err != nil {
			return nil, err
		}
		g.srcPre = p.Masked()
		for _, x := range s.SrcExclude {
			if a, err := netip.ParseAddr(x); err == nil {
				g.srcNotIn = append(g.srcNotIn, a)
			}
		}
	}
	if s.PortLo < 0 || s.PortHi > 65535 || s.PortLo > s.PortHi {
		return nil, fmt.Errorf("spec: ports %d-%d", s.PortLo, s.PortHi)
	}
	if s.Rate < 0 || s.Rate > MaxRate || s.Count < 0 || s.Count > 10*MaxRate || s.Duration < 0 || s.Duration > MaxBeaconDuration {
		return nil, errors.New("spec: rate, count or duration out of bounds")
	}
	if s.Concurrency < 0 || s.Concurrency > 256 || s.Size < 0 || s.Size > 1400 || s.Workers < 0 || s.Workers > MaxWorkers {
		return nil, errors.New("spec: concurrency, size or workers out of bounds")
	}
	switch s.Gen {
	case "connect", "udp", "beacon":
		if len(g.targets) == 0 || s.PortLo == 0 {
			return nil, fmt.Errorf("spec: %s needs targets and ports", s.Gen)
		}
	case "raw":
		if len(g.targets) == 0 || s.PortLo == 0 || (!g.src.IsValid() && !g.srcPre.IsValid()) {
			return nil, errors.New("spec: raw needs targets, ports and a source")
		}
		if _, ok := tcpFlags[s.Flags]; !ok {
			return nil, fmt.Errorf("spec: flags: %q", s.Flags)
		}
		for _, t := range g.targets {
			if !t.Is4() {
				return nil, errors.New("spec: raw sends IPv4 only")
			}
		}
		if g.src.IsValid() && !g.src.Is4() {
			return nil, errors.New("spec: raw sends IPv4 only")
		}
	case "arp":
		if !g.src.Is4() {
			return nil, errors.New("spec: arp needs an IPv4 src to claim")
		}
	case "io", "iolatency":
		if s.Duration <= 0 || s.Duration > MaxHogDuration || s.Lab == "" || s.Guest == "" || !filepath.IsAbs(s.Dir) {
			return nil, fmt.Errorf("spec: %s needs a duration up to %s, the lab, the guest and an absolute dir", s.Gen, MaxHogDuration)
		}
		if s.Gen == "io" && (s.Workers < 1 || s.Workers > MaxWorkers) {
			return nil, fmt.Errorf("spec: io: workers %d, want 1 to %d", s.Workers, MaxWorkers)
		}
	case "cpu", "latency":
		if s.Duration <= 0 || s.Duration > MaxHogDuration || s.Lab == "" || s.Guest == "" {
			return nil, fmt.Errorf("spec: %s needs a duration up to %s, the lab and the guest", s.Gen, MaxHogDuration)
		}
		if s.Gen == "cpu" && (s.Workers < 1 || s.Workers > MaxWorkers) {
			return nil, fmt.Errorf("spec: cpu: workers %d, want 1 to %d", s.Workers, MaxWorkers)
		}
	default:
		return nil, fmt.Errorf("spec: unknown generator %q", s.Gen)
	}
	return g, nil
}

func (g *gen) run(ctx context.Context, out io.Writer) (*genResult, error) {
	switch g.Gen {
	case "connect":
		return g.connect(ctx, out)
	case "udp":
		return g.udp(ctx, out)
	case "raw":
		return g.raw(ctx, out)
	case "arp":
		return g.arp(ctx, out)
	case "beacon":
		return g.beacon(ctx, out)
	case "cpu":
		return g.cpu(ctx)
	case "latency":
		return g.latency(ctx)
	case "io":
		return g.ioHog(ctx)
	case "iolatency":
		return g.ioLatency(ctx)
	}
	return nil, fmt.Errorf("unknown generator %q", g.Gen)
}

// probes returns the (target, port) pairs, targets first.
func (g *gen) probes() []netip.AddrPort {
	var out []netip.AddrPort
	for _, t := range g.targets {
		for p := g.PortLo; p <= g.PortHi; p++ {
			out = append(out, netip.AddrPortFrom(t, uint16(p)))
		}
	}
	return out
}

// sshClientBanner is what the worm's "exploit" says to the ssh service.
const sshClientBanner = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"

// connect tries every target and port with connect(), Concurrency at a
// time, each within Timeout.
func (g *gen) connect(ctx context.Context, out io.Writer) (*genResult, error) {
	start := time.Now()
	timeout := durOr(g.Timeout, time.Second)
	conc := max(1, intOr(g.Concurrency, 32))
	probes := g.probes()
	jobs := make(chan netip.AddrPort)
	var (
		mu       sync.Mutex
		res      genResult
		answered = map[netip.Addr]bool{}
	)
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			d := net.Dialer{Timeout: timeout}
			for ap := range jobs {
				c, err := d.DialContext(ctx, "tcp", ap.String())
				mu.Lock()
				res.Sent++
				switch {
				case err == nil:
					answered[ap.Addr()] = true
					res.Open = append(res.Open, ap.String())
				case errors.Is(err, syscall.ECONNREFUSED):
					res.Refused++
				default:
					res.Failed++
				}
				mu.Unlock()
				if err == nil {
					if g.Greet {
						greet(c)
					}
					c.Close()
				}
			}
		})
	}
feed:
	for _, ap := range probes {
		select {
		case jobs <- ap:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	for _, t := range g.targets {
		if answered[t] {
			res.Answered = append(res.Answered, t.String())
		}
	}
	slices.SortFunc(res.Open, func(a, b string) int {
		x, y := netip.MustParseAddrPort(a), netip.MustParseAddrPort(b)
		return x.Compare(y)
	})
	fmt.Fprintf(out, "connect() to %s: %d probes, %d answered, %d refused, %d unanswered, in %s\n",
		describeProbes(g), res.Sent, len(res.Open), res.Refused, res.Failed, time.Since(start).Round(10*time.Millisecond))
	if len(res.Open) > 0 {
		fmt.Fprintf(out, "answered: %s\n", strings.Join(res.Open[:min(20, len(res.Open))], " "))
	}
	return &res, ctx.Err()
}

// greet logs into the lab's ssh service and pushes a few KB.
func greet(c net.Conn) {
	c.SetDeadline(time.Now().Add(2 * time.Second))
	r := bufio.NewReader(c)
	if _, err := r.ReadString('\n'); err != nil {
		return
	}
	const n = 4096
	if _, err := io.WriteString(c, sshClientBanner+"push "+strconv.Itoa(n)+"\n"); err != nil {
		return
	}
	body := make([]byte, n)
	for i := range body {
		body[i] = byte(i * 7)
	}
	if _, err := c.Write(body); err != nil {
		return
	}
	r.ReadString('\n')
}

// pace calls send until count is reached (when positive), the duration
// is up (when positive), or ctx ends, at rate calls a second. Without
// count or duration it stops after one second's worth. send returns false
// to stop.
func pace(ctx context.Context, rate, count int, dur time.Duration, send func(i int) bool) int {
	if rate <= 0 {
		rate = 1000
	}
	if count <= 0 && dur <= 0 {
		count = rate
	}
	if dur <= 0 {
		// Bounded anyway: the time the count takes, and some.
		dur = time.Duration(count)*time.Second/time.Duration(rate) + 10*time.Second
	}
	start := time.Now()
	sent := 0
	for ctx.Err() == nil && (count <= 0 || sent < count) {
		el := time.Since(start)
		if el >= dur {
			break
		}
		due := int(el.Seconds()*float64(rate)) + 1
		if count > 0 {
			due = min(due, count)
		}
		if sent >= due {
			time.Sleep(time.Millisecond)
			continue
		}
		for sent < due {
			if !send(sent) {
				return sent
			}
			sent++
			if sent%512 == 0 && time.Since(start) >= dur {
				return sent
			}
		}
	}
	return sent
}

// udp sends datagrams: one to each target and port (a UDP scan), or
// Rate a second for Duration (a flood).
func (g *gen) udp(ctx context.Context, out io.Writer) (*genResult, error) {
	network := "udp4"
	if !g.targets[0].Is4() {
		network = "udp6"
	}
	c, err := net.ListenUDP(network, nil)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	probes := g.probes()
	payload := make([]byte, g.Size)
	for i := range payload {
		payload[i] = byte('A' + i%26)
	}
	var res genResult
	count := g.Count
	if g.Duration == 0 && count == 0 {
		count = len(probes)
	}
	start := time.Now()
	res.Sent = pace(ctx, intOr(g.Rate, 1000), count, g.Duration, func(i int) bool {
		if _, err := c.WriteToUDPAddrPort(payload, probes[i%len(probes)]); err != nil {
			res.Errors++
		}
		return true
	})
	el := time.Since(start)
	fmt.Fprintf(out, "UDP: %d datagrams of %d bytes to %s in %s (%.0f/s), %d send errors\n",
		res.Sent, g.Size, describeProbes(g), el.Round(10*time.Millisecond), float64(res.Sent)/el.Seconds(), res.Errors)
	if res.Sent > 0 && res.Errors == res.Sent {
		return &res, fmt.Errorf("every send failed")
	}
	return &res, nil
}

func describeProbes(g *gen) string {
	t := strings.Join(addrStrings(g.targets[:min(3, len(g.targets))]), ", ")
	if len(g.targets) > 3 {
		t += fmt.Sprintf(" and %d more", len(g.targets)-3)
	}
	if g.PortLo == g.PortHi {
		return fmt.Sprintf("%s port %d", t, g.PortLo)
	}
	return fmt.Sprintf("%s ports %d-%d", t, g.PortLo, g.PortHi)
}

// TCP flags of the raw probes.
var tcpFlags = map[string]byte{"syn": 0x02, "fin": 0x01, "null": 0x00, "xmas": 0x29, "ack": 0x10}

// raw sends TCP segments with the given flags from a raw socket
// (IP_HDRINCL), so that the source can be forged: one to each target and
// port (a stealth scan), Count of them, or Rate a second for Duration.
// Workers above 1 share a flood's rate, each with its own socket (one
// sender tops out near 70,000 segments a second here).
func (g *gen) raw(ctx context.Context, out io.Writer) (*genResult, error) {
	probes := g.probes()
	count := g.Count
	if g.Duration == 0 && count == 0 {
		count = len(probes)
	}
	workers := 1
	if g.Duration > 0 || g.Count > 0 {
		workers = max(1, g.Workers)
	}
	flags := tcpFlags[g.Flags]
	scanPort := uint16(32768 + rand.IntN(28000)) // one source port per scan, as nmap
	// A flood walks the source ports from a random start, each port once
	// per round of the probes, so that every segment is a new flow until
	// 64,000 rounds have gone by (random ports repeat within a few
	// hundred).
	floodBase := rand.IntN(64000)
	var excluded map[netip.Addr]bool
	if g.srcPre.IsValid() {
		excluded = map[netip.Addr]bool{}
		for _, a := range g.srcNotIn {
			excluded[a] = true
		}
	}
	type part struct {
		sent, errors int
		err          error
	}
	parts := make([]part, workers)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		s, err := openRawIPv4()
		if err != nil {
			return nil, fmt.Errorf("raw socket: %w (needs root inside the namespace)", err)
		}
		wg.Add(1)
		go func(p *part) {
			defer wg.Done()
			defer s.Close()
			pkt := make([]byte, 40)
			rate := intOr(g.Rate, 2000)
			n := count
			if workers > 1 {
				rate, n = max(1, rate/workers), (count+workers-1-w)/workers
			}
			p.sent = pace(ctx, rate, n, g.Duration, func(i int) bool {
				i = i*workers + w // the workers interleave: no segment twice
				dst := probes[i%len(probes)]
				src, sport := g.src, scanPort
				if g.Duration > 0 || g.Count > 0 {
					sport = uint16(1024 + (floodBase+i/len(probes))%64000) // a flood: new flows
				}
				if g.srcPre.IsValid() {
					src = randomIn(g.srcPre, excluded)
				}
				buildTCP(pkt, src, dst.Addr(), sport, dst.Port(), flags, rand.Uint32())
				if err := s.Send(pkt, dst.Addr()); err != nil {
					p.errors++
					p.err = err
				}
				return true
			})
		}(&parts[w])
	}
	wg.Wait()
	el := time.Since(start)
	var res genResult
	var lastErr error
	for _, p := range parts {
		res.Sent += p.sent
		res.Errors += p.errors
		if p.err != nil {
			lastErr = p.err
		}
	}
	from := g.src.String()
	if g.srcPre.IsValid() {
		from = "random sources in " + g.srcPre.String()
	}
	fmt.Fprintf(out, "raw TCP: %d %s segments from %s to %s in %s (%.0f/s), %d send errors\n",
		res.Sent, strings.ToUpper(g.Flags), from, describeProbes(g), el.Round(10*time.Millisecond), float64(res.Sent)/el.Seconds(), res.Errors)
	if res.Sent > 0 && res.Errors == res.Sent {
		return &res, fmt.Errorf("every send failed: %w", lastErr)
	}
	return &res, nil
}

// randomIn returns a random host address of p (not its first or last)
// that is not excluded.
func randomIn(p netip.Prefix, excluded map[netip.Addr]bool) netip.Addr {
	b := p.Addr().As4()
	base := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	size := uint32(1) << (32 - p.Bits())
	for range 64 {
		v := base + 1 + rand.Uint32N(size-2)
		a := netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
		if !excluded[a] {
			return a
		}
	}
	v := base + size - 2
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// buildTCP writes an IPv4 header and a 20-byte TCP header into pkt (40
// bytes), checksums included.
func buildTCP(pkt []byte, src, dst netip.Addr, sport, dport uint16, flags byte, seq uint32) {
	s, d := src.As4(), dst.As4()
	clear(pkt)
	pkt[0] = 0x45
	pkt[2], pkt[3] = 0, 40
	id := uint16(rand.Uint32())
	pkt[4], pkt[5] = byte(id>>8), byte(id)
	pkt[8] = 64 // TTL
	pkt[9] = syscall.IPPROTO_TCP
	copy(pkt[12:16], s[:])
	copy(pkt[16:20], d[:])
	cs := checksum(pkt[:20], 0)
	pkt[10], pkt[11] = byte(cs>>8), byte(cs)
	t := pkt[20:]
	t[0], t[1] = byte(sport>>8), byte(sport)
	t[2], t[3] = byte(dport>>8), byte(dport)
	t[4], t[5], t[6], t[7] = byte(seq>>24), byte(seq>>16), byte(seq>>8), byte(seq)
	if flags&0x10 != 0 {
		ack := rand.Uint32()
		t[8], t[9], t[10], t[11] = byte(ack>>24), byte(ack>>16), byte(ack>>8), byte(ack)
	}
	t[12] = 5 << 4
	t[13] = flags
	t[14], t[15] = 0xfa, 0xf0 // window 64240
	// Pseudo-header: source, destination, protocol, TCP length.
	var sum uint32
	for i := 0; i < 4; i += 2 {
		sum += uint32(s[i])<<8 | uint32(s[i+1])
		sum += uint32(d[i])<<8 | uint32(d[i+1])
	}
	sum += syscall.IPPROTO_TCP + 20
	cs = checksum(t, sum)
	t[16], t[17] = byte(cs>>8), byte(cs)
}

// checksum is the Internet checksum of b, starting from sum.
func checksum(b []byte, sum uint32) uint16 {
	for i := 0; i+1 < len(b); i += 2 {
		sum += uint32(b[i])<<8 | uint32(b[i+1])
	}
	if len(b)%2 == 1 {
		sum += uint32(b[len(b)-1]) << 8
	}
	for sum > 0xffff {
		sum = sum>>16 + sum&0xffff
	}
	return ^uint16(sum)
}

// arp broadcasts Count ARP replies on eth0 that claim Src for this
// guest's MAC (ARP spoofing), 200 ms apart.
func (g *gen) arp(ctx context.Context, out io.Writer) (*genResult, error) {
	ifc, err := net.InterfaceByName("eth0")
	if err != nil {
		return nil, err
	}
	if len(ifc.HardwareAddr) != 6 {
		return nil, fmt.Errorf("eth0 has no Ethernet address")
	}
	s, err := openARP(ifc.Index)
	if err != nil {
		return nil, fmt.Errorf("packet socket: %w (needs root inside the namespace)", err)
	}
	defer s.Close()
	ip := g.src.As4()
	frame := make([]byte, 42)
	copy(frame[0:6], []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	copy(frame[6:12], ifc.HardwareAddr)
	frame[12], frame[13] = 0x08, 0x06
	a := frame[14:]
	a[0], a[1] = 0, 1 // Ethernet
	a[2], a[3] = 0x08, 0x00
	a[4], a[5] = 6, 4
	a[6], a[7] = 0, 2 // reply
	copy(a[8:14], ifc.HardwareAddr)
	copy(a[14:18], ip[:])
	copy(a[18:24], []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	copy(a[24:28], ip[:])
	var res genResult
	count := min(max(1, g.Count), 100)
	for i := range count {
		if i > 0 {
			select {
			case <-ctx.Done():
				return &res, ctx.Err()
			case <-time.After(200 * time.Millisecond):
			}
		}
		if err := s.Send(frame); err != nil {
			return &res, err
		}
		res.Sent++
	}
	fmt.Fprintf(out, "ARP: %d replies claiming %s is at %s\n", res.Sent, g.src, ifc.HardwareAddr)
	return &res, nil
}

// beacon connects Count times, Interval apart with ±5 % jitter, and sends
// the same small request each time.
func (g *gen) beacon(ctx context.Context, out io.Writer) (*genResult, error) {
	dst := netip.AddrPortFrom(g.targets[0], uint16(g.PortLo))
	d := net.Dialer{Timeout: durOr(g.Timeout, 2*time.Second)}
	count := min(max(1, g.Count), 10000)
	var res genResult
	answered := 0
	start := time.Now()
	next := start
	for i := range count {
		if i > 0 {
			// On a schedule: slow connections do not push it back.
			next = next.Add(time.Duration(float64(g.Interval) * (1 + beaconJitter*(2*rand.Float64()-1))))
			if g.Duration > 0 && next.Sub(start) > g.Duration+g.Interval {
				break
			}
			select {
			case <-ctx.Done():
				fmt.Fprintf(out, "beacon: stopped after %d connections\n", res.Sent)
				return &res, nil
			case <-time.After(time.Until(next)):
			}
		}
		res.Sent++
		c, err := d.DialContext(ctx, "tcp", dst.String())
		if err != nil {
			if errors.Is(err, syscall.ECONNREFUSED) {
				res.Refused++
			} else {
				res.Failed++
			}
			continue
		}
		answered++
		c.SetDeadline(time.Now().Add(d.Timeout))
		fmt.Fprintf(c, "GET /?id=%08x HTTP/1.0\r\nHost: %s\r\nUser-Agent: Mozilla/5.0 (compatible; updater/1.0)\r\n\r\n", rand.Uint32(), dst.Addr())
		io.Copy(io.Discard, io.LimitReader(c, 64<<10))
		c.Close()
	}
	if answered > 0 {
		res.Answered = []string{dst.Addr().String()}
	}
	fmt.Fprintf(out, "beacon: %d connections to %s over %s, %d answered, %d refused, %d unanswered\n",
		res.Sent, dst, time.Since(start).Round(time.Second), answered, res.Refused, res.Failed)
	return &res, nil
}

func durOr(v, def time.Duration) time.Duration {
	if v <= 0 {
		return def
	}
	return v
}
