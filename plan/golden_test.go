package plan

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// golden compares got with the file at path; go test ./plan -update
// rewrites the file instead.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./plan -run %s -update)", err, t.Name())
	}
	if diff := cmp.Diff(string(got), string(want)); diff != "" {
		t.Errorf("%s (-got +want):\n%s", path, diff)
	}
}

// tabler is a report that has a table for people.
type tabler interface{ WriteTable(w io.Writer) error }

// TestPlanGolden runs capacity and maintenance on every fleet in
// testdata/plan and compares their JSON and tables with the golden
// files beside it. Every plan must also pass the checker.
func TestPlanGolden(t *testing.T) {
	fleets, err := filepath.Glob(filepath.Join("testdata", "plan", "*.yaml"))
	if err != nil || len(fleets) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range fleets {
		base := strings.TrimSuffix(path, ".yaml")
		t.Run(filepath.Base(base), func(t *testing.T) {
			inv, err := LoadInventory(path)
			if err != nil {
				t.Fatal(err)
			}
			capacity := Capacity(inv, DefaultCapacityOptions)
			p, err := Maintenance(inv, DefaultMaintenanceOptions)
			if err != nil {
				t.Fatal(err)
			}
			if vs := CheckPlan(inv, p); len(vs) > 0 {
				t.Errorf("the plan breaks the rules: %v", vs)
			}
			for name, v := range map[string]tabler{"capacity": capacity, "maintenance": p} {
				js, err := json.MarshalIndent(v, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				golden(t, base+"."+name+".golden.json", append(js, '\n'))
				var table bytes.Buffer
				if err := v.WriteTable(&table); err != nil {
					t.Fatal(err)
				}
				golden(t, base+"."+name+".golden.txt", table.Bytes())
			}
		})
	}
}
