package main

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/crosstalk-dev/crosstalk/"

// allowed lists, for each layer of DESIGN.md section 3, the packages of
// ours it may import (prefixes). Dependencies point down the data flow:
// flow imports nothing of ours; decode, flowtable and detect know nothing
// of datapaths, storage or HTTP; only agent, server and cmd assemble.
var allowed = map[string][]string{
	"flow":              {},
	"decode":            {"flow"},
	"datapath/pcapfile": {"flow"},
	"datapath/afpacket": {"flow"},
	"datapath/ebpf":     {"flow"},
	"lab":               {"flow", "inventory", "lab", "resource"},
	"flowtable":         {"flow"},
	"alert":             {"flow", "alert"},
	"inventory":         {"flow", "inventory"},
	"detect":            {"flow", "flowtable", "alert", "detect"},
	"store":             {"flow", "alert", "inventory"},
	"api":               {"flow", "alert", "inventory", "store", "plan", "resource"},
	"web":               {},
	"agent":             {"flow", "flowtable", "alert", "detect", "decode", "inventory", "datapath", "store", "api", "web", "policy", "resource", "fleet"},
	"bench":             {"flow", "flowtable", "alert", "detect", "decode", "inventory", "datapath", "agent", "plan", "bench", "api", "store", "web", "fleet", "resource"},
	"plan":              {"plan"},
	"fleet":             {"plan", "fleet", "flow", "alert", "inventory", "store", "resource"},
	"server":            {"flow", "alert", "inventory", "store", "api", "web", "fleet", "plan", "resource"},
	"policy":            {"flow", "inventory", "policy"},
	"resource":          {},
	"cmd":               {""},
}

func TestLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "../../...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], module)
		rules, ok := rulesFor(pkg)
		if !ok {
			t.Errorf("package %s has no layer rule: add it to allowed", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			dep := strings.TrimPrefix(imp, module)
			if !permitted(dep, rules) {
				t.Errorf("%s imports %s: not allowed by the layering of DESIGN.md", pkg, dep)
			}
		}
	}
}

func rulesFor(pkg string) ([]string, bool) {
	best, found := "", false
	for layer := range allowed {
		if (pkg == layer || strings.HasPrefix(pkg, layer+"/")) && len(layer) >= len(best) {
			best, found = layer, true
		}
	}
	return allowed[best], found
}

func permitted(dep string, rules []string) bool {
	for _, r := range rules {
		if r == "" || dep == r || strings.HasPrefix(dep, r+"/") {
			return true
		}
	}
	return false
}
