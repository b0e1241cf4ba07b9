package jobs_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tiendo/internal/jobs"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var t0 = time.Date(2026, 6, 3, 2, 0, 0, 0, time.UTC)

// eventually waits (in real time, up to 5 s) for cond.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// never checks that cond stays false for a while (real time, 30 ms).
func never(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Millisecond)
	for time.Now().Before(deadline) {
		if cond() {
			t.Fatalf("%s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// start runs s until the test ends (or stop is called) and returns stop,
// which cancels Run and waits for it to return.
func start(t *testing.T, s *jobs.Scheduler) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

func lease(t *testing.T, st *store.Store, name string) jobs.Lease {
	t.Helper()
	list, err := st.Leases(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range list {
		if l.Name == name {
			return l
		}
	}
	t.Fatalf("no lease %q", name)
	return jobs.Lease{}
}

func TestSchedulerEveryInterval(t *testing.T) {
	st := dbtest.SQLite(t).Open(t)
	clk := &fakeClock{t: t0}
	s := &jobs.Scheduler{Store: st, Clock: clk, Holder: "a", Poll: time.Millisecond}
	var runs atomic.Int32
	var lastNow atomic.Value
	s.Every("reminders", time.Hour, func(ctx context.Context, now time.Time) error {
		lastNow.Store(now)
		runs.Add(1)
		return nil
	})
	start(t, s)
	eventually(t, "the first run", func() bool { return runs.Load() == 1 })
	if got := lastNow.Load().(time.Time); !got.Equal(t0) {
		t.Errorf("job's now = %v, want the clock's %v", got, t0)
	}
	eventually(t, "the lease released until start + interval", func() bool {
		l := lease(t, st, "reminders")
		return l.Holder == "a" && l.Until.Equal(t0.Add(time.Hour))
	})
	clk.Advance(59 * time.Minute)
	never(t, "ran before its interval", func() bool { return runs.Load() > 1 })
	clk.Advance(time.Minute)
	eventually(t, "the second run", func() bool { return runs.Load() == 2 })
}

// TestSchedulersNeverOverlap: two instances (two Stores on one database,
// two schedulers, the real clock) with a job that runs longer than its
// interval: the job runs again and again, never on both at once.
func TestSchedulersNeverOverlap(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		var active, maxActive, runs atomic.Int32
		byHolder := [2]atomic.Int32{}
		job := func(i int) jobs.Func {
			return func(ctx context.Context, now time.Time) error {
				n := active.Add(1)
				defer active.Add(-1)
				for {
					m := maxActive.Load()
					if n <= m || maxActive.CompareAndSwap(m, n) {
						break
					}
				}
				runs.Add(1)
				byHolder[i].Add(1)
				time.Sleep(2 * time.Millisecond)
				return nil
			}
		}
		var stops []func()
		for i, holder := range []string{"a", "b"} {
			s := &jobs.Scheduler{Store: db.Open(t), Holder: holder, Poll: time.Millisecond}
			s.Every("digest", 4*time.Millisecond, job(i))
			stops = append(stops, start(t, s))
		}
		eventually(t, "40 runs", func() bool { return runs.Load() >= 40 })
		for _, stop := range stops {
			stop()
		}
		if m := maxActive.Load(); m != 1 {
			t.Errorf("the job ran %d times at once", m)
		}
		// Which instance wins each turn depends on the scheduler of a
		// loaded machine (one may win every time); that the other takes
		// over when the holder stops is TestLeaseTakeover's to prove.
		t.Logf("runs: a %d, b %d", byHolder[0].Load(), byHolder[1].Load())
	})
}

// TestLeaseTakeover: an instance died holding a lease; another takes the
// job over when the lease expires, not before.
func TestLeaseTakeover(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		st := db.Open(t)
		if _, ok, err := st.AcquireLease(context.Background(), "reminders", "dead", t0, t0.Add(2*time.Minute)); err != nil || !ok {
			t.Fatalf("dead instance's lease: %v %v", ok, err)
		}
		clk := &fakeClock{t: t0}
		s := &jobs.Scheduler{Store: db.Open(t), Clock: clk, Holder: "b", Poll: time.Millisecond, LeaseTTL: 2 * time.Minute}
		var runs atomic.Int32
		s.Every("reminders", time.Hour, func(context.Context, time.Time) error { runs.Add(1); return nil })
		start(t, s)
		never(t, "ran under another instance's live lease", func() bool { return runs.Load() > 0 })
		clk.Advance(time.Minute + 59*time.Second)
		never(t, "ran a second before the lease expired", func() bool { return runs.Load() > 0 })
		clk.Advance(time.Second)
		eventually(t, "the takeover", func() bool { return runs.Load() == 1 })
		eventually(t, "b's lease", func() bool { return lease(t, st, "reminders").Holder == "b" })
	})
}

