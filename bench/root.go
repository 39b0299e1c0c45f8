// Package bench holds the benchmarks and evaluations that compare
// crosstalk against a baseline measured in the same run: the public
// capture corpus (corpus_test.go), and the replay throughput scripts in
// this folder. It is test-only code; nothing imports it.
package bench
