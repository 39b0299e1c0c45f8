package resource

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Apply writes the settings back, goes on past a failing step, and runs
// no command but tc and ip (the steps come from a state file).
func TestUndoApply(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	marker := filepath.Join(dir, "ran")
	u := Undo{
		{File: a, Value: "max 100000"},
		{Cmd: []string{"touch", marker}},
		{File: filepath.Join(dir, "missing", "c"), Value: "x"},
		{File: b, Value: "2"},
	}
	err := u.Apply()
	if err == nil || !strings.Contains(err.Error(), "not a tc or ip step") {
		t.Errorf("Apply = %v, want the touch step refused", err)
	}
	if _, serr := os.Stat(marker); serr == nil {
		t.Error("a step that is neither tc nor ip was run")
	}
	for f, want := range map[string]string{a: "max 100000", b: "2"} {
		if got, _ := os.ReadFile(f); string(got) != want {
			t.Errorf("%s = %q, want %q (every step runs, also after one fails)", f, got, want)
		}
	}
}
