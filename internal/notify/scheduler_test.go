package notify_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/jobs"
	"tiendo/internal/notify/smtp/smtptest"
	"tiendo/internal/store/dbtest"
)

// TestTwoSchedulersSendOnce is the whole machine as serve runs it: two app
// instances, each with its store, scheduler and reminder job, on one
// database, the real clock, the job due every few milliseconds. Every
// reminder reaches every recipient once.
func TestTwoSchedulersSendOnce(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		a := db.Open(t)
		w := seedWorld(t, a)
		srv := smtptest.Start(t, false)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 2)
		var scheds []*jobs.Scheduler
		for _, holder := range []string{"a", "b"} {
			st := a
			if holder == "b" {
				st = db.Open(t)
			}
			r := newReminder(st, w, mailerFor(t, srv), holder)
			r.Clock = clock.Fixed(t0) // the business day; the scheduler runs on the real clock
			s := &jobs.Scheduler{Store: st, Holder: holder, Poll: time.Millisecond}
			s.Every("reminders", 2*time.Millisecond, r.Run)
			scheds = append(scheds, s)
			go func() { done <- s.Run(ctx) }()
		}
		want := w.wantAtT0()
		deadline := time.Now().Add(5 * time.Second)
		for len(deliveries(srv.Messages())) < len(want) && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(50 * time.Millisecond) // more runs, which must send nothing
		cancel()
		for range scheds {
			if err := <-done; err != nil {
				t.Error(err)
			}
		}
		if got := deliveries(srv.Messages()); !maps.Equal(got, want) {
			t.Errorf("deliveries:\n got %v\nwant %v", got, want)
		}
		if got := noticeCounts(t, a, w); !maps.Equal(got, wantNotices) {
			t.Errorf("notices %v, want %v", got, wantNotices)
		}
	})
}
