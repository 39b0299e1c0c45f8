package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// complianceDay is the day the compliance tests run on.
func complianceDay() time.Time { return time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC) }

// complianceReq is the requirements file most cases check against.
const complianceReq = `version: 1
kernel: 6.1.0-28-amd64
qemu: "1:7.2+dfsg-7+deb12u6"
libvirt: "9.0.0-4+deb12u2"
max_patch_age_days: 30
`

// compliantPatch is a patch state that meets complianceReq on complianceDay.
const compliantPatch = `kernel_installed: 6.1.0-28-amd64, kernel_running: 6.1.0-28-amd64,
qemu: "1:7.2+dfsg-7+deb12u6", libvirt: "9.0.0-4+deb12u2", last_patched: 2026-11-10`

// complianceHost is an inventory of one host, hv-1, with the given patch keys
// (the inside of a YAML flow mapping).
func complianceHost(t *testing.T, patch string) *Inventory {
	t.Helper()
	inv, err := ParseInventory([]byte("version: 1\nhosts:\n  - {name: hv-1, cpus: 8, memory_mib: 16384, patch: {" + patch + "}}\n"))
	if err != nil {
		t.Fatalf("ParseInventory: %v", err)
	}
	return inv
}

// mustRequirements parses a requirements file; "" is no requirements (nil).
func mustRequirements(t *testing.T, data string) *Requirements {
	t.Helper()
	if data == "" {
		return nil
	}
	req, err := ParseRequirements([]byte(data))
	if err != nil {
		t.Fatalf("ParseRequirements: %v", err)
	}
	return req
}

