package plan

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"go.yaml.in/yaml/v3"
)

// Requirements is a patch requirements file, version 1: the oldest
// versions a host may run and how long ago it must have been patched.
// Every key but version is optional; an absent one is not checked.
//
//	version: 1
//	kernel: 6.1.0-28-amd64          # minimum installed and running kernel
//	qemu: "1:7.2+dfsg-7+deb12u6"    # minimum
//	libvirt: "9.0.0-4+deb12u2"      # minimum
//	max_patch_age_days: 30          # 0 = no limit
type Requirements struct {
	Version int `yaml:"version" json:"version"`
	// Kernel is the oldest kernel a host may have installed and may run.
	Kernel string `yaml:"kernel,omitempty" json:"kernel,omitempty"`
	// QEMU and Libvirt are the oldest package versions a host may have.
	QEMU    string `yaml:"qemu,omitempty" json:"qemu,omitempty"`
	Libvirt string `yaml:"libvirt,omitempty" json:"libvirt,omitempty"`
	// MaxPatchAgeDays is how many days may pass since a host was last
	// patched; 0 is no limit.
	MaxPatchAgeDays int `yaml:"max_patch_age_days,omitempty" json:"max_patch_age_days,omitempty"`
}

// LoadRequirements reads and validates a requirements file (YAML, or the
// same structure in JSON).
func LoadRequirements(path string) (*Requirements, error) { return loadFile(path, ParseRequirements) }

// ParseRequirements reads and validates a requirements file's contents.
// Unknown keys are errors, and so is a version that dpkg would refuse.
// Faults are *InventoryError values naming the key and its line.
func ParseRequirements(data []byte) (*Requirements, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var req Requirements
	if err := dec.Decode(&req); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &InventoryError{Err: errors.New("empty requirements")}
		}
		return nil, yamlError(err)
	}
	var doc *yaml.Node
	var root yaml.Node
	if yaml.Unmarshal(data, &root) == nil && len(root.Content) > 0 {
		doc = root.Content[0]
	}
	// yaml.v3 truncates 1.5 into an int without a word.
	if v := keyValue(doc, "max_patch_age_days"); v != nil && v.ShortTag() == "!!float" {
		return nil, &InventoryError{Line: v.Line, Entry: "max_patch_age_days",
			Err: fmt.Errorf("must be a whole number of days, got %s", v.Value)}
	}
	if err := req.Validate(); err != nil {
		var ie *InventoryError
		if errors.As(err, &ie) {
			ie.Line = keyLine(doc, ie.Entry)
		}
		return nil, err
	}
	return &req, nil
}

// Validate checks the file version, each version given and the patch
// age. The first fault found is returned, naming its key as the Entry.
func (req *Requirements) Validate() error {
	switch req.Version {
	case 1:
	case 0:
		return &InventoryError{Entry: "version", Err: errors.New("missing (want version: 1)")}
	default:
		return &InventoryError{Entry: "version", Err: fmt.Errorf("%d is not supported (want version: 1)", req.Version)}
	}
	for _, r := range []struct{ key, v string }{
		{"kernel", req.Kernel}, {"qemu", req.QEMU}, {"libvirt", req.Libvirt},
	} {
		if r.v == "" {
			continue
		}
		if err := ValidVersion(r.v); err != nil {
			return &InventoryError{Entry: r.key, Err: err}
		}
	}
	if req.MaxPatchAgeDays < 0 {
		return &InventoryError{Entry: "max_patch_age_days",
			Err: fmt.Errorf("must be 0 or more, got %d", req.MaxPatchAgeDays)}
	}
	return nil
}

// FindingKind names what is wrong with a host. The values are stable:
// scripts match on them.
type FindingKind string

// The kinds of finding, in the order a host's findings are listed.
const (
	// FindingKernelBehind is an installed kernel older than required.
	FindingKernelBehind FindingKind = "kernel-behind"
	// FindingRunningKernelBehind is a running kernel older than
	// required.
	FindingRunningKernelBehind FindingKind = "running-kernel-behind"
	// FindingKernelNotRunning is a running kernel older than the
	// installed one: a reboot will fix it.
	FindingKernelNotRunning FindingKind = "kernel-not-running"
	// FindingQEMUBehind is an installed QEMU older than required.
	FindingQEMUBehind FindingKind = "qemu-behind"
	// FindingLibvirtBehind is an installed libvirt older than required.
	FindingLibvirtBehind FindingKind = "libvirt-behind"
	// FindingRebootRequired is a host that says it needs a reboot
	// (patch.reboot_required), whatever the reason.
	FindingRebootRequired FindingKind = "reboot-required"
	// FindingPatchAge is a host last patched longer ago than
	// max_patch_age_days.
	FindingPatchAge FindingKind = "patch-age"
	// FindingUnknownVersion is something the requirements check that
	// the host does not report: a version, or last_patched when there
	// is a patch age limit.
	FindingUnknownVersion FindingKind = "unknown-version"
)

