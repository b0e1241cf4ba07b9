package api

import "testing"

// TestEncodedCache checks that an encoding is kept under its value (the
// view is not called again), that another value is encoded afresh, and
// that the oldest go past the bound.
func TestEncodedCache(t *testing.T) {
	type value struct{ N int }
	c := encodedCache[*value]{max: 2}
	calls := 0
	enc := func(v *value) string {
		b, err := c.encode(v, func() any { calls++; return v })
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	a, b, d := &value{1}, &value{1}, &value{3}
	if got := enc(a); got != "{\"N\":1}\n" || calls != 1 {
		t.Fatalf("first encoding %q, %d calls", got, calls)
	}
	if enc(a); calls != 1 {
		t.Errorf("the same value encoded again (%d calls)", calls)
	}
	if enc(b); calls != 2 {
		t.Errorf("a new value (a new dashboard after a write) served as kept (%d calls)", calls)
	}
	enc(d) // a, the oldest, goes
	if enc(a); calls != 4 {
		t.Errorf("past the bound the oldest should be encoded again (%d calls)", calls)
	}
	if len(c.m) != 2 || len(c.order) != 2 {
		t.Errorf("kept %d (order %d), want 2", len(c.m), len(c.order))
	}
}
