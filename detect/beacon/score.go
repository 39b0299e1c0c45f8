package beacon

import (
	"math"
	"slices"
)

// result is the scoring of one pair. Times are in seconds, sizes in bytes.
type result struct {
	median, mad, skew float64 // of the intervals
	count             float64 // continuity score
	timing            float64 // timing score
	sized             bool    // enough sizes were known to score them
	sizeMedian        float64
	sizeMAD           float64
	sizeSkew          float64
	size              float64 // size score
	score             float64 // combined score
}

// scorePair scores the kept connections of p, first dropping those before
// the last gap longer than RunGap median intervals (the run restarts
// there). p has at least MinConnections connections.
func (d *Detector) scorePair(p *pair) result {
	var r result
	if !d.intervals(p, &r) {
		return r
	}
	if d.cutRun(p, r.median) && !d.intervals(p, &r) {
		return r
	}

	// Timing: symmetry, dispersion and continuity of the intervals.
	skewScore := 1 - math.Abs(r.skew)
	dispersion := 0.0
	if r.median > 0 {
		dispersion = clamp01(1 - r.mad/r.median/d.cfg.JitterLimit)
		run := float64(p.last-p.first) / 1e9
		r.count = min(1, float64(p.total)/(run/r.median+1))
	}
	r.timing = (skewScore + dispersion + r.count) / 3

	// Sizes: symmetry and dispersion of the bytes sent, once at least
	// half of the kept connections have ended.
	sizes := d.ys[:0]
	for _, c := range p.ring {
		if c.size > 0 {
			sizes = append(sizes, float64(c.size))
		}
	}
	d.ys = sizes
	r.score = r.timing
	if len(sizes) >= 3 && 2*len(sizes) >= len(p.ring) {
		r.sized = true
		slices.Sort(sizes)
		var q1, q3 float64
		q1, r.sizeMedian, q3 = quartiles(sizes)
		r.sizeSkew = bowley(q1, r.sizeMedian, q3, d.cfg.SkewFloor)
		r.sizeMAD = mad(sizes, r.sizeMedian, &d.xs)
		sizeDispersion := 0.0
		if r.sizeMedian > 0 {
			sizeDispersion = clamp01(1 - r.sizeMAD/r.sizeMedian/d.cfg.SizeJitterLimit)
		}
		r.size = (1 - math.Abs(r.sizeSkew) + sizeDispersion) / 2
		r.score = d.cfg.TimingWeight*r.timing + (1-d.cfg.TimingWeight)*r.size
	}
	return r
}

// intervals fills d.xs with the sorted intervals between p's kept
// connection starts and r with their median, MAD and skew. It reports
// false when there are too few connections.
func (d *Detector) intervals(p *pair, r *result) bool {
	if len(p.ring) < d.cfg.MinConnections {
		return false
	}
	starts := d.ys[:0]
	for _, c := range p.ring {
		starts = append(starts, float64(c.start-p.first)/1e9)
	}
	slices.Sort(starts)
	iv := d.xs[:0]
	for i := 1; i < len(starts); i++ {
		iv = append(iv, starts[i]-starts[i-1])
	}
	d.ys = starts
	slices.Sort(iv)
	var q1, q3 float64
	q1, r.median, q3 = quartiles(iv)
	r.skew = bowley(q1, r.median, q3, d.cfg.SkewFloor)
	// mad sorts a copy in d.ys; the intervals stay sorted in d.xs.
	r.mad = mad(iv, r.median, &d.ys)
	d.xs = iv
	return true
}

// cutRun drops the connections before the last interval longer than
// RunGap times the median: the run restarts after that gap. It reports
// whether it dropped any.
func (d *Detector) cutRun(p *pair, median float64) bool {
	if median <= 0 {
		return false
	}
	n := len(p.ring)
	gap := d.cfg.RunGap * median * 1e9
	// Walk the ring newest to oldest; stop at the first long gap.
	keep := n
	for i := 1; i < n; i++ {
		newer := p.ring[(p.head-i+n)%n].start
		older := p.ring[(p.head-i-1+n)%n].start
		if float64(newer-older) > gap {
			keep = i
			break
		}
	}
	if keep == n {
		return false
	}
	d.stats.Runs++
	kept := make([]conn, 0, keep) // rare: once per gap
	for i := keep; i >= 1; i-- {
		kept = append(kept, p.ring[(p.head-i+n)%n])
	}
	p.ring = append(p.ring[:0], kept...)
	p.head = 0
	p.first = kept[0].start
	p.total = uint64(keep)
	return true
}

// quartiles returns the first quartile, median and third quartile of
// sorted xs, interpolating linearly between ranks.
func quartiles(xs []float64) (q1, q2, q3 float64) {
	return quantile(xs, 0.25), quantile(xs, 0.5), quantile(xs, 0.75)
}

func quantile(xs []float64, q float64) float64 {
	h := q * float64(len(xs)-1)
	i := int(h)
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (h-float64(i))*(xs[i+1]-xs[i])
}

// bowley returns Bowley's quartile skewness, (q1 + q3 - 2 q2) / (q3 - q1),
// in [-1, 1]. As in RITA it is 0 when the median equals a quartile; the
// denominator is at least floor times the median, so that a spread that is
// tiny next to the median has no shape.
func bowley(q1, q2, q3, floor float64) float64 {
	den := max(q3-q1, floor*q2)
	if den <= 0 || q2 == q1 || q2 == q3 {
		return 0
	}
	return (q1 + q3 - 2*q2) / den
}

// mad returns the median absolute deviation of xs from median, using
// *buf as scratch space.
func mad(xs []float64, median float64, buf *[]float64) float64 {
	dev := (*buf)[:0]
	for _, x := range xs {
		dev = append(dev, math.Abs(x-median))
	}
	slices.Sort(dev)
	*buf = dev
	return quantile(dev, 0.5)
}

func clamp01(x float64) float64 { return min(1, max(0, x)) }
