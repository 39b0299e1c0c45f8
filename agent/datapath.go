package agent

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/crosstalk-dev/crosstalk/datapath/afpacket"
	"github.com/crosstalk-dev/crosstalk/datapath/ebpf"
	"github.com/crosstalk-dev/crosstalk/flow"
)

// openDatapath opens the configured datapath: AF_PACKET (one ring for
// every interface, frames decoded here) or eBPF (programs on every guest
// port, flow events only). auto takes eBPF when the kernel can, else
// AF_PACKET, and says why (log and metric).
func (a *Agent) openDatapath() error {
	mode := a.cfg.Datapath
	if mode == "auto" {
		if ok, why := ebpf.Supported(); ok {
			mode = "ebpf"
		} else {
			mode, a.why = "afpacket", why
			a.log.Warn("the eBPF datapath is not available here: falling back to AF_PACKET", "reason", why)
		}
	}
	switch mode {
	case "ebpf":
		cfg := a.cfg.EBPF
		// The kernel's flows expire as the flow table's do, or one of
		// them would keep what the other has ended.
		// A closed TCP flow stays as long as an idle one: the kernel's
		// sweep removing it after closed_timeout let a half-closed
		// connection's later segments start "new" ACK-only flows, which
		// the scan detectors took for probes (seen on the lab).
		cfg.TCPIdle, cfg.ClosedIdle = a.cfg.FlowTable.TCPTimeout, a.cfg.FlowTable.TCPTimeout
		cfg.OtherIdle = max(a.cfg.FlowTable.UDPTimeout, a.cfg.FlowTable.ICMPTimeout)
		d, err := ebpf.Load(cfg)
		if err != nil {
			return err
		}
		a.bpf = d
		info := d.Info()
		a.log.Info("eBPF datapath loaded", "attach", info.Attach, "load_time", info.LoadTime, "instructions", info.Instructions)
	default:
		if !afpacket.Supported() {
			return errors.New("the AF_PACKET datapath needs Linux")
		}
		ring, err := afpacket.OpenAll(a.cfg.AFPacket)
		if err != nil {
			return err
		}
		a.ring = ring
	}
	a.mode = mode
	return nil
}

// readBPF feeds the eBPF datapath's flow events to the pipeline.
func (a *Agent) readBPF() {
	defer a.wg.Done()
	for {
		err := a.bpf.Read(func(ev *flow.Event) {
			a.mu.Lock()
			a.pipe.Event(ev)
			a.mu.Unlock()
		})
		if errors.Is(err, ebpf.ErrClosed) {
			return
		}
		a.log.Warn("read the eBPF events", "err", err)
		select {
		case <-a.ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// bpfStats are the eBPF datapath's counters for Stats and the metrics.
func (a *Agent) bpfStats() (packets, lost uint64, err error) {
	st, err := a.bpf.Stats()
	if err != nil {
		return 0, 0, fmt.Errorf("ebpf stats: %w", err)
	}
	for _, p := range st.Ports {
		packets += p.RxPackets + p.TxPackets
		lost += p.EventsLost
	}
	return packets, lost, nil
}

// bpfReport is what reportBPF said last: the totals it has reported.
type bpfReport struct{ lost, suppressed uint64 }

// stormSources bounds the sources a storm warning names.
const stormSources = 3

// reportBPF warns, every report interval, when the kernel lost events
// (the ring was full) or when flow starts beyond a port's start rate went
// untracked, naming the sources that storm the most. The flows the rate
// lets through still reach the detectors: a scan inside a storm is seen
// in that sample (bench/storm.sh). Called from housekeeping only.
func (a *Agent) reportBPF(seen *bpfReport) {
	st, err := a.bpf.Stats()
	if err != nil {
		return
	}
	var lost, supp uint64
	for _, p := range st.Ports {
		lost, supp = lost+p.EventsLost, supp+p.StartsSuppressed
	}
	if lost > seen.lost {
		a.log.Warn("the eBPF ring buffer was full: flow events lost", "lost", lost-seen.lost, "lost_total", lost,
			"hint", "raise ebpf.ring_buffer_size, or lower ebpf.start_rate")
	}
	if supp > seen.suppressed {
		storms, _ := a.bpf.Storms()
		// The biggest first (the map forgets the sources quiet longest).
		slices.SortFunc(storms, func(x, y ebpf.Storm) int { return cmp.Compare(y.Suppressed, x.Suppressed) })
		var top []string
		for _, s := range storms[:min(len(storms), stormSources)] {
			who := s.Src.String()
			if g := a.id.GuestByPort(uint32(s.Port)); g != "" {
				who += " (guest " + g + ")"
			}
			top = append(top, fmt.Sprintf("%s: %d starts to ~%d ports of ~%d hosts", who, s.Suppressed, s.DstPorts, s.Dsts))
		}
		a.log.Warn("flow starts beyond the per-port start rate were not tracked (a storm)", "suppressed", supp-seen.suppressed,
			"suppressed_total", supp, "sources", top, "hint", "ebpf.start_rate bounds what one port may cost the agent")
	}
	seen.lost, seen.suppressed = lost, supp
}
