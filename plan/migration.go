package plan

import "math"

// Estimate is the pre-copy model's forecast of one live migration.
type Estimate struct {
	Seconds     float64 `json:"seconds"`
	DowntimeMs  float64 `json:"downtime_ms"`
	TransferMiB float64 `json:"transfer_mib"`
	Iterations  int     `json:"iterations"`
	// Converges is false when the guest dirties memory about as fast as
	// the link copies it: pre-copy never gets under the downtime limit,
	// and the migration needs auto-converge, post-copy or a shutdown.
	Converges bool `json:"converges"`
}

// maxPrecopyRounds is where the model gives up waiting for convergence
// and forces the switch-over (the estimate then says it did not
// converge).
const maxPrecopyRounds = 30

// Precopy models a pre-copy live migration (as QEMU does it): the first
// round copies all memory; each later round copies what the guest
// dirtied during the one before; the guest is paused for the last round
// once that fits in the downtime limit. memMiB is the guest's memory,
// dirty its dirty rate and bandwidth the link, both MiB/s.
func Precopy(memMiB, dirty, bandwidth float64, maxDowntime float64) Estimate {
	var e Estimate
	remaining := memMiB
	for round := 1; ; round++ {
		dt := remaining / bandwidth
		e.TransferMiB += remaining
		e.Seconds += dt
		next := math.Min(memMiB, dirty*dt)
		last := next / bandwidth
		converged := last <= maxDowntime
		if converged || round >= maxPrecopyRounds || next >= remaining {
			e.Converges = converged
			e.TransferMiB += next
			e.Seconds += last
			e.DowntimeMs = last * 1000
			e.Iterations = round + 1
			break
		}
		remaining = next
	}
	e.Seconds = round3(e.Seconds)
	e.DowntimeMs = round3(e.DowntimeMs)
	e.TransferMiB = round3(e.TransferMiB)
	return e
}
