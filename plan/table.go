package plan

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// tableRows is how many rows of a long list the tables show; the JSON
// always has them all.
const tableRows = 10

// WriteTable writes the capacity report for people: the N+k answer with
// its witness or counter-example, the levels checked, the hosts with the
// largest blast radius and the co-location risks.
func (r *CapacityReport) WriteTable(w io.Writer) error {
	b := &strings.Builder{}
	t := r.Totals
	fmt.Fprintf(b, "fleet: %d hosts, %d guests; %d of %.0f vCPUs, %s of %s memory; %d pinned guests, %d anti-affinity groups\n",
		r.Hosts, r.Guests, t.VCPUs, t.VCPUCapacity, mib(float64(t.MemoryMiB)), mib(t.MemoryCapMiB), t.PinnedGuests, t.AntiAffGroups)
	verdict := "met"
	if !r.MeetsTarget {
		verdict = "NOT met"
	}
	if r.Exact {
		fmt.Fprintf(b, "N+k: any %d hosts can fail, %d cannot (exact); target N+%d %s\n", r.Tolerates, r.Tolerates+1, r.Target, verdict)
	} else {
		fmt.Fprintf(b, "N+k: any %d hosts can fail (proved), estimate %d, at most %d; target N+%d %s\n  %s\n",
			r.Tolerates, r.Estimate, r.UpperBound, r.Target, verdict, r.Method)
	}
	if wc := r.Worst; wc != nil {
		fmt.Fprintf(b, "worst case for %d failures: %s down, %d guests restarted elsewhere, peak host load %.1f%%",
			len(wc.Failed), strings.Join(wc.Failed, " "), len(wc.Restarts), wc.PeakLoad*100)
		if len(wc.LostPinned) > 0 {
			fmt.Fprintf(b, "; pinned guests left down: %d", len(wc.LostPinned))
		}
		b.WriteString("\n")
	}
	if c := r.Counter; c != nil {
		how := "cannot be survived"
		if !c.Proved {
			how = "found no placement (not proved impossible)"
		}
		fmt.Fprintf(b, "counter-example for %d failures: losing %s %s: %s\n", len(c.Failed), strings.Join(c.Failed, " "), how, c.Reason)
	}
	if h := r.Headroom; h != nil {
		if h.Reason != "" {
			fmt.Fprintf(b, "headroom: %s\n", h.Reason)
		} else {
			fmt.Fprintf(b, "headroom: add %d hosts of %d CPUs and %s to reach N+%d\n", h.AddHosts, h.CPUs, mib(float64(h.MemoryMiB)), r.Target)
		}
	}
	if _, err := io.WriteString(w, b.String()+"\n"); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "FAILURES\tSETS\tCHECKED\tMODE\tFAILED\tUNDECIDED\t")
	for _, l := range r.Levels {
		mode := "every set"
		if !l.Exhaustive {
			mode = "sampled"
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%d\t%d\t\n", l.Failures, l.Sets, l.Checked, mode, l.Failed, l.Undecided)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	blast := slices.Clone(r.BlastRadius)
	slices.SortStableFunc(blast, func(a, b HostBlast) int {
		if c := cmp.Compare(b.GroupsLost, a.GroupsLost); c != 0 {
			return c
		}
		return cmp.Compare(b.Guests, a.Guests)
	})
	fmt.Fprintf(w, "\nblast radius (the %d hosts whose loss hurts most):\n", min(tableRows, len(blast)))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "HOST\tGUESTS\tVCPUS\tMEMORY\tLOAD\tPINNED\tGROUPS HIT\tGROUPS LOST")
	for _, h := range blast[:min(tableRows, len(blast))] {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%.1f%%\t%d\t%d\t%d\n", h.Host, h.Guests, h.VCPUs, mib(float64(h.MemoryMiB)), h.Load*100, h.Pinned, h.GroupsHit, h.GroupsLost)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Colocation) == 0 {
		_, err := fmt.Fprintln(w, "\nco-location risks: none")
		return err
	}
	fmt.Fprintf(w, "\nco-location risks (%d):\n", len(r.Colocation))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tGROUP\tHOST\tMEMBERS")
	for _, c := range r.Colocation[:min(tableRows, len(r.Colocation))] {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d of %d: %s\n", c.Kind, c.Group, orDash(c.Host), len(c.Members), c.Total, strings.Join(c.Members, " "))
	}
	return tw.Flush()
}

// WriteTable writes the plan for people: one row per step, then the
// summary and the warnings.
func (p *MaintenancePlan) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STEP\tSTART\tMINUTES\tHOSTS\tMIGRATIONS\tMEMORY MOVED\tPINNED DOWN\tN+K DURING")
	for _, st := range p.Steps {
		var moved float64
		for _, m := range st.Migrations {
			moved += float64(m.MemoryMiB)
		}
		nk := fmt.Sprintf("N+%d", st.Tolerates)
		if st.ToleratesSampled {
			nk += " (sampled)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%s\t%d\t%s\t%d\t%s\n", st.Step, clock(st.StartMin), st.Minutes, strings.Join(st.Hosts, " "),
			len(st.Migrations), mib(moved), len(st.PinnedDown), nk)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	s := p.Summary
	fmt.Fprintf(w, "\n%d hosts in %d steps, %s; %d migrations (%d guests, %d moved more than once), %s sent; %d pinned guests down while their host is patched; N+%d at least throughout (target N+%d)\n",
		s.Hosts, s.Steps, clock(s.Minutes), s.Migrations, s.GuestsMoved, s.MovedTwice, mib(s.TransferMiB), s.PinnedDown, s.MinTolerates, p.Target)
	for _, warn := range p.Warnings {
		if _, err := fmt.Fprintf(w, "warning: %s\n", warn); err != nil {
			return err
		}
	}
	return nil
}

// clock formats minutes as h:mm.
func clock(min float64) string {
	m := int64(min + 0.5)
	return fmt.Sprintf("%d:%02d", m/60, m%60)
}

// mib formats MiB for people: 512 MiB, 3.5 GiB, 1.2 TiB.
func mib(v float64) string {
	switch {
	case v >= 1<<20:
		return fmt.Sprintf("%.1f TiB", v/(1<<20))
	case v >= 1<<10:
		return fmt.Sprintf("%.1f GiB", v/(1<<10))
	}
	return fmt.Sprintf("%.0f MiB", v)
}
