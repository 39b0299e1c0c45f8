package hypervisor

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/klauspost/compress/zstd"
)

// The fixture is Debian 12's modules.dep for the virtio NIC modules
// (depmod's output over .ci/run's extraction), plus a compressed module.
func TestModuleOrder(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  []string
		err   string
	}{
		{names: VirtioNet, want: []string{
			"kernel/drivers/virtio/virtio_pci_legacy_dev.ko",
			"kernel/drivers/virtio/virtio_pci_modern_dev.ko",
			"kernel/drivers/virtio/virtio_ring.ko",
			"kernel/drivers/virtio/virtio.ko",
			"kernel/drivers/virtio/virtio_pci.ko",
			"kernel/net/core/failover.ko",
			"kernel/drivers/net/net_failover.ko",
			"kernel/drivers/net/virtio_net.ko",
		}},
		{names: []string{"virtio_net", "virtio_net"}, want: []string{
			"kernel/net/core/failover.ko",
			"kernel/drivers/net/net_failover.ko",
			"kernel/drivers/virtio/virtio_ring.ko",
			"kernel/drivers/virtio/virtio.ko",
			"kernel/drivers/net/virtio_net.ko",
		}},
		{names: []string{"virtio_blk"}, want: []string{ // by modprobe's name: - is _
			"kernel/drivers/virtio/virtio_ring.ko",
			"kernel/drivers/virtio/virtio.ko",
			"kernel/drivers/block/virtio-blk.ko.zst",
		}},
		{names: []string{"8250", "unix"}}, // built in
		{names: []string{"e1000"}, err: "module e1000: neither in"},
	} {
		got, err := moduleOrder("testdata/modules/6.1.0-test", tc.names)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("moduleOrder(%v): error %v, want %q", tc.names, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("moduleOrder(%v): %v", tc.names, err)
		}
		if diff := cmp.Diff(got, tc.want); diff != "" {
			t.Errorf("moduleOrder(%v) (-got +want):\n%s", tc.names, diff)
		}
	}
}

func TestReadModule(t *testing.T) {
	dir := t.TempDir()
	module := []byte("\x7fELF a module")
	var zst, gz bytes.Buffer
	zw, _ := zstd.NewWriter(&zst)
	zw.Write(module)
	zw.Close()
	gw := gzip.NewWriter(&gz)
	gw.Write(module)
	gw.Close()
	for name, data := range map[string][]byte{"a.ko": module, "a.ko.zst": zst.Bytes(), "a.ko.gz": gz.Bytes()} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, data, 0o644)
		got, err := readModule(path)
		if err != nil || !bytes.Equal(got, module) {
			t.Errorf("readModule(%s) = %q, %v", name, got, err)
		}
	}
	if _, err := readModule(filepath.Join(dir, "a.ko.xz")); err == nil || !strings.Contains(err.Error(), "only .ko, .ko.zst and .ko.gz") {
		t.Errorf("readModule of an xz module: %v, want a refusal", err)
	}
}
