package detect

// LRU is a bounded map that forgets the least recently used entry when
// full. Detectors use it for every per-host or per-pair table, so that no
// guest can make them grow without bound. Get and Put do not allocate once
// the LRU is full. Not safe for concurrent use.
type LRU[K comparable, V any] struct {
	index   map[K]int32
	nodes   []lruNode[K, V]
	head    int32 // most recent
	tail    int32 // least recent
	cap     int
	Evicted uint64 // entries forgotten because the LRU was full
}

type lruNode[K comparable, V any] struct {
	key        K
	val        V
	prev, next int32
}

// NewLRU returns an LRU holding at most capacity entries (at least 1).
func NewLRU[K comparable, V any](capacity int) *LRU[K, V] {
	capacity = max(capacity, 1)
	return &LRU[K, V]{index: make(map[K]int32), head: -1, tail: -1, cap: capacity}
}

// Len returns the number of entries.
func (l *LRU[K, V]) Len() int { return len(l.index) }

// Get returns a pointer to the value for k (valid until the next Put) and
// marks it recently used.
func (l *LRU[K, V]) Get(k K) (*V, bool) {
	i, ok := l.index[k]
	if !ok {
		return nil, false
	}
	l.moveFront(i)
	return &l.nodes[i].val, true
}

// Peek is Get without marking the entry used.
func (l *LRU[K, V]) Peek(k K) (*V, bool) {
	i, ok := l.index[k]
	if !ok {
		return nil, false
	}
	return &l.nodes[i].val, true
}

// Put returns a pointer to the value for k, adding a zero value (and
// forgetting the least recently used entry if full) when k is new. The
// boolean reports whether k was new.
func (l *LRU[K, V]) Put(k K) (*V, bool) {
	if i, ok := l.index[k]; ok {
		l.moveFront(i)
		return &l.nodes[i].val, false
	}
	var i int32
	if len(l.nodes) < l.cap {
		l.nodes = append(l.nodes, lruNode[K, V]{})
		i = int32(len(l.nodes) - 1)
	} else {
		i = l.tail
		l.unlink(i)
		delete(l.index, l.nodes[i].key)
		l.Evicted++
	}
	var zero V
	l.nodes[i].key, l.nodes[i].val = k, zero
	l.index[k] = i
	l.pushFront(i)
	return &l.nodes[i].val, true
}

// Oldest returns the least recently used entry.
func (l *LRU[K, V]) Oldest() (K, *V, bool) {
	if l.tail < 0 {
		var zero K
		return zero, nil, false
	}
	n := &l.nodes[l.tail]
	return n.key, &n.val, true
}

// Delete forgets k.
func (l *LRU[K, V]) Delete(k K) {
	i, ok := l.index[k]
	if !ok {
		return
	}
	l.unlink(i)
	delete(l.index, k)
	// Move the last node into the hole so that nodes stay dense.
	last := int32(len(l.nodes) - 1)
	if i != last {
		l.nodes[i] = l.nodes[last]
		n := &l.nodes[i]
		l.index[n.key] = i
		if n.prev >= 0 {
			l.nodes[n.prev].next = i
		} else {
			l.head = i
		}
		if n.next >= 0 {
			l.nodes[n.next].prev = i
		} else {
			l.tail = i
		}
	}
	l.nodes = l.nodes[:last]
}

// Range calls fn for each entry from most to least recently used until fn
// returns false. fn must not modify the LRU.
func (l *LRU[K, V]) Range(fn func(k K, v *V) bool) {
	for i := l.head; i >= 0; i = l.nodes[i].next {
		if !fn(l.nodes[i].key, &l.nodes[i].val) {
			return
		}
	}
}

func (l *LRU[K, V]) moveFront(i int32) {
	if l.head == i {
		return
	}
	l.unlink(i)
	l.pushFront(i)
}

func (l *LRU[K, V]) pushFront(i int32) {
	n := &l.nodes[i]
	n.prev, n.next = -1, l.head
	if l.head >= 0 {
		l.nodes[l.head].prev = i
	}
	l.head = i
	if l.tail < 0 {
		l.tail = i
	}
}

func (l *LRU[K, V]) unlink(i int32) {
	n := &l.nodes[i]
	if n.prev >= 0 {
		l.nodes[n.prev].next = n.next
	} else {
		l.head = n.next
	}
	if n.next >= 0 {
		l.nodes[n.next].prev = n.prev
	} else {
		l.tail = n.prev
	}
	n.prev, n.next = -1, -1
}
