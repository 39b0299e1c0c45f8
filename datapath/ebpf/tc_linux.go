package ebpf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// The tc fallback, for kernels before tcx (Linux 6.6; Debian 12 runs
// 6.1): a clsact qdisc on the port and one cls_bpf filter per direction in
// direct-action mode, first in the chain (priority 1). The programs are
// the same: tcx's return codes were chosen equal to tc's (see bpf/port.c).
//
// A filter belongs to the qdisc, not to a process or a pin: it stays when
// the agent stops (fail-static without pins) and is found again at Load by
// its name, handle and priority and the pinned program it runs. Replacing
// a filter with the same handle and priority is atomic (NLM_F_REPLACE).
// This is a few rtnetlink messages, written here rather than pulled in
// with a netlink library.
const (
	tcFilterName   = "crosstalk"
	tcFilterHandle = 0xc7a1 // "crosstalk"
	tcFilterPrio   = 1

	tcHClsact     = 0xfffffff1 // TC_H_CLSACT (= TC_H_INGRESS)
	tcHMinIngress = 0xfff2
	tcHMinEgress  = 0xfff3

	tcaKind    = 1 // TCA_KIND
	tcaOptions = 2 // TCA_OPTIONS

	tcaBPFFD    = 6  // TCA_BPF_FD
	tcaBPFName  = 7  // TCA_BPF_NAME
	tcaBPFFlags = 8  // TCA_BPF_FLAGS
	tcaBPFID    = 11 // TCA_BPF_ID

	tcaBPFFlagActDirect = 1
	ethPAll             = 0x0003

	sizeofTcMsg = 20 // struct tcmsg
)

// tcParent is the clsact parent of a direction's filters (ingress 0,
// egress 1, as hooks).
func tcParent(dir int) uint32 {
	if dir == 0 {
		return tcHClsact&0xffff0000 | tcHMinIngress
	}
	return tcHClsact&0xffff0000 | tcHMinEgress
}

// tcHook is one direction of a port attached by tc. Close leaves the
// filter in place when the programs are pinned (a later Load finds it);
// without pins it detaches, as closing an unpinned tcx link does.
//
// Interfaces are named by index within a network namespace, so a hook
// keeps the rtnetlink socket of the namespace it was attached in.
type tcHook struct {
	c            *nlConn
	ifindex, dir int
	pinned       bool
}

func (h *tcHook) Update(p *ebpf.Program) error { return h.c.tcReplace(h.ifindex, h.dir, p) }
func (h *tcHook) Detach() error                { return h.c.tcDelete(h.ifindex, h.dir) }
func (h *tcHook) Close() error {
	if h.pinned {
		return nil
	}
	return h.Detach()
}

// tcAttach adds the clsact qdisc when the port has none and puts the
// program first in the direction's chain.
func tcAttach(c *nlConn, ifindex, dir int, p *ebpf.Program, pinned bool) (*tcHook, error) {
	if err := c.tcAddClsact(ifindex); err != nil {
		return nil, err
	}
	if err := c.tcReplace(ifindex, dir, p); err != nil {
		return nil, err
	}
	return &tcHook{c: c, ifindex: ifindex, dir: dir, pinned: pinned}, nil
}

// tcAddClsact creates the clsact qdisc; one that exists is fine (another
// tool's filters stay in it). An ingress qdisc in its place leaves no
// egress hook: the egress filter then fails with the kernel's error.
func (c *nlConn) tcAddClsact(ifindex int) error {
	msg := tcMsg(unix.RTM_NEWQDISC, unix.NLM_F_CREATE|unix.NLM_F_EXCL, ifindex, tcHClsact&0xffff0000, tcHClsact, 0)
	msg = attr(msg, tcaKind, cstring("clsact"))
	err := c.request(msg, nil)
	if errors.Is(err, unix.EEXIST) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("add the clsact qdisc: %w", err)
	}
	return nil
}

// tcReplace puts p in the filter of the direction, creating it or
// replacing its program in one step.
func (c *nlConn) tcReplace(ifindex, dir int, p *ebpf.Program) error {
	msg := tcMsg(unix.RTM_NEWTFILTER, unix.NLM_F_CREATE|unix.NLM_F_REPLACE, ifindex, tcFilterHandle, tcParent(dir), tcInfo())
	msg = attr(msg, tcaKind, cstring("bpf"))
	var opts []byte
	opts = attr(opts, tcaBPFFD, u32(uint32(p.FD())))
	opts = attr(opts, tcaBPFName, cstring(tcFilterName))
	opts = attr(opts, tcaBPFFlags, u32(tcaBPFFlagActDirect))
	msg = attr(msg, tcaOptions|unix.NLA_F_NESTED, opts)
	if err := c.request(msg, nil); err != nil {
		return fmt.Errorf("tc filter %s: %w", hooks[dir].name, err)
	}
	return nil
}

