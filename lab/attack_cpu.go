package lab

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"time"
)

// The generators of the noisy-neighbour scenarios: they run as the
// guest's own load, in its cgroups (runGen moves them there as they
// start: inside `ip netns exec` the cgroup mounts are not visible).

// cpu keeps Workers threads busy until the duration ends.
func (g *gen) cpu(ctx context.Context) (*genResult, error) {
	ctx, cancel := context.WithTimeout(ctx, g.Duration)
	defer cancel()
	var wg sync.WaitGroup
	for range g.Workers {
		wg.Go(func() {
			runtime.LockOSThread() // a thread of its own, as stress-ng's workers
			x := uint64(1)
			for ctx.Err() == nil {
				for range 100000 {
					x = x*6364136223846793005 + 1442695040888963407
				}
			}
			sink = x
		})
	}
	wg.Wait()
	return &genResult{}, nil
}

// ioHogFile bounds what each I/O hog worker writes before it starts its
// file over (the disk it fills is bounded too).
const ioHogFile = 256 << 20

// ioHog writes 1 MiB blocks to a file of its own per worker in Dir,
// flushing every 16 MiB, until the duration ends: a backup or a batch
// job saturating the shared disk.
func (g *gen) ioHog(ctx context.Context) (*genResult, error) {
	ctx, cancel := context.WithTimeout(ctx, g.Duration)
	defer cancel()
	block := make([]byte, 1<<20)
	for i := range block {
		block[i] = byte(i * 7)
	}
	var wg sync.WaitGroup
	errs := make([]error, g.Workers)
	for w := range g.Workers {
		wg.Go(func() {
			f, err := os.OpenFile(filepath.Join(g.Dir, fmt.Sprintf("io-hog-%d", w)), os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
			if err != nil {
				errs[w] = err
				return
			}
			defer os.Remove(f.Name())
			defer f.Close()
			for off := int64(0); ctx.Err() == nil; off = (off + int64(len(block))) % ioHogFile {
				if _, err := f.WriteAt(block, off); err != nil {
					errs[w] = err
					return
				}
				if off%(16<<20) == 0 {
					f.Sync()
				}
			}
		})
	}
	wg.Wait()
	return &genResult{}, errors.Join(errs...)
}

// ioLatency is the I/O-sensitive victim: a commit log that writes 4 KiB
// and waits for it to reach the disk (fdatasync), every Interval (10 ms
// default), and records how long each commit took.
func (g *gen) ioLatency(ctx context.Context) (*genResult, error) {
	every := g.Interval
	if every <= 0 {
		every = 10 * time.Millisecond
	}
	ctx, cancel := context.WithTimeout(ctx, g.Duration)
	defer cancel()
	f, err := os.OpenFile(filepath.Join(g.Dir, "io-probe"), os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	rec := make([]byte, 4096)
	var took []time.Duration
	for ctx.Err() == nil && len(took) < maxLatencySamples {
		t0 := time.Now()
		if _, err := f.WriteAt(rec, int64(len(took)%256)*4096); err != nil {
			return nil, err
		}
		if err := syscall.Fdatasync(int(f.Fd())); err != nil {
			return nil, err
		}
		took = append(took, time.Since(t0))
		time.Sleep(every)
	}
	return &genResult{Latency: percentiles(took)}, nil
}

// percentiles summarises samples (nil for none); it sorts them.
func percentiles(took []time.Duration) *LatencyResult {
	if len(took) == 0 {
		return nil
	}
	slices.Sort(took)
	at := func(q float64) time.Duration { return took[min(len(took)-1, int(q*float64(len(took))))] }
	return &LatencyResult{Samples: len(took), P50us: at(0.5).Microseconds(), P99us: at(0.99).Microseconds(), Maxus: took[len(took)-1].Microseconds()}
}

// LatencyResult is what the latency probe measured: how long a fixed
// piece of work (about a millisecond on an idle CPU) takes, requests
// served back to back — a busy service. A neighbour that takes the CPU
// makes it wait (run-queue delay) and its requests slower. A probe that
// mostly sleeps would not show it: the scheduler favours a task that
// uses less than its share.
type LatencyResult struct {
	Samples int   `json:"samples"`
	P50us   int64 `json:"p50_us"`
	P99us   int64 `json:"p99_us"`
	Maxus   int64 `json:"max_us"`
}

// maxLatencySamples bounds the probe's memory.
const maxLatencySamples = 1 << 20

// probeWork is the fixed work of one request (about 1 ms here).
const probeWork = 3000000

// sink keeps the probe's arithmetic from being optimised away.
var sink uint64

// latency serves requests (probeWork steps each) back to back, sleeping
// Interval between them when set, and records how long each took.
func (g *gen) latency(ctx context.Context) (*genResult, error) {
	every := g.Interval
	ctx, cancel := context.WithTimeout(ctx, g.Duration)
	defer cancel()
	runtime.LockOSThread()
	var took []time.Duration
	x := uint64(1)
	for ctx.Err() == nil && len(took) < maxLatencySamples {
		t0 := time.Now()
		for range probeWork {
			x = x*6364136223846793005 + 1442695040888963407
		}
		took = append(took, time.Since(t0))
		if every > 0 {
			time.Sleep(every)
		}
	}
	sink = x
	return &genResult{Latency: percentiles(took)}, nil
}

// ProbeOptions are a latency probe's.
type ProbeOptions struct {
	Guest    string        // the victim whose latency to measure
	Duration time.Duration // how long (default 10 s, at most MaxHogDuration)
	Pin      string        // CPU list it runs on (taskset -c), optional
	// IO measures commits instead: 4 KiB written and flushed to disk
	// (fdatasync) every 10 ms, in the guest's directory of the lab's
	// state: the victim of a neighbour that saturates the disk.
	IO bool
	// Command runs the hidden generator (default: this executable, "lab",
	// "attack-run"); tests set it to their own binary.
	Command []string
}

// Probe measures, inside a guest's namespace and cgroups, how long a
// small request takes when served once a millisecond: the victim's view
// of a noisy neighbour, as p50 and p99.
func Probe(ctx context.Context, cfg Config, o ProbeOptions, stderr io.Writer) (*LatencyResult, error) {
	if err := cfg.Validate(); err != nil {
		return nil, argErr("--%v", err)
	}
	if o.Duration == 0 {
		o.Duration = 10 * time.Second
	}
	if o.Duration < 0 || o.Duration > MaxHogDuration || !validCPUList(o.Pin) {
		return nil, argErr("--duration: want up to %s; --pin: a CPU list", MaxHogDuration)
	}
	l, err := loadAttackLab(cfg)
	if err != nil {
		return nil, err
	}
	g, ok := l.guest(o.Guest)
	if !ok {
		return nil, argErr("--guest: lab %s has no guest %q (it has %s)", l.c.Name, o.Guest, guestList(l.guests))
	}
	if len(o.Command) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("find this executable: %w", err)
		}
		o.Command = []string{exe, "lab", "attack-run"}
	}
	spec := genSpec{Gen: "latency", Allow: l.allow(), Duration: o.Duration, Lab: l.c.Name, Guest: g.Name, Pin: o.Pin}
	if o.IO {
		if spec.Dir, err = l.guestDir(g.Name); err != nil {
			return nil, err
		}
		spec.Gen = "iolatency"
	}
	ctx, cancel := context.WithTimeout(ctx, o.Duration+10*time.Second)
	defer cancel()
	res, err := runGen(ctx, g.Namespace, &spec, o.Command, io.Discard, stderr)
	if err != nil {
		return nil, err
	}
	if res.Latency == nil {
		return nil, errors.New("the probe measured nothing")
	}
	return res.Latency, nil
}

// guestDir is the guest's directory in the lab's state, for the files of
// its I/O load (made when missing); lab down removes it with the state.
func (l *attackLab) guestDir(guest string) (string, error) {
	dir := filepath.Join(l.c.StateDir, "guests", guest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("the guest's directory: %w", err)
	}
	return dir, nil
}
