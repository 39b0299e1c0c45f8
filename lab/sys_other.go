//go:build !linux

package lab

import "os/exec"

// The lab needs Linux; these stubs only let the package build elsewhere.

func detach(cmd *exec.Cmd) {}

func lockDir(dir string) (unlock func(), err error) { return func() {}, nil }

func nsInode(path string) (uint64, bool) { return 0, false }
