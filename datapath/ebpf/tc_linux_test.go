package ebpf

import (
	"encoding/binary"
	"testing"

	"golang.org/x/sys/unix"
)

// filterMsg builds an RTM_NEWTFILTER payload as the kernel sends it.
func filterMsg(handle, prio uint32, kind, name string, id uint32) []byte {
	m := tcMsg(unix.RTM_NEWTFILTER, 0, 7, handle, tcParent(0), prio<<16|0x0300)[unix.SizeofNlMsghdr:]
	m = attr(m, tcaKind, cstring(kind))
	var opts []byte
	opts = attr(opts, tcaBPFName, cstring(name))
	opts = attr(opts, tcaBPFID, u32(id))
	return attr(m, tcaOptions|unix.NLA_F_NESTED, opts)
}

func TestParseFilter(t *testing.T) {
	for _, c := range []struct {
		name string
		msg  []byte
		ours bool
	}{
		{"ours", filterMsg(tcFilterHandle, tcFilterPrio, "bpf", tcFilterName, 42), true},
		{"another handle", filterMsg(1, tcFilterPrio, "bpf", tcFilterName, 42), false},
		{"another priority", filterMsg(tcFilterHandle, 2, "bpf", tcFilterName, 42), false},
		{"another name", filterMsg(tcFilterHandle, tcFilterPrio, "bpf", "cilium", 42), false},
		{"not bpf", filterMsg(tcFilterHandle, tcFilterPrio, "u32", tcFilterName, 42), false},
		{"short", []byte{1, 2, 3}, false},
	} {
		f, ok := parseFilter(c.msg)
		if ok != c.ours || ok && f.progID != 42 {
			t.Errorf("%s: %+v %v, want ours=%v with program 42", c.name, f, ok, c.ours)
		}
	}
	if got := tcInfo(); got != tcFilterPrio<<16|uint32(binary.NativeEndian.Uint16([]byte{0, 3})) {
		t.Errorf("tcInfo %#x", got)
	}
}

// FuzzParseFilter: whatever the kernel (or a corrupted buffer) says, the
// parser answers without panicking.
func FuzzParseFilter(f *testing.F) {
	f.Add(filterMsg(tcFilterHandle, tcFilterPrio, "bpf", tcFilterName, 42))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		parseFilter(b)
		attrs(b, func(uint16, []byte) {})
	})
}
