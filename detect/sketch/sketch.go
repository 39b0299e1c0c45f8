// Package sketch holds the small fixed-size counters the flood detectors
// share: a one-second sliding Window of event time, a Space-Saving
// Heavy-hitter counter, a HyperLogLog distinct counter, and number
// formatting for summaries. Nothing here allocates after construction.
package sketch

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"time"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// The sliding Window is one second of event time in ten buckets: a burst
// shorter than a second is seen whole whatever the tick boundaries.
const (
	buckets     = 10
	bucketWidth = flow.Time(100 * time.Millisecond)
)

// Window counts over the last second of event time.
type Window struct {
	cur    int64 // index of the current bucket: event time / bucketWidth
	sum    uint64
	counts [buckets]uint64
}

// Add counts n at t and returns the count of the second ending at t. A
// late event is counted in the current bucket.
func (w *Window) Add(t flow.Time, n uint64) uint64 {
	if b := int64(t / bucketWidth); b > w.cur {
		if b-w.cur >= buckets {
			w.counts, w.sum = [buckets]uint64{}, 0
		} else {
			for i := w.cur + 1; i <= b; i++ {
				j := i % buckets
				w.sum -= w.counts[j]
				w.counts[j] = 0
			}
		}
		w.cur = b
	}
	w.counts[w.cur%buckets] += n
	w.sum += n
	return w.sum
}

// topSlots is the number of Heavy hitters a TopK follows.
const topSlots = 8

// Heavy is one heavy hitter: its key, the MAC it was first seen from, its
// count and the count's possible overestimate.
type Heavy[K comparable] struct {
	Key        K
	MAC        flow.MAC
	Count, Err uint64
}

// TopK finds the Heavy hitters of a stream with the Space-Saving
// algorithm (Metwally, Agrawal and El Abbadi 2005) in fixed space: any
// key with more than 1/topSlots of the stream is held, and count-err is a
// lower bound of its true count.
type TopK[K comparable] struct {
	n     int
	slots [topSlots]Heavy[K]
}

// Add counts c for k, first seen from mac.
func (t *TopK[K]) Add(k K, mac flow.MAC, c uint64) {
	for i := 0; i < t.n; i++ {
		if t.slots[i].Key == k {
			t.slots[i].Count += c
			return
		}
	}
	if t.n < topSlots {
		t.slots[t.n] = Heavy[K]{Key: k, MAC: mac, Count: c}
		t.n++
		return
	}
	m := 0
	for i := 1; i < topSlots; i++ {
		if t.slots[i].Count < t.slots[m].Count {
			m = i
		}
	}
	old := t.slots[m].Count
	t.slots[m] = Heavy[K]{Key: k, MAC: mac, Count: old + c, Err: old}
}

// Top returns the key with the largest guaranteed count and that count.
func (t *TopK[K]) Top() (Heavy[K], uint64) {
	var best Heavy[K]
	var lower uint64
	for i := 0; i < t.n; i++ {
		if l := t.slots[i].Count - t.slots[i].Err; l > lower {
			best, lower = t.slots[i], l
		}
	}
	return best, lower
}

// HLL estimates a number of distinct values (HyperLogLog, Flajolet et al.
// 2007, with linear counting for small numbers) in 1 KB: about 3 %
// standard error, exact enough to tell three sources from thirty thousand.
type HLL [1 << hllBits]uint8

const hllBits = 10

// Add counts x.
func (h *HLL) Add(x uint64) {
	x = mix(x)
	i := x >> (64 - hllBits)
	rho := uint8(bits.LeadingZeros64(x<<hllBits|1<<(hllBits-1))) + 1
	if rho > h[i] {
		h[i] = rho
	}
}

// Estimate returns the number of distinct values counted.
func (h *HLL) Estimate() uint64 {
	const m = float64(len(h))
	sum, zeros := 0.0, 0
	for _, r := range h {
		sum += math.Ldexp(1, -int(r))
		if r == 0 {
			zeros++
		}
	}
	e := 0.7213 / (1 + 1.079/m) * m * m / sum
	if e <= 2.5*m && zeros > 0 {
		e = m * math.Log(m/float64(zeros))
	}
	return uint64(e + 0.5)
}

// mix is the splitmix64 finaliser: addresses differ in few bits, the
// sketch needs all 64 to look random.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Commas formats n with thousands separators: 37,841.
func Commas(n uint64) string {
	s := strconv.FormatUint(n, 10)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// Approx formats an estimate to three significant digits: 37,600.
func Approx(n uint64) string {
	var p uint64 = 1
	for n/p >= 1000 {
		p *= 10
	}
	return Commas((n + p/2) / p * p)
}

// Round2 rounds to two decimals, for evidence.
func Round2(x float64) float64 { return math.Round(x*100) / 100 }

// Few remembers up to four distinct values and whether there were more:
// enough to tell "all through one port" from "through several".
type Few[T comparable] struct {
	vals [4]T
	n    int // len(vals)+1 once overflowed
}

// Add counts v.
func (f *Few[T]) Add(v T) {
	if f.n > len(f.vals) {
		return
	}
	for i := 0; i < f.n; i++ {
		if f.vals[i] == v {
			return
		}
	}
	if f.n < len(f.vals) {
		f.vals[f.n] = v
	}
	f.n++
}

// One returns the value when exactly one distinct value was added.
func (f *Few[T]) One() (T, bool) {
	if f.n == 1 {
		return f.vals[0], true
	}
	var zero T
	return zero, false
}

// Totals adds a flood's peak and total to a summary when they say more
// than its current rate: " (peak 23,665/s, 37,841 in all)".
func Totals(b *strings.Builder, rate, peak, total uint64) {
	switch {
	case peak > rate && total > peak:
		fmt.Fprintf(b, " (peak %s/s, %s in all)", Commas(peak), Commas(total))
	case total > rate:
		fmt.Fprintf(b, " (%s in all)", Commas(total))
	}
}
