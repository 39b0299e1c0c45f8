package afpacket

import (
	"bytes"
	"encoding/binary"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/sys/unix"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// TestLayout checks the offsets walkBlock uses against the structures of
// x/sys/unix, which are generated from the kernel headers.
func TestLayout(t *testing.T) {
	var bd unix.TpacketBlockDesc
	var bh unix.TpacketHdrV1
	var fh unix.Tpacket3Hdr
	var ll unix.RawSockaddrLinklayer
	tests := []struct {
		name      string
		got, want uintptr
	}{
		{"block desc size", blockHdrLen, unsafe.Sizeof(bd)},
		{"block_status", offBlockStatus, unsafe.Offsetof(bd.Hdr) + unsafe.Offsetof(bh.Block_status)},
		{"num_pkts", offNumPkts, unsafe.Offsetof(bd.Hdr) + unsafe.Offsetof(bh.Num_pkts)},
		{"offset_to_first_pkt", offFirstPkt, unsafe.Offsetof(bd.Hdr) + unsafe.Offsetof(bh.Offset_to_first_pkt)},
		{"tpacket3_hdr size", frameHdrLen, unix.SizeofTpacket3Hdr},
		{"tp_next_offset", offNext, unsafe.Offsetof(fh.Next_offset)},
		{"tp_sec", offSec, unsafe.Offsetof(fh.Sec)},
		{"tp_nsec", offNsec, unsafe.Offsetof(fh.Nsec)},
		{"tp_snaplen", offSnaplen, unsafe.Offsetof(fh.Snaplen)},
		{"tp_status", offStatus, unsafe.Offsetof(fh.Status)},
		{"tp_mac", offMac, unsafe.Offsetof(fh.Mac)},
		{"tp_vlan_tci", offVlanTCI, unsafe.Offsetof(fh.Hv1) + unsafe.Offsetof(fh.Hv1.Vlan_tci)},
		{"tp_vlan_tpid", offVlanTPID, unsafe.Offsetof(fh.Hv1) + unsafe.Offsetof(fh.Hv1.Vlan_tpid)},
		{"sll_pkttype", offPkttype, frameHdrLen + unsafe.Offsetof(ll.Pkttype)},
		{"TPACKET3_HDRLEN", frameMin, (frameHdrLen+unix.TPACKET_ALIGNMENT-1)&^(unix.TPACKET_ALIGNMENT-1) + unix.SizeofSockaddrLinklayer},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: offset %d, the kernel's is %d", tt.name, tt.got, tt.want)
		}
	}
}

// tframe is a frame to put in a crafted block.
type tframe struct {
	t       flow.Time
	pkttype uint8
	vlan    uint32 // TCI + 1 if the kernel took a tag out, else 0
	tpid    uint16
	data    []byte
}

// buildBlock lays frames out in a block as the kernel does: the first at
// 48, each one's data at TPACKET_ALIGN(TPACKET3_HDRLEN + 16) - 14 from its
// header, the next header 16-byte aligned after the data, the last with
// tp_next_offset 0.
func buildBlock(size int, frames []tframe) []byte {
	b := make([]byte, size)
	ne.PutUint32(b[offBlockStatus:], unix.TP_STATUS_USER)
	ne.PutUint32(b[offNumPkts:], uint32(len(frames)))
	ne.PutUint32(b[offFirstPkt:], blockHdrLen)
	const mac = (frameMin+16+15)&^15 - 14
	off := blockHdrLen
	for i, f := range frames {
		h := b[off:]
		ne.PutUint32(h[offSec:], uint32(f.t/1e9))
		ne.PutUint32(h[offNsec:], uint32(f.t%1e9))
		ne.PutUint32(h[offSnaplen:], uint32(len(f.data)))
		ne.PutUint32(h[16:], uint32(len(f.data))) // tp_len
		ne.PutUint16(h[offMac:], mac)
		if f.vlan != 0 {
			ne.PutUint32(h[offStatus:], unix.TP_STATUS_VLAN_VALID|unix.TP_STATUS_VLAN_TPID_VALID)
			ne.PutUint32(h[offVlanTCI:], f.vlan-1)
			ne.PutUint16(h[offVlanTPID:], f.tpid)
		}
		h[offPkttype] = f.pkttype
		copy(h[mac:], f.data)
		next := (mac + len(f.data) + 15) &^ 15
		if i+1 < len(frames) {
			ne.PutUint32(h[offNext:], uint32(next))
		}
		off += next
	}
	return b
}

