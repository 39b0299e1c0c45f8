// Package detect runs the detectors: it receives flows from the flow table
// and ARP frames from the datapath, hands each detector what it asked for,
// and passes their findings to the alert manager.
//
// A detector is a small type in its own sub-package that implements
// Detector and any of the optional hooks below. Detectors take time from
// events and Tick only, never from the wall clock; every table they keep
// is bounded. They know nothing of datapaths, storage or HTTP.
package detect

import (
	"fmt"

	"github.com/crosstalk-dev/crosstalk/alert"
	"github.com/crosstalk-dev/crosstalk/flow"
	"github.com/crosstalk-dev/crosstalk/flowtable"
)

// Detector is one detection method. Name is its alert kind.
type Detector interface {
	Name() string
}

// Optional hooks a Detector implements to receive what it needs. The
// *flowtable.Flow and *flow.Event are valid only during the call.
type (
	// FlowStarter sees every new flow.
	FlowStarter interface {
		FlowStart(f *flowtable.Flow)
	}
	// PacketObserver sees every packet event; keep it cheap.
	PacketObserver interface {
		Packet(f *flowtable.Flow, ev *flow.Event, dir flowtable.Dir)
	}
	// OutcomeObserver sees each connection attempt's outcome.
	OutcomeObserver interface {
		Outcome(f *flowtable.Flow)
	}
	// FlowEnder sees flows leave the table.
	FlowEnder interface {
		FlowEnd(f *flowtable.Flow, reason flowtable.EndReason)
	}
	// ARPObserver sees ARP frames.
	ARPObserver interface {
		ARP(ev *flow.Event)
	}
	// Ticker is called about once a second of event time.
	Ticker interface {
		Tick(now flow.Time)
	}
	// Flusher is called once at the end of input, after the flow table has
	// been flushed, to report what is still pending.
	Flusher interface {
		Flush(now flow.Time)
	}
)

// Reporter receives findings; *alert.Manager is one.
type Reporter interface {
	Report(f *alert.Finding)
}

// Identity tells which guest declares an address, MAC or switch port. In
// replay it comes from a guests file; live, from the inventory. Each
// method returns "" when nobody does.
type Identity interface {
	GuestByMAC(m flow.MAC) string
	GuestByIP(a flow.Addr) string
	GuestByPort(port uint32) string
}

// Policy decides each new flow under the segmentation policy; the
// policy-deny detector asks it, sets the flow's verdict and reports the
// denies. The datapath may have decided already (f.Verdict is set): then
// Decide only names the policy and rule.
type Policy interface {
	Decide(f *flowtable.Flow) PolicyVerdict
}

// PolicyVerdict is a decision with the names behind it.
type PolicyVerdict struct {
	Verdict      flow.Verdict
	Policy, Rule string
	Mode         string // observe or enforce: the deciding policy's
	// Src and Dst are the guests the policy saw (by switch port, else
	// address); "" for addresses no guest owns.
	Src, Dst string
	// Observed is set when an enforcing policy denied the flow but the
	// datapath cannot drop (AF_PACKET, replay): the verdict is then a
	// would-deny.
	Observed bool
}

// Dependencies of detectors.
type Dependencies struct {
	Reporter Reporter
	Identity Identity // may be nil: no declared identities
	Policy   Policy   // may be nil: no segmentation policy
}

// Ingress describes the one switch port (else the one MAC) that all of a
// flood came through, for a summary: ", all through switch port 7 (guest
// rogue)". port is 0 and mac zero when there was not exactly one. On a
// host, the port is the truth that forged source addresses hide.
func Ingress(id Identity, port uint32, mac flow.MAC) string {
	guest := ""
	switch {
	case port != 0:
		if id != nil {
			guest = id.GuestByPort(port)
		}
		if guest != "" {
			return fmt.Sprintf(", all through switch port %d (guest %s)", port, guest)
		}
		return fmt.Sprintf(", all through switch port %d", port)
	case !mac.IsZero():
		if id != nil {
			guest = id.GuestByMAC(mac)
		}
		if guest != "" {
			return fmt.Sprintf(", all from MAC %s (guest %s)", mac, guest)
		}
		return fmt.Sprintf(", all from MAC %s", mac)
	}
	return ""
}
