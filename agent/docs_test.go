package agent

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite docs/configuration.md's defaults from the code")

// TestConfigurationDoc keeps docs/configuration.md true: its first YAML
// block must be the defaults, key for key.
func TestConfigurationDoc(t *testing.T) {
	doc, err := os.ReadFile("../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/configuration.md has no ```yaml block")
	}
	want, err := yaml.Marshal(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		fixed := strings.Replace(string(doc), "```yaml\n"+block, "```yaml\n"+string(want), 1)
		if err := os.WriteFile("../docs/configuration.md", []byte(fixed), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(block, string(want)); diff != "" {
		t.Errorf("docs/configuration.md defaults are stale (-doc +code); go test ./agent -update rewrites them:\n%s", diff)
	}
	if _, err := ParseConfig([]byte(block)); err != nil {
		t.Errorf("the documented defaults do not parse: %v", err)
	}
}
