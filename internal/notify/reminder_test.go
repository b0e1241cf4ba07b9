package notify_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/notify"
	"tiendo/internal/notify/smtp"
	"tiendo/internal/notify/smtp/smtptest"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

// want lists the expected deliveries at t0 as "rule|key|address".
func (w world) wantAtT0() map[string]int {
	tc, xa := w.agencies["tc"], w.agencies["xa"]
	want := map[string]int{}
	add := func(rule, key string, users ...string) {
		for _, u := range users {
			want[rule+"|"+key+"|"+w.email[u]] = 1
		}
	}
	add("before-7", fmt.Sprintf("report:1:2026q2:%d", tc), "duc", "anh")
	add("overdue-week-12", fmt.Sprintf("report:1:2026q1:%d", tc), "duc", "anh", "quan", "phuc")
	add("overdue-week-12", fmt.Sprintf("report:1:2026q1:%d", xa), "binh", "phuc")
	add("digest", fmt.Sprintf("digest:%d:2026-W23", tc), "quan")
	add("digest", fmt.Sprintf("digest:%d:2026-W23", xa), "binh")
	return want
}

// noticeCounts returns how many notices each fixture user has.
func noticeCounts(t *testing.T, st *store.Store, w world) map[string]int {
	t.Helper()
	n := map[string]int{}
	for name, id := range w.users {
		list, err := st.Notices(context.Background(), id, false, 200)
		if err != nil {
			t.Fatal(err)
		}
		n[name] = len(list)
	}
	return n
}

// wantNotices is one notice per ledger row at t0: before-7 and overdue for
// each agency's officers, overdue and digest for heads, both overdue
// reminders for the coordinator; nothing for the disabled officer.
var wantNotices = map[string]int{"duc": 2, "anh": 2, "quan": 2, "phuc": 2, "hoa": 2, "binh": 2, "cu": 0}

