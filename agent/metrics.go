package agent

import (
	"context"
	"maps"

	"github.com/prometheus/client_golang/prometheus"
)

// collector exports the agent's counters when scraped: it reads them
// then, so the hot path updates nothing for metrics.
type collector struct {
	a                                      *Agent
	ringPackets, ringDrops, skipped, ports *prometheus.Desc
	frames, undecoded, flows, flowsCreated *prometheus.Desc
	evicted, alerts                        *prometheus.Desc
	guests, conflicts                      *prometheus.Desc
	storeRecords, storeFailures, storeLat  *prometheus.Desc
	sinkAlerts, sinkQueue                  *prometheus.Desc
	streams, streamEvents, streamsRefused  *prometheus.Desc
	datapath, bpfLost, bpfSuppressed       *prometheus.Desc
	bpfMapErrors, bpfParseErrors           *prometheus.Desc
	fleetMsgs, fleetOutbox, fleetUp        *prometheus.Desc
}

func newCollector(a *Agent) *collector {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc(name, help, labels, nil)
	}
	return &collector{
		a:              a,
		ringPackets:    d("crosstalk_agent_ring_packets_total", "Frames the kernel handed to the capture ring, all interfaces."),
		ringDrops:      d("crosstalk_agent_ring_drops_total", "Frames the kernel dropped because the capture ring was full."),
		skipped:        d("crosstalk_agent_skipped_frames_total", "Frames of interfaces that are not watched guest ports."),
		ports:          d("crosstalk_agent_ports", "Guest ports watched."),
		frames:         d("crosstalk_pipeline_frames_total", "Frames given to the pipeline."),
		undecoded:      d("crosstalk_decode_errors_total", "Frames the decoder could not use, by reason.", "reason"),
		flows:          d("crosstalk_flowtable_flows", "Flows held in the flow table."),
		flowsCreated:   d("crosstalk_flowtable_flows_created_total", "Flows created."),
		evicted:        d("crosstalk_flowtable_evictions_total", "Flows evicted because the flow table was full."),
		alerts:         d("crosstalk_alert_alerts_total", "Alerts opened, by kind.", "kind"),
		guests:         d("crosstalk_inventory_guests", "Guests in the identity table."),
		conflicts:      d("crosstalk_inventory_conflicts", "Facts the guest providers disagree on (they name nobody)."),
		storeRecords:   d("crosstalk_store_records_total", "Records for the store, by outcome (written, dropped: the queue was full).", "outcome"),
		storeFailures:  d("crosstalk_store_batch_failures_total", "Store transactions that failed (their records are lost)."),
		storeLat:       d("crosstalk_store_commit_seconds", "How long the store's last batch took to commit."),
		sinkAlerts:     d("crosstalk_sink_alerts_total", "Alerts per sink, by outcome (sent, retried, failed, dropped).", "sink", "outcome"),
		sinkQueue:      d("crosstalk_sink_queue", "Alerts waiting in a sink's queue.", "sink"),
		streams:        d("crosstalk_api_streams", "Live streams (/api/v1/events) open."),
		streamEvents:   d("crosstalk_api_stream_events_total", "Events for live streams, by outcome (queued, dropped: the client fell behind).", "outcome"),
		streamsRefused: d("crosstalk_api_streams_refused_total", "Live streams refused because api.max_streams were open."),
		datapath:       d("crosstalk_agent_datapath", "The datapath in use (1), and why auto fell back to AF_PACKET when it did.", "mode", "fallback_reason"),
		bpfLost:        d("crosstalk_ebpf_events_lost_total", "Flow events the kernel could not hand over (ring buffer full)."),
		bpfSuppressed:  d("crosstalk_ebpf_starts_suppressed_total", "Flow starts over the per-port rate, counted per source instead (a scan storm)."),
		bpfMapErrors:   d("crosstalk_ebpf_map_errors_total", "Flows or storm entries the kernel's maps could not take."),
		bpfParseErrors: d("crosstalk_ebpf_parse_errors_total", "Frames the kernel program could not parse."),
		fleetMsgs:      d("crosstalk_fleet_messages_total", "Messages for the fleet server, by outcome (sent: acknowledged; failed: to be sent again; dropped: the outbox was full).", "outcome"),
		fleetOutbox:    d("crosstalk_fleet_outbox", "Alert revisions waiting in the outbox for the fleet server's acknowledgement."),
		fleetUp:        d("crosstalk_fleet_connected", "1 while connected to the fleet's NATS."),
	}
}