// ether returns an Ethernet frame from 02:..:01 to 02:..:02 of that
// EtherType with n payload bytes.
func ether(etype uint16, n int) []byte {
	b := make([]byte, 14+n)
	copy(b, []byte{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1})
	binary.BigEndian.PutUint16(b[12:], etype)
	for i := range n {
		b[14+i] = byte(i)
	}
	return b
}

type got struct {
	T    flow.Time
	Data []byte
}

func collect(b []byte, snaplen int) ([]got, int, bool) {
	var out []got
	outgoing, ok := walkBlock(b, make([]byte, snaplen+vlanTagLen), func(t flow.Time, data []byte) {
		out = append(out, got{t, bytes.Clone(data)})
	})
	return out, outgoing, ok
}

func TestWalkBlock(t *testing.T) {
	const size = 4096
	ip := ether(0x0800, 100)
	arp := ether(0x0806, 28)
	tagged := append(append(append([]byte{}, ip[:12]...), 0x81, 0x00, 0x20, 0x64), ip[12:]...) // PCP 1, VID 100
	qinq := append(append(append([]byte{}, ip[:12]...), 0x88, 0xa8, 0x00, 0x07), ip[12:]...)
	tests := []struct {
		name         string
		frames       []tframe
		corrupt      func(b []byte)
		want         []got
		wantOutgoing int
		wantOK       bool
	}{
		{
			name:   "empty block",
			wantOK: true,
		},
		{
			name: "frames in order with their times",
			frames: []tframe{
				{t: 1_700_000_000_000_000_001, data: arp},
				{t: 1_700_000_000_000_000_002, pkttype: unix.PACKET_HOST, data: ip},
				{t: 1_700_000_001_999_999_999, pkttype: unix.PACKET_BROADCAST, data: ip[:60]},
			},
			want: []got{
				{1_700_000_000_000_000_001, arp},
				{1_700_000_000_000_000_002, ip},
				{1_700_000_001_999_999_999, ip[:60]},
			},
			wantOK: true,
		},
		{
			name: "outgoing frames are skipped",
			frames: []tframe{
				{t: 1, pkttype: unix.PACKET_OUTGOING, data: ip},
				{t: 2, pkttype: unix.PACKET_OTHERHOST, data: arp},
				{t: 3, pkttype: unix.PACKET_OUTGOING, data: arp},
			},
			want:         []got{{2, arp}},
			wantOutgoing: 2,
			wantOK:       true,
		},
		{
			name:   "VLAN tag put back",
			frames: []tframe{{t: 5, vlan: 0x2064 + 1, data: ip}},
			want:   []got{{5, tagged}},
			wantOK: true,
		},
		{
			name:   "802.1ad tag put back with its TPID",
			frames: []tframe{{t: 5, vlan: 7 + 1, tpid: 0x88a8, data: ip}},
			want:   []got{{5, qinq}},
			wantOK: true,
		},
		{
			name:   "tagged frame beyond scratch is cut to snaplen+4",
			frames: []tframe{{t: 5, vlan: 0x2064 + 1, data: ether(0x0800, 300)}},
			want:   []got{{5, append(append(append([]byte{}, ip[:12]...), 0x81, 0x00, 0x20, 0x64), ether(0x0800, 300)[12:256]...)}},
			wantOK: true,
		},
		{
			name:    "more frames than fit",
			frames:  []tframe{{t: 1, data: ip}},
			corrupt: func(b []byte) { ne.PutUint32(b[offNumPkts:], 1<<20) },
		},
		{
			name:    "first frame inside the block header",
			frames:  []tframe{{t: 1, data: ip}},
			corrupt: func(b []byte) { ne.PutUint32(b[offFirstPkt:], 8) },
		},
		{
			name:    "first frame beyond the block",
			frames:  []tframe{{t: 1, data: ip}},
			corrupt: func(b []byte) { ne.PutUint32(b[offFirstPkt:], size-10) },
		},
		{
			name:    "first frame offset huge",
			frames:  []tframe{{t: 1, data: ip}},
			corrupt: func(b []byte) { ne.PutUint32(b[offFirstPkt:], 0xffffffff) },
		},
		{
			name:    "data inside the frame header",
			frames:  []tframe{{t: 1, data: ip}},
			corrupt: func(b []byte) { ne.PutUint16(b[blockHdrLen+offMac:], 10) },
		},
		{
			name:    "snaplen beyond the block",
			frames:  []tframe{{t: 1, data: ip}},
			corrupt: func(b []byte) { ne.PutUint32(b[blockHdrLen+offSnaplen:], 0xffffffff) },
		},
		{
			name:    "mac offset beyond the block",
			frames:  []tframe{{t: 1, data: ip}},
			corrupt: func(b []byte) { ne.PutUint16(b[blockHdrLen+offMac:], 0xffff) },
		},
		{
			name:    "zero next offset before the last frame",
			frames:  []tframe{{t: 1, data: arp}, {t: 2, data: arp}},
			corrupt: func(b []byte) { ne.PutUint32(b[blockHdrLen+offNext:], 0) },
			want:    []got{{1, arp}},
		},
		{
			name:    "next offset beyond the block",
			frames:  []tframe{{t: 1, data: arp}, {t: 2, data: arp}},
			corrupt: func(b []byte) { ne.PutUint32(b[blockHdrLen+offNext:], 0xfffffff0) },
			want:    []got{{1, arp}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := buildBlock(size, tt.frames)
			if tt.corrupt != nil {
				tt.corrupt(b)
			}
			out, outgoing, ok := collect(b, 256)
			if diff := cmp.Diff(out, tt.want); diff != "" {
				t.Errorf("frames (-got +want):\n%s", diff)
			}
			if outgoing != tt.wantOutgoing || ok != tt.wantOK {
				t.Errorf("walkBlock() = %d outgoing, ok %v; want %d, %v", outgoing, ok, tt.wantOutgoing, tt.wantOK)
			}
		})
	}
}

