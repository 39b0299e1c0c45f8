package afpacket

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"github.com/crosstalk-dev/crosstalk/flow"
)

// Supported reports whether this OS supports the datapath.
func Supported() bool { return true }

// Handle is a TPACKET_V3 ring bound to one interface. Read must be called
// from one goroutine at a time; Stats and Close from any.
type Handle struct {
	ifindex   int
	fd        int // AF_PACKET socket
	wake      int // eventfd, readable once Close has begun
	ring      []byte
	blockSize int
	numBlocks int
	timeoutMs int
	scratch   []byte // a frame with its VLAN tag put back
	next      int    // the block Read looks at next (guarded by readMu)
	down      bool   // Read reported ErrDown and saw no frame since (guarded by readMu)
	gone      bool   // the interface was deleted (guarded by readMu)

	readMu sync.Mutex   // one Read at a time
	life   sync.RWMutex // held shared while fd and ring are in use, exclusively by Close to release them
	closed atomic.Bool
	once   sync.Once

	statsMu sync.Mutex
	stats   Stats // kernel counters summed so far (Packets, Drops, Freezes)

	outgoing atomic.Uint64
	corrupt  atomic.Uint64
}

// Open binds a TPACKET_V3 ring to the interface with that index, in the
// caller's network namespace. It needs CAP_NET_RAW.
func Open(ifindex int, cfg Config) (*Handle, error) {
	if err := check(ifindex, cfg); err != nil {
		return nil, err
	}
	where := fmt.Sprintf("ifindex %d", ifindex)
	fd, err := packetSocket()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", where, err)
	}
	return setup(fd, ifindex, cfg, where)
}

// OpenAll binds one TPACKET_V3 ring to every interface of the caller's
// network namespace: a host's many guest ports share one ring, the kernel
// writes frames into it in the order it receives them (so a reply never
// overtakes its request, as it can between per-port rings that retire
// blocks on their own timers), and ReadFrom tells each frame's ingress
// interface. The caller keeps the frames of the ports it watches.
func OpenAll(cfg Config) (*Handle, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("open all interfaces: %w", err)
	}
	fd, err := packetSocket()
	if err != nil {
		return nil, fmt.Errorf("open all interfaces: %w", err)
	}
	return setup(fd, 0, cfg, "all interfaces")
}

// OpenInNetns is Open for an interface that lives in the network namespace
// at nsPath (such as /run/netns/NAME or /proc/PID/ns/net). Only the socket
// is made in that namespace, on a locked thread of a goroutine of its own
// that returns to the original namespace afterwards; if it cannot, the
// goroutine exits with the thread still locked, and the runtime ends the
// thread instead of reusing it. The socket stays bound to the interface of
// that namespace. It needs CAP_SYS_ADMIN as well.
func OpenInNetns(nsPath string, ifindex int, cfg Config) (*Handle, error) {
	if err := check(ifindex, cfg); err != nil {
		return nil, err
	}
	where := fmt.Sprintf("ifindex %d in %s", ifindex, nsPath)
	fd, err := socketInNetns(nsPath)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", where, err)
	}
	return setup(fd, ifindex, cfg, where)
}

func check(ifindex int, cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("open ifindex %d: %w", ifindex, err)
	}
	// Index 0 would bind to every interface: never what a port wants.
	if ifindex <= 0 || ifindex > 1<<31-1 {
		return fmt.Errorf("open ifindex %d: not an interface index", ifindex)
	}
	return nil
}

// packetSocket makes an AF_PACKET socket that receives nothing yet:
// protocol 0 keeps frames of every interface out of it until bind names
// the one it is for.
func packetSocket() (int, error) {
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, 0)
	switch {
	case err == nil:
		return fd, nil
	case errors.Is(err, unix.EPERM), errors.Is(err, unix.EACCES):
		return -1, fmt.Errorf("create AF_PACKET socket: needs CAP_NET_RAW: %w", err)
	case errors.Is(err, unix.EAFNOSUPPORT):
		return -1, fmt.Errorf("create AF_PACKET socket: kernel built without AF_PACKET (CONFIG_PACKET): %w", err)
	}
	return -1, fmt.Errorf("create AF_PACKET socket: %w", err)
}

