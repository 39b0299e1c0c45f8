package inventory

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"go.yaml.in/yaml/v3"
)

// guestsFile is the guests file format:
//
//	guests:
//	  - name: web-1
//	    macs: ["52:54:00:00:00:11"]
//	    ips: ["10.77.0.11", "fd77::11"]
//	    labels: {role: web, app: lab}
//	    iface: ct-web-1
//
// Unknown keys are errors.
type guestsFile struct {
	Guests []Guest `yaml:"guests"`
}

// LoadFile reads a guests file and builds its identity table. Errors name
// the file and, for YAML errors, the line.
func LoadFile(path string) (*Table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// Parse reads a guests file's contents.
func Parse(data []byte) (*Table, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f guestsFile
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty guests file")
		}
		return nil, err
	}
	return NewTable(f.Guests)
}
