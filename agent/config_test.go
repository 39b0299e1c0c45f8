package agent

import (
	"strings"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	cfg, err := ParseConfig([]byte("host: hv-01\nflowtable: {attempt_timeout: 3s}\ndetect:\n  portscan: {port_ceiling: 40}\n  disable: [worm]\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultConfig()
	if cfg.Host != "hv-01" || cfg.Alerts.Host != "hv-01" || cfg.FlowTable.AttemptTimeout != 3*time.Second ||
		cfg.FlowTable.MaxFlows != want.FlowTable.MaxFlows || cfg.Detect.Portscan.PortCeiling != 40 ||
		cfg.Detect.Portscan.TRW != want.Detect.Portscan.TRW || cfg.Detect.Sweep != want.Detect.Sweep {
		t.Errorf("config not merged over defaults: %+v", cfg)
	}
	if cfg, err := ParseConfig(nil); err != nil || cfg.FlowTable != want.FlowTable {
		t.Errorf("empty config: %v", err)
	}
}

func TestParseConfigErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"colour: red\n", "line 1: field colour not found"},
		{"detect:\n  portscan:\n    port_celing: 3\n", "line 3: field port_celing not found"},
		{"flowtable: {max_flows: 3}\n", "flowtable: max_flows: 3 out of range"},
		{"flowtable: {attempt_timeout: soon}\n", "soon"},
		{"detect: {portscan: {trw: {theta0: 0.1}}}\n", "detect: portscan: trw: theta0/theta1"},
		{"detect: {disable: [nothing]}\n", `disable: unknown detector "nothing"`},
		{"alerts: {episode_timeout: -1s}\n", "alerts: episode_timeout"},
	}
	for _, c := range cases {
		_, err := ParseConfig([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseConfig(%q) = %v, want %q", c.in, err, c.want)
		}
	}
}