func TestReminderRun(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		st := db.Open(t)
		w := seedWorld(t, st)
		srv := smtptest.Start(t, false)
		r := newReminder(st, w, mailerFor(t, srv), "")
		if err := r.Run(ctx, t0); err != nil {
			t.Fatal(err)
		}
		msgs := srv.Messages()
		if got, want := deliveries(msgs), w.wantAtT0(); !maps.Equal(got, want) {
			t.Fatalf("deliveries:\n got %v\nwant %v", got, want)
		}
		if len(msgs) != 5 {
			t.Errorf("%d messages, want 5 (one per reminder, recipients together)", len(msgs))
		}
		for _, m := range msgs {
			subject := m.Subject(t)
			switch rule := m.Header.Get("X-Tiendo-Rule"); {
			case rule == "before-7":
				if subject != "Nhắc hạn: Báo cáo Quý II/2026 — Kế hoạch 99/KH-UBND — hạn 10/06/2026 (còn 7 ngày)" {
					t.Errorf("before-7 subject %q", subject)
				}
				if to := m.Addresses(t, "To"); len(to) != 2 || to[0].Name != "Nguyễn Văn Đức" || m.Header.Get("Cc") != "" {
					t.Errorf("before-7 To %v Cc %q", to, m.Header.Get("Cc"))
				}
				link := fmt.Sprintf("https://tiendo.camau.gov.vn/reports/2026q2/%d", w.agencies["tc"])
				if !strings.Contains(m.Body, "Kính gửi: Sở Tài chính") || !strings.Contains(m.Body, link) {
					t.Errorf("before-7 body:\n%s", m.Body)
				}
			case rule == "overdue-week-12" && strings.HasSuffix(m.Header.Get("X-Tiendo-Key"), fmt.Sprint(":", w.agencies["tc"])):
				if subject != "Quá hạn 85 ngày: Báo cáo Quý I/2026 — Kế hoạch 99/KH-UBND — Sở Tài chính" {
					t.Errorf("overdue subject %q", subject)
				}
				// Escalation: the head in To, the coordinator in Cc.
				to, cc := m.Addresses(t, "To"), m.Addresses(t, "Cc")
				if len(to) != 3 || to[2].Name != "Phạm Minh Quân" || len(cc) != 1 || cc[0].Name != "Lê Hoàng Phúc" {
					t.Errorf("overdue To %v Cc %v", to, cc)
				}
			case rule == "digest" && m.Rcpts[0] == w.email["quan"]:
				for _, line := range []string{"Kính gửi: Lãnh đạo Sở Tài chính", "Quá hạn (1):", "Sắp đến hạn (1):",
					"Báo cáo Quý II/2026 — Kế hoạch 99/KH-UBND — hạn 10/06/2026, còn 7 ngày"} {
					if !strings.Contains(m.Body, line) {
						t.Errorf("digest body lacks %q:\n%s", line, m.Body)
					}
				}
				if subject != "Tổng hợp tuần 2026-W23: 1 việc sắp đến hạn, 1 việc quá hạn, 0 báo cáo bị trả lại" {
					t.Errorf("digest subject %q", subject)
				}
			}
		}
		if got := noticeCounts(t, st, w); !maps.Equal(got, wantNotices) {
			t.Errorf("notices %v, want %v", got, wantNotices)
		}
		hoa, err := st.Notices(ctx, w.users["hoa"], true, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hoa) != 2 || hoa[0].Kind != "overdue" || !strings.HasPrefix(hoa[0].Text, "Quá hạn 85 ngày") || !strings.HasPrefix(hoa[0].Link, "/reports/2026q1/") {
			t.Errorf("hoa's notices (no e-mail, in-app only): %+v", hoa)
		}
		recs, err := st.ReminderSends(ctx, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			if rec.State != notify.SendSent || rec.Attempts != 1 {
				t.Errorf("ledger row %+v", rec)
			}
		}
		if len(recs) != 12 {
			t.Errorf("%d ledger rows, want 12", len(recs))
		}

		// Later the same day, the next day, and later in the week: the same
		// rules are in force but already sent.
		for _, at := range []time.Time{t0.Add(time.Hour), t0.Add(24 * time.Hour), t0.Add(3 * 24 * time.Hour)} {
			if err := r.Run(ctx, at); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(srv.Messages()); n != 5 {
			t.Errorf("%d messages after re-runs, want still 5", n)
		}
		if got := noticeCounts(t, st, w); !maps.Equal(got, wantNotices) {
			t.Errorf("notices after re-runs %v", got)
		}
		// Monday 8 June: before-2 for Quý II and the week-24 digests.
		if err := r.Run(ctx, t0.Add(5*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		var rules []string
		for _, m := range srv.Messages()[5:] {
			rules = append(rules, m.Header.Get("X-Tiendo-Rule")+" "+strings.Join(m.Rcpts, ","))
		}
		slices.Sort(rules)
		want := []string{"before-2 " + w.email["duc"] + "," + w.email["anh"], "digest " + w.email["quan"], "digest " + w.email["binh"]}
		slices.Sort(want)
		if !slices.Equal(rules, want) {
			t.Errorf("on 8 June: %q, want %q", rules, want)
		}
	})
}

// TestReminderTwoInstances: two app instances (two Stores on one database,
// two Reminder jobs) run at the same moment, day after day: every reminder
// reaches every recipient exactly once, and each has one notice per reminder.
func TestReminderTwoInstances(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		a, b := db.Open(t), db.Open(t)
		w := seedWorld(t, a)
		srv := smtptest.Start(t, false)
		ra := newReminder(a, w, mailerFor(t, srv), "instance-a")
		rb := newReminder(b, w, mailerFor(t, srv), "instance-b")
		for d := range 21 { // 3 to 23 June: before-7, before-2, after-1, weekly, three digests
			at := t0.Add(time.Duration(d) * 24 * time.Hour)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for _, r := range []*notify.Reminder{ra, rb} {
				wg.Go(func() {
					<-start
					if err := r.Run(ctx, at); err != nil {
						t.Error(err)
					}
				})
			}
			close(start)
			wg.Wait()
		}
		got := deliveries(srv.Messages())
		for k, n := range got {
			if n != 1 {
				t.Errorf("%s delivered %d times", k, n)
			}
		}
		// Every ledger row of a user with an address is one delivery.
		recs, err := a.ReminderSends(ctx, "", 1000)
		if err != nil {
			t.Fatal(err)
		}
		mailed := 0
		email := map[int64]string{}
		for name, id := range w.users {
			email[id] = w.email[name]
		}
		for _, rec := range recs {
			if rec.State != notify.SendSent {
				t.Errorf("row not sent: %+v", rec)
			}
			if email[rec.UserID] != "" {
				mailed++
				if got[rec.Rule+"|"+rec.Key+"|"+email[rec.UserID]] != 1 {
					t.Errorf("ledger row without its delivery: %+v", rec)
				}
			}
		}
		if mailed != len(got) || mailed < 20 {
			t.Errorf("%d mailed ledger rows, %d deliveries", mailed, len(got))
		}
		notices := 0
		for _, n := range noticeCounts(t, a, w) {
			notices += n
		}
		if notices != len(recs) {
			t.Errorf("%d notices for %d ledger rows", notices, len(recs))
		}
		for _, want := range []string{"before-7", "before-2", "after-1", "overdue-week-1", "overdue-week-13", "digest"} {
			if !slices.ContainsFunc(recs, func(r notify.SendRecord) bool { return r.Rule == want }) {
				t.Errorf("no %s reminder in three weeks", want)
			}
		}
	})
}

