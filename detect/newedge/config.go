package newedge

import (
	"fmt"
	"time"
)

// Config sets the learning period and the size of the edge baseline.
type Config struct {
	// LearnFor is how long, in event time from the first event the
	// detector sees, edges are learned without alerting. Default 1h.
	LearnFor time.Duration `yaml:"learn_for"`
	// MaxEdges bounds the learned edges. When the set is full no new edge
	// is learned (each one is counted in Stats.Dropped); after the
	// learning period an edge that could not be learned alerts every time
	// it is answered instead of once, and the alert manager folds those
	// findings into one alert per episode. An edge costs about 100 bytes,
	// so the default of 100000 takes about 10 MiB.
	MaxEdges int `yaml:"max_edges"`
}

// DefaultConfig returns the defaults: learn for 1 hour, at most 100000
// edges.
func DefaultConfig() Config {
	return Config{LearnFor: time.Hour, MaxEdges: 100000}
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	if c.LearnFor <= 0 {
		return fmt.Errorf("learn_for: must be positive, got %s", c.LearnFor)
	}
	if c.MaxEdges < 1 || c.MaxEdges > 1<<26 {
		return fmt.Errorf("max_edges: %d out of range [1, 2^26]", c.MaxEdges)
	}
	return nil
}
