// Package afpacket captures live frames on one guest port (the host side of
// a veth, tap or vnet attached to a bridge) through a TPACKET_V3 ring shared
// with the kernel. It is the userspace datapath: the fallback when eBPF is
// not available, and the one the lab runs.
//
// A Handle sees only the frames that entered the bridge through its port,
// that is the frames the guest behind it sent. Frames the bridge sends out
// of the port are left out three times over: PACKET_IGNORE_OUTGOING (Linux
// 4.20 and later) keeps them from the socket, a one-instruction socket
// filter drops them on older kernels, and Read skips any frame still marked
// PACKET_OUTGOING. A frame between two guests is therefore seen exactly
// once, on the sender's port, which is what attributes it to the sender.
//
// The package must never block the kernel or the guest: when the reader
// falls behind, the kernel drops frames and counts them (Stats.Drops), and
// the ring never grows. It must never allocate per frame: Read hands out
// slices of the ring itself, valid only during the callback. And it must
// never trust the ring: every offset and length read from a block
// descriptor is checked against the block before it is used, and a block
// that fails is abandoned and counted (Stats.Corrupt), never a panic.
//
// One goroutine calls Read in a loop; Stats and Close may be called from
// any goroutine, and Close wakes a Read in progress, which returns
// ErrClosed.
package afpacket

import "errors"

// Stats are a Handle's counters since Open. The first three are the
// kernel's (PACKET_STATISTICS, which resets on every read, summed by the
// Handle); the others are counted by Read.
type Stats struct {
	// Packets is the number of frames the kernel accepted for the ring,
	// including those it then dropped because the ring was full.
	Packets uint64
	// Drops is the number of frames lost because every block of the ring
	// was waiting for the reader.
	Drops uint64
	// Freezes is the number of times the ring filled up.
	Freezes uint64
	// Outgoing is the number of frames Read skipped because the kernel
	// marked them as sent out of the port (only on kernels that predate
	// PACKET_IGNORE_OUTGOING and ignore the socket filter: expected 0).
	Outgoing uint64
	// Corrupt is the number of blocks abandoned part way because a
	// descriptor pointed outside its block (expected 0).
	Corrupt uint64
}

// Errors that callers branch on.
var (
	// ErrClosed is returned by Read after Close.
	ErrClosed = errors.New("afpacket handle closed")
	// ErrDown is wrapped by the error Read returns when the interface
	// went down (or was down when the Handle was opened). The Handle stays
	// usable: capture resumes when the interface comes back up.
	ErrDown = errors.New("interface down")
	// ErrGone is wrapped by the errors Read returns once the interface has
	// been deleted and every frame left in the ring has been read. The
	// Handle will never see a frame again: close it.
	ErrGone = errors.New("interface deleted")
)
