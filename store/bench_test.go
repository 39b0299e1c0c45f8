package store

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// labFlows is a day of lab-like traffic: 8 guests, short flows to a few
// services, one every 100 ms.
func labFlows(n int) []*flow.Record {
	guests := []string{"web-1", "web-2", "app-1", "app-2", "db-1", "cache-1", "backup-1", "mon-1"}
	out := make([]*flow.Record, n)
	for i := range out {
		out[i] = aFlow(t0.Add(time.Duration(i)*100*time.Millisecond), guests[i%8], guests[(i/8+1+i%8)%8], []uint16{80, 443, 5432, 6379}[i%4], uint64(100+i%1400))
	}
	return out
}

// BenchmarkStoreFlows writes finished flows through the store (edges and
// samples, batched); BenchmarkFlowsFileBaseline writes the same records
// as JSON lines to a file, as flows_file does, in the same run.
func BenchmarkStoreFlows(b *testing.B) {
	recs := labFlows(10000)
	cfg := DefaultConfig()
	cfg.Path = filepath.Join(b.TempDir(), "bench.db")
	cfg.QueueSize = 1 << 20
	s, err := Open(cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.PutFlow(recs[i%len(recs)])
	}
	s.Sync(context.Background())
	b.StopTimer()
	if st := s.Stats(); st.Dropped > 0 {
		b.Fatalf("dropped %d", st.Dropped)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "flows/s")
}

func BenchmarkFlowsFileBaseline(b *testing.B) {
	recs := labFlows(10000)
	f, err := os.Create(filepath.Join(b.TempDir(), "flows.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		line, _ := json.Marshal(recs[i%len(recs)])
		w.Write(append(line, '\n'))
	}
	w.Flush()
	f.Sync()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "flows/s")
}

// BenchmarkQueryDay asks "who did db-1 talk to" over a day of lab
// traffic (864,000 flows at one per 100 ms, written once).
func BenchmarkQueryDay(b *testing.B) {
	cfg := DefaultConfig()
	cfg.Path = filepath.Join(b.TempDir(), "day.db")
	cfg.QueueSize, cfg.MaxFlowSamples = 1<<20, 100000
	s, err := Open(cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, r := range labFlows(864000) {
		for !s.PutFlow(r) {
			s.Sync(context.Background())
		}
	}
	s.Sync(context.Background())
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		edges, err := s.Edges(ctx, EdgeQuery{Guest: "db-1", Since: t0.Add(12 * time.Hour)})
		if err != nil || len(edges) == 0 {
			b.Fatal(err, len(edges))
		}
	}
}