func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.ringPackets, c.ringDrops, c.skipped, c.ports, c.frames, c.undecoded, c.flows, c.flowsCreated, c.evicted, c.alerts,
		c.guests, c.conflicts, c.storeRecords, c.storeFailures, c.storeLat, c.sinkAlerts, c.sinkQueue,
		c.streams, c.streamEvents, c.streamsRefused, c.datapath, c.bpfLost, c.bpfSuppressed, c.bpfMapErrors, c.bpfParseErrors,
		c.fleetMsgs, c.fleetOutbox, c.fleetUp} {
		ch <- d
	}
}

func (c *collector) Collect(ch chan<- prometheus.Metric) {
	st := c.a.Stats()
	counter := func(d *prometheus.Desc, v uint64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), labels...)
	}
	counter(c.ringPackets, st.Packets)
	counter(c.ringDrops, st.Drops)
	counter(c.skipped, st.Skipped)
	ch <- prometheus.MustNewConstMetric(c.ports, prometheus.GaugeValue, float64(st.Ports))
	if t := c.a.id.table(); t != nil {
		ch <- prometheus.MustNewConstMetric(c.guests, prometheus.GaugeValue, float64(t.Len()))
		ch <- prometheus.MustNewConstMetric(c.conflicts, prometheus.GaugeValue, float64(len(t.Conflicts())))
	}
	if c.a.store != nil {
		ss := c.a.store.Stats()
		counter(c.storeRecords, ss.Written, "written")
		counter(c.storeRecords, ss.Dropped, "dropped")
		counter(c.storeFailures, ss.Errors)
		ch <- prometheus.MustNewConstMetric(c.storeLat, prometheus.GaugeValue, ss.Latency.Seconds())
	}
	if c.a.sinks != nil {
		for _, k := range c.a.sinks.Stats() {
			counter(c.sinkAlerts, k.Sent, k.Name, "sent")
			counter(c.sinkAlerts, k.Retried, k.Name, "retried")
			counter(c.sinkAlerts, k.Failed, k.Name, "failed")
			counter(c.sinkAlerts, k.Dropped, k.Name, "dropped")
			ch <- prometheus.MustNewConstMetric(c.sinkQueue, prometheus.GaugeValue, float64(k.Queued), k.Name)
		}
	}
	if c.a.mode != "" {
		ch <- prometheus.MustNewConstMetric(c.datapath, prometheus.GaugeValue, 1, c.a.mode, c.a.why)
	}
	if c.a.bpf != nil {
		if bs, err := c.a.bpf.Stats(); err == nil {
			var lost, supp, maps, parse uint64
			for _, p := range bs.Ports {
				lost, supp, maps, parse = lost+p.EventsLost, supp+p.StartsSuppressed, maps+p.FlowMapErrors+p.StormMapErrors, parse+p.ParseErrors
			}
			counter(c.bpfLost, lost)
			counter(c.bpfSuppressed, supp)
			counter(c.bpfMapErrors, maps)
			counter(c.bpfParseErrors, parse)
		}
	}
	if c.a.fleet != nil {
		fs := c.a.fleet.Stats()
		counter(c.fleetMsgs, fs.Sent, "sent")
		counter(c.fleetMsgs, fs.Failed, "failed")
		if c.a.store != nil {
			counter(c.fleetMsgs, c.a.store.Stats().OutboxDropped, "dropped")
			if n, err := c.a.store.OutboxLen(context.Background()); err == nil {
				ch <- prometheus.MustNewConstMetric(c.fleetOutbox, prometheus.GaugeValue, float64(n))
			}
		}
		up := 0.0
		if fs.Connected {
			up = 1
		}
		ch <- prometheus.MustNewConstMetric(c.fleetUp, prometheus.GaugeValue, up)
	}
	hs := c.a.hub.Stats()
	ch <- prometheus.MustNewConstMetric(c.streams, prometheus.GaugeValue, float64(hs.Streams))
	counter(c.streamEvents, hs.Published, "queued")
	counter(c.streamEvents, hs.Dropped, "dropped")
	counter(c.streamsRefused, hs.Refused)
	c.a.mu.Lock()
	if c.a.pipe == nil {
		c.a.mu.Unlock()
		return
	}
	ps := c.a.pipe.Stats()
	kinds := maps.Clone(c.a.out.kinds)
	c.a.mu.Unlock()
	counter(c.frames, ps.Frames)
	counter(c.undecoded, ps.Truncated, "truncated")
	counter(c.undecoded, ps.Malformed, "malformed")
	counter(c.undecoded, ps.Unsupported, "unsupported")
	ch <- prometheus.MustNewConstMetric(c.flows, prometheus.GaugeValue, float64(ps.FlowTable.Active))
	counter(c.flowsCreated, ps.FlowTable.Created)
	counter(c.evicted, ps.FlowTable.Evicted)
	for kind, n := range kinds {
		counter(c.alerts, n, kind)
	}
}
