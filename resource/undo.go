package resource

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Undo is what takes a throttle off again, as data rather than a
// closure: the agent keeps it in a state file, so that a throttle put on
// by an agent that was killed is still lifted, at its time, by the next
// one. Steps run in order; each either writes Value to File (a cgroup
// setting back to what it was) or runs Cmd (tc or ip, nothing else), where an error
// saying the thing is already gone counts as done.
type Undo []UndoStep

// UndoStep is one step of an Undo.
type UndoStep struct {
	File  string   `json:"file,omitempty"`
	Value string   `json:"value,omitempty"`
	Cmd   []string `json:"cmd,omitempty"`
}

// Apply runs every step, also after one fails, and reports the failures.
func (u Undo) Apply() error {
	var errs []error
	for _, s := range u {
		switch {
		case len(s.Cmd) > 0 && s.Cmd[0] != "tc" && s.Cmd[0] != "ip":
			errs = append(errs, fmt.Errorf("undo: %q is not a tc or ip step", s.Cmd))
		case len(s.Cmd) > 0:
			errs = append(errs, ignoreMissing(run(s.Cmd[0], s.Cmd[1:]...)))
		case s.File != "":
			errs = append(errs, os.WriteFile(s.File, []byte(s.Value), 0o644))
		}
	}
	return errors.Join(errs...)
}

// undoWrite is the step that writes value to file.
func undoWrite(file, value string) UndoStep { return UndoStep{File: file, Value: value} }

func run(name string, args ...string) (string, error) {
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s %s: %s", name, strings.Join(args, " "), strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

// ignoreMissing drops the errors of undoing what is already gone (the
// port went away with its qdiscs and filters).
func ignoreMissing(_ string, err error) error {
	if err == nil {
		return nil
	}
	for _, s := range []string{"Cannot find device", "No such file", "Invalid handle", "Cannot delete qdisc with handle of zero", "Filter with specified priority/protocol not found", "Error: Parent Qdisc doesn't exists", "does not exist"} {
		if strings.Contains(err.Error(), s) {
			return nil
		}
	}
	return err
}
