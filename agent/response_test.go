package agent

import (
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/resource"
)

// TestResponder: off by default; on, a contention escalates through the
// steps as it lasts, capping only the contended resource, is not applied
// twice while in force, and is renewed when half its TTL is gone.
func TestResponder(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	at := func(lasted time.Duration, res string) *resource.Contention {
		return &resource.Contention{Aggressor: "rogue", Resource: res, Since: t0, Time: t0.Add(lasted)}
	}
	off := newResponder(DefaultResponseConfig())
	if _, ok := off.decide(at(time.Hour, "cpu")); ok {
		t.Fatal("the response acted while off")
	}
	cfg := DefaultResponseConfig()
	cfg.Enabled = true
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	r := newResponder(cfg)
	if _, ok := r.decide(at(10*time.Second, "cpu")); ok {
		t.Error("acted before the first step's time")
	}
	req, ok := r.decide(at(30*time.Second, "cpu"))
	if !ok || req.Kind != "throttle" || req.Guest != "rogue" || req.CPU != 0.5 || req.IO != 0 || req.Net != 0 || req.TTL != "10m0s" {
		t.Fatalf("first step: %+v %v", req, ok)
	}
	if _, ok := r.decide(at(40*time.Second, "cpu")); ok {
		t.Error("the same step applied twice")
	}
	if req, ok := r.decide(at(2*time.Minute, "cpu")); !ok || req.CPU != 0.1 {
		t.Errorf("second step: %+v %v", req, ok)
	}
	if req, ok := r.decide(at(2*time.Minute+6*time.Minute, "cpu")); !ok || req.CPU != 0.1 {
		t.Errorf("renewed after half its TTL: %+v %v", req, ok)
	}
	// Another resource of the same guest is its own escalation.
	if req, ok := r.decide(at(45*time.Second, "network")); !ok || req.Net != 200_000_000 || req.CPU != 0 {
		t.Errorf("network: %+v %v", req, ok)
	}
	for _, bad := range []ResponseConfig{
		{Enabled: true, TTL: time.Minute},
		{TTL: time.Second},
		{Enabled: true, TTL: time.Hour, Steps: []ResponseStep{{After: time.Minute, CPU: 1}, {After: time.Second, CPU: 0.5}}},
		{Enabled: true, TTL: time.Hour, Steps: []ResponseStep{{After: time.Minute}}},
		{Enabled: true, TTL: time.Hour, Steps: []ResponseStep{{After: time.Minute, IO: 100}}},
	} {
		if err := bad.Validate(); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
}
