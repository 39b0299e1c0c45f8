// Command genfleet writes a synthetic fleet inventory (plan.Generate) for
// the planner benchmarks: hosts of 64 CPUs and 512 GiB, guests of common
// cloud sizes in anti-affinity groups, the same file for the same seed.
//
//	go run ./bench/genfleet -o FILE -hosts 1000 -guests 20000 [-spare 0] [-seed 1]
package main

import (
	"flag"
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"

	"github.com/crosstalk-dev/crosstalk/plan"
)

func main() {
	out := flag.String("o", "", "output file (required)")
	hosts := flag.Int("hosts", 1000, "hosts")
	guests := flag.Int("guests", 20000, "guests (those that find no room are left out)")
	spare := flag.Int("spare", 0, "hosts left empty")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 || *hosts < 1 || *spare < 0 || *spare >= *hosts {
		fmt.Fprintln(os.Stderr, "usage: genfleet -o FILE -hosts N -guests N [-spare N] [-seed S]")
		os.Exit(2)
	}
	inv := plan.Generate(*hosts, *guests, *spare, *seed)
	data, err := yaml.Marshal(inv)
	if err == nil {
		err = os.WriteFile(*out, data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genfleet:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "genfleet: %d hosts, %d guests -> %s\n", len(inv.Hosts), len(inv.Guests), *out)
}
