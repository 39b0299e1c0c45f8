package pcapfile

import (
	"github.com/crosstalk-dev/crosstalk/flow"
)

// Classic pcap, as libpcap writes it: a 24-byte file header, then records of
// a 16-byte header and the captured bytes. The byte order is the writer's,
// told by the magic.
const (
	pcapFileHeaderLen   = 24
	pcapRecordHeaderLen = 16
)

func (r *Reader) openPcap(big, nanos bool) error {
	r.big = big
	r.fracNanos = 1000
	if nanos {
		r.fracNanos = 1
	}
	b, err := r.read(pcapFileHeaderLen)
	if len(b) < pcapFileHeaderLen {
		return r.short(0, len(b), pcapFileHeaderLen, err)
	}
	if major, minor := r.u16(b[4:6]), r.u16(b[6:8]); major != 2 {
		return r.formatErr(0, "file header: unsupported pcap version %d.%d", major, minor)
	}
	snaplen := r.u32(b[16:20])
	// The upper bits of the link-type field carry the FCS length.
	r.linkType = uint16(r.u32(b[20:24]))
	r.capLimit = min(max(snaplen, minCapLimit), maxCapLen)
	return nil
}

func (r *Reader) nextPcap(rec *Record) error {
	start := r.off
	h, err := r.in.Peek(pcapRecordHeaderLen)
	if len(h) < pcapRecordHeaderLen {
		return r.short(start, len(h), pcapRecordHeaderLen, err)
	}
	sec := r.u32(h[0:4])
	frac := r.u32(h[4:8])
	capLen := r.u32(h[8:12])
	origLen := r.u32(h[12:16])
	if capLen > r.capLimit {
		return r.formatErr(start, "record header: captured length %d exceeds %d", capLen, r.capLimit)
	}
	n := pcapRecordHeaderLen + int(capLen)
	b, err := r.read(n)
	if len(b) < n {
		return r.short(start, len(b), n, err)
	}
	rec.Time = flow.Time(int64(sec)*1e9 + int64(frac)*r.fracNanos)
	rec.Data = b[pcapRecordHeaderLen:n:n]
	rec.OrigLen = int(origLen)
	rec.LinkType = r.linkType
	return nil
}