// TestWalkBlockSliceCapacity checks that fn cannot append into the ring.
func TestWalkBlockSliceCapacity(t *testing.T) {
	b := buildBlock(4096, []tframe{{t: 1, data: ether(0x0800, 50)}, {t: 2, data: ether(0x0800, 50)}})
	walkBlock(b, make([]byte, 260), func(_ flow.Time, data []byte) {
		if cap(data) != len(data) {
			t.Errorf("frame of %d bytes has capacity %d", len(data), cap(data))
		}
	})
}

func TestWalkBlockAllocs(t *testing.T) {
	frames := make([]tframe, 20)
	for i := range frames {
		frames[i] = tframe{t: flow.Time(i), data: ether(0x0800, 100)}
	}
	frames[3].vlan = 101
	b := buildBlock(1<<14, frames)
	scratch := make([]byte, 260)
	n := 0
	fn := func(_ flow.Time, data []byte) { n += len(data) }
	if a := testing.AllocsPerRun(100, func() { walkBlock(b, scratch, fn) }); a != 0 {
		t.Errorf("walkBlock allocates %v times per block", a)
	}
}

// FuzzWalkBlock puts arbitrary bytes at the start of a block, over a valid
// layout: walkBlock must neither panic nor hand out bytes outside the block.
func FuzzWalkBlock(f *testing.F) {
	const size = 4096
	f.Add(buildBlock(1024, []tframe{{t: 1, data: ether(0x0800, 20)}, {t: 2, vlan: 5, data: ether(0x0806, 28)}}))
	f.Add(buildBlock(1024, []tframe{{t: 1, pkttype: unix.PACKET_OUTGOING, data: ether(0x86dd, 60)}, {t: 2, data: ether(0x0800, 200)}}))
	f.Fuzz(func(t *testing.T, head []byte) {
		b := buildBlock(size, []tframe{{t: 1, data: ether(0x0800, 100)}, {t: 2, data: ether(0x0800, 100)}})
		copy(b, head)
		lo := uintptr(unsafe.Pointer(&b[0]))
		scratch := make([]byte, 260)
		walkBlock(b, scratch, func(_ flow.Time, data []byte) {
			if len(data) == 0 {
				return
			}
			p := uintptr(unsafe.Pointer(&data[0]))
			inBlock := p >= lo && p+uintptr(len(data)) <= lo+size
			inScratch := &data[0] == &scratch[0] && len(data) <= len(scratch)
			if !inBlock && !inScratch {
				t.Fatalf("frame of %d bytes outside the block", len(data))
			}
		})
	})
}

// BenchmarkWalkBlock measures the userspace cost per frame of a full 1 MiB
// block of 100-byte frames, without the kernel.
func BenchmarkWalkBlock(b *testing.B) {
	const size = 1 << 20
	n := (size - blockHdrLen) / 192 // each frame takes 192 bytes in the block
	frames := make([]tframe, n)
	for i := range frames {
		frames[i] = tframe{t: flow.Time(i), data: ether(0x0800, 86)}
	}
	blk := buildBlock(size, frames)
	scratch := make([]byte, 260)
	sum := 0
	fn := func(_ flow.Time, data []byte) { sum += int(data[13]) }
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		walkBlock(blk, scratch, fn)
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "frames/s")
}