// socketInNetns makes the socket inside the network namespace at nsPath.
func socketInNetns(nsPath string) (int, error) {
	target, err := unix.Open(nsPath, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, fmt.Errorf("open network namespace: %w", err)
	}
	defer unix.Close(target)
	type result struct {
		fd  int
		err error
	}
	ch := make(chan result, 1)
	go func() {
		runtime.LockOSThread()
		fd, err, restored := socketOnThreadIn(target)
		ch <- result{fd, err}
		if restored {
			runtime.UnlockOSThread()
		}
		// Otherwise the goroutine ends locked to a thread in the wrong
		// namespace, and the runtime terminates that thread.
	}()
	r := <-ch
	return r.fd, r.err
}

// socketOnThreadIn switches the locked thread to the namespace target,
// makes the socket and switches back; restored says whether the thread is
// back where it was.
func socketOnThreadIn(target int) (fd int, err error, restored bool) {
	orig, err := unix.Open("/proc/thread-self/ns/net", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, fmt.Errorf("open current network namespace: %w", err), true
	}
	defer unix.Close(orig)
	if err := unix.Setns(target, unix.CLONE_NEWNET); err != nil {
		switch {
		case errors.Is(err, unix.EPERM):
			err = fmt.Errorf("enter network namespace: needs CAP_SYS_ADMIN: %w", err)
		case errors.Is(err, unix.EINVAL):
			err = fmt.Errorf("enter network namespace: not a network namespace: %w", err)
		default:
			err = fmt.Errorf("enter network namespace: %w", err)
		}
		return -1, err, true
	}
	fd, err = packetSocket()
	if rerr := unix.Setns(orig, unix.CLONE_NEWNET); rerr != nil {
		if err == nil {
			unix.Close(fd)
		}
		return -1, fmt.Errorf("return to network namespace: %w", rerr), false
	}
	return fd, err, true
}

// setup sets the ring up on socket fd and binds it; it owns fd. where
// names the interface in errors.
func setup(fd, ifindex int, cfg Config, where string) (_ *Handle, err error) {
	h := &Handle{
		ifindex:   ifindex,
		fd:        fd,
		wake:      -1,
		blockSize: cfg.BlockSize,
		numBlocks: cfg.NumBlocks,
		timeoutMs: int((cfg.BlockTimeout + time.Millisecond - 1) / time.Millisecond),
		scratch:   make([]byte, cfg.Snaplen+vlanTagLen),
	}
	defer func() {
		if err != nil {
			h.release()
			err = fmt.Errorf("open %s: %w", where, err)
		}
	}()
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_VERSION, unix.TPACKET_V3); err != nil {
		return nil, fmt.Errorf("set TPACKET_V3: kernel too old (needs Linux 3.2): %w", err)
	}
	// Before Linux 4.20 the option does not exist; the filter below and
	// the check in walkBlock do the same job.
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_IGNORE_OUTGOING, 1); err != nil && !errors.Is(err, unix.ENOPROTOOPT) {
		return nil, fmt.Errorf("set PACKET_IGNORE_OUTGOING: %w", err)
	}
	filter := snapFilter(cfg.Snaplen)
	prog := unix.SockFprog{Len: uint16(len(filter)), Filter: &filter[0]}
	if err := unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &prog); err != nil {
		return nil, fmt.Errorf("attach snaplen filter: %w", err)
	}
	// The frame size only has to pass the kernel's checks: TPACKET_V3
	// packs frames of any size into a block.
	const frameSize = 1 << 11
	req := unix.TpacketReq3{
		Block_size:     uint32(cfg.BlockSize),
		Block_nr:       uint32(cfg.NumBlocks),
		Frame_size:     frameSize,
		Frame_nr:       uint32(cfg.BlockSize / frameSize * cfg.NumBlocks),
		Retire_blk_tov: uint32(h.timeoutMs),
	}
	ringMiB := float64(cfg.BlockSize) * float64(cfg.NumBlocks) / (1 << 20)
	if err := unix.SetsockoptTpacketReq3(fd, unix.SOL_PACKET, unix.PACKET_RX_RING, &req); err != nil {
		if errors.Is(err, unix.ENOMEM) {
			return nil, fmt.Errorf("create ring of %.1f MiB: kernel out of memory, lower block_size or num_blocks: %w", ringMiB, err)
		}
		return nil, fmt.Errorf("create ring of %d blocks of %d bytes: %w", cfg.NumBlocks, cfg.BlockSize, err)
	}
	ring, err := unix.Mmap(fd, 0, cfg.BlockSize*cfg.NumBlocks, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("map ring of %.1f MiB: %w", ringMiB, err)
	}
	h.ring = ring
	if h.wake, err = unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK); err != nil {
		return nil, fmt.Errorf("create eventfd: %w", err)
	}
	sa := unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: ifindex}
	if err := unix.Bind(fd, &sa); err != nil {
		if errors.Is(err, unix.ENODEV) {
			return nil, fmt.Errorf("bind: no such interface in this network namespace: %w", err)
		}
		return nil, fmt.Errorf("bind: %w", err)
	}
	return h, nil
}

