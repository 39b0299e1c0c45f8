package lab

import (
	"os"
	"os/exec"
	"syscall"
)

// detach makes a started process its own session, so that it outlives
// the command that started it and no terminal signal reaches it.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
}

// lockDir takes an exclusive lock on a directory until unlock is called,
// so that two commands do not build or remove one lab at once.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

// nsInode returns the inode of a network namespace file (a bind mount in
// /run/netns or /proc/PID/ns/net), which identifies the namespace.
func nsInode(path string) (uint64, bool) {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return 0, false
	}
	return st.Ino, true
}