// TestReminderSMTPDown: with the mail server down, the in-app notices are
// delivered and the e-mails stay pending; a run after the retry delay sends
// them, once, and adds no second notice.
func TestReminderSMTPDown(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		st := db.Open(t)
		w := seedWorld(t, st)
		down, err := smtp.NewMailer(smtp.Config{Host: "127.0.0.1", Port: smtptest.ClosedPort(t), TLS: smtp.TLSNone, From: "tiendo@camau.gov.vn"})
		if err != nil {
			t.Fatal(err)
		}
		r := newReminder(st, w, down, "")
		r.RetryDelay = 10 * time.Minute
		err = r.Run(ctx, t0)
		var se *smtp.SendError
		if !errors.As(err, &se) {
			t.Fatalf("Run with the server down: %v, want a *SendError", err)
		}
		recs, err := st.ReminderSends(ctx, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		pending := 0
		for _, rec := range recs {
			switch {
			case rec.UserID == w.users["hoa"]: // no address: the notice is the delivery
				if rec.State != notify.SendSent {
					t.Errorf("notice-only row %+v", rec)
				}
			case rec.State != notify.SendPending || rec.LastError == "" || !rec.RetryAt.Equal(t0.Add(10*time.Minute)):
				t.Errorf("row after a failed send: %+v", rec)
			default:
				pending++
			}
		}
		if pending != 10 {
			t.Errorf("%d pending rows, want 10", pending)
		}
		if got := noticeCounts(t, st, w); !maps.Equal(got, wantNotices) {
			t.Errorf("notices %v, want %v", got, wantNotices)
		}

		srv := smtptest.Start(t, false)
		r.Mailer = mailerFor(t, srv)
		if err := r.Run(ctx, t0.Add(5*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if n := len(srv.Messages()); n != 0 {
			t.Fatalf("%d messages before the retry time", n)
		}
		for range 2 {
			if err := r.Run(ctx, t0.Add(10*time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := deliveries(srv.Messages()), w.wantAtT0(); !maps.Equal(got, want) {
			t.Errorf("after the retry:\n got %v\nwant %v", got, want)
		}
		if got := noticeCounts(t, st, w); !maps.Equal(got, wantNotices) {
			t.Errorf("notices after the retry %v", got)
		}
		recs, _ = st.ReminderSends(ctx, "", 0)
		for _, rec := range recs {
			if rec.State != notify.SendSent || (rec.UserID != w.users["hoa"] && rec.Attempts != 2) {
				t.Errorf("row after the retry: %+v", rec)
			}
		}
	})
}

// TestReminderCrashTakeover: a run that claimed a reminder and died before
// sending holds it until its claim times out; then the next run sends it.
// (Had it died after sending, the mail would go twice: at-least-once.)
func TestReminderCrashTakeover(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		st := db.Open(t)
		w := seedWorld(t, st)
		key := fmt.Sprintf("report:1:2026q2:%d", w.agencies["tc"])
		claimed, err := st.ClaimReminder(ctx, notify.Claim{Rule: "before-7", Key: key, Users: []int64{w.users["duc"], w.users["anh"]},
			Holder: "crashed", Now: t0, RetryAt: t0.Add(15 * time.Minute), Notice: notify.Notice{Kind: "before", Text: "Sắp đến hạn"}})
		if err != nil || len(claimed) != 2 {
			t.Fatalf("claim: %v %v", claimed, err)
		}
		srv := smtptest.Start(t, false)
		r := newReminder(st, w, mailerFor(t, srv), "")
		if err := r.Run(ctx, t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if n := deliveries(srv.Messages())["before-7|"+key+"|"+w.email["duc"]]; n != 0 {
			t.Fatal("a live claim was taken over")
		}
		if err := r.Run(ctx, t0.Add(15*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got, want := deliveries(srv.Messages()), w.wantAtT0(); !maps.Equal(got, want) {
			t.Errorf("after the takeover:\n got %v\nwant %v", got, want)
		}
		if got := noticeCounts(t, st, w); !maps.Equal(got, wantNotices) {
			t.Errorf("notices %v (the crashed run's notice counts; no second one)", got)
		}
	})
}

// TestReminderInAppOnly: without a mailer, reminders are notices only and
// the ledger rows are done.
func TestReminderInAppOnly(t *testing.T) {
	st := dbtest.SQLite(t).Open(t)
	w := seedWorld(t, st)
	r := newReminder(st, w, nil, "")
	if err := r.Run(context.Background(), t0); err != nil {
		t.Fatal(err)
	}
	if got := noticeCounts(t, st, w); !maps.Equal(got, wantNotices) {
		t.Errorf("notices %v, want %v", got, wantNotices)
	}
	recs, _ := st.ReminderSends(context.Background(), "", 0)
	for _, rec := range recs {
		if rec.State != notify.SendSent {
			t.Errorf("row %+v", rec)
		}
	}
}

// TestReminderBusinessClock: the day the rules judge comes from Clock
// (serve --clock), not from the run's wall-clock now.
func TestReminderBusinessClock(t *testing.T) {
	st := dbtest.SQLite(t).Open(t)
	w := seedWorld(t, st)
	srv := smtptest.Start(t, false)
	r := newReminder(st, w, mailerFor(t, srv), "")
	r.Clock = clock.Fixed(t0)
	wall := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC) // months later: everything would be overdue
	if err := r.Run(context.Background(), wall); err != nil {
		t.Fatal(err)
	}
	if got, want := deliveries(srv.Messages()), w.wantAtT0(); !maps.Equal(got, want) {
		t.Errorf("with the clock fixed at t0:\n got %v\nwant %v", got, want)
	}
	recs, _ := st.ReminderSends(context.Background(), "", 1)
	if len(recs) != 1 || !recs[0].CreatedAt.Equal(wall) {
		t.Errorf("the ledger is stamped with the wall clock: %+v", recs)
	}
}

// TestReminderStopsOnCancel: a cancelled context stops a run between deliveries.
func TestReminderStopsOnCancel(t *testing.T) {
	st := dbtest.SQLite(t).Open(t)
	w := seedWorld(t, st)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := newReminder(st, w, nil, "").Run(ctx, t0)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run on a cancelled context: %v", err)
	}
}

// TestReminderGivesWay: a run asks GiveWay before it reads what is owed
// and before each delivery, and stops, delivering nothing more, when
// GiveWay says the run's context ended.
func TestReminderGivesWay(t *testing.T) {
	ctx := context.Background()
	deliveries := func(st *store.Store) int {
		recs, err := st.ReminderSends(ctx, "", 1000)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, r := range recs {
			seen[r.Rule+" "+r.Key] = true
		}
		return len(seen)
	}

	st := dbtest.SQLite(t).Open(t)
	r := newReminder(st, seedWorld(t, st), nil, "")
	calls := 0
	r.GiveWay = func(ctx context.Context) error { calls++; return ctx.Err() }
	if err := r.Run(ctx, t0); err != nil {
		t.Fatal(err)
	}
	if n := deliveries(st); n < 2 || calls != n+1 {
		t.Fatalf("%d calls of GiveWay for %d deliveries, want one more than the deliveries", calls, n)
	}

	st = dbtest.SQLite(t).Open(t)
	r = newReminder(st, seedWorld(t, st), nil, "")
	calls = 0
	r.GiveWay = func(context.Context) error {
		if calls++; calls == 3 {
			return context.Canceled
		}
		return nil
	}
	if err := r.Run(ctx, t0); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run when GiveWay refuses: %v", err)
	}
	if n := deliveries(st); n != 1 {
		t.Errorf("%d deliveries when GiveWay refused the second, want 1", n)
	}
}