// snapFilter returns a classic BPF program that drops frames sent out of
// the port and cuts the others to snaplen bytes:
//
//	ldb  [pkttype]
//	jeq  #PACKET_OUTGOING, drop
//	ret  #snaplen
//	drop: ret #0
func snapFilter(snaplen int) []unix.SockFilter {
	const skfAdPkttype = 0xfffff000 + 4 // SKF_AD_OFF + SKF_AD_PKTTYPE
	return []unix.SockFilter{
		{Code: unix.BPF_LD | unix.BPF_B | unix.BPF_ABS, K: skfAdPkttype},
		{Code: unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K, Jt: 1, Jf: 0, K: unix.PACKET_OUTGOING},
		{Code: unix.BPF_RET | unix.BPF_K, K: uint32(snaplen)},
		{Code: unix.BPF_RET | unix.BPF_K, K: 0},
	}
}

func htons(v uint16) uint16 {
	var b [2]byte
	binary.BigEndian.PutUint16(b[:], v)
	return ne.Uint16(b[:])
}

// Read waits for the next retired block (at most the block timeout, or
// until Close) and calls fn for each frame received on the port in it, in
// arrival order; data is valid only during fn and must not be kept or
// modified. It returns nil when the timeout passes without a block,
// ErrClosed after Close, an error wrapping ErrDown when the interface went
// down, and errors wrapping ErrGone once it has been deleted and the ring
// is empty. fn must not call Close.
func (h *Handle) Read(fn func(t flow.Time, data []byte)) error {
	return h.ReadFrom(func(t flow.Time, _ int, data []byte) { fn(t, data) })
}

// ReadFrom is Read that also gives each frame's ingress interface index;
// use it with OpenAll.
func (h *Handle) ReadFrom(fn func(t flow.Time, ifindex int, data []byte)) error {
	h.readMu.Lock()
	defer h.readMu.Unlock()
	h.life.RLock()
	defer h.life.RUnlock()
	if h.closed.Load() {
		return ErrClosed
	}
	b := h.block(h.next)
	if !userOwned(b) {
		if err := h.wait(); err != nil {
			return err
		}
		if !userOwned(b) {
			// Deleting an interface takes it down first, which is
			// when the kernel reports an error; it unbinds the socket
			// afterwards, without a word.
			if h.down && !h.gone && h.unbound() {
				h.gone = true
			}
			if h.gone {
				return fmt.Errorf("read ifindex %d: %w", h.ifindex, ErrGone)
			}
			return nil
		}
	}
	h.down = false
	out, ok := walkBlockFrom(b, h.scratch, fn)
	if out > 0 {
		h.outgoing.Add(uint64(out))
	}
	if !ok {
		h.corrupt.Add(1)
	}
	giveBack(b)
	h.next = (h.next + 1) % h.numBlocks
	return nil
}

func (h *Handle) block(i int) []byte {
	return h.ring[i*h.blockSize : (i+1)*h.blockSize : (i+1)*h.blockSize]
}

// wait polls the socket for a retired block for at most the block
// timeout. It returns ErrClosed once Close has begun.
func (h *Handle) wait() error {
	fds := [2]unix.PollFd{
		{Fd: int32(h.fd), Events: unix.POLLIN},
		{Fd: int32(h.wake), Events: unix.POLLIN},
	}
	deadline := time.Now().Add(time.Duration(h.timeoutMs) * time.Millisecond)
	for {
		left := time.Until(deadline)
		if left < 0 {
			left = 0
		}
		n, err := unix.Poll(fds[:], int((left+time.Millisecond-1)/time.Millisecond))
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return fmt.Errorf("read ifindex %d: poll: %w", h.ifindex, err)
		}
		switch {
		case fds[1].Revents != 0 || h.closed.Load():
			return ErrClosed
		case n == 0:
			return nil
		case fds[0].Revents&unix.POLLERR != 0:
			return h.socketError()
		}
		return nil
	}
}