func TestComplianceFindings(t *testing.T) {
	finding := func(kind FindingKind, component, have, want string) Finding {
		return Finding{Kind: kind, Host: "hv-1", Component: component, Have: have, Want: want}
	}
	for _, c := range []struct {
		name  string
		patch string
		req   string // "" for none
		want  []Finding
	}{
		{"up to date", compliantPatch, complianceReq, nil},
		{"ahead", `kernel_installed: 6.1.0-30-amd64, kernel_running: 6.1.0-30-amd64,
			qemu: "1:8.2.1+ds-1~bpo12+1", libvirt: "10.0.0-2~bpo12+1", last_patched: 2026-11-20`,
			complianceReq, nil},
		{"up to date without requirements", compliantPatch, "", nil},
		{"nothing reported, nothing required", "", "", nil},
		{"nothing reported, only version required", "", "version: 1\n", nil},

		// Kernels.
		{"kernel behind, running and installed", strings.NewReplacer("28", "26").Replace(compliantPatch), complianceReq, []Finding{
			finding(FindingKernelBehind, "kernel_installed", "6.1.0-26-amd64", "6.1.0-28-amd64"),
			finding(FindingRunningKernelBehind, "kernel_running", "6.1.0-26-amd64", "6.1.0-28-amd64"),
		}},
		{"kernel behind, running a newer one", strings.Replace(compliantPatch, "kernel_installed: 6.1.0-28", "kernel_installed: 6.1.0-9", 1),
			complianceReq, []Finding{
				finding(FindingKernelBehind, "kernel_installed", "6.1.0-9-amd64", "6.1.0-28-amd64"),
			}},
		{"running kernel behind the installed one", strings.Replace(compliantPatch, "kernel_running: 6.1.0-28", "kernel_running: 6.1.0-25", 1),
			complianceReq, []Finding{
				finding(FindingRunningKernelBehind, "kernel_running", "6.1.0-25-amd64", "6.1.0-28-amd64"),
				finding(FindingKernelNotRunning, "kernel_running", "6.1.0-25-amd64", "6.1.0-28-amd64"),
			}},
		{"kernel not running, no requirements", strings.Replace(compliantPatch, "kernel_running: 6.1.0-28", "kernel_running: 6.1.0-25", 1),
			"", []Finding{
				finding(FindingKernelNotRunning, "kernel_running", "6.1.0-25-amd64", "6.1.0-28-amd64"),
			}},
		{"kernel not running, both behind", "kernel_installed: 6.1.0-26-amd64, kernel_running: 6.1.0-25-amd64",
			"version: 1\nkernel: 6.1.0-28-amd64\n", []Finding{
				finding(FindingKernelBehind, "kernel_installed", "6.1.0-26-amd64", "6.1.0-28-amd64"),
				finding(FindingRunningKernelBehind, "kernel_running", "6.1.0-25-amd64", "6.1.0-28-amd64"),
				finding(FindingKernelNotRunning, "kernel_running", "6.1.0-25-amd64", "6.1.0-26-amd64"),
			}},
		{"kernel required, not reported", "kernel_running: 6.1.0-28-amd64", "version: 1\nkernel: 6.1.0-28-amd64\n", []Finding{
			finding(FindingUnknownVersion, "kernel_installed", "", "6.1.0-28-amd64"),
		}},
		{"kernel running not reported", "kernel_installed: 6.1.0-28-amd64", "version: 1\nkernel: 6.1.0-28-amd64\n", []Finding{
			finding(FindingUnknownVersion, "kernel_running", "", "6.1.0-28-amd64"),
		}},

		// QEMU and libvirt.
		{"qemu behind", strings.Replace(compliantPatch, "deb12u6", "deb12u5", 1), complianceReq, []Finding{
			finding(FindingQEMUBehind, "qemu", "1:7.2+dfsg-7+deb12u5", "1:7.2+dfsg-7+deb12u6"),
		}},
		{"qemu behind, no epoch", strings.Replace(compliantPatch, "1:7.2+dfsg-7+deb12u6", "7.2+dfsg-7+deb12u18", 1), complianceReq, []Finding{
			finding(FindingQEMUBehind, "qemu", "7.2+dfsg-7+deb12u18", "1:7.2+dfsg-7+deb12u6"),
		}},
		{"qemu ahead, u18 after u6", strings.Replace(compliantPatch, "deb12u6", "deb12u18", 1), complianceReq, nil},
		{"qemu required, not reported", "kernel_installed: 6.1.0-28-amd64", `{version: 1, qemu: "1:7.2+dfsg-7+deb12u6"}`, []Finding{
			finding(FindingUnknownVersion, "qemu", "", "1:7.2+dfsg-7+deb12u6"),
		}},
		{"qemu not reported, not required", "libvirt: 9.0.0-4+deb12u2", `{version: 1, libvirt: "9.0.0-4+deb12u2"}`, nil},
		{"libvirt behind, no stable update", strings.Replace(compliantPatch, "9.0.0-4+deb12u2", "9.0.0-4", 1), complianceReq, []Finding{
			finding(FindingLibvirtBehind, "libvirt", "9.0.0-4", "9.0.0-4+deb12u2"),
		}},
		{"libvirt behind, older stable update", strings.Replace(compliantPatch, "9.0.0-4+deb12u2", "9.0.0-4+deb12u1", 1), complianceReq, []Finding{
			finding(FindingLibvirtBehind, "libvirt", "9.0.0-4+deb12u1", "9.0.0-4+deb12u2"),
		}},
		{"libvirt required, not reported", "qemu: 1:7.2+dfsg-7+deb12u6", `{version: 1, libvirt: "9.0.0-4+deb12u2"}`, []Finding{
			finding(FindingUnknownVersion, "libvirt", "", "9.0.0-4+deb12u2"),
		}},

		// Reboots.
		{"reboot required", compliantPatch + ", reboot_required: true", complianceReq, []Finding{
			finding(FindingRebootRequired, "reboot_required", "true", "false"),
		}},
		{"reboot required, no requirements", "reboot_required: true", "", []Finding{
			finding(FindingRebootRequired, "reboot_required", "true", "false"),
		}},
		{"reboot not required", compliantPatch + ", reboot_required: false", complianceReq, nil},

		// Patch age: 30 days allowed, so 2026-10-21 is the oldest date.
		{"patched 31 days ago", strings.Replace(compliantPatch, "2026-11-10", "2026-10-20", 1), complianceReq, []Finding{
			{Kind: FindingPatchAge, Host: "hv-1", Component: "last_patched", Have: "2026-10-20", Want: "2026-10-21", Days: 31},
		}},
		{"patched 30 days ago", strings.Replace(compliantPatch, "2026-11-10", "2026-10-21", 1), complianceReq, nil},
		{"patched in the future", strings.Replace(compliantPatch, "2026-11-10", "2026-12-01", 1), complianceReq, nil},
		{"patched long ago, no limit", "last_patched: 2020-01-01", "version: 1\nmax_patch_age_days: 0\n", nil},
		{"patched long ago, no requirements", "last_patched: 2020-01-01", "", nil},
		{"patch date not reported", "kernel_installed: 6.1.0-28-amd64", "version: 1\nmax_patch_age_days: 7\n", []Finding{
			finding(FindingUnknownVersion, "last_patched", "", "2026-11-13"),
		}},

		// Everything at once, in the order of FindingKinds.
		{"nothing reported", "", complianceReq, []Finding{
			finding(FindingUnknownVersion, "kernel_installed", "", "6.1.0-28-amd64"),
			finding(FindingUnknownVersion, "kernel_running", "", "6.1.0-28-amd64"),
			finding(FindingUnknownVersion, "qemu", "", "1:7.2+dfsg-7+deb12u6"),
			finding(FindingUnknownVersion, "libvirt", "", "9.0.0-4+deb12u2"),
			finding(FindingUnknownVersion, "last_patched", "", "2026-10-21"),
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := Compliance(complianceHost(t, c.patch), mustRequirements(t, c.req), complianceDay())
			if len(rep.Hosts) != 1 {
				t.Fatalf("got %d rows, want 1", len(rep.Hosts))
			}
			row := rep.Hosts[0]
			want := c.want
			if want == nil {
				want = []Finding{}
			}
			if diff := cmp.Diff(row.Findings, want); diff != "" {
				t.Errorf("findings (-got +want):\n%s", diff)
			}
			if row.Compliant != (len(c.want) == 0) {
				t.Errorf("compliant = %v with %d findings", row.Compliant, len(c.want))
			}
		})
	}
}

