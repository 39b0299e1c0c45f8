package resource

import (
	"errors"
	"fmt"
	"net"
	"os/exec"
	"slices"
	"strconv"
	"strings"
)

// The network brake: a guest's ports shaped to a rate both ways with
// tc, which every Linux host has (iproute2). This kernel family may lack
// the police action, netem, fq and matchall (probed on the lab's), but
// has tbf, ifb, u32 and mirred:
//
//   - to the guest: a tbf qdisc at the root of its (host-side) port;
//   - from the guest (what a hog sends): its port's ingress is redirected
//     (u32 match-all, mirred) to an ifb device of its own, whose root is
//     the same tbf; the ifb hands the packets back to the port's receive
//     path, shaped.
//
// The filter goes in a clsact qdisc (the eBPF datapath's tc fallback
// uses one too, and its programs pass packets on), at a low priority, so
// that the datapath sees every packet before it is shaped. A port whose
// root qdisc is not the kernel's default (libvirt's own <bandwidth>
// limits are htb) is refused rather than overwritten.

// netShapePrio is the tc priority of the redirect filter: after the
// datapath's (1).
const netShapePrio = 49152

// ThrottleNet shapes every port to bitsPerSec each way, and returns what
// takes the shaping off (the ifb devices and filters are removed, the
// roots go back to the kernel's default).
func ThrottleNet(ports []string, bitsPerSec uint64) (restore Undo, err error) {
	if bitsPerSec < 1_000_000 {
		return nil, fmt.Errorf("net: want a rate of at least 1 Mbit/s, got %d bit/s", bitsPerSec)
	}
	if len(ports) == 0 {
		return nil, errors.New("throttle net: the guest has no port this agent knows")
	}
	if _, err := exec.LookPath("tc"); err != nil {
		return nil, errors.New("throttle net: needs tc (iproute2)")
	}
	var undo Undo // in the order of doing; undone last first
	lift := func() Undo {
		out := slices.Clone(undo)
		slices.Reverse(out)
		return out
	}
	for _, p := range ports {
		u, err := shapePort(p, bitsPerSec)
		undo = append(undo, u...)
		if err != nil {
			return nil, errors.Join(err, lift().Apply())
		}
	}
	return lift(), nil
}

// shapePort shapes one port; the lifts, last first, undo what was done,
// also when it failed half way.
func shapePort(port string, rate uint64) (lifts Undo, err error) {
	ifi, err := net.InterfaceByName(port)
	if err != nil {
		return nil, fmt.Errorf("throttle net: %w", err)
	}
	out, err := tc("qdisc", "show", "dev", port, "root")
	if err != nil {
		return nil, err
	}
	if f := strings.Fields(out); len(f) >= 2 && !defaultQdisc(f[1]) {
		return nil, fmt.Errorf("throttle net: %s has a root qdisc of its own (%s): not replaced", port, f[1])
	}
	tbf := []string{"tbf", "rate", strconv.FormatUint(rate, 10) + "bit", "burst", strconv.FormatUint(max(rate/8/100, 16<<10), 10), "latency", "50ms"}
	if _, err := tc(append([]string{"qdisc", "replace", "dev", port, "root"}, tbf...)...); err != nil {
		return nil, err
	}
	lifts = append(lifts, UndoStep{Cmd: []string{"tc", "qdisc", "del", "dev", port, "root"}})

	ifb := fmt.Sprintf("ctifb%d", ifi.Index)
	if _, err := run("ip", "link", "add", ifb, "type", "ifb"); err != nil {
		return lifts, err
	}
	lifts = append(lifts, UndoStep{Cmd: []string{"ip", "link", "del", ifb}})
	if _, err := run("ip", "link", "set", ifb, "up"); err != nil {
		return lifts, err
	}
	if _, err := tc(append([]string{"qdisc", "replace", "dev", ifb, "root"}, tbf...)...); err != nil {
		return lifts, err
	}
	if _, err := tc("qdisc", "add", "dev", port, "clsact"); err == nil {
		lifts = append(lifts, UndoStep{Cmd: []string{"tc", "qdisc", "del", "dev", port, "clsact"}})
	} else if !strings.Contains(err.Error(), "File exists") && !strings.Contains(err.Error(), "Exclusivity flag on") {
		return lifts, err
	}
	prio := strconv.Itoa(netShapePrio)
	if _, err := tc("filter", "add", "dev", port, "ingress", "prio", prio, "protocol", "all",
		"u32", "match", "u32", "0", "0", "action", "mirred", "egress", "redirect", "dev", ifb); err != nil {
		return lifts, err
	}
	lifts = append(lifts, UndoStep{Cmd: []string{"tc", "filter", "del", "dev", port, "ingress", "prio", prio, "protocol", "all", "u32"}})
	return lifts, nil
}

// defaultQdisc tells the kernel's default roots from someone's own.
func defaultQdisc(kind string) bool {
	switch kind {
	case "noqueue", "pfifo_fast", "fq_codel", "mq", "pfifo", "fq":
		return true
	}
	return false
}

func tc(args ...string) (string, error) { return run("tc", args...) }
