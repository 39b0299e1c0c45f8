package detect

import (
	"fmt"
	"math"
)

// TRW holds the parameters of Threshold Random Walk (Jung, Paxson, Berger
// and Balakrishnan, "Fast Portscan Detection Using Sequential Hypothesis
// Testing", IEEE S&P 2004): each first contact either succeeds or fails; a
// benign source succeeds with probability Theta0, a scanner with Theta1.
// The log-likelihood ratio of the observed outcomes is compared with
// thresholds derived from the wanted detection and false-positive rates.
type TRW struct {
	Theta0 float64 `yaml:"theta0"`          // P(success | benign), default 0.8
	Theta1 float64 `yaml:"theta1"`          // P(success | scanner), default 0.2
	PD     float64 `yaml:"detection_rate"`  // wanted detection probability, default 0.99
	PF     float64 `yaml:"false_positives"` // tolerated false-positive probability, default 0.01
}

// DefaultTRW returns the paper's parameters: with them a scanner whose
// first four contacts fail is named.
func DefaultTRW() TRW { return TRW{Theta0: 0.8, Theta1: 0.2, PD: 0.99, PF: 0.01} }

// Validate checks that the parameters make a test.
func (t TRW) Validate() error {
	switch {
	case !(t.Theta1 > 0 && t.Theta1 < t.Theta0 && t.Theta0 < 1):
		return fmt.Errorf("theta0/theta1: need 0 < theta1 < theta0 < 1, got %g and %g", t.Theta0, t.Theta1)
	case !(t.PF > 0 && t.PF < t.PD && t.PD < 1):
		return fmt.Errorf("detection_rate/false_positives: need 0 < false_positives < detection_rate < 1, got %g and %g", t.PD, t.PF)
	}
	return nil
}

// Steps returns the log-likelihood increments for a failure and a success
// and the upper (scanner) and lower (benign) thresholds.
func (t TRW) Steps() (fail, success, upper, lower float64) {
	fail = math.Log((1 - t.Theta1) / (1 - t.Theta0))
	success = math.Log(t.Theta1 / t.Theta0)
	upper = math.Log(t.PD / t.PF)
	lower = math.Log((1 - t.PD) / (1 - t.PF))
	return
}

// Walk is one random walk: a log-likelihood ratio that decays towards zero
// with a half-life, so that rare failures spread over days do not add up to
// a scan while a slow scan's steady failures still do.
type Walk struct {
	LLR float64
	At  int64 // event time of the last step, nanoseconds
}

// Step decays the walk to now and adds step.
func (w *Walk) Step(now int64, step float64, halfLife int64) float64 {
	if w.At != 0 && now > w.At && halfLife > 0 {
		w.LLR *= math.Exp2(-float64(now-w.At) / float64(halfLife))
	}
	w.At = now
	w.LLR += step
	return w.LLR
}

// Decayed returns a counter decayed from at to now with a half-life.
func Decayed(v float64, at, now, halfLife int64) float64 {
	if now <= at || halfLife <= 0 {
		return v
	}
	return v * math.Exp2(-float64(now-at)/float64(halfLife))
}
