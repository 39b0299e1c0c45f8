package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/crosstalk-dev/crosstalk/resource"
	"github.com/crosstalk-dev/crosstalk/store"
)

// Throttles are the agent's to lift: at their expiry, at release, when
// the agent stops. So that one put on by an agent that was killed is
// still lifted, each is kept, with what undoes it, in a state file
// (throttle_state; beside the socket by default, on /run, which a reboot
// empties as it empties the cgroups and qdiscs). A starting agent lifts
// those that expired meanwhile and keeps the others to their time.

// throttle is a cap in force on a guest, lifted at its expiry.
type throttle struct {
	Expires time.Time     `json:"expires"`
	Undo    resource.Undo `json:"undo"`
	timer   *time.Timer
}

// throttleFile is the state file's document.
type throttleFile struct {
	V         int                  `json:"v"`
	Throttles map[string]*throttle `json:"throttles"`
}

// throttleState is where the throttles are kept; "" keeps them in
// memory only.
func (c *Config) throttleState() string {
	switch {
	case c.Resources.ThrottleState != "":
		return c.Resources.ThrottleState
	case c.Socket != "":
		return filepath.Join(filepath.Dir(c.Socket), "throttles.json")
	}
	return ""
}

// setThrottle keeps the throttle in force until expires (a new one
// replaces an old one, whose undo it keeps: the caps before the first).
func (a *Agent) setThrottle(guest string, undo resource.Undo, expires time.Time) {
	a.thrMu.Lock()
	defer a.thrMu.Unlock()
	if a.throttles == nil {
		a.throttles = map[string]*throttle{}
	}
	if old := a.throttles[guest]; old != nil {
		old.timer.Stop()
		undo = old.Undo
	}
	th := &throttle{Expires: expires, Undo: undo}
	th.timer = time.AfterFunc(time.Until(expires), func() {
		// Only this throttle: one that replaced it meanwhile keeps its
		// own time.
		if a.lift(guest, "expired", th) {
			a.log.Info("throttle expired", "guest", guest)
		}
	})
	a.throttles[guest] = th
	a.saveThrottles()
}

// throttled tells whether a throttle of this agent is in force on the
// guest.
func (a *Agent) throttled(guest string) bool {
	a.thrMu.Lock()
	defer a.thrMu.Unlock()
	return a.throttles[guest] != nil
}

// liftThrottle puts the guest's caps back; false when none was set. why
// (expired, the agent stopped) is recorded as a release; "" records
// nothing (crosstalk release records its own).
func (a *Agent) liftThrottle(guest, why string) bool { return a.lift(guest, why, nil) }

// lift lifts the guest's throttle if it is only (any when nil).
func (a *Agent) lift(guest, why string, only *throttle) bool {
	a.thrMu.Lock()
	th := a.throttles[guest]
	if only != nil && th != only {
		th = nil
	}
	if th != nil {
		delete(a.throttles, guest)
		th.timer.Stop()
		if err := th.Undo.Apply(); err != nil {
			a.log.Warn("lift the throttle", "guest", guest, "err", err)
		}
		a.saveThrottles()
	}
	a.thrMu.Unlock()
	if th != nil && why != "" {
		a.recordLift(guest, why)
	}
	return th != nil
}

// liftThrottles is called at Stop: a throttle must not outlive the agent
// that would lift it.
func (a *Agent) liftThrottles() {
	a.thrMu.Lock()
	var guests []string
	for g := range a.throttles {
		guests = append(guests, g)
	}
	a.thrMu.Unlock()
	for _, g := range guests {
		a.liftThrottle(g, "the agent stopped")
	}
}

// saveThrottles writes the state file (thrMu held): a new file renamed
// over the old, so a crash leaves one or the other whole. With none in
// force the file goes.
func (a *Agent) saveThrottles() {
	path := a.cfg.throttleState()
	if path == "" {
		return
	}
	if len(a.throttles) == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			a.log.Warn("remove the throttle state", "path", path, "err", err)
		}
		return
	}
	b, _ := json.Marshal(throttleFile{V: 1, Throttles: a.throttles})
	tmp := path + ".new"
	err := os.MkdirAll(filepath.Dir(path), 0o755)
	if err == nil {
		err = os.WriteFile(tmp, b, 0o600)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		a.log.Warn("keep the throttles in force: a killed agent's would not be lifted", "path", path, "err", err)
	}
}

// readThrottles reads the state file: nil when there is none. What it
// says is written to cgroup files and run as tc and ip commands, so a
// file others may write is refused.
func readThrottles(path string) (map[string]*throttle, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if fi, serr := os.Stat(path); err == nil && serr == nil && fi.Mode().Perm()&0o022 != 0 {
		err = fmt.Errorf("others may write it (mode %v): not trusted", fi.Mode().Perm())
	}
	var f throttleFile
	if err == nil {
		err = json.Unmarshal(b, &f)
	}
	if err == nil && f.V != 1 {
		err = fmt.Errorf("version %d, want 1", f.V)
	}
	if err != nil {
		return nil, fmt.Errorf("the throttle state %s: %w", path, err)
	}
	return f.Throttles, nil
}

// adoptThrottles takes over the throttles a previous agent left in force
// (it was killed): those past their time are lifted now, the others at
// their time. A file it cannot read is set aside, not trusted.
func (a *Agent) adoptThrottles() {
	path := a.cfg.throttleState()
	if path == "" {
		return
	}
	left, err := readThrottles(path)
	if err != nil {
		a.log.Warn("the throttle state cannot be read: set aside, its throttles are not lifted", "err", err)
		os.Rename(path, path+".bad")
		return
	}
	now := time.Now()
	for guest, th := range left {
		if th == nil {
			continue
		}
		if !th.Expires.After(now) {
			if err := th.Undo.Apply(); err != nil {
				a.log.Warn("lift a throttle that expired while the agent was down", "guest", guest, "err", err)
			}
			a.log.Info("lifted a throttle that expired while the agent was down", "guest", guest, "expired", th.Expires)
			a.recordLift(guest, "expired while the agent was down")
			continue
		}
		a.log.Info("kept a throttle the previous agent put on", "guest", guest, "until", th.Expires)
		a.setThrottle(guest, th.Undo, th.Expires)
	}
	a.thrMu.Lock()
	a.saveThrottles()
	a.thrMu.Unlock()
}

// LiftThrottles lifts every throttle the state file holds and removes
// it: agent --cleanup, for what an agent that was killed left on, when
// no agent will run again to lift it. It returns the guests lifted.
func LiftThrottles(cfg Config) ([]string, error) {
	path := cfg.throttleState()
	if path == "" {
		return nil, nil
	}
	left, err := readThrottles(path)
	if err != nil {
		return nil, err
	}
	var guests []string
	var errs []error
	for guest, th := range left {
		if th != nil {
			guests = append(guests, guest)
			errs = append(errs, th.Undo.Apply())
		}
	}
	slices.Sort(guests)
	if err := errors.Join(errs...); err != nil {
		return guests, fmt.Errorf("lift the throttles of %v: %w (the state %s is kept)", guests, err, path)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return guests, err
	}
	return guests, nil
}

// recordLift records a throttle lifted without anyone asking.
func (a *Agent) recordLift(guest, why string) {
	if a.store == nil {
		return
	}
	detail, _ := json.Marshal(map[string]any{"throttle_lifted": true, "why": why})
	act := store.Action{ID: actionID(), Time: time.Now().UTC(), Kind: "release", Guest: guest, Detail: detail}
	if err := a.store.PutAction(context.Background(), act); err != nil {
		a.log.Warn("record the lifted throttle", "guest", guest, "err", err)
	}
}
