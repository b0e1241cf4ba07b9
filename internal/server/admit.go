package server

import (
	"net/http"
	"sync/atomic"
)

// bigBody is the size past which a request body is an upload (gate).
const bigBody = 256 << 10

// gate lets at most a given number of requests work at once and keeps the
// others waiting in the order they came (a channel's blocked senders are
// served first in, first out).
//
// Without it every request in flight shares the two cores: at the
// reporting deadline, 32 agencies at once stretch each request's few
// milliseconds of CPU thirty-two-fold, and a write holding SQLite's one
// writer is stretched with them while every other write waits for it.
// With a few requests working at once each runs near full speed, a lock
// is held for its own work only, and the wait moves to the door, where a
// cheap read and a write wait alike (docs/PERFORMANCE.md, "Admission").
// A request whose client leaves while it waits is dropped without being
// run.
//
// An upload (a body over bigBody, or of unknown length) goes in without
// its turn: reading it over a slow provincial link may take minutes, and
// a slot held that long would shut out everyone else; uploads are few.
type gate struct {
	slots   chan struct{}
	waiting atomic.Int64
}

// newGate returns a gate for n requests at once; nil (no gate) when n ≤ 0.
func newGate(n int) *gate {
	if n <= 0 {
		return nil
	}
	return &gate{slots: make(chan struct{}, n)}
}

// Waiting is how many requests wait for their turn.
func (g *gate) Waiting() int {
	if g == nil {
		return 0
	}
	return int(g.waiting.Load())
}

// Active is how many requests work now.
func (g *gate) Active() int {
	if g == nil {
		return 0
	}
	return len(g.slots)
}

// Wrap puts next behind the gate.
func (g *gate) Wrap(next http.Handler) http.Handler {
	if g == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > bigBody || r.ContentLength < 0 {
			next.ServeHTTP(w, r)
			return
		}
		g.waiting.Add(1)
		select {
		case g.slots <- struct{}{}:
			g.waiting.Add(-1)
		case <-r.Context().Done():
			g.waiting.Add(-1)
			return
		}
		defer func() { <-g.slots }()
		next.ServeHTTP(w, r)
	})
}
