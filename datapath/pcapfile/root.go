// Package pcapfile reads packet captures for replay: classic pcap and pcapng,
// plain or compressed with gzip or zstd. Compression and format are detected
// from the magic bytes at the start of the data, never from the file name.
//
// The reader is built for long captures on the replay hot path. Next fills a
// caller-owned Record whose Data points into the reader's own buffer, so a
// steady stream of packets costs no allocation; a test asserts it.
//
// The package must never panic on bad input, whatever the bytes, and never
// let a length field read from the file drive an allocation: lengths are
// checked against fixed limits before any buffer grows, and a buffer grows
// only as fast as data actually arrives. A broken file yields an error that
// wraps ErrFormat and names the file and the byte offset; a capture cut short
// in its last record (a copy taken while the capture was still being
// written) ends with io.EOF and a warning instead.
package pcapfile

import (
	"errors"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Record is one captured packet. Data is valid only until the next call to
// Next: the reader reuses its buffer. Copy what must outlive that.
type Record struct {
	Time     flow.Time // capture timestamp
	Data     []byte    // captured bytes
	OrigLen  int       // length on the wire, as recorded by the capturing tool
	LinkType uint16    // LINKTYPE_ of the interface the packet was captured on
}

// ErrFormat is wrapped by every error about a broken or unrecognised file.
// Such errors name the file and the byte offset (in the uncompressed
// capture), e.g. "capture.pcap: offset 24: record header: captured length
// 4000000 exceeds 262144".
var ErrFormat = errors.New("malformed capture file")

// Limits on what a file may claim. They keep a corrupt length field from
// turning into a huge allocation.
const (
	// maxCapLen is the largest captured length accepted from any record,
	// whatever the snapshot length says.
	maxCapLen = 16 << 20
	// minCapLimit is the captured length a pcap record may always reach,
	// even when the file header announces a smaller snapshot length: some
	// writers put a wrong or zero snaplen in the header.
	minCapLimit = 262144
	// maxBlockLen is the largest pcapng block accepted: a maximal packet
	// plus room for its header and options.
	maxBlockLen = maxCapLen + 64<<10
	// maxInterfaces bounds the interfaces of one pcapng section.
	maxInterfaces = 1 << 16
)

// formatError is an error about the content of the file. It is its own type,
// rather than fmt.Errorf with %w, so that the message stays what the user
// needs to read ("name: offset N: what") without ErrFormat's text in it.
type formatError struct {
	msg string
	err error // the decompressor's error, if that is where it came from
}

func (e *formatError) Error() string { return e.msg }

func (e *formatError) Unwrap() []error {
	if e.err != nil {
		return []error{ErrFormat, e.err}
	}
	return []error{ErrFormat}
}
