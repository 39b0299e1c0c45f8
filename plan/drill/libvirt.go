package drill

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/digitalocean/go-libvirt"
)

// Libvirt is a Migrator over each host's libvirt daemon (the libvirt RPC
// protocol in pure Go). Migrations are live and peer-to-peer: the source
// daemon connects to the destination's URI itself, so each host's URI
// must also be reachable from the other hosts' daemons, as with
// `virsh migrate --live --p2p`.
type Libvirt struct {
	mu    sync.Mutex
	hosts map[string]*daemon
}

type daemon struct {
	name string
	uri  string
	l    *libvirt.Libvirt
}

// DialLibvirt connects to every host's daemon: hosts maps a host name of
// the inventory to its libvirt URI (qemu:///system,
// qemu+unix:///system?socket=PATH, qemu+tcp://HOST/system, qemu+tls://...).
func DialLibvirt(hosts map[string]string) (*Libvirt, error) {
	v := &Libvirt{hosts: map[string]*daemon{}}
	names := make([]string, 0, len(hosts))
	for name := range hosts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		raw := hosts[name]
		u, err := url.Parse(raw)
		if err != nil {
			v.Close()
			return nil, fmt.Errorf("host %s: libvirt URI %q: %w", name, raw, err)
		}
		l, err := libvirt.ConnectToURI(u)
		if err != nil {
			v.Close()
			return nil, fmt.Errorf("host %s: connect to %s: %w", name, raw, err)
		}
		v.hosts[name] = &daemon{name: name, uri: raw, l: l}
	}
	return v, nil
}

// Close disconnects from every daemon.
func (v *Libvirt) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	var errs []error
	for _, d := range v.hosts {
		if err := d.l.Disconnect(); err != nil {
			errs = append(errs, fmt.Errorf("host %s: %w", d.name, err))
		}
	}
	v.hosts = nil
	return errors.Join(errs...)
}

func (v *Libvirt) daemon(host string) (*daemon, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	d := v.hosts[host]
	if d == nil {
		return nil, fmt.Errorf("host %s has no libvirt URI (--libvirt %s=URI)", host, host)
	}
	return d, nil
}

// Migrate runs one live peer-to-peer migration and reads the completed
// job's statistics on the destination. When ctx ends first, the job is
// aborted on the source and the guest stays there.
func (v *Libvirt) Migrate(ctx context.Context, guest, from, to string, o MigrateOptions) (Measured, error) {
	src, err := v.daemon(from)
	if err != nil {
		return Measured{}, err
	}
	dst, err := v.daemon(to)
	if err != nil {
		return Measured{}, err
	}
	dom, err := src.l.DomainLookupByName(guest)
	if err != nil {
		return Measured{}, fmt.Errorf("look up %s on %s: %w", guest, from, err)
	}
	flags := libvirt.MigrateLive | libvirt.MigratePeer2peer
	if persistent, err := src.l.DomainIsPersistent(dom); err == nil && persistent == 1 {
		// The definition moves with the guest: it is then defined, and
		// runs, on exactly one host.
		flags |= libvirt.MigratePersistDest | libvirt.MigrateUndefineSource
	}
	var params []libvirt.TypedParam
	if o.BandwidthMiBs > 0 {
		params = append(params, libvirt.TypedParam{Field: libvirt.MigrateParamBandwidth, Value: *libvirt.NewTypedParamValueUllong(uint64(o.BandwidthMiBs))})
	}
	if o.MaxDowntimeMs > 0 {
		// QEMU takes the limit as a migration parameter set ahead of the
		// job; libvirt passes it through.
		if err := src.l.DomainMigrateSetMaxDowntime(dom, uint64(o.MaxDowntimeMs), 0); err != nil {
			return Measured{}, fmt.Errorf("set max downtime of %s on %s: %w", guest, from, err)
		}
	}
	start := time.Now()
	done := make(chan error, 1)
	go func() {
		_, err := src.l.DomainMigratePerform3Params(dom, libvirt.OptString{dst.uri}, params, nil, flags)
		done <- err
	}()
	select {
	case err = <-done:
	case <-ctx.Done():
		aerr := src.l.DomainAbortJob(dom)
		err = <-done
		if err == nil {
			// It finished before the abort reached it.
			break
		}
		if aerr != nil {
			return Measured{}, fmt.Errorf("%w after %s (%v), and the abort failed: %v", ErrAborted, time.Since(start).Round(time.Millisecond), ctx.Err(), aerr)
		}
		return Measured{}, fmt.Errorf("%w after %s (%v): %v", ErrAborted, time.Since(start).Round(time.Millisecond), ctx.Err(), err)
	}
	elapsed := time.Since(start).Seconds()
	if err != nil {
		return Measured{}, fmt.Errorf("migrate %s from %s to %s: %w", guest, from, to, err)
	}
	m := Measured{Seconds: round3(elapsed)}
	if ddom, err := dst.l.DomainLookupByName(guest); err == nil {
		if _, stats, err := dst.l.DomainGetJobStats(ddom, libvirt.DomainJobStatsCompleted); err == nil {
			readStats(&m, stats)
		}
	}
	return m, nil
}

// readStats fills what libvirt's completed job statistics say: the
// migration's own elapsed time (without our RPC round trips), the
// downtime, the bytes of memory sent and the pre-copy iterations.
func readStats(m *Measured, stats []libvirt.TypedParam) {
	for _, p := range stats {
		n, ok := number(p.Value.I)
		if !ok {
			continue
		}
		switch p.Field {
		case libvirt.DomainJobTimeElapsed:
			m.Seconds = round3(n / 1000)
		case libvirt.DomainJobDowntime:
			m.DowntimeMs = n
		case libvirt.DomainJobMemoryProcessed:
			m.TransferMiB = round3(n / (1 << 20))
		case libvirt.DomainJobMemoryIteration:
			m.Iterations = int(n)
		}
	}
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int32:
		return float64(x), true
	case uint32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// Locate asks every daemon whether the guest is active there.
func (v *Libvirt) Locate(ctx context.Context, guest string) ([]string, error) {
	v.mu.Lock()
	ds := make([]*daemon, 0, len(v.hosts))
	for _, d := range v.hosts {
		ds = append(ds, d)
	}
	v.mu.Unlock()
	var on []string
	for _, d := range ds {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		dom, err := d.l.DomainLookupByName(guest)
		if libvirt.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("host %s: %w", d.name, err)
		}
		state, _, err := d.l.DomainGetState(dom, 0)
		if err != nil {
			if libvirt.IsNotFound(err) {
				continue
			}
			return nil, fmt.Errorf("host %s: state of %s: %w", d.name, guest, err)
		}
		if s := libvirt.DomainState(state); s == libvirt.DomainRunning || s == libvirt.DomainPaused {
			on = append(on, d.name)
		}
	}
	slices.Sort(on)
	return on, nil
}
