package pcapfile

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/crosstalk-dev/crosstalk/flow"
)

const (
	// defaultBufSize is the read buffer. Records up to this size are
	// returned as slices of it; larger ones are copied into a spill buffer.
	defaultBufSize = 1 << 20
	// minBufSize lets the headers (16 bytes for pcap, 12 for pcapng) be
	// peeked whatever the configured size.
	minBufSize = 64
	// defaultZstdWindow accepts what `zstd --ultra -22` and `zstd --long`
	// write (128 MiB windows), and refuses frames asking for more: the
	// decoder allocates the whole window up front.
	defaultZstdWindow = 128 << 20
)

// options are the knobs tests and the fuzzer turn; callers get the defaults.
type options struct {
	bufSize    int    // read buffer size
	zstdWindow uint64 // largest zstd window accepted
}

var defaultOptions = options{bufSize: defaultBufSize, zstdWindow: defaultZstdWindow}

// Reader reads packets from a pcap or pcapng capture. It is not safe for
// concurrent use.
type Reader struct {
	name string

	file *countingReader // the underlying data, counted
	raw  *bufio.Reader   // file bytes: magic sniffing, decompressor input
	in   *bufio.Reader   // capture bytes (raw itself when not compressed)
	dec  *decompressor   // nil when not compressed
	gz   *gzip.Reader
	zs   *zstd.Decoder
	os   *os.File // set by Open, closed by Close

	compression string
	pcapng      bool
	big         bool  // the file (pcap) or current section (pcapng) is big-endian
	off         int64 // capture bytes consumed
	spill       []byte
	err         error // sticky: once Next fails, it keeps failing
	opening     bool  // reading the file header: truncation is an error
	warnings    []string

	// pcap
	fracNanos int64 // nanoseconds per unit of the fractional timestamp
	linkType  uint16
	capLimit  uint32

	// pcapng
	ifaces []iface
	last   flow.Time // time of the previous packet, for Simple Packet Blocks
}