// TestLeaseRenewedAndLost: a long run keeps its lease by renewing it as the
// clock moves; when another instance takes the lease anyway (the run was
// stalled past the TTL), the run's context is cancelled.
func TestLeaseRenewedAndLost(t *testing.T) {
	st := dbtest.SQLite(t).Open(t)
	ctx := context.Background()
	clk := &fakeClock{t: t0}
	var logs bytes.Buffer
	var logMu sync.Mutex
	s := &jobs.Scheduler{Store: st, Clock: clk, Holder: "a", Poll: time.Millisecond, LeaseTTL: 3 * time.Minute,
		Log: slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &logMu}, nil))}
	started, cancelled := make(chan struct{}), make(chan struct{})
	s.Every("export", time.Hour, func(ctx context.Context, _ time.Time) error {
		close(started)
		<-ctx.Done()
		close(cancelled)
		return ctx.Err()
	})
	start(t, s)
	<-started
	for range 10 { // 10 minutes in 1-minute steps: renewed every TTL/3
		clk.Advance(time.Minute)
		now := clk.Now()
		eventually(t, "the renewal", func() bool { return !lease(t, st, "export").Until.Before(now.Add(2 * time.Minute)) })
		if _, ok, _ := st.AcquireLease(ctx, "export", "thief", now, now.Add(time.Minute)); ok {
			t.Fatal("another instance took a renewed lease")
		}
	}
	// The lease is forced to expire, and the thief takes it.
	if err := st.ReleaseLease(ctx, "export", "a", clk.Now()); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.AcquireLease(ctx, "export", "thief", clk.Now(), clk.Now().Add(time.Hour)); !ok {
		t.Fatal("the thief could not take an expired lease")
	}
	clk.Advance(time.Minute)
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("the run was not cancelled after losing its lease")
	}
	eventually(t, "the log line", func() bool {
		logMu.Lock()
		defer logMu.Unlock()
		return strings.Contains(logs.String(), "job lease lost")
	})
	if l := lease(t, st, "export"); l.Holder != "thief" {
		t.Errorf("the loser released the thief's lease: %+v", l)
	}
}