func TestComplianceReport(t *testing.T) {
	inv, err := ParseInventory([]byte(`version: 1
hosts:
  - {name: hv-b, cpus: 8, memory_mib: 16384, patch: {kernel_installed: 6.1.0-28-amd64, kernel_running: 6.1.0-25-amd64, reboot_required: true, last_patched: 2026-11-19}}
  - {name: hv-a, cpus: 8, memory_mib: 16384, patch: {kernel_installed: 6.1.0-28-amd64, kernel_running: 6.1.0-28-amd64, last_patched: 2026-11-20}}
  - {name: hv-c, cpus: 8, memory_mib: 16384, patch: {reboot_required: true}}
`))
	if err != nil {
		t.Fatal(err)
	}
	req := mustRequirements(t, "version: 1\nkernel: 6.1.0-28-amd64\n")
	// 01:00 in Athens is still the 20th in UTC: the day is the one of
	// the location now is given in.
	now := time.Date(2026, 11, 21, 1, 0, 0, 0, time.FixedZone("EET", 2*60*60))
	rep := Compliance(inv, req, now)

	one, two := 1, 2
	want := &ComplianceReport{
		Date:         "2026-11-21",
		Requirements: &Requirements{Version: 1, Kernel: "6.1.0-28-amd64"},
		Summary: ComplianceSummary{Hosts: 3, Compliant: 1, Behind: 2, HostsByKind: map[FindingKind]int{
			FindingKernelBehind: 0, FindingRunningKernelBehind: 1, FindingKernelNotRunning: 1, FindingQEMUBehind: 0,
			FindingLibvirtBehind: 0, FindingRebootRequired: 2, FindingPatchAge: 0, FindingUnknownVersion: 1,
		}},
		Hosts: []HostCompliance{
			{Host: "hv-b", KernelRunning: "6.1.0-25-amd64", KernelInstalled: "6.1.0-28-amd64", RebootRequired: true,
				LastPatched: "2026-11-19", DaysSincePatched: &two, Findings: []Finding{
					{Kind: FindingRunningKernelBehind, Host: "hv-b", Component: "kernel_running", Have: "6.1.0-25-amd64", Want: "6.1.0-28-amd64"},
					{Kind: FindingKernelNotRunning, Host: "hv-b", Component: "kernel_running", Have: "6.1.0-25-amd64", Want: "6.1.0-28-amd64"},
					{Kind: FindingRebootRequired, Host: "hv-b", Component: "reboot_required", Have: "true", Want: "false"},
				}},
			{Host: "hv-a", KernelRunning: "6.1.0-28-amd64", KernelInstalled: "6.1.0-28-amd64",
				LastPatched: "2026-11-20", DaysSincePatched: &one, Compliant: true, Findings: []Finding{}},
			{Host: "hv-c", RebootRequired: true, Findings: []Finding{
				{Kind: FindingUnknownVersion, Host: "hv-c", Component: "kernel_installed", Want: "6.1.0-28-amd64"},
				{Kind: FindingUnknownVersion, Host: "hv-c", Component: "kernel_running", Want: "6.1.0-28-amd64"},
				{Kind: FindingRebootRequired, Host: "hv-c", Component: "reboot_required", Have: "true", Want: "false"},
			}},
		},
	}
	if diff := cmp.Diff(rep, want); diff != "" {
		t.Errorf("Compliance (-got +want):\n%s", diff)
	}
	if rep.Requirements == req {
		t.Errorf("the report shares the caller's requirements; want a copy")
	}
}