// Open opens a capture file (pcap or pcapng; plain, gzip or zstd).
func Open(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r, err := NewReader(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.os = f
	return r, nil
}

// NewReader reads a capture from r; name is used in error messages. It reads
// the file header before returning. Close releases the decompressor but does
// not close r.
func NewReader(r io.Reader, name string) (*Reader, error) {
	return newReader(r, name, defaultOptions)
}

func newReader(rd io.Reader, name string, o options) (*Reader, error) {
	o.bufSize = max(o.bufSize, minBufSize)
	r := &Reader{
		name:        name,
		file:        &countingReader{r: rd},
		compression: "none",
		opening:     true,
	}
	r.raw = bufio.NewReaderSize(r.file, o.bufSize)
	r.in = r.raw
	if err := r.openCompression(o); err != nil {
		r.Close()
		return nil, err
	}
	if err := r.openFormat(); err != nil {
		r.Close()
		return nil, err
	}
	r.opening = false
	return r, nil
}

// Compression magics. The zstd skippable frame (0x184D2A50-5F, little-endian)
// may also start a stream.
var (
	magicGzip  = []byte{0x1f, 0x8b}
	magicZstd  = []byte{0x28, 0xb5, 0x2f, 0xfd}
	magicXz    = []byte{0xfd, '7', 'z', 'X', 'Z', 0x00}
	magicBzip2 = []byte{'B', 'Z', 'h'}
	magicLz4   = []byte{0x04, 0x22, 0x4d, 0x18}
)

func (r *Reader) openCompression(o options) error {
	head, err := r.raw.Peek(len(magicXz))
	if len(head) == 0 {
		if err == io.EOF {
			return &formatError{msg: r.name + ": empty file"}
		}
		return r.ioError(0, err)
	}
	if len(head) < len(magicXz) && err != io.EOF {
		return r.ioError(0, err)
	}
	switch {
	case bytes.HasPrefix(head, magicGzip):
		gz, err := gzip.NewReader(r.raw)
		if err != nil {
			return r.streamError(0, "gzip", err)
		}
		r.gz = gz
		r.compression = "gzip"
	case bytes.HasPrefix(head, magicZstd),
		len(head) >= 4 && head[0]&0xf0 == 0x50 && bytes.Equal(head[1:4], []byte{0x2a, 0x4d, 0x18}):
		zs, err := zstd.NewReader(r.raw,
			zstd.WithDecoderConcurrency(1), // decode in Read, no goroutines
			zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(o.zstdWindow),
			zstd.WithDecoderMaxMemory(o.zstdWindow))
		if err != nil {
			return r.streamError(0, "zstd", err)
		}
		r.zs = zs
		r.compression = "zstd"
	case bytes.HasPrefix(head, magicXz):
		return r.formatErr(0, "xz-compressed file: only gzip and zstd are supported")
	case bytes.HasPrefix(head, magicBzip2):
		return r.formatErr(0, "bzip2-compressed file: only gzip and zstd are supported")
	case bytes.HasPrefix(head, magicLz4):
		return r.formatErr(0, "lz4-compressed file: only gzip and zstd are supported")
	default:
		return nil
	}
	r.dec = &decompressor{file: r.file, kind: r.compression}
	if r.gz != nil {
		r.dec.r = r.gz
	} else {
		r.dec.r = r.zs
	}
	r.in = bufio.NewReaderSize(r.dec, o.bufSize)
	return nil
}

// Capture format magics, as the bytes appear in the file.
var (
	magicPcapBE     = []byte{0xa1, 0xb2, 0xc3, 0xd4} // microseconds
	magicPcapLE     = []byte{0xd4, 0xc3, 0xb2, 0xa1}
	magicPcapNanoBE = []byte{0xa1, 0xb2, 0x3c, 0x4d} // nanoseconds
	magicPcapNanoLE = []byte{0x4d, 0x3c, 0xb2, 0xa1}
	magicPcapng     = []byte{0x0a, 0x0d, 0x0d, 0x0a} // Section Header Block type
)

func (r *Reader) openFormat() error {
	magic, err := r.in.Peek(4)
	if len(magic) == 0 && err == io.EOF && (r.dec == nil || !r.dec.truncated) {
		if r.dec != nil {
			return &formatError{msg: fmt.Sprintf("%s: empty file after %s decompression", r.name, r.compression)}
		}
		return &formatError{msg: r.name + ": empty file"}
	}
	if len(magic) < 4 {
		if err != io.EOF {
			return r.readError(0, err)
		}
		if r.dec != nil && r.dec.truncated {
			return r.formatErr(0, "truncated %s stream before the capture's magic", r.compression)
		}
	}
	switch {
	case bytes.Equal(magic, magicPcapBE):
		return r.openPcap(true, false)
	case bytes.Equal(magic, magicPcapLE):
		return r.openPcap(false, false)
	case bytes.Equal(magic, magicPcapNanoBE):
		return r.openPcap(true, true)
	case bytes.Equal(magic, magicPcapNanoLE):
		return r.openPcap(false, true)
	case bytes.Equal(magic, magicPcapng):
		r.pcapng = true
		return r.openPcapng()
	}
	return r.formatErr(0, "not a pcap or pcapng file (magic 0x%x)", magic)
}

// Next reads the next packet into rec. It returns io.EOF at the end. After
// any other error the reader is unusable and Next keeps returning that error.
// rec.Data points into the reader's buffer and is valid until the next call
// to Next or Close. Next itself does not allocate; the decoders under it do
// now and then (per 100k packets in the benchmark: gzip about 500 times,
// zstd about 25).
func (r *Reader) Next(rec *Record) error {
	if r.err != nil {
		return r.err
	}
	var err error
	if r.pcapng {
		err = r.nextPcapng(rec)
	} else {
		err = r.nextPcap(rec)
	}
	if err != nil {
		if err == io.EOF {
			r.atEOF()
		}
		r.err = err
	}
	return err
}

// Warnings lists problems that did not stop reading (a truncated final
// record, a truncated compressed stream), each naming the file and offset.
func (r *Reader) Warnings() []string { return slices.Clone(r.warnings) }

// Format returns "pcap" or "pcapng".
func (r *Reader) Format() string {
	if r.pcapng {
		return "pcapng"
	}
	return "pcap"
}

// Compression returns "none", "gzip" or "zstd".
func (r *Reader) Compression() string { return r.compression }

// Offset is the number of (uncompressed) capture bytes consumed so far.
func (r *Reader) Offset() int64 { return r.off }

// BytesRead is the number of bytes of the underlying file consumed so far;
// use it with the file size for progress bars. It moves in steps of the
// decompressor's reads.
func (r *Reader) BytesRead() int64 { return r.file.n - int64(r.raw.Buffered()) }

var errClosed = errors.New("pcapfile: reader closed")

// Close releases the decompressor and, for a Reader from Open, closes the
// file. It is safe to call more than once.
func (r *Reader) Close() error {
	if r.err == errClosed {
		return nil
	}
	r.err = errClosed
	var err error
	if r.zs != nil {
		r.zs.Close()
	}
	if r.gz != nil {
		err = r.gz.Close()
	}
	if r.os != nil {
		if cerr := r.os.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// read consumes the next n bytes and returns them; the slice is valid until
// the next read. If the input ends or fails first, it returns fewer bytes
// and the error.
func (r *Reader) read(n int) ([]byte, error) {
	if n <= r.in.Size() {
		b, err := r.in.Peek(n)
		if len(b) < n {
			return b, err
		}
		r.in.Discard(n)
		r.off += int64(n)
		return b, nil
	}
	// Bigger than the read buffer: copy into the spill buffer, growing it
	// no faster than data arrives, so that a length field promising more
	// than the file holds costs no more memory than the file.
	r.spill = r.spill[:0]
	for len(r.spill) < n {
		have := len(r.spill)
		chunk := min(n-have, max(have, r.in.Size()))
		r.spill = slices.Grow(r.spill, chunk)
		m, err := io.ReadFull(r.in, r.spill[have:have+chunk])
		r.spill = r.spill[:have+m]
		r.off += int64(m)
		if err != nil {
			if err == io.ErrUnexpectedEOF {
				err = io.EOF
			}
			return r.spill, err
		}
	}
	return r.spill, nil
}

// short turns a read of got bytes out of want, for the record or block at
// start, into the error to return: io.EOF at a clean end, io.EOF and a
// warning for a truncated record, a format error for a truncated file
// header or a corrupt compressed stream, or the I/O error.
func (r *Reader) short(start int64, got, want int, err error) error {
	if err == nil || err == io.EOF || err == io.ErrUnexpectedEOF {
		r.off = start + int64(got)
		r.atEOF()
		if r.opening {
			return r.formatErr(start, "truncated file header (got %d of %d bytes)", got, want)
		}
		if got > 0 {
			r.warnf(start, "truncated record (got %d of %d bytes)", got, want)
		}
		return io.EOF
	}
	return r.readError(start, err)
}

// atEOF records that the decompressor hit the end of a truncated stream.
func (r *Reader) atEOF() {
	if r.dec != nil && r.dec.truncated && !r.dec.reported {
		r.dec.reported = true
		r.warnings = append(r.warnings, fmt.Sprintf("%s: offset %d: truncated %s stream (file ends at byte %d)",
			r.name, r.dec.out, r.compression, r.file.n))
	}
}

func (r *Reader) warnf(off int64, format string, args ...any) {
	r.warnings = append(r.warnings, fmt.Sprintf("%s: offset %d: ", r.name, off)+fmt.Sprintf(format, args...))
}

func (r *Reader) formatErr(off int64, format string, args ...any) error {
	return &formatError{msg: fmt.Sprintf("%s: offset %d: ", r.name, off) + fmt.Sprintf(format, args...)}
}

// readError wraps an error from reading the capture bytes.
func (r *Reader) readError(off int64, err error) error {
	var se *streamError
	if errors.As(err, &se) {
		return r.streamError(off, se.kind, se.err)
	}
	return r.ioError(off, err)
}

func (r *Reader) streamError(off int64, kind string, err error) error {
	msg := err.Error()
	if !strings.HasPrefix(msg, kind+":") {
		msg = kind + ": " + msg
	}
	return &formatError{msg: fmt.Sprintf("%s: offset %d: %s", r.name, off, msg), err: err}
}

func (r *Reader) ioError(off int64, err error) error {
	return fmt.Errorf("%s: offset %d: read: %w", r.name, off, err)
}

func (r *Reader) u16(b []byte) uint16 {
	if r.big {
		return binary.BigEndian.Uint16(b)
	}
	return binary.LittleEndian.Uint16(b)
}

func (r *Reader) u32(b []byte) uint32 {
	if r.big {
		return binary.BigEndian.Uint32(b)
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *Reader) u64(b []byte) uint64 {
	if r.big {
		return binary.BigEndian.Uint64(b)
	}
	return binary.LittleEndian.Uint64(b)
}

// countingReader counts the bytes read from the underlying reader and keeps
// its last error, so that a decompressor's error can be told apart from the
// file's.
type countingReader struct {
	r   io.Reader
	n   int64
	err error
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil {
		c.err = err
	}
	return n, err
}

// decompressor sorts the errors of a gzip or zstd reader: the file's own
// I/O errors pass through, a stream cut short at the end of the file reads
// as a clean end (noted, for a warning), anything else is a corrupt stream.
type decompressor struct {
	r         io.Reader
	file      *countingReader
	kind      string
	out       int64 // bytes decompressed
	truncated bool
	reported  bool
}

// streamError is a decompressor's complaint about its input.
type streamError struct {
	kind string
	err  error
}

func (e *streamError) Error() string { return e.kind + ": " + e.err.Error() }
func (e *streamError) Unwrap() error { return e.err }

func (d *decompressor) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	d.out += int64(n)
	switch {
	case err == nil || err == io.EOF:
	case d.file.err != nil && d.file.err != io.EOF && errors.Is(err, d.file.err):
	case err == io.ErrUnexpectedEOF && d.file.err == io.EOF:
		d.truncated = true
		err = io.EOF
	default:
		err = &streamError{kind: d.kind, err: err}
	}
	return n, err
}
