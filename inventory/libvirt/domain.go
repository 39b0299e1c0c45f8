// Package libvirt reads guests as libvirt knows them: a domain's name,
// UUID, vNICs (host-side target device, MAC, bridge or network, model)
// and the labels operators keep in its <metadata> under the crosstalk
// namespace. It reads XML and never trusts it: a domain with a NIC that
// has no host device yet, or labels that are junk, is still read, and
// each defect is listed as a problem for the operator.
package libvirt

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"libvirt.org/go/libvirtxml"
)

// Namespace is the XML namespace of crosstalk's domain metadata:
//
//	<metadata>
//	  <ct:guest xmlns:ct="https://github.com/crosstalk-dev/crosstalk/xmlns/guest/1">
//	    <ct:label name="tier">web</ct:label>
//	  </ct:guest>
//	</metadata>
//
// `virsh metadata DOMAIN --uri NAMESPACE --key ct --set '<guest>...'`
// writes it.
const Namespace = "https://github.com/crosstalk-dev/crosstalk/xmlns/guest/1"

// Domain is what a domain's XML says about a guest.
type Domain struct {
	Name   string
	UUID   string
	Labels map[string]string
	NICs   []NIC
	// VCPUs and MemoryMiB are the domain's size (<vcpu>, <memory>).
	VCPUs     int
	MemoryMiB int64
	// Problems are the defects found while reading, for people.
	Problems []string
}

// NIC is one of a domain's network interfaces.
type NIC struct {
	// Dev is the host-side device (vnet3, tap0, macvtap1); empty when the
	// domain is not running or libvirt has not named it yet.
	Dev string
	MAC string
	// Type is libvirt's interface type: bridge, network, direct,
	// ethernet, ...
	Type    string
	Bridge  string
	Network string
	Model   string
}

// ErrNotDomain is returned for XML that is not a libvirt domain.
var ErrNotDomain = errors.New("not a libvirt domain")

// ParseDomain reads a domain's XML (virDomainGetXMLDesc).
func ParseDomain(doc string) (*Domain, error) {
	var x libvirtxml.Domain
	if err := x.Unmarshal(doc); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotDomain, err)
	}
	if x.Name == "" {
		return nil, fmt.Errorf("%w: no name", ErrNotDomain)
	}
	d := &Domain{Name: x.Name, UUID: x.UUID, Labels: map[string]string{}}
	if x.VCPU != nil {
		d.VCPUs = int(x.VCPU.Value)
	}
	if x.Memory != nil {
		d.MemoryMiB = memoryMiB(x.Memory.Value, x.Memory.Unit)
	}
	if x.Devices != nil {
		for i, in := range x.Devices.Interfaces {
			d.NICs = append(d.NICs, d.nic(i, in))
		}
	}
	if x.Metadata != nil {
		d.readLabels(x.Metadata.XML)
	}
	return d, nil
}

func (d *Domain) nic(i int, in libvirtxml.DomainInterface) NIC {
	var n NIC
	if in.MAC != nil {
		n.MAC = strings.ToLower(in.MAC.Address)
	}
	if in.Target != nil {
		n.Dev = in.Target.Dev
	}
	if in.Model != nil {
		n.Model = in.Model.Type
	}
	if s := in.Source; s != nil {
		switch {
		case s.Bridge != nil:
			n.Type, n.Bridge = "bridge", s.Bridge.Bridge
		case s.Network != nil:
			n.Type, n.Network, n.Bridge = "network", s.Network.Network, s.Network.Bridge
		case s.Direct != nil:
			n.Type = "direct"
		case s.Ethernet != nil:
			n.Type = "ethernet"
		case s.User != nil:
			n.Type = "user"
		default:
			n.Type = "other"
		}
	}
	name := fmt.Sprintf("interface %d", i+1)
	if n.MAC != "" {
		name += " (" + n.MAC + ")"
	}
	if n.MAC == "" {
		d.problem("%s has no MAC address", name)
	}
	return n
}

