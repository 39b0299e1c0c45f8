package detect

import "testing"

func TestLRU(t *testing.T) {
	l := NewLRU[int, int](3)
	for i := 1; i <= 3; i++ {
		v, fresh := l.Put(i)
		*v = i * 10
		if !fresh {
			t.Fatalf("Put(%d) not new", i)
		}
	}
	l.Get(1) // 1 is now most recent; 2 is oldest
	l.Put(4) // evicts 2
	if _, ok := l.Peek(2); ok || l.Evicted != 1 || l.Len() != 3 {
		t.Fatalf("after eviction: has 2 = %v, evicted %d, len %d", ok, l.Evicted, l.Len())
	}
	if k, _, _ := l.Oldest(); k != 3 {
		t.Errorf("oldest %d, want 3", k)
	}
	l.Delete(3)
	l.Delete(1)
	var keys []int
	l.Range(func(k int, v *int) bool { keys = append(keys, k); return true })
	if len(keys) != 1 || keys[0] != 4 {
		t.Errorf("keys %v, want [4]", keys)
	}
	if v, _ := l.Put(5); *v != 0 {
		t.Errorf("new value not zeroed: %d", *v)
	}
	if n := testing.AllocsPerRun(100, func() { l.Put(6); l.Get(5) }); n != 0 {
		t.Errorf("Put/Get allocate %v", n)
	}
}
