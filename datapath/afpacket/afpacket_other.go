//go:build !linux

package afpacket

import (
	"errors"
	"fmt"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// errNotLinux is what Open says on other systems.
var errNotLinux = errors.New("AF_PACKET capture needs Linux")

// Supported reports whether this OS supports the datapath: it does not.
func Supported() bool { return false }

// Handle is a capture ring; on this OS none can be opened.
type Handle struct{}

// Open fails: AF_PACKET needs Linux.
func Open(ifindex int, cfg Config) (*Handle, error) {
	return nil, fmt.Errorf("open ifindex %d: %w", ifindex, errNotLinux)
}

// OpenInNetns fails: AF_PACKET and network namespaces need Linux.
func OpenInNetns(nsPath string, ifindex int, cfg Config) (*Handle, error) {
	return nil, fmt.Errorf("open ifindex %d in %s: %w", ifindex, nsPath, errNotLinux)
}

// Read returns ErrClosed.
func (h *Handle) Read(fn func(t flow.Time, data []byte)) error { return ErrClosed }

// Stats returns zero counters.
func (h *Handle) Stats() (Stats, error) { return Stats{}, nil }

// Close does nothing.
func (h *Handle) Close() error { return nil }

// OpenAll fails: AF_PACKET needs Linux.
func OpenAll(cfg Config) (*Handle, error) {
	return nil, fmt.Errorf("open all interfaces: %w", errNotLinux)
}

// ReadFrom returns ErrClosed.
func (h *Handle) ReadFrom(fn func(t flow.Time, ifindex int, data []byte)) error { return ErrClosed }