// Unattributed lists, for people, the NICs without a host device: a
// running domain's traffic on them cannot be attributed until libvirt
// names one (a domain that is not running has none, rightly).
func (d *Domain) Unattributed() []string {
	var out []string
	for i, n := range d.NICs {
		if n.Dev != "" {
			continue
		}
		name := fmt.Sprintf("interface %d", i+1)
		if n.MAC != "" {
			name += " (" + n.MAC + ")"
		}
		out = append(out, name+" has no host device (target dev): its traffic cannot be attributed until libvirt names one")
	}
	return out
}

func (d *Domain) problem(format string, args ...any) {
	d.Problems = append(d.Problems, fmt.Sprintf(format, args...))
}

// labelKey is what a label name may be: Kubernetes-like, short, no
// spaces or markup.
var labelKey = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._/-]{0,62})$`)

// readLabels reads <label name="k">v</label> from crosstalk's element in
// the metadata; other namespaces belong to other tools and are left
// alone. Junk is skipped and reported.
func (d *Domain) readLabels(inner string) {
	dec := xml.NewDecoder(strings.NewReader(inner))
	depth, ours := 0, -1
	var key string
	var value strings.Builder
	inLabel := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			d.problem("metadata is not well-formed XML: %v", err)
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case ours < 0 && t.Name.Space == Namespace && t.Name.Local == "guest":
				ours = depth
			case ours >= 0 && depth == ours+1 && t.Name.Local == "label":
				inLabel, key = true, ""
				value.Reset()
				for _, a := range t.Attr {
					if a.Name.Local == "name" {
						key = a.Value
					}
				}
			case ours >= 0 && depth == ours+1:
				d.problem("metadata: unknown element <%s> in crosstalk's namespace", t.Name.Local)
			}
		case xml.CharData:
			if inLabel {
				value.Write(t)
			}
		case xml.EndElement:
			if inLabel && depth == ours+1 {
				d.label(key, strings.TrimSpace(value.String()))
				inLabel = false
			}
			if depth == ours {
				ours = -1
			}
			depth--
		}
	}
}

func (d *Domain) label(key, value string) {
	switch {
	case !labelKey.MatchString(key):
		d.problem("metadata: label name %q is not 1 to 63 letters, digits, '.', '_', '/' or '-'", key)
	case value == "" || len(value) > 253 || strings.ContainsAny(value, "\n\r\t"):
		d.problem("metadata: label %s has an empty, over-long or multi-line value", key)
	case d.Labels[key] != "" && d.Labels[key] != value:
		d.problem("metadata: label %s is given twice (%q and %q); the first is kept", key, d.Labels[key], value)
	default:
		d.Labels[key] = value
	}
}

// Bridges lists the bridges the domain's NICs are on, sorted.
func (d *Domain) Bridges() []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range d.NICs {
		if n.Bridge != "" && !seen[n.Bridge] {
			seen[n.Bridge] = true
			out = append(out, n.Bridge)
		}
	}
	sort.Strings(out)
	return out
}

// memoryMiB converts libvirt's memory value in unit (KiB when empty) to
// MiB.
func memoryMiB(v uint, unit string) int64 {
	var bytes float64
	switch strings.ToLower(unit) {
	case "b", "bytes":
		bytes = float64(v)
	case "", "k", "kib":
		bytes = float64(v) * 1024
	case "kb":
		bytes = float64(v) * 1000
	case "m", "mib":
		bytes = float64(v) * (1 << 20)
	case "mb":
		bytes = float64(v) * 1e6
	case "g", "gib":
		bytes = float64(v) * (1 << 30)
	case "gb":
		bytes = float64(v) * 1e9
	case "t", "tib":
		bytes = float64(v) * (1 << 40)
	case "tb":
		bytes = float64(v) * 1e12
	default:
		return 0
	}
	return int64(bytes / (1 << 20))
}