// TestShutdownWaitsForJob: cancelling Run's context does not cut a running
// job short; Run returns once the job is done, and the lease says when the
// job may next run.
func TestShutdownWaitsForJob(t *testing.T) {
	st := dbtest.SQLite(t).Open(t)
	clk := &fakeClock{t: t0}
	s := &jobs.Scheduler{Store: st, Clock: clk, Holder: "a", Poll: time.Millisecond, Grace: time.Minute}
	started, release := make(chan struct{}), make(chan struct{})
	var jobCtxErr atomic.Value
	s.Every("reminders", time.Hour, func(ctx context.Context, _ time.Time) error {
		close(started)
		<-release
		jobCtxErr.Store(errors.Join(ctx.Err(), errors.New("")))
		return nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	<-started
	cancel()
	never(t, "Run returned while the job was running", func() bool { return len(done) > 0 })
	close(release)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after the job ended")
	}
	if err := jobCtxErr.Load().(error); errors.Is(err, context.Canceled) {
		t.Error("the job's context was cancelled within the grace period")
	}
	if l := lease(t, st, "reminders"); !l.Until.Equal(t0.Add(time.Hour)) {
		t.Errorf("lease after a completed run: %+v", l)
	}
}

// TestShutdownGrace: a job still running when the grace period ends has
// its context cancelled; its lease is handed over at once.
func TestShutdownGrace(t *testing.T) {
	st := dbtest.SQLite(t).Open(t)
	clk := &fakeClock{t: t0}
	s := &jobs.Scheduler{Store: st, Clock: clk, Holder: "a", Poll: time.Millisecond, Grace: 20 * time.Millisecond}
	started := make(chan struct{})
	s.Every("reminders", time.Hour, func(ctx context.Context, _ time.Time) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	})
	stop := start(t, s)
	<-started
	clk.Advance(5 * time.Minute)
	stop() // returns only once the job has returned
	if l := lease(t, st, "reminders"); !l.Until.Equal(t0.Add(5 * time.Minute)) {
		t.Errorf("lease after a run cut short: %+v, want until now (handed over)", l)
	}
}

// TestJobFailures: an error or a panic is logged, and the job runs again
// at its next interval.
func TestJobFailures(t *testing.T) {
	st := dbtest.SQLite(t).Open(t)
	clk := &fakeClock{t: t0}
	s := &jobs.Scheduler{Store: st, Clock: clk, Holder: "a", Poll: time.Millisecond}
	var runs atomic.Int32
	s.Every("flaky", time.Minute, func(context.Context, time.Time) error {
		switch runs.Add(1) {
		case 1:
			panic("boom")
		case 2:
			return errors.New("SMTP down")
		}
		return nil
	})
	start(t, s)
	for want := int32(1); want <= 3; want++ {
		eventually(t, "a run", func() bool { return runs.Load() == want })
		clk.Advance(time.Minute)
	}
}

func TestEveryMisuse(t *testing.T) {
	mustPanic := func(what string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s did not panic", what)
			}
		}()
		f()
	}
	noop := func(context.Context, time.Time) error { return nil }
	s := &jobs.Scheduler{Store: dbtest.SQLite(t).Open(t), Poll: time.Millisecond}
	s.Every("a", time.Minute, noop)
	mustPanic("a second job named a", func() { s.Every("a", time.Hour, noop) })
	mustPanic("a zero interval", func() { s.Every("b", 0, noop) })
	stop := start(t, s)
	eventually(t, "Run to start", func() bool { l, _ := s.Store.(*store.Store).Leases(context.Background()); return len(l) == 1 })
	mustPanic("Every after Run", func() { s.Every("c", time.Minute, noop) })
	stop()
	if err := s.Run(context.Background()); err == nil {
		t.Error("a second Run succeeded")
	}
}

// lockedWriter serialises writes to a buffer the test also reads.
type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestObserve: every finished run is reported, with its error.
func TestObserve(t *testing.T) {
	st := dbtest.SQLite(t).Open(t)
	clk := &fakeClock{t: t0}
	var mu sync.Mutex
	seen := map[string]int{}
	s := &jobs.Scheduler{Store: st, Clock: clk, Holder: "a", Poll: time.Millisecond,
		Observe: func(job string, took time.Duration, err error) {
			mu.Lock()
			defer mu.Unlock()
			key := job + " ok"
			if err != nil {
				key = job + " error"
			}
			seen[key]++
		}}
	s.Every("reminders", time.Hour, func(ctx context.Context, now time.Time) error { return nil })
	s.Every("backup", time.Hour, func(ctx context.Context, now time.Time) error { return errors.New("đĩa đầy") })
	start(t, s)
	eventually(t, "both runs observed", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return seen["reminders ok"] == 1 && seen["backup error"] == 1
	})
}
