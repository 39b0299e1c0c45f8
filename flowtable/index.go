package flowtable

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// index finds a flow's slab slot from either orientation of its key. It
// is an open-addressing hash table with linear probing, kept at most half
// full, that deletes by shifting entries back (Knuth's algorithm R) so that
// no tombstones pile up when flows churn: Go's maps keep deleted slots
// until they grow, and a table that sees ten million short flows through a
// million places both slows down and grows (golang/go#70886).
//
// The hash is orientation-free (the sum of the two endpoints' hashes), so
// a packet is looked up without first putting its key in canonical order,
// and keyed with random seeds so that nobody can choose addresses that
// collide.
type index struct {
	slots []slot
	mask  uint64
	n     int
	max   int // the most slots it may grow to
	seed  [3]uint64
}

// slot is one entry: ref is the slab index plus one (0: empty), tag the
// low 32 bits of the flow's hash, enough to find its home slot (the table
// never exceeds 2^31 slots) and to skip most mismatches without touching
// the slab.
type slot struct {
	tag uint32
	ref int32
}

const minSlots = 1024

func newIndex(maxFlows int) index {
	x := index{max: max(minSlots, 1<<bits.Len64(uint64(2*maxFlows-1)))}
	for i := range x.seed {
		x.seed[i] = rand.Uint64()
	}
	x.resize(minSlots)
	return x
}

// mum multiplies and folds (as wyhash does): a fast keyed mixer.
func mum(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

func (x *index) endpoint(a flow.Addr, port uint16) uint64 {
	lo := binary.LittleEndian.Uint64(a[:8])
	hi := binary.LittleEndian.Uint64(a[8:])
	return mum(mum(lo^x.seed[0], hi^x.seed[1]), uint64(port)^x.seed[2])
}

// hash returns the same value for k and k.Reverse().
func (x *index) hash(k flow.Key) uint64 {
	h := x.endpoint(k.Src, k.SrcPort) + x.endpoint(k.Dst, k.DstPort)
	return mum(h^uint64(k.Proto), 0x9e3779b97f4a7c15)
}

func (x *index) resize(n int) {
	old := x.slots
	x.slots, x.mask = make([]slot, n), uint64(n-1)
	for _, s := range old {
		if s.ref != 0 {
			i := uint64(s.tag) & x.mask
			for x.slots[i].ref != 0 {
				i = (i + 1) & x.mask
			}
			x.slots[i] = s
		}
	}
}

// find returns the slab index of the flow with key k (either orientation)
// and hash h, or -1.
func (t *Table) find(k flow.Key, h uint64) int32 {
	x := &t.idx
	tag := uint32(h)
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		s := x.slots[i]
		if s.ref == 0 {
			return -1
		}
		if s.tag == tag {
			if fk := &t.slab[s.ref-1].Key; *fk == k || *fk == k.Reverse() {
				return s.ref - 1
			}
		}
	}
}

// insert adds slab index idx under hash h.
func (x *index) insert(idx int32, h uint64) {
	if 2*(x.n+1) > len(x.slots) && len(x.slots) < x.max {
		x.resize(2 * len(x.slots))
	}
	i := h & x.mask
	for x.slots[i].ref != 0 {
		i = (i + 1) & x.mask
	}
	x.slots[i] = slot{tag: uint32(h), ref: idx + 1}
	x.n++
}

// remove deletes slab index idx, stored under hash h, shifting back the
// entries after it that would no longer be found.
func (x *index) remove(idx int32, h uint64) {
	i := h & x.mask
	for x.slots[i].ref != idx+1 {
		i = (i + 1) & x.mask
	}
	x.n--
	for j := i; ; {
		x.slots[i] = slot{}
		for {
			j = (j + 1) & x.mask
			if x.slots[j].ref == 0 {
				return
			}
			home := uint64(x.slots[j].tag) & x.mask
			// Leave the entry where it is if its home lies cyclically in
			// (i, j]: it is still found from there.
			if i <= j {
				if i < home && home <= j {
					continue
				}
			} else if i < home || home <= j {
				continue
			}
			break
		}
		x.slots[i] = x.slots[j]
		i = j
	}
}