// FindingKinds lists every kind of finding, in the order a host's
// findings follow.
func FindingKinds() []FindingKind {
	return []FindingKind{FindingKernelBehind, FindingRunningKernelBehind, FindingKernelNotRunning,
		FindingQEMUBehind, FindingLibvirtBehind, FindingRebootRequired, FindingPatchAge, FindingUnknownVersion}
}

// Finding is one thing wrong with one host.
type Finding struct {
	Kind FindingKind `json:"kind"`
	Host string      `json:"host"`
	// Component is the inventory's patch field the finding is about:
	// kernel_installed, kernel_running, qemu, libvirt, reboot_required
	// or last_patched.
	Component string `json:"component"`
	// Have is what the host reports ("" when it reports nothing) and
	// Want what it should have: the required version; the installed
	// kernel for kernel-not-running; "false" for reboot-required; for
	// patch-age and an unknown last_patched, the oldest date still
	// within the limit.
	Have string `json:"have"`
	Want string `json:"want"`
	// Days is the days since the host was last patched, for patch-age.
	Days int `json:"days,omitempty"`
}

// HostCompliance is one host's row in a compliance report.
type HostCompliance struct {
	Host            string `json:"host"`
	KernelRunning   string `json:"kernel_running"`
	KernelInstalled string `json:"kernel_installed"`
	QEMU            string `json:"qemu"`
	Libvirt         string `json:"libvirt"`
	RebootRequired  bool   `json:"reboot_required"`
	LastPatched     string `json:"last_patched"`
	// DaysSincePatched counts calendar days from last_patched to the
	// report's date; nil when the host does not say when it was patched,
	// negative when that date is after the report's.
	DaysSincePatched *int `json:"days_since_patched"`
	// Compliant is true when the host has no findings.
	Compliant bool      `json:"compliant"`
	Findings  []Finding `json:"findings"`
}

// ComplianceSummary counts a report's hosts.
type ComplianceSummary struct {
	Hosts     int `json:"hosts"`
	Compliant int `json:"compliant"`
	Behind    int `json:"behind"`
	// HostsByKind is, for every kind of finding (zero included), how
	// many hosts have at least one finding of that kind.
	HostsByKind map[FindingKind]int `json:"hosts_by_kind"`
}

// ComplianceReport says which hosts are behind on patches and why.
type ComplianceReport struct {
	// Date is the day the report is for, YYYY-MM-DD: patch ages count to
	// it.
	Date string `json:"date"`
	// Requirements are those checked; nil when only the checks that need
	// none ran.
	Requirements *Requirements     `json:"requirements"`
	Summary      ComplianceSummary `json:"summary"`
	Hosts        []HostCompliance  `json:"hosts"`
}

// Compliance checks every host of inv against req on the day now falls
// on (in now's location). Rows follow the inventory's order, and each
// host's findings the order of FindingKinds.
//
// req may be nil: then only the checks that need no requirements run
// (kernel-not-running and reboot-required). Versions compare with
// CompareVersions; a host version that is not a valid Debian version is
// compared all the same.
func Compliance(inv *Inventory, req *Requirements, now time.Time) *ComplianceReport {
	var r Requirements
	if req != nil {
		r = *req
		req = &r // the report keeps its own copy
	}
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	rep := &ComplianceReport{
		Date:         today.Format(time.DateOnly),
		Requirements: req,
		Summary:      ComplianceSummary{Hosts: len(inv.Hosts), HostsByKind: map[FindingKind]int{}},
		Hosts:        make([]HostCompliance, 0, len(inv.Hosts)),
	}
	for _, k := range FindingKinds() {
		rep.Summary.HostsByKind[k] = 0
	}
	for i := range inv.Hosts {
		row := hostCompliance(&inv.Hosts[i], &r, today)
		if row.Compliant {
			rep.Summary.Compliant++
		} else {
			rep.Summary.Behind++
		}
		for _, k := range row.kinds() {
			rep.Summary.HostsByKind[k]++
		}
		rep.Hosts = append(rep.Hosts, row)
	}
	return rep
}

