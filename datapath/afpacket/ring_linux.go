package afpacket

import (
	"encoding/binary"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Layout of the TPACKET_V3 ring (include/uapi/linux/if_packet.h). A test
// checks it against the structures of x/sys/unix.
const (
	// struct tpacket_block_desc: version, offset_to_priv, then
	// tpacket_hdr_v1 from byte 8.
	blockHdrLen    = 48
	offBlockStatus = 8
	offNumPkts     = 12
	offFirstPkt    = 16

	// struct tpacket3_hdr, followed by struct sockaddr_ll at
	// TPACKET_ALIGN(sizeof(struct tpacket3_hdr)) = 48.
	frameHdrLen = 48
	offNext     = 0
	offSec      = 4
	offNsec     = 8
	offSnaplen  = 12
	offStatus   = 20
	offMac      = 24
	offVlanTCI  = 28 + 4 // hv1: tp_rxhash, then tp_vlan_tci
	offVlanTPID = 28 + 8
	offIfindex  = frameHdrLen + 4  // sockaddr_ll.sll_ifindex
	offPkttype  = frameHdrLen + 10 // sockaddr_ll.sll_pkttype
	// frameMin is TPACKET3_HDRLEN: the frame header and its sockaddr_ll.
	// Frame data never starts before it, and no frame is shorter.
	frameMin = frameHdrLen + unix.SizeofSockaddrLinklayer

	vlanTagLen = 4
)

var ne = binary.NativeEndian

// statusWord returns the block_status word of block b for atomic access.
// Blocks start at page-aligned addresses, so the word is aligned.
func statusWord(b []byte) *uint32 {
	return (*uint32)(unsafe.Pointer(&b[offBlockStatus]))
}

// userOwned reports whether the kernel has handed block b to userspace.
// The atomic load orders it before every read of the block's content,
// pairing with the kernel's write barrier before it sets the status.
func userOwned(b []byte) bool {
	return atomic.LoadUint32(statusWord(b))&unix.TP_STATUS_USER != 0
}

// giveBack returns block b to the kernel. The atomic store orders every
// read of the block before it: the kernel may overwrite the block as soon
// as it sees the new status.
func giveBack(b []byte) {
	atomic.StoreUint32(statusWord(b), unix.TP_STATUS_KERNEL)
}

// walkBlock calls fn for each frame of block b that was received on the
// port, in ring order, and returns the number of frames skipped as
// outgoing. It returns ok false when a descriptor points outside the
// block; frames before it have been delivered, the rest are lost.
//
// A frame whose VLAN tag the kernel took out (TP_STATUS_VLAN_VALID) is
// handed over with the tag put back, as libpcap does, so that the decoder
// sees the frame as it was on the wire; it is rebuilt in scratch, which
// must hold the snap length plus 4 bytes. Every other frame is a slice of
// b, with its capacity cut to its length.
func walkBlock(b, scratch []byte, fn func(t flow.Time, data []byte)) (outgoing int, ok bool) {
	return walkBlockFrom(b, scratch, func(t flow.Time, _ int, data []byte) { fn(t, data) })
}

// walkBlockFrom is walkBlock that also gives each frame's ingress
// interface index (sll_ifindex), for a socket that captures on every
// interface.
func walkBlockFrom(b, scratch []byte, fn func(t flow.Time, ifindex int, data []byte)) (outgoing int, ok bool) {
	size := uint64(len(b))
	if size < blockHdrLen+frameMin {
		return 0, false
	}
	n := uint64(ne.Uint32(b[offNumPkts:]))
	if n > size/frameMin {
		return 0, false
	}
	off := uint64(ne.Uint32(b[offFirstPkt:]))
	for i := uint64(0); i < n; i++ {
		if off < blockHdrLen || off+frameMin > size {
			return outgoing, false
		}
		h := b[off : off+frameMin]
		mac := uint64(ne.Uint16(h[offMac:]))
		snap := uint64(ne.Uint32(h[offSnaplen:]))
		if mac < frameMin || off+mac+snap > size {
			return outgoing, false
		}
		if h[offPkttype] == unix.PACKET_OUTGOING {
			outgoing++
		} else {
			t := flow.Time(int64(ne.Uint32(h[offSec:]))*1e9 + int64(ne.Uint32(h[offNsec:])))
			start, end := off+mac, off+mac+snap
			data := b[start:end:end]
			if status := ne.Uint32(h[offStatus:]); status&unix.TP_STATUS_VLAN_VALID != 0 && len(data) >= 12 {
				data = putVLANTag(scratch, data, h, status)
			}
			fn(t, int(int32(ne.Uint32(h[offIfindex:]))), data)
		}
		if i+1 < n {
			next := uint64(ne.Uint32(h[offNext:]))
			if next < frameMin {
				return outgoing, false
			}
			off += next
		}
	}
	return outgoing, true
}

// putVLANTag copies frame data into scratch with the 802.1Q tag described
// by frame header h inserted after the MAC addresses, truncated to scratch.
func putVLANTag(scratch, data, h []byte, status uint32) []byte {
	tpid := uint16(0x8100)
	if status&unix.TP_STATUS_VLAN_TPID_VALID != 0 {
		if p := ne.Uint16(h[offVlanTPID:]); p != 0 {
			tpid = p
		}
	}
	copy(scratch[:12], data[:12])
	binary.BigEndian.PutUint16(scratch[12:], tpid)
	binary.BigEndian.PutUint16(scratch[14:], uint16(ne.Uint32(h[offVlanTCI:])))
	n := copy(scratch[12+vlanTagLen:], data[12:])
	end := 12 + vlanTagLen + n
	return scratch[:end:end]
}
