package gen

import (
	"bufio"
	"encoding/binary"
	"io"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// The classic pcap format: a 24-byte file header, then a 16-byte header
// per record. Written little-endian, with microsecond timestamps, Ethernet
// link type and snap length 65535.
const (
	FileHeaderLen   = 24
	RecordHeaderLen = 16
)

// AppendFileHeader appends a pcap file header to dst.
func AppendFileHeader(dst []byte) []byte {
	var h [FileHeaderLen]byte
	binary.LittleEndian.PutUint32(h[0:], 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(h[4:], 2)
	binary.LittleEndian.PutUint16(h[6:], 4)
	binary.LittleEndian.PutUint32(h[16:], 65535)
	binary.LittleEndian.PutUint32(h[20:], 1) // LINKTYPE_ETHERNET
	return append(dst, h[:]...)
}

// AppendRecord appends a record of frame taken at t (truncated to the
// microsecond) to dst.
func AppendRecord(dst []byte, t flow.Time, frame []byte) []byte {
	var h [RecordHeaderLen]byte
	putRecordHeader(&h, t, len(frame))
	return append(append(dst, h[:]...), frame...)
}

func putRecordHeader(h *[RecordHeaderLen]byte, t flow.Time, n int) {
	binary.LittleEndian.PutUint32(h[0:], uint32(t/1e9))
	binary.LittleEndian.PutUint32(h[4:], uint32(t%1e9/1e3))
	binary.LittleEndian.PutUint32(h[8:], uint32(n))
	binary.LittleEndian.PutUint32(h[12:], uint32(n))
}

// PcapWriter writes a pcap file through a buffer.
type PcapWriter struct {
	w   *bufio.Writer
	hdr [RecordHeaderLen]byte
}

// NewPcapWriter writes the file header to w and returns a writer for the
// records. Call Flush at the end.
func NewPcapWriter(w io.Writer) (*PcapWriter, error) {
	p := &PcapWriter{w: bufio.NewWriterSize(w, 1<<20)}
	_, err := p.w.Write(AppendFileHeader(nil))
	return p, err
}

// Write appends one record; t is truncated to the microsecond.
func (p *PcapWriter) Write(t flow.Time, frame []byte) error {
	putRecordHeader(&p.hdr, t, len(frame))
	if _, err := p.w.Write(p.hdr[:]); err != nil {
		return err
	}
	_, err := p.w.Write(frame)
	return err
}

// Flush writes what is buffered.
func (p *PcapWriter) Flush() error { return p.w.Flush() }
