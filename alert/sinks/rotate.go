package sinks

import (
	"fmt"
	"os"
	"sync"
)

// RotatingFile appends lines to a file and, before a write would take it
// past MaxBytes, renames it to PATH.1 (PATH.1 to PATH.2, and so on, the
// oldest beyond Keep deleted) and starts a new one, the way logrotate's
// copytruncate-free rotation works. Each Write is one line, written
// whole, so no file ever ends in half a record. Safe for concurrent use.
type RotatingFile struct {
	Path     string
	MaxBytes int64 // 0: never rotate
	Keep     int   // rotated files kept (at least 1 when rotating)

	mu   sync.Mutex
	f    *os.File
	size int64
}

// OpenRotating opens (appending to) path.
func OpenRotating(path string, maxBytes int64, keep int) (*RotatingFile, error) {
	r := &RotatingFile{Path: path, MaxBytes: maxBytes, Keep: max(keep, 1)}
	if err := r.open(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *RotatingFile) open() error {
	f, err := os.OpenFile(r.Path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	r.f, r.size = f, st.Size()
	return nil
}

// Write appends p (one line), rotating first when it would not fit.
func (r *RotatingFile) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return 0, os.ErrClosed
	}
	if r.MaxBytes > 0 && r.size > 0 && r.size+int64(len(p)) > r.MaxBytes {
		if err := r.rotate(); err != nil {
			return 0, fmt.Errorf("rotate %s: %w", r.Path, err)
		}
	}
	n, err := r.f.Write(p)
	r.size += int64(n)
	return n, err
}

func (r *RotatingFile) rotate() error {
	r.f.Close()
	r.f = nil
	os.Remove(fmt.Sprintf("%s.%d", r.Path, r.Keep))
	for i := r.Keep - 1; i >= 1; i-- {
		os.Rename(fmt.Sprintf("%s.%d", r.Path, i), fmt.Sprintf("%s.%d", r.Path, i+1))
	}
	if err := os.Rename(r.Path, r.Path+".1"); err != nil {
		return err
	}
	return r.open()
}

// Close closes the file.
func (r *RotatingFile) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	return err
}
