package api

import (
	"net/http"
	"slices"

	"github.com/crosstalk-dev/crosstalk/resource"
)

// ResourcesView answers GET /api/v1/resources: the resource sampler's
// recent rounds, oldest first. An agent keeps the last ten minutes or
// so (fewer rounds on a host of many guests); a fleet server keeps each
// host's last 30 rounds.
type ResourcesView struct {
	// Interval is the time between rounds; empty when nothing samples.
	Interval string `json:"interval,omitempty"`
	// Sources says what the host lets the sampler read (its probe at
	// start); a field it cannot read stays 0.
	Sources string           `json:"sources,omitempty"`
	Rounds  []resource.Round `json:"rounds"`
}

// newestOfEach keeps the newest limit rounds of each host (an agent's
// rounds have no host), oldest first.
func newestOfEach(rounds []resource.Round, limit int) []resource.Round {
	kept := map[string]int{}
	keep := make([]bool, len(rounds))
	for i := len(rounds) - 1; i >= 0; i-- {
		if h := rounds[i].Host; kept[h] < limit {
			kept[h]++
			keep[i] = true
		}
	}
	out := rounds[:0:0]
	for i, r := range rounds {
		if keep[i] {
			out = append(out, r)
		}
	}
	return out
}

// MaxRounds bounds the rounds one answer holds.
const MaxRounds = 3600

func (s *Server) resources(w http.ResponseWriter, r *http.Request) {
	p := newParams(r, "guest", "host", "since", "limit")
	guest, host, since, limit := p.str("guest"), p.str("host"), p.time("since"), p.int("limit", 1, MaxRounds)
	if p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return
	}
	v := s.backend.Resources()
	out := make([]resource.Round, 0, len(v.Rounds))
	for _, rd := range v.Rounds {
		if rd.Time.Before(since) || host != "" && rd.Host != host {
			continue
		}
		if guest != "" {
			i := slices.IndexFunc(rd.Guests, func(u resource.Use) bool { return u.Guest == guest })
			if i < 0 {
				continue
			}
			rd.Guests = rd.Guests[i : i+1]
		}
		out = append(out, rd)
	}
	if limit > 0 {
		out = newestOfEach(out, limit)
	}
	v.Rounds = out
	writeJSON(w, http.StatusOK, v)
}
