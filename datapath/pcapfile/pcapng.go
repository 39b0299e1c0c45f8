package pcapfile

import (
	"encoding/binary"
	"fmt"
	"math/bits"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// pcapng (draft-ietf-opsawg-pcapng): a sequence of blocks, each
// type(4) length(4) body length(4), length counting the whole block and a
// multiple of 4. Every Section Header Block starts a section with its own
// byte order and its own list of interfaces.
const (
	blockSHB uint32 = 0x0A0D0D0A // Section Header Block; a palindrome in both orders
	blockIDB uint32 = 1          // Interface Description Block
	blockPB  uint32 = 2          // Packet Block, obsolete
	blockSPB uint32 = 3          // Simple Packet Block
	blockEPB uint32 = 6          // Enhanced Packet Block

	byteOrderMagic = 0x1A2B3C4D

	optEndOfOpt = 0
	optTsresol  = 9  // if_tsresol
	optTsoffset = 14 // if_tsoffset
)

// minBlockLen is the smallest valid length of each block type this package
// parses: the fixed fields plus header and trailer.
func minBlockLen(typ uint32) int {
	switch typ {
	case blockSHB:
		return 28
	case blockIDB:
		return 20
	case blockEPB, blockPB:
		return 32
	case blockSPB:
		return 16
	}
	return 12
}

func blockName(typ uint32) string {
	switch typ {
	case blockSHB:
		return "section header block"
	case blockIDB:
		return "interface description block"
	case blockEPB:
		return "enhanced packet block"
	case blockPB:
		return "packet block"
	case blockSPB:
		return "simple packet block"
	}
	return fmt.Sprintf("block of type 0x%08x", typ)
}

// iface is an interface of the current section, with its timestamp unit
// reduced to arithmetic on the raw 64-bit timestamp.
type iface struct {
	linkType uint16
	snaplen  uint32
	pow2     bool   // units of 2^-shift seconds
	shift    uint   // for pow2
	div      uint64 // if non-zero, units finer than a nanosecond: ns = ts/div
	mul      uint64 // otherwise ns = ts*mul
	offset   int64  // if_tsoffset, in nanoseconds
}

// setResolution applies an if_tsresol value: 10^-v seconds, or 2^-(v&0x7f)
// seconds when the top bit is set.
func (f *iface) setResolution(v byte) {
	f.pow2, f.div, f.mul = false, 0, 0
	if v&0x80 != 0 {
		f.pow2, f.shift = true, uint(v&0x7f)
		return
	}
	switch e := int(v); {
	case e <= 9:
		f.mul = pow10(9 - e)
	case e-9 <= 19:
		f.div = pow10(e - 9)
	default:
		// Finer than 10^-28 s: every 64-bit timestamp is below a
		// nanosecond, and mul stays 0.
	}
}

func pow10(e int) uint64 {
	p := uint64(1)
	for range e {
		p *= 10
	}
	return p
}

// time converts a raw timestamp. Nonsense units give nonsense times, never a
// panic: the arithmetic wraps.
func (f *iface) time(ts uint64) flow.Time {
	var ns uint64
	switch {
	case f.pow2:
		hi, lo := bits.Mul64(ts, 1e9)
		if f.shift >= 64 {
			ns = hi >> (f.shift - 64)
		} else {
			ns = lo>>f.shift | hi<<(64-f.shift)
		}
	case f.div != 0:
		ns = ts / f.div
	default:
		ns = ts * f.mul
	}
	return flow.Time(int64(ns) + f.offset)
}

// openPcapng reads the first Section Header Block; the magic has been seen.
func (r *Reader) openPcapng() error {
	_, b, start, err := r.readBlock()
	if err != nil {
		return err
	}
	return r.parseSHB(start, b)
}

func (r *Reader) nextPcapng(rec *Record) error {
	for {
		typ, b, start, err := r.readBlock()
		if err != nil {
			return err
		}
		switch typ {
		case blockSHB:
			err = r.parseSHB(start, b)
		case blockIDB:
			err = r.parseIDB(start, b)
		case blockEPB, blockPB:
			return r.parsePacket(start, typ, b, rec)
		case blockSPB:
			return r.parseSPB(start, b, rec)
		}
		if err != nil {
			return err
		}
	}
}

// readBlock reads the block at the current offset. For the block types this
// package parses it returns the whole block, length fields checked; other
// blocks it skips and returns with b nil.
func (r *Reader) readBlock() (typ uint32, b []byte, start int64, err error) {
	start = r.off
	h, err := r.in.Peek(12)
	if len(h) < 12 {
		want := 12
		if len(h) >= 8 && binary.LittleEndian.Uint32(h) != blockSHB {
			if n := r.u32(h[4:8]); n > 12 && n <= maxBlockLen {
				want = int(n)
			}
		}
		return 0, nil, start, r.short(start, len(h), want, err)
	}
	typ = r.u32(h[0:4])
	if typ == blockSHB {
		// The section's byte order, which the length field is in.
		switch bom := h[8:12]; {
		case binary.BigEndian.Uint32(bom) == byteOrderMagic:
			r.big = true
		case binary.LittleEndian.Uint32(bom) == byteOrderMagic:
			r.big = false
		default:
			return 0, nil, start, r.formatErr(start, "section header block: bad byte-order magic 0x%x", bom)
		}
	}
	n32 := r.u32(h[4:8])
	switch {
	case n32 < uint32(minBlockLen(typ)):
		return 0, nil, start, r.formatErr(start, "%s: block length %d is below the minimum %d", blockName(typ), n32, minBlockLen(typ))
	case n32%4 != 0:
		return 0, nil, start, r.formatErr(start, "%s: block length %d is not a multiple of 4", blockName(typ), n32)
	case n32 > maxBlockLen:
		return 0, nil, start, r.formatErr(start, "%s: block length %d exceeds %d", blockName(typ), n32, maxBlockLen)
	}
	n := int(n32)
	var trailer uint32
	switch typ {
	case blockSHB, blockIDB, blockEPB, blockPB, blockSPB:
		b, err = r.read(n)
		if len(b) < n {
			return 0, nil, start, r.short(start, len(b), n, err)
		}
		trailer = r.u32(b[n-4:])
	default:
		// Skip without copying: other blocks may be bigger than the
		// read buffer, and nothing in them is needed.
		d, err := r.in.Discard(n - 4)
		r.off += int64(d)
		if d < n-4 {
			return 0, nil, start, r.short(start, d, n, err)
		}
		t, err := r.read(4)
		if len(t) < 4 {
			return 0, nil, start, r.short(start, n-4+len(t), n, err)
		}
		trailer = r.u32(t)
	}
	if trailer != n32 {
		return 0, nil, start, r.formatErr(start, "%s: trailing length %d does not match block length %d", blockName(typ), trailer, n32)
	}
	return typ, b, start, nil
}

func (r *Reader) parseSHB(start int64, b []byte) error {
	if major, minor := r.u16(b[12:14]), r.u16(b[14:16]); major != 1 {
		return r.formatErr(start, "section header block: unsupported pcapng version %d.%d", major, minor)
	}
	r.ifaces = r.ifaces[:0]
	return nil
}

func (r *Reader) parseIDB(start int64, b []byte) error {
	if len(r.ifaces) >= maxInterfaces {
		return r.formatErr(start, "interface description block: more than %d interfaces in one section", maxInterfaces)
	}
	f := iface{
		linkType: r.u16(b[8:10]),
		snaplen:  r.u32(b[12:16]),
		mul:      1000, // microseconds unless if_tsresol says otherwise
	}
	opts := b[16 : len(b)-4]
	for len(opts) >= 4 {
		code, n := r.u16(opts[0:2]), int(r.u16(opts[2:4]))
		if code == optEndOfOpt {
			break
		}
		if 4+n > len(opts) {
			return r.formatErr(start, "interface description block: option %d of length %d overruns the block", code, n)
		}
		v := opts[4 : 4+n]
		switch {
		case code == optTsresol && n == 1:
			f.setResolution(v[0])
		case code == optTsoffset && n == 8:
			f.offset = int64(r.u64(v)) * 1e9
		}
		// The value is padded to 4 bytes; tolerate a missing pad at the end.
		opts = opts[min(4+(n+3)&^3, len(opts)):]
	}
	r.ifaces = append(r.ifaces, f)
	return nil
}

// parsePacket decodes an Enhanced Packet Block or an obsolete Packet Block;
// they differ only in the width of the interface id.
func (r *Reader) parsePacket(start int64, typ uint32, b []byte, rec *Record) error {
	var id uint32
	if typ == blockEPB {
		id = r.u32(b[8:12])
	} else {
		id = uint32(r.u16(b[8:10]))
	}
	if uint64(id) >= uint64(len(r.ifaces)) {
		return r.formatErr(start, "%s: interface %d not defined (section has %d)", blockName(typ), id, len(r.ifaces))
	}
	f := &r.ifaces[id]
	ts := uint64(r.u32(b[12:16]))<<32 | uint64(r.u32(b[16:20]))
	capLen := r.u32(b[20:24])
	origLen := r.u32(b[24:28])
	if room := uint32(len(b) - 32); capLen > room {
		return r.formatErr(start, "%s: captured length %d exceeds the block's %d bytes of data", blockName(typ), capLen, room)
	}
	if capLen > maxCapLen {
		return r.formatErr(start, "%s: captured length %d exceeds %d", blockName(typ), capLen, maxCapLen)
	}
	n := 28 + int(capLen)
	rec.Time = f.time(ts)
	rec.Data = b[28:n:n]
	rec.OrigLen = int(origLen)
	rec.LinkType = f.linkType
	r.last = rec.Time
	return nil
}

// parseSPB decodes a Simple Packet Block: interface 0, no timestamp (the
// previous packet's time stands in), captured length implied by the
// original length, the snaplen and the block length.
func (r *Reader) parseSPB(start int64, b []byte, rec *Record) error {
	if len(r.ifaces) == 0 {
		return r.formatErr(start, "simple packet block: no interface defined")
	}
	f := &r.ifaces[0]
	origLen := r.u32(b[8:12])
	capLen := min(origLen, uint32(len(b)-16))
	if f.snaplen > 0 {
		capLen = min(capLen, f.snaplen)
	}
	n := 12 + int(capLen)
	rec.Time = r.last
	rec.Data = b[12:n:n]
	rec.OrigLen = int(origLen)
	rec.LinkType = f.linkType
	return nil
}
