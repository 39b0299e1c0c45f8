// Package agent assembles one host's components: a datapath feeding the
// flow table, the detectors, the alert manager and the sinks. It owns the
// wiring and the lifecycle, nothing else: every decision lives in the
// components it assembles.
//
// Today it offers the Pipeline that replay drives; the live daemon (its
// Start and Stop) comes with the live datapaths.
package agent
