package sinks

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRotatingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.jsonl")
	os.WriteFile(path, []byte("old line\n"), 0o644) // appended to, not clobbered
	r, err := OpenRotating(path, 100, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		if _, err := fmt.Fprintf(r, "line %02d of the alerts file\n", i); err != nil { // 26 bytes
			t.Fatal(err)
		}
	}
	r.Close()
	if _, err := r.Write([]byte("x\n")); err == nil {
		t.Error("a closed file took a write")
	}
	var all []string
	for _, name := range []string{path + ".2", path + ".1", path} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > 100 || !strings.HasSuffix(string(data), "\n") {
			t.Errorf("%s: %d bytes, or a half line: %q", name, len(data), data)
		}
		all = append(all, strings.Split(strings.TrimSpace(string(data)), "\n")...)
	}
	if _, err := os.Stat(path + ".3"); err == nil {
		t.Error("kept more than 2 rotated files")
	}
	// The newest lines survive, in order.
	if last := all[len(all)-1]; last != "line 19 of the alerts file" || !strings.HasPrefix(all[0], "line ") {
		t.Errorf("lines %q", all)
	}
}
