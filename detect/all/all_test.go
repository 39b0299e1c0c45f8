package all

import (
	"strings"
	"testing"

	"github.com/crosstalk-dev/crosstalk/detect"
	"github.com/crosstalk-dev/crosstalk/detect/detecttest"
)

// TestBenignIsQuiet runs every detector together over each benign scenario
// of DESIGN.md section 5: none may raise anything.
func TestBenignIsQuiet(t *testing.T) {
	for _, s := range detecttest.Benign() {
		t.Run(s.Name, func(t *testing.T) {
			got := detecttest.Kinds(detecttest.Run(t, s.Events, func(deps detect.Dependencies) []detect.Detector {
				return New(DefaultConfig(), deps)
			}))
			if len(got) != 0 {
				t.Errorf("alerts on benign traffic: %v", got)
			}
		})
	}
}

func TestDefaultsValidAndDisable(t *testing.T) {
	cfg := DefaultConfig()
	if err := cfg.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	if n := len(New(cfg, detect.Dependencies{})); n != len(Kinds()) || n != 10 {
		t.Errorf("%d detectors built, %d kinds", n, len(Kinds()))
	}
	cfg.Disable = []string{"beacon", "new-edge"}
	if n := len(New(cfg, detect.Dependencies{})); n != 8 {
		t.Errorf("%d detectors after disabling two", n)
	}
	cfg.Disable = []string{"beacons"}
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), `"beacons"`) {
		t.Errorf("unknown kind accepted: %v", err)
	}
}
