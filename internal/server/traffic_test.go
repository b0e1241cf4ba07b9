package server

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// blocked starts a request through tr that works until release is closed.
func blocked(t *testing.T, tr *Traffic) (release chan struct{}) {
	t.Helper()
	release, started := make(chan struct{}), make(chan struct{})
	h := tr.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		close(started)
		<-release
	}))
	go h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	<-started
	return release
}

// TestTrafficGivesWay: GiveWay goes on at once on an idle instance, waits
// while a request is in flight, and goes on once it ends.
func TestTrafficGivesWay(t *testing.T) {
	tr := NewTraffic(time.Hour)
	ctx := context.Background()
	if err := tr.GiveWay(ctx); err != nil {
		t.Fatalf("idle: %v", err)
	}
	release := blocked(t, tr)
	if tr.InFlight() != 1 {
		t.Fatalf("in flight: %d, want 1", tr.InFlight())
	}
	done := make(chan error, 1)
	go func() { done <- tr.GiveWay(ctx) }()
	select {
	case err := <-done:
		t.Fatalf("GiveWay returned (%v) while a request was in flight", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("GiveWay still waits after the request ended")
	}
}

// TestTrafficGivesWayAtMost: under a request that does not end, GiveWay
// goes on after its longest wait; it returns the context's error when the
// context ends first.
func TestTrafficGivesWayAtMost(t *testing.T) {
	tr := NewTraffic(20 * time.Millisecond)
	release := blocked(t, tr)
	defer close(release)
	done := make(chan error, 1)
	go func() { done <- tr.GiveWay(context.Background()) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("GiveWay waited past its longest wait")
	}

	long := NewTraffic(time.Hour)
	stuck := blocked(t, long)
	defer close(stuck)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { done <- long.GiveWay(ctx) }()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("GiveWay ignored its context")
	}
}
