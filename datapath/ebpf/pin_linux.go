//go:build linux && (386 || amd64 || arm || arm64 || loong64 || mips64le || mipsle || ppc64le || riscv64)

package ebpf

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"
)

// Pins, under Config.PinPath: every map by its name (cilium/ebpf's
// PinByName), the programs as prog_ingress and prog_egress, each port's
// links as link_<ifindex>_<direction>, and meta, which records the layout
// of the maps and the identity of the programs that made them, so that a
// later Load knows what it can adopt.

const bpffsMagic = 0xcafe4a11

// pins is a pin path this process holds.
type pins struct {
	dir  string
	lock *os.File
}

func (p *pins) link(ifindex, dir int) string {
	return filepath.Join(p.dir, fmt.Sprintf("link_%d_%s", ifindex, hooks[dir].name))
}

func (p *pins) prog(dir int) string {
	return filepath.Join(p.dir, "prog_"+hooks[dir].name)
}

func (p *pins) unlock() {
	if p.lock != nil {
		p.lock.Close() // releases the flock
		p.lock = nil
	}
}

// parseLinkPin returns the ifindex and direction of a link pin's name.
func parseLinkPin(name string) (ifindex, dir int, ok bool) {
	rest, found := strings.CutPrefix(name, "link_")
	if !found {
		return 0, 0, false
	}
	num, hook, found := strings.Cut(rest, "_")
	if !found {
		return 0, 0, false
	}
	ifindex, err := strconv.Atoi(num)
	if err != nil || ifindex <= 0 {
		return 0, 0, false
	}
	for i, h := range hooks {
		if h.name == hook {
			return ifindex, i, true
		}
	}
	return 0, 0, false
}

func onBPFFS(path string) (bool, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return false, err
	}
	return uint32(st.Type) == bpffsMagic, nil
}

// ensureBPFFS makes dir exist on a bpffs. When the nearest existing
// directory is not on one, it mounts one: on /sys/fs/bpf for a path under
// it (where every tool expects it), else on dir itself.
func ensureBPFFS(dir string) error {
	p := dir
	for {
		if _, err := os.Stat(p); err == nil {
			break
		}
		parent := filepath.Dir(p)
		if parent == p {
			break
		}
		p = parent
	}
	ok, err := onBPFFS(p)
	if err != nil {
		return err
	}
	if !ok {
		mnt := dir
		if strings.HasPrefix(dir, "/sys/fs/bpf/") {
			mnt = "/sys/fs/bpf"
		}
		if err := os.MkdirAll(mnt, 0o700); err != nil {
			return err
		}
		if err := unix.Mount("bpf", mnt, "bpf", 0, "mode=0700"); err != nil {
			return fmt.Errorf("mount bpffs on %s: %w", mnt, err)
		}
	}
	return os.MkdirAll(dir, 0o700)
}

// lockDir takes the pin path for this process: an flock on the directory,
// released by the kernel when the process dies, however it dies.
func lockDir(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w", dir, ErrBusy)
		}
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	return f, nil
}

// meta is the value of the meta map: hashes of the maps' layout (types,
// sizes, the C structs of keys and values) and of the object with its
// settings.
type meta struct {
	Layout, Object [32]byte
}

func metaMap(dir string) (*ebpf.Map, error) {
	return ebpf.NewMapWithOptions(&ebpf.MapSpec{
		Name: "meta", Type: ebpf.Array, KeySize: 4, ValueSize: 64, MaxEntries: 1, Pinning: ebpf.PinByName,
	}, ebpf.MapOptions{PinPath: dir})
}

func readMeta(dir string) (meta, bool) {
	var m meta
	if _, err := os.Stat(filepath.Join(dir, "meta")); err != nil {
		return m, false
	}
	mm, err := metaMap(dir)
	if err != nil {
		return m, false
	}
	defer mm.Close()
	if err := mm.Lookup(uint32(0), &m); err != nil {
		return m, false
	}
	return m, true
}

