package resource

import "time"

// Use is one guest's use of the host in one sampling round, per second:
// what the agent's API serves and what agents send their fleet server.
// A field the host cannot measure (see Capabilities) stays 0.
type Use struct {
	Guest string `json:"guest"`
	// CPU is the cores it used; Throttled the seconds a second its own
	// quota held it back; Delay the run-queue delay per vCPU, seconds a
	// second (0.05 is vSphere's 5 % ready).
	CPU       float64 `json:"cpu"`
	Throttled float64 `json:"throttled"`
	Delay     float64 `json:"delay"`
	// IORead and IOWrite are storage bytes a second, IOOps operations.
	IORead  float64 `json:"io_read"`
	IOWrite float64 `json:"io_write"`
	IOOps   float64 `json:"io_ops"`
	// Pressure* are the share of time some of its tasks stalled (0-1).
	PressureCPU    float64 `json:"pressure_cpu"`
	PressureIO     float64 `json:"pressure_io"`
	PressureMemory float64 `json:"pressure_memory"`
	MemoryBytes    uint64  `json:"memory_bytes"`
	// Sent is what the guest sent into the switch, Recv what it was
	// given; Drops both ways.
	SentPackets float64 `json:"sent_packets"`
	SentBytes   float64 `json:"sent_bytes"`
	RecvPackets float64 `json:"recv_packets"`
	RecvBytes   float64 `json:"recv_bytes"`
	Drops       float64 `json:"drops"`
	// Capped is set while a throttle is on it.
	Capped bool `json:"capped,omitempty"`
}

// Use is the observation as the API shows it: delay per vCPU.
func (o *Observation) Use() Use {
	r := &o.Rates
	return Use{Guest: o.Guest, CPU: r.CPU, Throttled: r.Throttled, Delay: r.Delay / float64(max(1, o.VCPUs)),
		IORead: r.IORead, IOWrite: r.IOWrite, IOOps: r.IOOps,
		PressureCPU: r.PressureCPU, PressureIO: r.PressureIO, PressureMemory: r.PressureMemory, MemoryBytes: r.MemoryBytes,
		SentPackets: r.SentPackets, SentBytes: r.SentBytes, RecvPackets: r.RecvPackets, RecvBytes: r.RecvBytes, Drops: r.Drops,
		Capped: o.Capped}
}

// Round is one sampling round of a host's guests.
type Round struct {
	Time   time.Time `json:"time"`
	Host   string    `json:"host,omitempty"` // on a fleet server
	Guests []Use     `json:"guests"`
}

// History keeps the last rounds, bounded by their number and by the
// guest samples they hold together (a host of many guests keeps fewer
// rounds). It is not safe for concurrent use.
type History struct {
	maxRounds, maxSamples int
	rounds                []Round // oldest first
	samples               int
}

// NewHistory keeps at most maxRounds rounds and maxSamples guest samples
// (both at least 1).
func NewHistory(maxRounds, maxSamples int) *History {
	return &History{maxRounds: max(1, maxRounds), maxSamples: max(1, maxSamples)}
}

// Add appends a round, dropping the oldest past either bound. The round
// is kept as given: the caller must not change it afterwards.
func (h *History) Add(r Round) {
	h.rounds = append(h.rounds, r)
	h.samples += len(r.Guests)
	drop := 0
	for len(h.rounds)-drop > 1 && (len(h.rounds)-drop > h.maxRounds || h.samples > h.maxSamples) {
		h.samples -= len(h.rounds[drop].Guests)
		drop++
	}
	if drop > 0 {
		// Copy down so the array does not grow without end.
		n := copy(h.rounds, h.rounds[drop:])
		clear(h.rounds[n:])
		h.rounds = h.rounds[:n]
	}
}

// Rounds returns the rounds held, oldest first (a copy of the list; the
// rounds themselves are shared and must not be changed).
func (h *History) Rounds() []Round { return append([]Round(nil), h.rounds...) }

// Last returns the newest round, or false when there is none.
func (h *History) Last() (Round, bool) {
	if len(h.rounds) == 0 {
		return Round{}, false
	}
	return h.rounds[len(h.rounds)-1], true
}
