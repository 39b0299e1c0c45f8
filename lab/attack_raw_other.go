//go:build !linux

package lab

import (
	"errors"
	"net/netip"
)

// The lab needs Linux; these stubs only let the package build elsewhere.

var errNoRaw = errors.New("raw sockets need Linux")

type rawIPv4 struct{}

func openRawIPv4() (*rawIPv4, error)                     { return nil, errNoRaw }
func (s *rawIPv4) Send(pkt []byte, dst netip.Addr) error { return errNoRaw }
func (s *rawIPv4) Close() error                          { return nil }

type arpSocket struct{}

func openARP(ifindex int) (*arpSocket, error) { return nil, errNoRaw }
func (s *arpSocket) Send(frame []byte) error  { return errNoRaw }
func (s *arpSocket) Close() error             { return nil }
