package pcapfile

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the reader. It must never panic or
// hang, and its memory must stay bounded (the zstd window is capped lower
// than the default so that each run stays small). Each input is read twice,
// with a buffer big enough for every record and with one so small that
// every record goes through the spill buffer; both must agree.
func FuzzReader(f *testing.F) {
	// Small seeds: the fuzzer mutates and minimises faster. The fixtures
	// of the tests are in too, for their big records.
	recs := pcapRecords()
	for i := range recs {
		recs[i].Data = recs[i].Data[:8+i]
	}
	for _, s := range []pcapSpec{
		{order: le, network: linkEthernet, snaplen: 65535},
		{order: be, nanos: true, network: linkRaw | 1<<28, snaplen: 10},
	} {
		p := writePcap(s, recs)
		f.Add(p)
		f.Add(gzipBytes(f, p))
		f.Add(zstdBytes(f, p))
	}
	ng := smallPcapng()
	f.Add(ng)
	f.Add(gzipBytes(f, ng))
	f.Add(zstdBytes(f, ng))
	for _, c := range captures(f) {
		f.Add(c.data)
	}
	f.Add([]byte{})

	f.Fuzz(func(t *testing.T, data []byte) {
		big := fuzzRead(t, data, options{bufSize: 4096, zstdWindow: 1 << 20})
		tiny := fuzzRead(t, data, options{bufSize: minBufSize, zstdWindow: 1 << 20})
		if diff := diffRecords(tiny.recs, big.recs); diff != "" {
			t.Errorf("records depend on the buffer size (-small +big):\n%s", diff)
		}
		if tiny.err != big.err {
			t.Errorf("error depends on the buffer size:\nsmall %s\nbig   %s", tiny.err, big.err)
		}
		if tiny.warnings != big.warnings {
			t.Errorf("warnings depend on the buffer size:\nsmall %s\nbig   %s", tiny.warnings, big.warnings)
		}
	})
}

type fuzzResult struct {
	recs     []Record
	err      string
	warnings string
}

// fuzzMaxRecords bounds the work on inputs that decompress to a flood of
// empty records.
const fuzzMaxRecords = 100_000

func fuzzRead(t *testing.T, data []byte, o options) fuzzResult {
	var res fuzzResult
	r, err := newReader(bytes.NewReader(data), "fuzz", o)
	if err != nil {
		checkFuzzError(t, err)
		res.err = err.Error()
		return res
	}
	defer r.Close()
	last := r.Offset()
	for range fuzzMaxRecords {
		var rec Record
		err := r.Next(&rec)
		if err != nil {
			if err != io.EOF {
				checkFuzzError(t, err)
				res.err = err.Error()
			}
			break
		}
		if len(rec.Data) > maxCapLen {
			t.Fatalf("record of %d bytes", len(rec.Data))
		}
		if r.Offset() <= last {
			t.Fatalf("Next returned a record without consuming input (offset %d)", last)
		}
		last = r.Offset()
		if len(res.recs) < 100 { // enough to compare, little to keep
			rec.Data = bytes.Clone(rec.Data)
			res.recs = append(res.recs, rec)
		}
	}
	if n := r.BytesRead(); n < 0 || n > int64(len(data)) {
		t.Fatalf("BytesRead() = %d of %d bytes", n, len(data))
	}
	res.warnings = strings.Join(r.Warnings(), "\n")
	return res
}

// checkFuzzError checks what every error must be: about the file's format
// (the input is in memory, so there is no I/O error), naming it.
func checkFuzzError(t *testing.T, err error) {
	if !errors.Is(err, ErrFormat) {
		t.Fatalf("error %q does not wrap ErrFormat", err)
	}
	if !strings.HasPrefix(err.Error(), "fuzz: ") {
		t.Fatalf("error %q does not name the file", err)
	}
}

// smallPcapng is a pcapng capture with every kind of block this package
// knows, in two sections, with tiny packets.
func smallPcapng() []byte {
	w := &ngWriter{}
	w.section(le)
	w.idb(linkEthernet, 0)
	w.idb(linkRaw, 6, w.tsresol(9))
	w.idb(linkSLL, 0, w.tsresol(0x80|20), w.tsoffset(100))
	w.epb(0, 1, []byte("abcd"), 4)
	w.block(4, []byte{1, 0, 4, 0, 10, 0, 0, 1})
	w.epb(1, 2, []byte("abcdefgh"), 8)
	w.epb(2, 3, []byte("abc"), 3, w.opt(2, le.AppendUint32(nil, 1)))
	w.spb([]byte("abcde"), 5)
	w.pb(1, 4, []byte("ab"), 2)
	w.section(be)
	w.idb(linkIPv6, 4, w.tsresol(3))
	w.epb(0, 5, []byte("abcdef"), 6)
	w.spb([]byte("abcdef"), 6)
	return w.b
}
