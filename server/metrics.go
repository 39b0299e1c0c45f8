package server

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Collector exports the server's counters when scraped (crosstalk server
// --metrics ADDR).
func (s *Server) Collector() prometheus.Collector { return &collector{s: s} }

var (
	descMessages = prometheus.NewDesc("crosstalk_server_messages_total",
		"Agents' messages, by outcome (applied; rejected: unreadable, another version, or a host speaking for another; failed: not written, redelivered).", []string{"outcome"}, nil)
	descHosts = prometheus.NewDesc("crosstalk_server_hosts",
		"Hosts the server knows, by whether they reported within host_timeout.", []string{"state"}, nil)
	descReady   = prometheus.NewDesc("crosstalk_server_consuming", "1 while the server consumes the fleet stream.", nil, nil)
	descRecords = prometheus.NewDesc("crosstalk_store_records_total",
		"Records for the store, by outcome (written, dropped: the queue was full).", []string{"outcome"}, nil)
	descStreams = prometheus.NewDesc("crosstalk_api_streams", "Live streams (/api/v1/events) open.", nil, nil)
)

type collector struct{ s *Server }

func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descMessages, descHosts, descReady, descRecords, descStreams} {
		ch <- d
	}
}

func (c *collector) Collect(ch chan<- prometheus.Metric) {
	s := c.s
	counter := func(d *prometheus.Desc, v uint64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), labels...)
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	st := s.Stats()
	counter(descMessages, st.Applied, "applied")
	counter(descMessages, st.Rejected, "rejected")
	counter(descMessages, st.Errors, "failed")
	up, down := 0, 0
	now := time.Now()
	s.mu.Lock()
	for _, h := range s.hosts {
		if now.Sub(h.lastSeen) < s.cfg.HostTimeout {
			up++
		} else {
			down++
		}
	}
	s.mu.Unlock()
	gauge(descHosts, float64(up), "up")
	gauge(descHosts, float64(down), "down")
	ready := 0.0
	if s.ready.Load() {
		ready = 1
	}
	gauge(descReady, ready)
	if s.st != nil {
		ss := s.st.Stats()
		counter(descRecords, ss.Written, "written")
		counter(descRecords, ss.Dropped, "dropped")
	}
	gauge(descStreams, float64(s.hub.Stats().Streams))
}