// hostCompliance checks one host; today is a UTC midnight.
func hostCompliance(h *Host, req *Requirements, today time.Time) HostCompliance {
	p := h.Patch
	row := HostCompliance{
		Host:            h.Name,
		KernelRunning:   p.KernelRunning,
		KernelInstalled: p.KernelInstalled,
		QEMU:            p.QEMU,
		Libvirt:         p.Libvirt,
		RebootRequired:  p.RebootRequired,
		LastPatched:     p.LastPatched,
		Findings:        []Finding{},
	}
	add := func(kind FindingKind, component, have, want string) *Finding {
		row.Findings = append(row.Findings, Finding{Kind: kind, Host: h.Name, Component: component, Have: have, Want: want})
		return &row.Findings[len(row.Findings)-1]
	}
	// atLeast adds kind when the host's version is older than required,
	// and unknown-version when the host does not report it.
	atLeast := func(kind FindingKind, component, have, want string) {
		switch {
		case want == "":
		case have == "":
			add(FindingUnknownVersion, component, have, want)
		case CompareVersions(have, want) < 0:
			add(kind, component, have, want)
		}
	}
	atLeast(FindingKernelBehind, "kernel_installed", p.KernelInstalled, req.Kernel)
	atLeast(FindingRunningKernelBehind, "kernel_running", p.KernelRunning, req.Kernel)
	if p.KernelRunning != "" && p.KernelInstalled != "" && CompareVersions(p.KernelRunning, p.KernelInstalled) < 0 {
		add(FindingKernelNotRunning, "kernel_running", p.KernelRunning, p.KernelInstalled)
	}
	atLeast(FindingQEMUBehind, "qemu", p.QEMU, req.QEMU)
	atLeast(FindingLibvirtBehind, "libvirt", p.Libvirt, req.Libvirt)
	if p.RebootRequired {
		add(FindingRebootRequired, "reboot_required", "true", "false")
	}

	// The inventory has validated the date; a host that bypassed
	// validation and carries junk is treated as not reporting one.
	patched, err := time.Parse(time.DateOnly, p.LastPatched)
	if err == nil {
		days := int((today.Unix() - patched.Unix()) / (24 * 60 * 60))
		row.DaysSincePatched = &days
	}
	if limit := req.MaxPatchAgeDays; limit > 0 {
		oldest := today.AddDate(0, 0, -limit).Format(time.DateOnly)
		switch {
		case row.DaysSincePatched == nil:
			add(FindingUnknownVersion, "last_patched", p.LastPatched, oldest)
		case *row.DaysSincePatched > limit:
			add(FindingPatchAge, "last_patched", p.LastPatched, oldest).Days = *row.DaysSincePatched
		}
	}
	row.Compliant = len(row.Findings) == 0
	return row
}

// kinds lists the distinct kinds of the row's findings, in order.
func (row *HostCompliance) kinds() []FindingKind {
	var ks []FindingKind
	for _, f := range row.Findings {
		if !slices.Contains(ks, f.Kind) {
			ks = append(ks, f.Kind)
		}
	}
	return ks
}

// WriteTable prints the report for people: one row per host, then a
// summary line. The kernel column shows running/installed, or one
// version when they are the same; "-" stands for what a host does not
// report.
func (rep *ComplianceReport) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "HOST\tKERNEL (RUNNING/INSTALLED)\tQEMU\tLIBVIRT\tPATCHED\tSTATUS")
	for i := range rep.Hosts {
		row := &rep.Hosts[i]
		kernel := orDash(row.KernelRunning)
		if row.KernelInstalled != row.KernelRunning {
			kernel += "/" + orDash(row.KernelInstalled)
		}
		status := "ok"
		if ks := row.kinds(); len(ks) > 0 {
			names := make([]string, len(ks))
			for i, k := range ks {
				names[i] = string(k)
			}
			status = strings.Join(names, ",")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", row.Host, kernel, orDash(row.QEMU), orDash(row.Libvirt),
			daysAgo(row.DaysSincePatched), status)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, rep.Summary.line())
	return err
}

// line is the summary in one sentence, the most common kinds first:
// "12 hosts: 3 compliant, 9 behind (kernel-not-running 7, ...)".
func (s *ComplianceSummary) line() string {
	noun := "hosts"
	if s.Hosts == 1 {
		noun = "host"
	}
	line := fmt.Sprintf("%d %s: %d compliant, %d behind", s.Hosts, noun, s.Compliant, s.Behind)
	kinds := FindingKinds()
	slices.SortStableFunc(kinds, func(a, b FindingKind) int { return cmp.Compare(s.HostsByKind[b], s.HostsByKind[a]) })
	var counts []string
	for _, k := range kinds {
		if n := s.HostsByKind[k]; n > 0 {
			counts = append(counts, fmt.Sprintf("%s %d", k, n))
		}
	}
	if len(counts) > 0 {
		line += " (" + strings.Join(counts, ", ") + ")"
	}
	return line
}

func daysAgo(days *int) string {
	switch {
	case days == nil:
		return "-"
	case *days == 0:
		return "today"
	case *days == 1:
		return "1 day ago"
	case *days == -1:
		return "in 1 day"
	case *days < 0:
		return fmt.Sprintf("in %d days", -*days)
	}
	return fmt.Sprintf("%d days ago", *days)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
