package server

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"
)

// Traffic counts the application's requests in flight (waiting at the
// gate or working) so that background work on the same instance gives way
// to them. The reminder job's first run on a new database catches up on
// every reminder in force — 12,574 on the national data — and, sharing
// two cores with the first reads, slowed the national page's first read
// by a third (issue 21). Requests are what people wait for; a reminder
// sent a few minutes later is as good.
type Traffic struct {
	inFlight atomic.Int64
	maxWait  time.Duration
}

// trafficPoll is how often GiveWay looks whether the requests are done.
const trafficPoll = 5 * time.Millisecond

// NewTraffic returns a Traffic whose GiveWay waits at most maxWait, so
// that under steady load background work still takes a turn that often.
func NewTraffic(maxWait time.Duration) *Traffic {
	return &Traffic{maxWait: maxWait}
}

// InFlight is how many requests are in flight now.
func (t *Traffic) InFlight() int { return int(t.inFlight.Load()) }

// Wrap counts next's requests while they are in flight.
func (t *Traffic) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.inFlight.Add(1)
		defer t.inFlight.Add(-1)
		next.ServeHTTP(w, r)
	})
}

// GiveWay returns at once when no request is in flight; otherwise when
// none is, or after maxWait, whichever comes first. It returns ctx's error
// when ctx ends first. Background work calls it between its steps.
func (t *Traffic) GiveWay(ctx context.Context) error {
	if t.inFlight.Load() == 0 {
		return ctx.Err()
	}
	wait := time.NewTimer(t.maxWait)
	defer wait.Stop()
	poll := time.NewTicker(trafficPoll)
	defer poll.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-wait.C:
			return nil
		case <-poll.C:
			if t.inFlight.Load() == 0 {
				return nil
			}
		}
	}
}
