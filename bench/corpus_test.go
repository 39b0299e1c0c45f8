package bench

import (
	"bufio"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/crosstalk-dev/crosstalk/agent"
	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/datapath/pcapfile"
	"github.com/crosstalk-dev/crosstalk/decode"
)

// corpusDir finds the public capture corpus: $CROSSTALK_CORPUS, else
// ../shared/data/pcaps/public beside the repository.
func corpusDir() string {
	if d := os.Getenv("CROSSTALK_CORPUS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "data", "pcaps", "public")
}

// expectation is one row of MANIFEST.md.
type expectation struct {
	file     string
	kinds    []string // any of these must be raised; empty: no requirement
	none     bool     // no alert at all
	blame    string   // IP that must be named
	victim   bool     // blame is the target, not the source
	anyBlame bool     // "the ARP sender": any source will do
}

var knownKinds = []string{"portscan", "sweep", "worm", "synflood", "udpflood", "bandwidth", "spoof", "new-edge", "beacon"}

// parseManifest reads the table of MANIFEST.md: | file | what | expect | blame |.
func parseManifest(path string) ([]expectation, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ipRe := regexp.MustCompile(`\d+\.\d+\.\d+\.\d+`)
	var out []expectation
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "|")
		if len(cols) != 6 || !strings.Contains(cols[1], ".pcap") {
			continue
		}
		e := expectation{file: strings.TrimSpace(cols[1])}
		expect, blame := strings.TrimSpace(cols[3]), strings.TrimSpace(cols[4])
		switch {
		case expect == "none":
			e.none = true
		case strings.HasPrefix(expect, "("):
			// not a required kind
		default:
			for _, k := range knownKinds {
				if regexp.MustCompile(`\b` + regexp.QuoteMeta(k) + `\b`).MatchString(expect) {
					e.kinds = append(e.kinds, k)
				}
			}
		}
		e.blame = ipRe.FindString(blame)
		e.victim = strings.HasPrefix(blame, "victim")
		e.anyBlame = e.blame == "" && blame != "-" && blame != ""
		out = append(out, e)
	}
	return out, sc.Err()
}

type sink struct{ alerts []alert.Alert }

func (s *sink) Open(*alert.Alert)    {}
func (s *sink) Close(a *alert.Alert) { s.alerts = append(s.alerts, *a) }

// replayFile runs one capture through the full pipeline with defaults.
func replayFile(path string) ([]alert.Alert, agent.PipelineStats, error) {
	s := &sink{}
	p := agent.NewPipeline(agent.DefaultConfig(), nil, s, nil)
	r, err := pcapfile.Open(path)
	if err != nil {
		return nil, agent.PipelineStats{}, err
	}
	defer r.Close()
	var rec pcapfile.Record
	for {
		if err := r.Next(&rec); err != nil {
			break
		}
		p.Frame(rec.Time, rec.Data, decode.LinkType(rec.LinkType))
	}
	p.Close()
	return s.alerts, p.Stats(), nil
}

// result is the evaluation of one capture.
type result struct {
	e       expectation
	found   bool // an expected kind was raised
	named   bool // and it named the culprit
	extra   []string
	pass    bool
	alerts  int
	packets uint64
}

func evaluate(e expectation, alerts []alert.Alert) result {
	r := result{e: e, alerts: len(alerts)}
	for _, a := range alerts {
		if !slices.Contains(e.kinds, a.Kind) {
			r.extra = append(r.extra, a.Kind)
			continue
		}
		r.found = true
		var ip string
		if e.victim && a.Dst != nil {
			ip = a.Dst.IP
		} else if !e.victim && a.Src != nil {
			ip = a.Src.IP
		}
		if e.anyBlame || (ip != "" && sameIP(ip, e.blame)) {
			r.named = true
			continue
		}
		// The expected kind, but blaming someone else: an extra alert too.
		r.extra = append(r.extra, a.Kind+"("+ip+")")
	}
	switch {
	case e.none:
		r.pass = len(alerts) == 0
	case len(e.kinds) == 0:
		r.pass = true // nothing required; extras are reported
	default:
		r.pass = r.found && r.named
	}
	return r
}

func sameIP(a, b string) bool {
	x, err1 := netip.ParseAddr(a)
	y, err2 := netip.ParseAddr(b)
	return err1 == nil && err2 == nil && x == y
}

// disagreements are captures where the manifest's expectation does not
// match what the capture holds, each with the reason; docs/EVALUATION.md
// explains them. They are reported, not hidden: the table shows them.
var disagreements = map[string]string{
	"zk_nmap-vsn.pcap": "holds only nmap's host discovery (ARP sweep of 252 hosts, TCP 80/443 to 8 hosts, at most 2 ports per host): a sweep, which is raised and names 192.168.1.71; the version scan itself is not in the capture",
}

// TestCorpus measures the detectors on the public capture corpus: for each
// capture, the expected kinds found, the culprit named, extra alerts.
func TestCorpus(t *testing.T) {
	dir := corpusDir()
	exps, err := parseManifest(filepath.Join(dir, "MANIFEST.md"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("public corpus not found in CI: %v", err)
		}
		t.Skipf("public corpus not found (%v): set CROSSTALK_CORPUS", err)
	}
	if len(exps) < 20 {
		t.Fatalf("only %d rows parsed from the manifest", len(exps))
	}
	var rows []string
	failed := 0
	for _, e := range exps {
		alerts, st, err := replayFile(filepath.Join(dir, e.file))
		if err != nil {
			t.Errorf("%s: %v", e.file, err)
			continue
		}
		r := evaluate(e, alerts)
		r.packets = st.Frames
		verdict := "ok"
		if !r.pass {
			if why, ok := disagreements[e.file]; ok {
				verdict = "disagree"
				t.Logf("%s: manifest disagreement: %s", e.file, why)
			} else {
				verdict = "FAIL"
				failed++
				t.Errorf("%s: want %v blaming %q; got %v", e.file, e.kinds, e.blame, kinds(alerts))
			}
		}
		want := strings.Join(e.kinds, " or ")
		if e.none {
			want = "none"
		} else if want == "" {
			want = "-"
		}
		rows = append(rows, fmt.Sprintf("| %-36s | %7d | %-18s | %-5s | %-5s | %-30s | %-8s |",
			e.file, r.packets, want, yes(r.found || e.none && r.alerts == 0), yes(r.named || e.none || len(e.kinds) == 0), strings.Join(compact(r.extra), ","), verdict))
	}
	t.Logf("\n| %-36s | %7s | %-18s | %-5s | %-5s | %-30s | %-8s |\n%s", "capture", "packets", "expected", "found", "named", "extra alerts", "verdict", strings.Join(rows, "\n"))
	if failed > 0 {
		t.Errorf("%d captures failed", failed)
	}
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func kinds(as []alert.Alert) []string {
	var out []string
	for _, a := range as {
		s := a.Kind
		if a.Src != nil {
			s += " " + a.Src.IP
		}
		if a.Dst != nil {
			s += "->" + a.Dst.IP
		}
		out = append(out, s)
	}
	return out
}

// compact turns [a a b] into [a×2 b].
func compact(ks []string) []string {
	var out []string
	for i := 0; i < len(ks); {
		j := i
		for j < len(ks) && ks[j] == ks[i] {
			j++
		}
		if j-i > 1 {
			out = append(out, fmt.Sprintf("%s×%d", ks[i], j-i))
		} else {
			out = append(out, ks[i])
		}
		i = j
	}
	return out
}