func writeMeta(dir string, m meta) error {
	mm, err := metaMap(dir)
	if err != nil {
		return err
	}
	defer mm.Close()
	return mm.Update(uint32(0), m, ebpf.UpdateAny)
}

// pinned says which maps are pinned: all but the templates of the inner
// maps and the object's data sections.
func pinned(name string) bool {
	return !strings.HasPrefix(name, ".") && !strings.HasSuffix(name, "_inner")
}

func layoutHash(spec *ebpf.CollectionSpec) [32]byte {
	h := sha256.New()
	names := make([]string, 0, len(spec.Maps))
	for name := range spec.Maps {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		m := spec.Maps[name]
		fmt.Fprintf(h, "%s %s %d %d %d %d %s %s\n", name, m.Type, m.KeySize, m.ValueSize, m.MaxEntries, m.Flags,
			btfLayout(m.Key, 0), btfLayout(m.Value, 0))
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// btfLayout spells a type's memory layout: sizes, and the names and
// offsets of struct members.
func btfLayout(t btf.Type, depth int) string {
	if t == nil || depth > 8 {
		return "?"
	}
	switch t := btf.UnderlyingType(t).(type) {
	case *btf.Struct:
		var b strings.Builder
		fmt.Fprintf(&b, "{%d", t.Size)
		for _, m := range t.Members {
			fmt.Fprintf(&b, " %s@%d:%s", m.Name, m.Offset, btfLayout(m.Type, depth+1))
		}
		b.WriteString("}")
		return b.String()
	case *btf.Array:
		return fmt.Sprintf("[%d]%s", t.Nelems, btfLayout(t.Type, depth+1))
	case *btf.Int:
		return fmt.Sprintf("i%d", t.Size)
	default:
		if size, err := btf.Sizeof(t); err == nil {
			return fmt.Sprintf("%T%d", t, size)
		}
		return fmt.Sprintf("%T", t)
	}
}

func objectHash(vars map[string]uint64) [32]byte {
	h := sha256.New()
	h.Write(_BpfBytes)
	names := make([]string, 0, len(vars))
	for n := range vars {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s=%d\n", n, vars[n])
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// loadPinned loads the collection against the pin path: see Load.
func (d *Datapath) loadPinned(spec *ebpf.CollectionSpec, vars map[string]uint64) error {
	dir := d.cfg.PinPath
	if err := ensureBPFFS(dir); err != nil {
		return fmt.Errorf("pin path %s: %w", dir, advise(err))
	}
	lock, err := lockDir(dir)
	if err != nil {
		return err
	}
	p := &pins{dir: dir, lock: lock}
	fail := func(err error) error {
		p.unlock()
		return err
	}
	want := meta{Layout: layoutHash(spec), Object: objectHash(vars)}
	old, had := readMeta(dir)
	for name, m := range spec.Maps {
		if pinned(name) {
			m.Pinning = ebpf.PinByName
		}
	}
	opts := &ebpf.CollectionOptions{Maps: ebpf.MapOptions{PinPath: dir}}
	reuse := had && old.Layout == want.Layout
	var reasons []string
	if had && !reuse {
		reasons = append(reasons, "the maps' layout changed")
	}
	if !reuse {
		removeMapPins(dir, spec)
	}
	err = spec.LoadAndAssign(&d.objs, opts)
	if err != nil && reuse && errors.Is(err, ebpf.ErrMapIncompatible) {
		reasons = append(reasons, fmt.Sprintf("a pinned map does not fit: %v", err))
		reuse = false
		removeMapPins(dir, spec)
		err = spec.LoadAndAssign(&d.objs, opts)
	}
	if err != nil {
		return fail(fmt.Errorf("load ebpf objects: %w", advise(err)))
	}
	d.pins = p // from here on closeFDs unlocks
	failObjs := func(err error) error {
		for _, ls := range d.links {
			for _, l := range ls {
				if l != nil {
					l.Close()
				}
			}
		}
		d.links = make(map[int][2]hook)
		d.closeFDs()
		return err
	}
	if err := d.chooseAttach(); err != nil {
		return failObjs(err)
	}
	// The programs pinned before: tc filters running them are ours.
	ours := pinnedProgIDs(p)

	// The programs: the pinned ones when nothing changed, so that the
	// links need not move; else this build's, pinned in their place.
	same := reuse && old.Object == want.Object
	if same {
		var progs [2]*ebpf.Program
		for i := range hooks {
			if progs[i], err = ebpf.LoadPinnedProgram(p.prog(i), nil); err != nil {
				break
			}
		}
		if err != nil {
			for _, pr := range progs {
				if pr != nil {
					pr.Close()
				}
			}
			same = false
			reasons = append(reasons, "the pinned programs are missing")
		} else {
			d.objs.PortIngress.Close()
			d.objs.PortEgress.Close()
			d.objs.PortIngress, d.objs.PortEgress = progs[0], progs[1]
		}
	} else if had && reuse {
		reasons = append(reasons, "the programs or their settings changed")
	}
	if !same {
		for i := range hooks {
			os.Remove(p.prog(i))
			if err := d.prog(i).Pin(p.prog(i)); err != nil {
				return failObjs(fmt.Errorf("pin program: %w", err))
			}
		}
	}

	// The links: adopted, and moved to this build's programs when those
	// changed; the links of interfaces that are gone are dropped.
	entries, err := os.ReadDir(dir)
	if err != nil {
		return failObjs(err)
	}
	gone := map[int]bool{}
	for _, e := range entries {
		ifindex, hook, ok := parseLinkPin(e.Name())
		if !ok {
			continue
		}
		path := filepath.Join(dir, e.Name())
		l, err := link.LoadPinnedLink(path, nil)
		if err != nil {
			os.Remove(path)
			gone[ifindex] = true
			continue
		}
		info, err := l.Info()
		if err != nil || info.TCX() == nil || info.TCX().Ifindex == 0 {
			l.Unpin()
			l.Close()
			gone[ifindex] = true
			continue
		}
		if !same {
			if err := l.Update(d.prog(hook)); err != nil {
				l.Close()
				return failObjs(fmt.Errorf("move the %s link of ifindex %d to the new program: %w", hooks[hook].name, ifindex, err))
			}
			d.adopt.Replaced = true
		}
		ls := d.links[ifindex]
		ls[hook] = &tcxHook{l: l, pinned: true}
		d.links[ifindex] = ls
	}
	if err := d.adoptFilters(ours, same); err != nil {
		return failObjs(err)
	}
	for ifindex := range d.links {
		delete(gone, ifindex)
		d.adopt.Ports = append(d.adopt.Ports, ifindex)
		// Maps replaced: the adopted ports need their entries again.
		if err := d.register(ifindex); err != nil {
			return failObjs(err)
		}
	}
	for ifindex := range gone {
		d.adopt.Gone = append(d.adopt.Gone, ifindex)
	}
	slices.Sort(d.adopt.Ports)
	slices.Sort(d.adopt.Gone)
	d.adopt.Adopted = reuse
	d.adopt.MapsReplaced = had && !reuse
	d.adopt.Reason = strings.Join(reasons, "; ")
	if err := writeMeta(dir, want); err != nil {
		return failObjs(fmt.Errorf("write %s/meta: %w", dir, err))
	}
	return nil
}

// pinnedProgIDs returns the IDs of the programs pinned under p.
func pinnedProgIDs(p *pins) map[uint32]bool {
	ids := map[uint32]bool{}
	for i := range hooks {
		pr, err := ebpf.LoadPinnedProgram(p.prog(i), nil)
		if err != nil {
			continue
		}
		if info, err := pr.Info(); err == nil {
			if id, ok := info.ID(); ok {
				ids[uint32(id)] = true
			}
		}
		pr.Close()
	}
	return ids
}

// adoptFilters finds the tc filters that run the programs pinned before
// (ours): attaching by tc, it adopts them, moved to this build's
// programs when those changed (same is false), in one atomic replace
// each; attaching by tcx (or where a tcx link was adopted), it removes
// them, and Attach puts the port on tcx.
func (d *Datapath) adoptFilters(ours map[uint32]bool, same bool) error {
	if len(ours) == 0 {
		return nil
	}
	c, err := d.netlink()
	if err != nil {
		return err
	}
	fs, err := c.tcFind()
	if err != nil {
		return err
	}
	for _, f := range fs {
		if !ours[f.progID] {
			continue
		}
		ls := d.links[f.ifindex]
		if !d.tc || ls[f.dir] != nil {
			if err := c.tcDelete(f.ifindex, f.dir); err != nil {
				return err
			}
			continue
		}
		h := &tcHook{c: c, ifindex: f.ifindex, dir: f.dir, pinned: true}
		if !same {
			if err := h.Update(d.prog(f.dir)); err != nil {
				return fmt.Errorf("move the tc %s filter of ifindex %d to the new program: %w", hooks[f.dir].name, f.ifindex, err)
			}
			d.adopt.Replaced = true
		}
		ls[f.dir] = h
		d.links[f.ifindex] = ls
	}
	return nil
}

// removeFilters removes the tc filters that run the programs pinned
// under p, in the calling thread's network namespace.
func removeFilters(p *pins) error {
	ours := pinnedProgIDs(p)
	if len(ours) == 0 {
		return nil
	}
	c, err := dialNetlink()
	if err != nil {
		return err
	}
	defer c.Close()
	fs, err := c.tcFind()
	var errs []error
	for _, f := range fs {
		if ours[f.progID] {
			errs = append(errs, c.tcDelete(f.ifindex, f.dir))
		}
	}
	return errors.Join(append(errs, err)...)
}

// removeMapPins removes the pins of the maps of spec (and meta), so that
// the next load creates them afresh. Programs still using the old maps
// keep them until they are replaced.
func removeMapPins(dir string, spec *ebpf.CollectionSpec) {
	for name := range spec.Maps {
		if pinned(name) {
			os.Remove(filepath.Join(dir, name))
		}
	}
	os.Remove(filepath.Join(dir, "meta"))
}

// removePins removes everything under dir. Removing a link's last pin
// (when no process holds it open) detaches it.
func removePins(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	// Links first, so that no program is left attached to maps being
	// unpinned.
	slices.SortFunc(entries, func(a, b os.DirEntry) int {
		_, _, la := parseLinkPin(a.Name())
		_, _, lb := parseLinkPin(b.Name())
		switch {
		case la && !lb:
			return -1
		case lb && !la:
			return 1
		}
		return strings.Compare(a.Name(), b.Name())
	})
	for _, e := range entries {
		if kernelOwned(e.Name()) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			errs = append(errs, err)
		}
	}
	// dir may be a bpffs mount point: then it stays, empty (but for the
	// kernel's own files).
	if err := os.Remove(dir); err != nil && !errors.Is(err, unix.EBUSY) && !errors.Is(err, unix.ENOTEMPTY) {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// kernelOwned names the files the kernel puts at the root of a bpffs
// mount (the bpf_preload iterators): nobody can remove them.
func kernelOwned(name string) bool {
	return name == "maps.debug" || name == "progs.debug"
}

// Cleanup detaches and removes everything a Datapath pinned under
// pinPath, for crosstalk agent --cleanup. It refuses (ErrBusy) while a
// process holds the pin path. A pin path that does not exist is clean.
func Cleanup(pinPath string) error {
	if pinPath == "" {
		return nil
	}
	if _, err := os.Stat(pinPath); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	lock, err := lockDir(pinPath)
	if err != nil {
		return fmt.Errorf("cleanup: %w", err)
	}
	defer lock.Close()
	if err := removeFilters(&pins{dir: pinPath}); err != nil {
		return fmt.Errorf("cleanup %s: %w", pinPath, err)
	}
	if err := removePins(pinPath); err != nil {
		return fmt.Errorf("cleanup %s: %w", pinPath, err)
	}
	return nil
}
