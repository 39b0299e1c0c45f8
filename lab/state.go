package lab

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/crosstalk-dev/crosstalk/inventory"
)

// Files in a lab's state directory.
const (
	stateFile  = "lab.json"
	guestsFile = "guests.yaml"
	pidsDir    = "pids"
	logsDir    = "logs"
)

// state is lab.json: what a lab was built with, so that later commands
// need no flags.
type state struct {
	Version    int       `json:"version"`
	Name       string    `json:"name"`
	Bridge     string    `json:"bridge"`
	Guests     int       `json:"guests"`
	Subnet     string    `json:"subnet"`
	Subnet6    string    `json:"subnet6"`
	NoWorkload bool      `json:"no_workload,omitempty"`
	Created    time.Time `json:"created"`
}

// readState returns the lab's state, or nil when it has none.
func readState(dir string) (*state, error) {
	data, err := os.ReadFile(filepath.Join(dir, stateFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var st state
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, stateFile), err)
	}
	if st.Guests < 1 || st.Guests > MaxGuests {
		return nil, fmt.Errorf("%s: guests: %d out of range", filepath.Join(dir, stateFile), st.Guests)
	}
	return &st, nil
}

func writeState(c Config, created time.Time) error {
	st := state{Version: 1, Name: c.Name, Bridge: BridgeName(c.Name), Guests: c.Guests,
		Subnet: c.Subnet.String(), Subnet6: c.Subnet6.String(), NoWorkload: c.NoWorkload, Created: created.UTC()}
	data, err := json.MarshalIndent(&st, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(c.StateDir, stateFile), append(data, '\n'))
}

// writeGuests writes the guests file that `crosstalk replay --guests` and
// inventory.LoadFile read; ifindex maps port names to their indexes.
func writeGuests(c Config, ifindex map[string]uint32) error {
	var f inventory.File
	for _, g := range c.layout() {
		f.Guests = append(f.Guests, inventory.FileGuest{
			Name:    g.Name,
			MACs:    []string{g.MAC},
			IPs:     []string{g.IPv4.String(), g.IPv6.String()},
			Labels:  g.Labels(),
			Iface:   g.Port,
			IfIndex: ifindex[g.Port],
			// A nominal size for the fleet's planner: a lab guest is a
			// namespace, not a VM.
			VCPUs: 1, MemoryMiB: 512,
		})
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# Guests of crosstalk lab %s (bridge %s), written by crosstalk lab up.\n", c.Name, BridgeName(c.Name))
	fmt.Fprintf(&buf, "# iface is the guest's port on the bridge, ifindex its index on this host.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&f); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	// Check what we wrote the way its readers will.
	if _, err := inventory.Parse(buf.Bytes()); err != nil {
		return fmt.Errorf("guests file: %w", err)
	}
	return writeFileAtomic(filepath.Join(c.StateDir, guestsFile), buf.Bytes())
}

func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func pidFile(dir, guest string) string { return filepath.Join(dir, pidsDir, guest+".pid") }

// readPID returns the pid in a pid file, or 0.
func readPID(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || pid < 1 {
		return 0
	}
	return pid
}

// recordedPIDs returns every pid file of the state directory by name.
func recordedPIDs(dir string) map[string]int {
	m := map[string]int{}
	ents, _ := os.ReadDir(filepath.Join(dir, pidsDir))
	for _, e := range ents {
		if name, ok := strings.CutSuffix(e.Name(), ".pid"); ok {
			if pid := readPID(filepath.Join(dir, pidsDir, e.Name())); pid != 0 {
				m[name] = pid
			}
		}
	}
	return m
}

// alive tells whether process pid exists and is not a zombie.
func alive(pid int) bool {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// The state follows the command name in parentheses, which may
	// itself hold parentheses.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 || i+2 >= len(data) {
		return false
	}
	return data[i+2] != 'Z' && data[i+2] != 'X'
}

// cmdline returns the arguments of process pid.
func cmdline(pid int) []string {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err != nil || len(data) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(data), "\x00"), "\x00")
}

// guestMarker is the argument that marks the process of a lab guest (and
// names its namespace); lab down ends only processes that carry the
// marker of one of its namespaces, or that it recorded and that still
// live in one of them.
func guestMarker(ns string) string { return "--ns=" + ns }

// isGuestProcess tells whether pid is a guest process of lab name, and
// of which namespace.
func isGuestProcess(pid int, name string) (ns string, ok bool) {
	for _, a := range cmdline(pid) {
		if rest, found := strings.CutPrefix(a, "--ns="); found && strings.HasPrefix(rest, namespacePrefix(name)) {
			return rest, true
		}
	}
	return "", false
}