func TestComplianceSummaryLine(t *testing.T) {
	for _, c := range []struct {
		name string
		s    ComplianceSummary
		want string
	}{
		{"one host", ComplianceSummary{Hosts: 1, Compliant: 1}, "1 host: 1 compliant, 0 behind"},
		{"all compliant", ComplianceSummary{Hosts: 5, Compliant: 5, HostsByKind: map[FindingKind]int{FindingPatchAge: 0}},
			"5 hosts: 5 compliant, 0 behind"},
		{"most common first, ties in kind order", ComplianceSummary{Hosts: 12, Compliant: 3, Behind: 9, HostsByKind: map[FindingKind]int{
			FindingUnknownVersion: 1, FindingRebootRequired: 6, FindingKernelNotRunning: 7, FindingKernelBehind: 1, FindingQEMUBehind: 0,
		}}, "12 hosts: 3 compliant, 9 behind (kernel-not-running 7, reboot-required 6, kernel-behind 1, unknown-version 1)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.s.line(), c.want); diff != "" {
				t.Errorf("line (-got +want):\n%s", diff)
			}
		})
	}
}

func TestParseRequirements(t *testing.T) {
	for _, c := range []struct {
		name, data string
		want       *Requirements
	}{
		{"full", complianceReq, &Requirements{Version: 1, Kernel: "6.1.0-28-amd64",
			QEMU: "1:7.2+dfsg-7+deb12u6", Libvirt: "9.0.0-4+deb12u2", MaxPatchAgeDays: 30}},
		{"only the version", "version: 1\n", &Requirements{Version: 1}},
		{"empty values", "version: 1\nkernel:\nqemu: \"\"\n", &Requirements{Version: 1}},
		{"json", `{"version": 1, "libvirt": "9.0.0-4+deb12u2", "max_patch_age_days": 14}`,
			&Requirements{Version: 1, Libvirt: "9.0.0-4+deb12u2", MaxPatchAgeDays: 14}},
		{"numbers as versions", "version: 1\nlibvirt: 9\nqemu: 8.2\n", &Requirements{Version: 1, Libvirt: "9", QEMU: "8.2"}},
		{"unquoted epoch", "version: 1\nqemu: 1:7.2+dfsg-7+deb12u6\n", &Requirements{Version: 1, QEMU: "1:7.2+dfsg-7+deb12u6"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseRequirements([]byte(c.data))
			if err != nil {
				t.Fatalf("ParseRequirements: %v", err)
			}
			if diff := cmp.Diff(got, c.want); diff != "" {
				t.Errorf("ParseRequirements (-got +want):\n%s", diff)
			}
		})
	}
}

