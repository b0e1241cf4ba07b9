package jobs

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// done reports the end of one run to Run's loop.
type done struct {
	j    *job
	next time.Time // when the job may run next
}

// Run runs the registered jobs until ctx is done, then stops starting jobs,
// waits for the running ones (cancelling their contexts after Grace) and
// returns nil. It may be called once.
func (s *Scheduler) Run(ctx context.Context) error {
	if s.Store == nil {
		return errors.New("jobs: Scheduler.Store is nil")
	}
	s.mu.Lock()
	if s.started {
		s.mu.Unlock()
		return errors.New("jobs: Run called twice")
	}
	s.started = true
	jobs := s.jobs
	s.mu.Unlock()

	c := s.settings()
	// Jobs get a context that outlives ctx by the grace period.
	jobCtx, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelJobs()
	var wg sync.WaitGroup
	finished := make(chan done, len(jobs))
	tick := time.NewTicker(c.poll)
	defer tick.Stop()
	for {
		now := c.clock.Now()
		for _, j := range jobs {
			if j.running || now.Before(j.next) {
				continue
			}
			c.start(ctx, jobCtx, j, now, &wg, finished)
		}
		select {
		case <-ctx.Done():
			c.shutdown(&wg, cancelJobs)
			return nil
		case d := <-finished:
			d.j.running, d.j.next = false, d.next
		case <-tick.C:
		}
	}
}

// start tries to take j's lease and, when it does, runs j in its own
// goroutine; otherwise it sets when to try again: when the lease ends (or
// one interval later, if sooner), or after a short back-off when the
// database could not be asked.
func (c settings) start(ctx, jobCtx context.Context, j *job, now time.Time, wg *sync.WaitGroup, finished chan<- done) {
	l, ok, err := c.store.AcquireLease(ctx, j.name, c.holder, now, now.Add(c.ttl))
	switch {
	case err != nil:
		if ctx.Err() == nil {
			c.log.Error("job lease", "job", j.name, "err", err)
		}
		j.next = now.Add(10 * c.poll)
		return
	case !ok:
		// Held elsewhere: look again when the lease ends, or after one
		// interval if that is sooner (while the holder runs the job its
		// lease ends a TTL ahead, but the run may end, and move the lease
		// to start + interval, before that).
		j.next = now.Add(j.interval)
		if l.Until.Before(j.next) {
			j.next = l.Until
		}
		return
	}
	j.running = true
	wg.Add(1)
	go func() {
		defer wg.Done()
		finished <- done{j: j, next: c.runJob(jobCtx, j, now)}
	}()
}

// runJob runs one lease-holding run of j, renewing the lease while it
// lasts, and returns when j may next run. The run's context is cancelled
// when the lease is lost (renewal refused, or not renewed in time).
func (c settings) runJob(ctx context.Context, j *job, start time.Time) (next time.Time) {
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	result := make(chan error, 1)
	go func() { result <- call(rctx, j, start) }()
	tick := time.NewTicker(c.poll)
	defer tick.Stop()
	renewed, lost := start, false
	for {
		select {
		case err := <-result:
			return c.finish(ctx, j, start, err, lost)
		case <-tick.C:
		}
		now := c.clock.Now()
		if lost || now.Sub(renewed) < c.ttl/3 {
			continue
		}
		ok, err := c.store.RenewLease(ctx, j.name, c.holder, now.Add(c.ttl))
		switch {
		case err == nil && ok:
			renewed = now
		case err == nil && !ok:
			lost = true
		case now.Sub(renewed) >= c.ttl: // could not renew, and the lease has run out
			lost = true
		default:
			c.log.Warn("job lease renewal", "job", j.name, "err", err)
		}
		if lost {
			c.log.Error("job lease lost: cancelling the run", "job", j.name, "holder", c.holder)
			cancel()
		}
	}
}

// finish logs a run's outcome and releases its lease. The job may next run
// at start + interval; a run cut short by shutdown hands the lease over at
// once, so another instance carries on.
func (c settings) finish(ctx context.Context, j *job, start time.Time, err error, lost bool) time.Time {
	end := c.clock.Now()
	next := start.Add(j.interval)
	if c.observe != nil && !lost {
		c.observe(j.name, end.Sub(start), err)
	}
	switch {
	case lost:
		return next // the lease is someone else's now
	case err != nil && ctx.Err() != nil:
		c.log.Warn("job stopped by shutdown", "job", j.name, "err", err)
		next = end
	case err != nil:
		c.log.Error("job failed", "job", j.name, "err", err, "took", end.Sub(start))
	default:
		c.log.Debug("job done", "job", j.name, "took", end.Sub(start))
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), releaseTimeout)
	defer cancel()
	if err := c.store.ReleaseLease(rctx, j.name, c.holder, next); err != nil {
		c.log.Error("job lease release", "job", j.name, "err", err)
	}
	return next
}

// call runs j's function, turning a panic into an error so that one bad
// run neither kills the process nor keeps the job marked running.
func call(ctx context.Context, j *job, now time.Time) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("jobs: %s panicked: %v", j.name, p)
		}
	}()
	return j.fn(ctx, now)
}

// shutdown waits for running jobs, cancelling them after the grace period.
func (c settings) shutdown(wg *sync.WaitGroup, cancelJobs context.CancelFunc) {
	all := make(chan struct{})
	go func() { wg.Wait(); close(all) }()
	grace := time.NewTimer(c.grace)
	defer grace.Stop()
	select {
	case <-all:
		return
	case <-grace.C:
		c.log.Warn("jobs still running after the grace period: cancelling them")
		cancelJobs()
	}
	<-all
}
