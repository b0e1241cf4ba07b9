// Package jobs runs periodic work (reminders, clean-ups) inside the app
// instances. Instances hold no state of their own, so the schedule lives in
// the database: a job runs where its lease is held (table job_leases), and
// two instances on one database never run the same job at the same time.
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"tiendo/internal/clock"
)

// Func is a job's work. now is the scheduler's clock when the run started;
// ctx is cancelled when the scheduler shuts down (after its grace period)
// or when the instance loses the job's lease, and a job should then stop at
// the next safe point.
type Func func(ctx context.Context, now time.Time) error

// Defaults of the Scheduler's timing settings.
const (
	defaultPoll     = time.Second
	defaultLeaseTTL = 2 * time.Minute
	defaultGrace    = 15 * time.Second
	// releaseTimeout bounds the write that ends a run, which must happen
	// even when the scheduler's context is done.
	releaseTimeout = 5 * time.Second
)

// Scheduler runs registered jobs every interval, each on one instance at a
// time across every instance sharing Store. Register jobs with Every, then
// call Run once.
//
// How a job's runs are spread across instances: an instance runs a job when
// it acquires the job's lease; while it runs, it renews the lease every
// LeaseTTL/3, and when the run ends it leaves the lease ending at the run's
// start + interval. So the job runs about once per interval in the whole
// cluster, on whichever instance asks first; an instance that dies
// mid-run loses the lease after LeaseTTL and another takes the job over.
type Scheduler struct {
	Store LeaseStore
	// Clock gives the times of leases and schedules, and the now passed
	// to jobs. It must advance: use the real clock in production (a fixed
	// --clock for training belongs to the jobs that judge days, not here).
	Clock clock.Clock
	Log   *slog.Logger // nil: discard
	// Holder names this instance in leases; "": host name, process ID
	// and a random suffix. Two schedulers must never share one.
	Holder string
	// Poll is how often the scheduler looks at its clock (real time); 0:
	// one second. Tests with a fake clock set a few milliseconds.
	Poll time.Duration
	// LeaseTTL is how long a lease lasts without renewal: how soon another
	// instance takes over a job whose instance died; 0: two minutes.
	LeaseTTL time.Duration
	// Grace is how long Run waits, after its context is done, for running
	// jobs to finish on their own before cancelling their contexts; 0:
	// 15 seconds.
	Grace time.Duration
	// Observe, when set, is told of every finished run this instance made
	// (for metrics): the job, how long it took, and its error or nil.
	Observe func(job string, took time.Duration, err error)

	mu      sync.Mutex
	jobs    []*job
	started bool
}

// job is one registered job; next and running belong to Run's loop.
type job struct {
	name     string
	interval time.Duration
	fn       Func
	next     time.Time
	running  bool
}

// Every registers fn to run every interval under name, which is also its
// lease's name (the same on every instance). It panics on a second job of
// the same name, a non-positive interval, or a call after Run started:
// those are wiring mistakes.
func (s *Scheduler) Every(name string, interval time.Duration, fn Func) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started {
		panic("jobs: Every(" + name + ") after Run")
	}
	if interval <= 0 {
		panic(fmt.Sprintf("jobs: Every(%s, %v): the interval must be positive", name, interval))
	}
	for _, j := range s.jobs {
		if j.name == name {
			panic("jobs: two jobs named " + name)
		}
	}
	s.jobs = append(s.jobs, &job{name: name, interval: interval, fn: fn})
}

// settings are the Scheduler's fields with defaults filled.
type settings struct {
	holder           string
	poll, ttl, grace time.Duration
	log              *slog.Logger
	store            LeaseStore
	clock            clock.Clock
	observe          func(string, time.Duration, error)
}

func (s *Scheduler) settings() settings {
	c := settings{holder: s.Holder, poll: s.Poll, ttl: s.LeaseTTL, grace: s.Grace, log: s.Log, store: s.Store, clock: s.Clock, observe: s.Observe}
	if c.holder == "" {
		host, _ := os.Hostname()
		b := make([]byte, 4)
		_, _ = rand.Read(b)
		c.holder = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
	}
	if c.poll <= 0 {
		c.poll = defaultPoll
	}
	if c.ttl <= 0 {
		c.ttl = defaultLeaseTTL
	}
	if c.grace <= 0 {
		c.grace = defaultGrace
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.clock == nil {
		c.clock = clock.System{}
	}
	return c
}
