//go:build !linux || !(386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64)

package ebpf

import (
	"fmt"
	"time"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// reason is what Supported and Load say here: the object is built for
// little-endian Linux only.
const reason = "the eBPF datapath needs Linux on a little-endian CPU"

// Datapath is the loaded port programs; on this system none can be loaded.
type Datapath struct{}

// Supported reports false.
func Supported() (bool, string) { return false, reason }

// Load fails.
func Load(cfg Config) (*Datapath, error) {
	return nil, fmt.Errorf("load ebpf objects: %w: %s", ErrNotSupported, reason)
}

// Attach fails.
func (d *Datapath) Attach(ifindex int) error {
	return fmt.Errorf("attach ifindex %d: %w: %s", ifindex, ErrNotSupported, reason)
}

// Detach does nothing.
func (d *Datapath) Detach(ifindex int) error { return nil }

// Attached returns nothing.
func (d *Datapath) Attached() []int { return nil }

// Stats returns no counters.
func (d *Datapath) Stats() (Stats, error) { return Stats{}, nil }

// Storms returns nothing.
func (d *Datapath) Storms() ([]Storm, error) { return nil, nil }

// Read returns ErrClosed.
func (d *Datapath) Read(fn func(ev *flow.Event)) error { return ErrClosed }

// Info returns nothing.
func (d *Datapath) Info() ProgramInfo { return ProgramInfo{} }

// Close does nothing.
func (d *Datapath) Close() error { return nil }

// Remove does nothing.
func (d *Datapath) Remove() error { return nil }

// Adoption returns nothing.
func (d *Datapath) Adoption() Adoption { return Adoption{} }

// SetPolicy fails.
func (d *Datapath) SetPolicy(t Tables) error {
	return fmt.Errorf("set policy: %w: %s", ErrNotSupported, reason)
}

// RuleHits returns nothing.
func (d *Datapath) RuleHits() ([]uint64, error) { return nil, nil }

// SetPortIdentity fails.
func (d *Datapath) SetPortIdentity(ifindex int, macs []flow.MAC, addrs []flow.Addr, mode SpoofMode) error {
	return fmt.Errorf("set port identity: %w: %s", ErrNotSupported, reason)
}

// MaxQuarantinePeers is how many identities a quarantined port may still
// reach.
const MaxQuarantinePeers = 16

// Quarantine fails.
func (d *Datapath) Quarantine(ifindex int, until time.Time, allowed []uint32) error {
	return fmt.Errorf("quarantine: %w: %s", ErrNotSupported, reason)
}

// Release does nothing.
func (d *Datapath) Release(ifindex int) error { return nil }

// OnSpoof does nothing.
func (d *Datapath) OnSpoof(fn func(*SpoofEvent)) {}

// Cleanup does nothing: nothing can have been pinned here.
func Cleanup(pinPath string) error { return nil }