// tcDelete removes the direction's filter; one that is gone (with its
// interface, or never there) is not an error.
func (c *nlConn) tcDelete(ifindex, dir int) error {
	msg := tcMsg(unix.RTM_DELTFILTER, 0, ifindex, tcFilterHandle, tcParent(dir), tcInfo())
	msg = attr(msg, tcaKind, cstring("bpf"))
	err := c.request(msg, nil)
	if err == nil || errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ENODEV) || errors.Is(err, unix.EINVAL) {
		return nil
	}
	return fmt.Errorf("delete tc filter %s of ifindex %d: %w", hooks[dir].name, ifindex, err)
}

// tcFilter is one of our filters found on a port.
type tcFilter struct {
	ifindex, dir int
	progID       uint32
}

// tcFind lists this package's filters (by name, handle and priority) on
// every interface of the conn's network namespace, with the program each
// runs.
func (c *nlConn) tcFind() ([]tcFilter, error) {
	var ifindexes []int
	msg := make([]byte, unix.SizeofNlMsghdr+unix.SizeofIfInfomsg)
	binary.NativeEndian.PutUint16(msg[4:6], unix.RTM_GETLINK)
	binary.NativeEndian.PutUint16(msg[6:8], unix.NLM_F_REQUEST|unix.NLM_F_DUMP)
	err := c.request(msg, func(m []byte) {
		if len(m) >= unix.SizeofIfInfomsg {
			ifindexes = append(ifindexes, int(int32(binary.NativeEndian.Uint32(m[4:8]))))
		}
	})
	if err != nil {
		return nil, fmt.Errorf("list interfaces: %w", err)
	}
	var out []tcFilter
	for _, ifindex := range ifindexes {
		for dir := range hooks {
			msg := tcMsg(unix.RTM_GETTFILTER, unix.NLM_F_DUMP, ifindex, 0, tcParent(dir), 0)
			err := c.request(msg, func(m []byte) {
				if f, ok := parseFilter(m); ok {
					f.ifindex, f.dir = ifindex, dir
					out = append(out, f)
				}
			})
			// No clsact qdisc: nothing to find.
			if err != nil && !errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOENT) && !errors.Is(err, unix.ENODEV) {
				return out, fmt.Errorf("list tc filters of ifindex %d: %w", ifindex, err)
			}
		}
	}
	return out, nil
}

// parseFilter reads an RTM_NEWTFILTER message: ours when it is a bpf
// filter of our handle, priority and name.
func parseFilter(m []byte) (tcFilter, bool) {
	var f tcFilter
	if len(m) < sizeofTcMsg {
		return f, false
	}
	handle := binary.NativeEndian.Uint32(m[8:12])
	info := binary.NativeEndian.Uint32(m[16:20])
	if handle != tcFilterHandle || info>>16 != tcFilterPrio {
		return f, false
	}
	var kind, name string
	attrs(m[sizeofTcMsg:], func(typ uint16, v []byte) {
		switch typ &^ unix.NLA_F_NESTED {
		case tcaKind:
			kind = string(trimNUL(v))
		case tcaOptions:
			attrs(v, func(typ uint16, v []byte) {
				switch typ {
				case tcaBPFName:
					name = string(trimNUL(v))
				case tcaBPFID:
					if len(v) >= 4 {
						f.progID = binary.NativeEndian.Uint32(v)
					}
				}
			})
		}
	})
	return f, kind == "bpf" && name == tcFilterName
}

// tcInfo is the filter's tcm_info: TC_H_MAKE(prio << 16, htons(ETH_P_ALL)).
func tcInfo() uint32 {
	proto := binary.NativeEndian.Uint16(binary.BigEndian.AppendUint16(nil, ethPAll))
	return tcFilterPrio<<16 | uint32(proto)
}

