package pcapfile

import (
	"bytes"
	"io"
	"runtime"
	"sync"
	"testing"
)

// benchPackets is the size of the benchmark captures.
const benchPackets = 100_000

// benchCaptures are built once: about 75 MB each, uncompressed.
var benchCaptures = sync.OnceValue(func() map[string][]byte {
	recs := genRecords(benchPackets, 42)
	return map[string][]byte{
		"pcap":   writePcap(pcapSpec{order: le, nanos: true, network: linkEthernet, snaplen: 65535}, recs),
		"pcapng": writePcapng(recs),
	}
})

func BenchmarkReadPcap(b *testing.B)   { benchRead(b, "pcap") }
func BenchmarkReadPcapng(b *testing.B) { benchRead(b, "pcapng") }

// benchRead reads the whole capture per iteration, plain and compressed.
// Besides ns/op and B/s it reports ns/packet and allocs/packet; allocs/op
// is the per-file cost (read buffers, decompressor).
func benchRead(b *testing.B, format string) {
	plain := benchCaptures()[format]
	for _, comp := range []string{"none", "gzip", "zstd"} {
		data := plain
		switch comp {
		case "gzip":
			data = gzipBytes(b, plain)
		case "zstd":
			data = zstdBytes(b, plain)
		}
		b.Run(comp, func(b *testing.B) {
			b.SetBytes(int64(len(plain)))
			b.ReportAllocs()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			mallocs := ms.Mallocs
			var rec Record
			packets := 0
			for b.Loop() {
				r, err := NewReader(bytes.NewReader(data), format)
				if err != nil {
					b.Fatal(err)
				}
				for {
					if err := r.Next(&rec); err != nil {
						if err != io.EOF {
							b.Fatal(err)
						}
						break
					}
					packets++
				}
				r.Close()
			}
			runtime.ReadMemStats(&ms)
			if packets != b.N*benchPackets {
				b.Fatalf("read %d packets, want %d", packets, b.N*benchPackets)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(packets), "ns/packet")
			b.ReportMetric(float64(ms.Mallocs-mallocs)/float64(packets), "allocs/packet")
		})
	}
}
