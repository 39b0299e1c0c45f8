//go:build !linux

package resource

import "errors"

// ThrottleNet needs Linux's tc.
func ThrottleNet(ports []string, bitsPerSec uint64) (restore Undo, err error) {
	return nil, errors.New("throttle net: needs Linux")
}