// socketError reads (and so clears) the error the kernel set on the
// socket: ENETDOWN when the interface went down or was deleted.
func (h *Handle) socketError() error {
	serr, err := unix.GetsockoptInt(h.fd, unix.SOL_SOCKET, unix.SO_ERROR)
	if err != nil {
		return fmt.Errorf("read ifindex %d: get socket error: %w", h.ifindex, err)
	}
	errno := unix.Errno(serr)
	if errno != unix.ENETDOWN {
		if serr == 0 {
			return nil
		}
		return fmt.Errorf("read ifindex %d: %w", h.ifindex, errno)
	}
	if h.unbound() {
		h.gone = true
		return fmt.Errorf("read ifindex %d: %w", h.ifindex, ErrGone)
	}
	h.down = true
	return fmt.Errorf("read ifindex %d: %w", h.ifindex, ErrDown)
}

// unbound reports whether the kernel unbound the socket because its
// interface was deleted: the socket then names index -1.
func (h *Handle) unbound() bool {
	if h.ifindex == 0 {
		return false // bound to every interface on purpose
	}
	sa, err := unix.Getsockname(h.fd)
	if err != nil {
		return false
	}
	ll, ok := sa.(*unix.SockaddrLinklayer)
	return ok && ll.Ifindex <= 0
}

// Stats returns the counters since Open. After Close it returns the final
// counts.
func (h *Handle) Stats() (Stats, error) {
	h.life.RLock()
	defer h.life.RUnlock()
	if !h.closed.Load() {
		if err := h.pullStats(); err != nil {
			return Stats{}, err
		}
	}
	h.statsMu.Lock()
	s := h.stats
	h.statsMu.Unlock()
	s.Outgoing = h.outgoing.Load()
	s.Corrupt = h.corrupt.Load()
	return s, nil
}

// pullStats adds the kernel's counters since the last call to the totals;
// the kernel resets them as it reports them.
func (h *Handle) pullStats() error {
	h.statsMu.Lock()
	defer h.statsMu.Unlock()
	ks, err := unix.GetsockoptTpacketStatsV3(h.fd, unix.SOL_PACKET, unix.PACKET_STATISTICS)
	if err != nil {
		return fmt.Errorf("stats ifindex %d: %w", h.ifindex, err)
	}
	h.stats.Packets += uint64(ks.Packets)
	h.stats.Drops += uint64(ks.Drops)
	h.stats.Freezes += uint64(ks.Freeze_q_cnt)
	return nil
}

// Close releases the ring and the socket. It wakes a Read in progress and
// waits for it to return. It is idempotent. It takes some tens of
// milliseconds, most of it the kernel waiting for an RCU grace period as
// it releases the socket: close many Handles in parallel.
func (h *Handle) Close() error {
	var err error
	h.once.Do(func() {
		h.closed.Store(true)
		var one [8]byte
		ne.PutUint64(one[:], 1)
		if _, werr := unix.Write(h.wake, one[:]); werr != nil {
			err = fmt.Errorf("close ifindex %d: wake reader: %w", h.ifindex, werr)
		}
		h.life.Lock()
		defer h.life.Unlock()
		if serr := h.pullStats(); serr != nil && err == nil {
			err = serr
		}
		if rerr := h.release(); rerr != nil && err == nil {
			err = fmt.Errorf("close ifindex %d: %w", h.ifindex, rerr)
		}
	})
	return err
}

// release unmaps the ring and closes the descriptors.
func (h *Handle) release() error {
	var errs []error
	if h.ring != nil {
		errs = append(errs, unix.Munmap(h.ring))
		h.ring = nil
	}
	if h.fd >= 0 {
		errs = append(errs, unix.Close(h.fd))
		h.fd = -1
	}
	if h.wake >= 0 {
		errs = append(errs, unix.Close(h.wake))
		h.wake = -1
	}
	return errors.Join(errs...)
}
