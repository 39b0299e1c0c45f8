package libvirt

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestParseDomain(t *testing.T) {
	cases := []struct {
		file string
		want *Domain
	}{
		{"web-1.xml", &Domain{
			Name: "web-1", UUID: "0d6a3c8e-2b7f-4d8e-9a51-3f0c2e9b7a11",
			Labels: map[string]string{"app": "shop", "tier": "web"}, VCPUs: 2, MemoryMiB: 1024,
			NICs: []NIC{
				{Dev: "vnet3", MAC: "52:54:00:aa:00:11", Type: "bridge", Bridge: "br-prod", Model: "virtio"},
				{Dev: "vnet4", MAC: "52:54:00:aa:01:11", Type: "network", Network: "mgmt", Bridge: "virbr1", Model: "e1000e"},
			},
		}},
		// A stopped domain: no target dev yet, a NIC without a MAC, and
		// every kind of junk label, each reported and skipped.
		{"stopped.xml", &Domain{
			Name: "db-1", UUID: "7a0c9f3e-1111-4a2b-8c3d-000000000001",
			Labels: map[string]string{"tier": "db"}, MemoryMiB: 512,
			NICs: []NIC{
				{MAC: "52:54:00:bb:00:13", Type: "bridge", Bridge: "br-prod", Model: "virtio"},
				{Dev: "macvtap0", Type: "direct"},
			},
			Problems: []string{
				"interface 2 has no MAC address",
				`metadata: label name "bad key" is not 1 to 63 letters, digits, '.', '_', '/' or '-'`,
				"metadata: label empty has an empty, over-long or multi-line value",
				`metadata: label name "" is not 1 to 63 letters, digits, '.', '_', '/' or '-'`,
				`metadata: label tier is given twice ("db" and "cache"); the first is kept`,
				"metadata: unknown element <colour> in crosstalk's namespace",
			},
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			got, err := ParseDomain(readFixture(t, c.file))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(got, c.want); diff != "" {
				t.Errorf("(-got +want):\n%s", diff)
			}
		})
	}
}

func TestParseDomainBridges(t *testing.T) {
	d, err := ParseDomain(readFixture(t, "web-1.xml"))
	if err != nil {
		t.Fatal(err)
	}
	// Two NICs on two bridges: both are the guest's ports.
	if diff := cmp.Diff(d.Bridges(), []string{"br-prod", "virbr1"}); diff != "" {
		t.Errorf("bridges (-got +want):\n%s", diff)
	}
}

func TestParseDomainBad(t *testing.T) {
	for _, doc := range []string{"", "<network><name>x</name></network>", "<domain>", "<domain><uuid>1</uuid></domain>", "not xml at all"} {
		if _, err := ParseDomain(doc); !errors.Is(err, ErrNotDomain) {
			t.Errorf("ParseDomain(%q) = %v, want ErrNotDomain", doc, err)
		}
	}
	// The smallest domain with labels: no devices at all.
	d, err := ParseDomain(`<domain><name>x</name><metadata><ct:guest xmlns:ct="` + Namespace + `"><ct:label name="a">1</ct:label></ct:guest></metadata></domain>`)
	if err != nil || d.Labels["a"] != "1" {
		t.Fatalf("%+v %v", d, err)
	}
}

// FuzzParseDomain: any bytes give a domain or ErrNotDomain, never a
// panic, and a parsed domain's labels are all well-formed.
func FuzzParseDomain(f *testing.F) {
	for _, name := range []string{"web-1.xml", "stopped.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add(`<domain><name>x</name><metadata><ct:guest xmlns:ct="` + Namespace + `"><ct:label name="a">`)
	f.Fuzz(func(t *testing.T, doc string) {
		d, err := ParseDomain(doc)
		if err != nil {
			if !errors.Is(err, ErrNotDomain) {
				t.Fatalf("error %v is not ErrNotDomain", err)
			}
			return
		}
		for k, v := range d.Labels {
			if !labelKey.MatchString(k) || v == "" {
				t.Fatalf("label %q=%q passed the checks", k, v)
			}
		}
	})
}

func TestUnattributed(t *testing.T) {
	d, err := ParseDomain(readFixture(t, "stopped.xml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"interface 1 (52:54:00:bb:00:13) has no host device (target dev): its traffic cannot be attributed until libvirt names one"}
	if diff := cmp.Diff(d.Unattributed(), want); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
}

func TestMemoryMiB(t *testing.T) {
	for _, c := range []struct {
		v    uint
		unit string
		want int64
	}{
		{1048576, "", 1024}, {1048576, "KiB", 1024}, {2, "GiB", 2048}, {2, "G", 2048}, {512, "MiB", 512},
		{1 << 30, "bytes", 1024}, {1000000, "KB", 953}, {1, "TiB", 1 << 20}, {5, "furlongs", 0},
	} {
		if got := memoryMiB(c.v, c.unit); got != c.want {
			t.Errorf("memoryMiB(%d, %q) = %d, want %d", c.v, c.unit, got, c.want)
		}
	}
}