// tcMsg starts a request: netlink header (its length set by tcRequest)
// and struct tcmsg.
func tcMsg(typ uint16, flags uint16, ifindex int, handle, parent, info uint32) []byte {
	b := make([]byte, unix.SizeofNlMsghdr+sizeofTcMsg, 256)
	binary.NativeEndian.PutUint16(b[4:6], typ)
	binary.NativeEndian.PutUint16(b[6:8], flags|unix.NLM_F_REQUEST|unix.NLM_F_ACK)
	t := b[unix.SizeofNlMsghdr:]
	t[0] = unix.AF_UNSPEC
	binary.NativeEndian.PutUint32(t[4:8], uint32(int32(ifindex)))
	binary.NativeEndian.PutUint32(t[8:12], handle)
	binary.NativeEndian.PutUint32(t[12:16], parent)
	binary.NativeEndian.PutUint32(t[16:20], info)
	return b
}

// attr appends a netlink attribute, padded to 4 bytes.
func attr(b []byte, typ uint16, v []byte) []byte {
	var h [4]byte
	binary.NativeEndian.PutUint16(h[0:2], uint16(4+len(v)))
	binary.NativeEndian.PutUint16(h[2:4], typ)
	b = append(b, h[:]...)
	b = append(b, v...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// attrs calls fn for each attribute of b; a truncated one ends the walk.
func attrs(b []byte, fn func(typ uint16, v []byte)) {
	for len(b) >= 4 {
		n := int(binary.NativeEndian.Uint16(b[0:2]))
		if n < 4 || n > len(b) {
			return
		}
		fn(binary.NativeEndian.Uint16(b[2:4]), b[4:n])
		n = (n + 3) &^ 3
		if n > len(b) {
			return
		}
		b = b[n:]
	}
}

func u32(v uint32) []byte { return binary.NativeEndian.AppendUint32(nil, v) }

func cstring(s string) []byte { return append([]byte(s), 0) }

func trimNUL(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return b
}

// nlConn is an rtnetlink socket, of the network namespace of the thread
// that opened it. Requests are serialised.
type nlConn struct {
	mu  sync.Mutex
	fd  int
	seq uint32
	buf []byte
}

// dialNetlink opens an rtnetlink socket in the calling thread's network
// namespace.
func dialNetlink() (*nlConn, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	if err != nil {
		return nil, fmt.Errorf("netlink socket: %w", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("netlink bind: %w", err)
	}
	// Errors come back without the request echoed.
	_ = unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_CAP_ACK, 1)
	return &nlConn{fd: fd, buf: make([]byte, 64<<10)}, nil
}

func (c *nlConn) Close() error { return unix.Close(c.fd) }

// request sends one request and reads until the kernel's acknowledgement
// (or, for a dump, its end), passing each answer's payload to each when
// it is not nil. each must not make requests.
func (c *nlConn) request(msg []byte, each func(payload []byte)) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	seq := c.seq
	binary.NativeEndian.PutUint32(msg[0:4], uint32(len(msg)))
	binary.NativeEndian.PutUint32(msg[8:12], seq)
	if err := unix.Sendto(c.fd, msg, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return fmt.Errorf("netlink send: %w", err)
	}
	for {
		n, _, err := unix.Recvfrom(c.fd, c.buf, 0)
		if err != nil {
			return fmt.Errorf("netlink receive: %w", err)
		}
		b := c.buf[:n]
		for len(b) >= unix.SizeofNlMsghdr {
			l := int(binary.NativeEndian.Uint32(b[0:4]))
			typ := binary.NativeEndian.Uint16(b[4:6])
			if l < unix.SizeofNlMsghdr || l > len(b) {
				return errors.New("netlink: truncated message")
			}
			payload := b[unix.SizeofNlMsghdr:l]
			if binary.NativeEndian.Uint32(b[8:12]) == seq {
				switch typ {
				case unix.NLMSG_ERROR:
					if len(payload) < 4 {
						return errors.New("netlink: short error message")
					}
					if e := int32(binary.NativeEndian.Uint32(payload[0:4])); e != 0 {
						return unix.Errno(-e)
					}
					return nil
				case unix.NLMSG_DONE:
					if len(payload) >= 4 {
						if e := int32(binary.NativeEndian.Uint32(payload[0:4])); e < 0 {
							return unix.Errno(-e)
						}
					}
					return nil
				default:
					if each != nil {
						each(payload)
					}
				}
			}
			b = b[min(len(b), (l+3)&^3):]
		}
	}
}

// netnsID names the calling thread's network namespace (its inode).
func netnsID() (uint64, error) {
	var st unix.Stat_t
	if err := unix.Stat("/proc/thread-self/ns/net", &st); err != nil {
		return 0, fmt.Errorf("network namespace: %w", err)
	}
	return st.Ino, nil
}
