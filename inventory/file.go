package inventory

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"go.yaml.in/yaml/v3"
)

// File is the guests file format (`crosstalk replay --guests`, the static
// provider, what `lab up` writes):
//
//	guests:
//	  - name: web-1
//	    macs: ["52:54:00:00:00:11"]
//	    ips: ["10.77.0.11", "fd77::11"]
//	    labels: {role: web, app: lab}
//	    iface: ct-web-1
//	  - name: db-1
//	    uuid: 7b0e1c2a-...
//	    ports:
//	      - {mac: "52:54:00:00:00:31", ips: [10.77.0.31], iface: vnet4}
//	      - {mac: "52:54:00:00:01:31", ips: [10.78.0.31]}
//
// The short form (macs, ips, iface, ifindex) describes a guest with one
// port per MAC; the addresses and the host-side port belong to the first.
// The long form (ports) says which address is on which port; a guest uses
// one form or the other. Unknown keys are errors.
type File struct {
	Guests []FileGuest `yaml:"guests"`
}

// FileGuest is one guest of a guests file.
type FileGuest struct {
	Name    string            `yaml:"name"`
	UUID    string            `yaml:"uuid,omitempty"`
	Labels  map[string]string `yaml:"labels,omitempty"`
	MACs    []string          `yaml:"macs,omitempty"`
	IPs     []string          `yaml:"ips,omitempty"`
	Iface   string            `yaml:"iface,omitempty"`
	IfIndex uint32            `yaml:"ifindex,omitempty"`
	Ports   []FilePort        `yaml:"ports,omitempty"`
	// VCPUs and MemoryMiB size the guest for the fleet's planner.
	VCPUs     int   `yaml:"vcpus,omitempty"`
	MemoryMiB int64 `yaml:"memory_mib,omitempty"`
}

// FilePort is one port in a guest's long form.
type FilePort struct {
	MAC     string   `yaml:"mac,omitempty"`
	IPs     []string `yaml:"ips,omitempty"`
	Iface   string   `yaml:"iface,omitempty"`
	IfIndex uint32   `yaml:"ifindex,omitempty"`
}

// Guest converts the file's guest to the model.
func (f FileGuest) Guest() (Guest, error) {
	if f.VCPUs < 0 || f.MemoryMiB < 0 {
		return Guest{}, fmt.Errorf("guest %s: vcpus and memory_mib must not be negative", f.Name)
	}
	g := Guest{Name: f.Name, UUID: f.UUID, Labels: f.Labels, VCPUs: f.VCPUs, MemoryMiB: f.MemoryMiB, Sources: []string{"file"}}
	short := len(f.MACs) > 0 || len(f.IPs) > 0 || f.Iface != "" || f.IfIndex != 0
	if short && len(f.Ports) > 0 {
		return g, fmt.Errorf("guest %q: use either ports or macs/ips/iface, not both", f.Name)
	}
	for _, p := range f.Ports {
		g.Ports = append(g.Ports, Port{MAC: normalMAC(p.MAC), IPs: p.IPs, Iface: p.Iface, IfIndex: p.IfIndex})
	}
	if short {
		first := Port{IPs: f.IPs, Iface: f.Iface, IfIndex: f.IfIndex}
		if len(f.MACs) > 0 {
			first.MAC = normalMAC(f.MACs[0])
		}
		g.Ports = append(g.Ports, first)
		for _, m := range f.MACs[min(1, len(f.MACs)):] {
			g.Ports = append(g.Ports, Port{MAC: normalMAC(m)})
		}
	}
	return g, nil
}

// LoadFile reads a guests file and builds its identity table. Errors name
// the file and, for YAML errors, the line.
func LoadFile(path string) (*Table, error) {
	gs, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := NewTable(gs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// ReadFile reads a guests file's guests, checked as LoadFile checks them.
func ReadFile(path string) ([]Guest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	gs, err := parseGuests(data)
	if err == nil {
		_, err = NewTable(gs)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return gs, nil
}

// Parse reads a guests file's contents.
func Parse(data []byte) (*Table, error) {
	gs, err := parseGuests(data)
	if err != nil {
		return nil, err
	}
	return NewTable(gs)
}

func parseGuests(data []byte) ([]Guest, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f File
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty guests file")
		}
		return nil, err
	}
	out := make([]Guest, 0, len(f.Guests))
	for _, fg := range f.Guests {
		g, err := fg.Guest()
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}
