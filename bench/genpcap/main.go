// Command genpcap writes a synthetic capture for the benchmarks: a classic
// pcap (Ethernet, microsecond timestamps), the same bytes for the same
// seed. The realistic mix is a virtual switch between 200 guests with a
// little hostile traffic (bench/replay.sh measures replay speed on it);
// distinct-flows makes every packet a new flow (bench/memory.sh checks that
// the flow table stays within its bound). The traffic itself is described
// in package gen.
//
//	go run ./bench/genpcap -o FILE -packets N [-seed S] [-mix realistic|distinct-flows]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/crosstalk-dev/crosstalk/bench/genpcap/gen"
)

func main() {
	out := flag.String("o", "", "output file (required; - for stdout)")
	packets := flag.Uint64("packets", 1000000, "number of packets")
	seed := flag.Uint64("seed", 1, "random seed")
	mixName := flag.String("mix", "realistic", "traffic: realistic or distinct-flows")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: genpcap -o FILE -packets N [-seed S] [-mix realistic|distinct-flows]")
		os.Exit(2)
	}
	mix, err := gen.ParseMix(*mixName)
	if err != nil {
		fmt.Fprintf(os.Stderr, "genpcap: -mix: %v\n", err)
		os.Exit(2)
	}
	if err := run(*out, *packets, gen.Config{Seed: *seed, Mix: mix}); err != nil {
		fmt.Fprintf(os.Stderr, "genpcap: %v\n", err)
		os.Exit(1)
	}
}

func run(path string, packets uint64, cfg gen.Config) error {
	f := os.Stdout
	if path != "-" {
		var err error
		if f, err = os.Create(path); err != nil {
			return err
		}
	}
	w, err := gen.NewPcapWriter(f)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	g := gen.New(cfg)
	for range packets {
		if err := w.Write(g.Next()); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if path != "-" {
		return f.Close()
	}
	return nil
}
