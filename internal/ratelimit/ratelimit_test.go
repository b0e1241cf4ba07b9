package ratelimit

import (
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := New(2, 5, func() time.Time { return now })
	for i := range 5 {
		if ok, _ := l.Allow("u:1"); !ok {
			t.Fatalf("write %d of the burst refused", i+1)
		}
	}
	ok, retry := l.Allow("u:1")
	if ok || retry != 500*time.Millisecond {
		t.Fatalf("sixth write: ok %t, retry %s; want refused, 500ms", ok, retry)
	}
	if ok, _ := l.Allow("u:2"); !ok {
		t.Error("another user was limited")
	}
	now = now.Add(time.Second) // two tokens back
	for i := range 2 {
		if ok, _ := l.Allow("u:1"); !ok {
			t.Fatalf("refilled write %d refused", i+1)
		}
	}
	if ok, _ := l.Allow("u:1"); ok {
		t.Error("more than the rate allowed")
	}
	// Buckets idle long enough to be full again are forgotten.
	now = now.Add(10 * time.Minute)
	l.Allow("u:3")
	if n := l.Len(); n != 1 {
		t.Errorf("%d buckets kept after the sweep, want 1", n)
	}
}