func TestParseRequirementsErrors(t *testing.T) {
	for _, c := range []struct {
		name, data, want string
	}{
		{"empty", "", "empty requirements"},
		{"comments only", "# nothing\n", "empty requirements"},
		{"unknown key", "version: 1\nkernel: 6.1.0-28-amd64\nkernal: 6.1.0-28-amd64\n",
			"3: field kernal is not a key of a requirements file"},
		{"junk kernel", "version: 1\n\nkernel: linux-6.1\n",
			`3: kernel: version "linux-6.1": upstream version "linux" does not start with a digit`},
		{"space in qemu", "version: 1\nqemu: \"1:7.2 dfsg\"\n",
			`2: qemu: version "1:7.2 dfsg": contains a space`},
		{"junk epoch", "version: 1\nkernel: 6.1.0-28-amd64\nlibvirt: \"x:9.0.0\"\n",
			`3: libvirt: version "x:9.0.0": epoch "x" is not a number`},
		{"negative max age", "version: 1\nkernel: 6.1.0-28-amd64\nqemu: \"1:7.2\"\nmax_patch_age_days: -1\n",
			"4: max_patch_age_days: must be 0 or more, got -1"},
		{"max age not a number", "version: 1\nmax_patch_age_days: thirty\n",
			"2: `thirty` is not a whole number"},
		{"max age not whole", "version: 1\nmax_patch_age_days: 1.5\n",
			"2: max_patch_age_days: must be a whole number of days, got 1.5"},
		{"max age a float", "version: 1\nkernel: 6.1.0-28-amd64\nmax_patch_age_days: 30.0\n",
			"3: max_patch_age_days: must be a whole number of days, got 30.0"},
		{"version missing", "kernel: 6.1.0-28-amd64\n", "version: missing (want version: 1)"},
		{"version 2", "# future\nversion: 2\n", "2: version: 2 is not supported (want version: 1)"},
		{"repeated key", "version: 1\nqemu: \"1:7.2\"\nqemu: \"1:8.0\"\n",
			`3: mapping key "qemu" already defined at line 2`},
		{"not a mapping", "- version: 1\n", "1: a list is not a mapping"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseRequirements([]byte(c.data))
			if err == nil {
				t.Fatalf("ParseRequirements succeeded, want %q", c.want)
			}
			if diff := cmp.Diff(err.Error(), c.want); diff != "" {
				t.Errorf("error (-got +want):\n%s", diff)
			}
		})
	}
}

func TestLoadRequirements(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	for path, data := range map[string]string{good: complianceReq, bad: "version: 1\nkernel: \"6.1 rc\"\n"} {
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if req, err := LoadRequirements(good); err != nil || req.Kernel != "6.1.0-28-amd64" {
		t.Errorf("LoadRequirements(good) = %+v, %v", req, err)
	}
	want := bad + `:2: kernel: version "6.1 rc": contains a space`
	if _, err := LoadRequirements(bad); err == nil || err.Error() != want {
		t.Errorf("LoadRequirements(bad) = %v, want %s", err, want)
	}
	if _, err := LoadRequirements(filepath.Join(dir, "missing.yaml")); !os.IsNotExist(err) {
		t.Errorf("LoadRequirements(missing) = %v, want a not-exist error", err)
	}
}

// TestComplianceGolden checks the report on a small fleet, as JSON and as
// a table, against testdata/compliance/report.golden.*; -update rewrites
// them.
func TestComplianceGolden(t *testing.T) {
	dir := filepath.Join("testdata", "compliance")
	inv, err := LoadInventory(filepath.Join(dir, "fleet.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	req, err := LoadRequirements(filepath.Join(dir, "required.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rep := Compliance(inv, req, complianceDay())

	js, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err := rep.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join(dir, "report.golden.json"), append(js, '\n'))
	golden(t, filepath.Join(dir, "report.golden.txt"), table.Bytes())
}

// FuzzParseRequirements: any bytes give a requirements file or an
// *InventoryError, never a panic, and what parses validates again.
func FuzzParseRequirements(f *testing.F) {
	f.Add([]byte(complianceReq))
	f.Add([]byte("version: 1\nkernel: \"\"\n"))
	f.Add([]byte("version: 1\nqemu: 1:x\nmax_patch_age_days: -1\n"))
	f.Add([]byte("[1, 2]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := ParseRequirements(data)
		if err != nil {
			var ie *InventoryError
			if !errors.As(err, &ie) {
				t.Fatalf("error %q is a %T, want *InventoryError", err, err)
			}
			return
		}
		if err := req.Validate(); err != nil {
			t.Fatalf("parsed requirements do not validate: %v", err)
		}
	})
}
