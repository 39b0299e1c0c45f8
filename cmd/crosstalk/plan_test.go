package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosstalk-dev/crosstalk/plan"
)

const shopFleet = "../../plan/testdata/plan/shop.yaml"

func TestPlanCapacityJSON(t *testing.T) {
	code, out, errOut := runCmd("plan", "capacity", "--inventory", shopFleet, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r plan.CapacityReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not a capacity report: %v\n%s", err, out)
	}
	if r.Hosts != 6 || r.Tolerates != 2 || !r.Exact || !r.MeetsTarget || r.Worst == nil || r.Counter == nil {
		t.Errorf("report %+v", r)
	}
	// A target the fleet misses is an answer, not an error.
	code, out, errOut = runCmd("plan", "capacity", "--inventory", shopFleet, "--failures", "3", "--format", "table")
	if code != exitOK || !strings.Contains(out, "target N+3 NOT met") || !strings.Contains(out, "headroom: add 1 hosts") {
		t.Errorf("exit %d, stdout:\n%s\nstderr: %s", code, out, errOut)
	}
}

// TestPlanMaintenanceAndCheck: a plan written with --out passes plan
// check; the same plan with a migration sent into a host under
// maintenance fails it with exit 1 and names the step.
func TestPlanMaintenanceAndCheck(t *testing.T) {
	dir := t.TempDir()
	planFile := filepath.Join(dir, "plan.json")
	code, out, errOut := runCmd("plan", "maintenance", "--inventory", shopFleet, "--out", planFile, "--format", "table")
	if code != exitOK || !strings.Contains(out, "6 hosts in 6 steps") {
		t.Fatalf("exit %d, stdout:\n%s\nstderr: %s", code, out, errOut)
	}
	code, out, errOut = runCmd("plan", "check", "--inventory", shopFleet, planFile, "--format", "json")
	if code != exitOK || !strings.Contains(out, `"ok": true`) {
		t.Fatalf("check: exit %d, stdout:\n%s\nstderr: %s", code, out, errOut)
	}
	p, err := plan.LoadPlan(planFile)
	if err != nil {
		t.Fatal(err)
	}
	for i := range p.Steps {
		if len(p.Steps[i].Migrations) > 0 {
			p.Steps[i].Migrations[0].To = p.Steps[i].Hosts[0]
			break
		}
	}
	data, _ := json.Marshal(p)
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCmd("plan", "check", "--inventory", shopFleet, bad, "--format", "table")
	if code != exitFail || !strings.Contains(out, "into-maintenance") || !strings.Contains(out, "step 2:") {
		t.Errorf("tampered plan: exit %d, stdout:\n%s", code, out)
	}
}

func TestPlanCompliance(t *testing.T) {
	req := filepath.Join(t.TempDir(), "required.yaml")
	if err := os.WriteFile(req, []byte("version: 1\nkernel: 6.1.0-28-amd64\nmax_patch_age_days: 30\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd("plan", "compliance", "--inventory", shopFleet, "--required", req, "--date", "2026-12-01", "--format", "table")
	if code != exitOK || !strings.Contains(out, "kernel-not-running") || !strings.Contains(out, "hv-a3") {
		t.Errorf("exit %d, stdout:\n%s\nstderr: %s", code, out, errOut)
	}
}

// TestPlanBadInput: bad arguments and bad files exit 2 with a message
// naming the file, line and entry; a fleet below its target is refused
// with exit 1.
func TestPlanBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	unknownHost := write("unknown-host.yaml", "version: 1\nhosts:\n  - {name: a, cpus: 4, memory_mib: 4096}\nguests:\n  - {name: g1, host: b, vcpus: 1, memory_mib: 512}\n")
	negative := write("negative.yaml", "version: 1\nhosts:\n  - {name: a, cpus: -4, memory_mib: 4096}\n")
	huge := write("huge.yaml", "version: 1\nhosts:\n  - {name: a, cpus: 4, memory_mib: 4096}\nguests:\n  - {name: big, host: a, vcpus: 64, memory_mib: 512}\n")
	cycle := write("cycle.yaml", "version: 1\nhosts:\n  - {name: a, cpus: 4, memory_mib: 4096}\n  - {name: b, cpus: 4, memory_mib: 4096}\n"+
		"guests:\n  - {name: g1, host: a, vcpus: 1, memory_mib: 512, affinity: x, anti_affinity: y}\n  - {name: g2, host: a, vcpus: 1, memory_mib: 512, affinity: x, anti_affinity: y}\n")
	below := write("below.yaml", "version: 1\ncluster: {cpu_overcommit: 1.0}\nhosts:\n  - {name: a, cpus: 4, memory_mib: 4096}\n  - {name: b, cpus: 4, memory_mib: 4096}\n"+
		"guests:\n  - {name: g1, host: a, vcpus: 3, memory_mib: 512}\n  - {name: g2, host: b, vcpus: 3, memory_mib: 512}\n")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no subcommand", []string{"plan"}, exitUsage, "usage:"},
		{"unknown subcommand", []string{"plan", "juggle"}, exitUsage, `unknown subcommand "juggle"`},
		{"no inventory", []string{"plan", "capacity"}, exitUsage, "--inventory FILE or --server ADDR is required"},
		{"missing file", []string{"plan", "capacity", "--inventory", filepath.Join(dir, "nope.yaml")}, exitUsage, "no such file"},
		{"bad format", []string{"plan", "capacity", "--inventory", shopFleet, "--format", "xml"}, exitUsage, "--format must be table or json"},
		{"unknown host", []string{"plan", "capacity", "--inventory", unknownHost}, exitUsage, unknownHost + `:5: guest g1: host "b" is not in hosts`},
		{"negative size", []string{"plan", "maintenance", "--inventory", negative}, exitUsage, negative + ":3: host a: cpus must be positive, got -4"},
		{"guest larger than any host", []string{"plan", "capacity", "--inventory", huge}, exitUsage, "guest big: 64 vCPUs and 512 MiB is larger than any host"},
		{"affinity cycle", []string{"plan", "capacity", "--inventory", cycle}, exitUsage, `guest g2: affinity group "x" puts it with g1, anti-affinity group "y" keeps them apart`},
		{"bad option", []string{"plan", "maintenance", "--inventory", shopFleet, "--max-hosts", "0"}, exitUsage, "max hosts at once must be 1 or more"},
		{"unknown scope host", []string{"plan", "maintenance", "--inventory", shopFleet, "--hosts", "hv-z9"}, exitUsage, `host "hv-z9" is not in the inventory`},
		{"below target", []string{"plan", "maintenance", "--inventory", below}, exitFail, "fleet is below its N+k target: it tolerates 0 host failures, the target is 1"},
		{"check without plan", []string{"plan", "check", "--inventory", shopFleet}, exitUsage, "give one plan file"},
		{"check junk plan", []string{"plan", "check", "--inventory", shopFleet, shopFleet}, exitUsage, "not a plan file"},
		{"bad date", []string{"plan", "compliance", "--inventory", shopFleet, "--date", "yesterday"}, exitUsage, `--date "yesterday" is not a date`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := runCmd(c.args...)
			if code != c.code || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, want %d; stderr %q should contain %q", code, c.code, errOut, c.want)
			}
		})
	}
}
