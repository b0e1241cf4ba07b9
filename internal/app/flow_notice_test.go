package app_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/notify"
	"tiendo/internal/notify/smtp"
	"tiendo/internal/notify/smtp/smtptest"
	"tiendo/internal/reporting"
)

// mailFix is the report fixture with e-mail on: a real SMTP server, the
// people's addresses, and the app and mail job that send through it.
type mailFix struct {
	*reportFix
	app  *app.App
	smtp *smtptest.Server
	job  *notify.Reminder
}

func newMailFix(t *testing.T) *mailFix {
	t.Helper()
	ctx := context.Background()
	f := &mailFix{reportFix: newReportFix(t), smtp: smtptest.Start(t, false)}
	for _, u := range []*auth.User{f.coordinator, f.head, f.officer} {
		u.Email = u.Username + "@camau.gov.vn"
		if err := f.store.UpdateAccount(ctx, 0, u); err != nil {
			t.Fatal(err)
		}
	}
	mailer, err := smtp.NewMailer(smtp.Config{Host: f.smtp.Host, Port: f.smtp.Port, TLS: smtp.TLSNone, From: "tiendo@camau.gov.vn"})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.app = app.New(app.Config{Store: f.store, Clock: clock.Fixed(testNow), Log: log,
		Mail: app.MailPolicy{Sender: mailer, BaseURL: "https://tiendo.camau.gov.vn/"}})
	f.job = &notify.Reminder{Ledger: f.store, Outbox: f.store, Mailer: mailer, Log: log}
	return f
}

// notices are u's notices, newest first.
func (f *mailFix) notices(t *testing.T, u *auth.User) []notify.Notice {
	t.Helper()
	list, err := f.app.Notices(context.Background(), u, false, 100)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// TestFlowNotices: each step of the flow tells who waits on it, in the
// app and by e-mail: a submission the coordinators, a return (with its
// reason) and an acceptance the agency's head and officers, a decision on
// an extension who asked — never the one who acted, exactly once (a
// refused step tells nobody; the mail job sends each message once).
func TestFlowNotices(t *testing.T) {
	f := newMailFix(t)
	ctx := context.Background()
	count := func(u *auth.User) int { return len(f.notices(t, u)) }
	if _, err := f.app.SaveReportEntry(ctx, f.officer, f.report, line(f.task2, "in_progress", 60), nil, nil); err != nil {
		t.Fatal(err)
	}

	if _, err := f.app.SubmitReport(ctx, f.head, f.report, nil); err != nil {
		t.Fatal(err)
	}
	got := f.notices(t, f.coordinator)
	if len(got) != 1 || got[0].Kind != notify.KindReportSubmitted || got[0].Link == "" ||
		!strings.Contains(got[0].Text, "Sở Tài chính đã gửi Báo cáo Quý III/2025 — Kế hoạch 60/KH-UBND") {
		t.Fatalf("coordinator's notices after a submission: %+v", got)
	}
	if count(f.head) != 0 || count(f.officer) != 0 || count(f.admin) != 0 {
		t.Error("a submission told the agency itself or the admin")
	}

	// A refused step tells nobody.
	if _, err := f.app.ReturnReport(ctx, f.coordinator, f.report, " ", nil); err == nil {
		t.Fatal("a return without a reason went through")
	}
	if count(f.head) != 0 {
		t.Error("a refused return left a notice")
	}
	const reason = "Thiếu số liệu chỉ tiêu CT01 của quý."
	if _, err := f.app.ReturnReport(ctx, f.coordinator, f.report, reason, nil); err != nil {
		t.Fatal(err)
	}
	for _, u := range []*auth.User{f.head, f.officer} {
		got := f.notices(t, u)
		if len(got) != 1 || got[0].Kind != notify.KindReportReturned || !strings.Contains(got[0].Text, reason) {
			t.Errorf("%s's notices after a return: %+v", u.Username, got)
		}
	}
	if count(f.otherHead) != 0 || count(f.coordinator) != 1 {
		t.Error("a return told another agency, or the coordinator who returned it")
	}

	if _, err := f.app.SubmitReport(ctx, f.head, f.report, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.AcceptReport(ctx, f.coordinator, f.report, nil); err != nil {
		t.Fatal(err)
	}
	if got := f.notices(t, f.officer); len(got) != 2 || got[0].Kind != notify.KindReportAccepted {
		t.Errorf("officer's notices after acceptance: %+v", got)
	}
	if count(f.coordinator) != 2 {
		t.Errorf("coordinator has %d notices, want 2 (two submissions)", count(f.coordinator))
	}

	e, err := f.app.RequestExtension(ctx, f.officer, f.task2, reporting.Extension{Kind: reporting.ExtendDeadline,
		DeadlineText: "Quý IV/2025", Reason: "Vốn giao chậm."})
	if err != nil {
		t.Fatal(err)
	}
	refuse := false
	if _, err := f.app.DecideExtension(ctx, f.coordinator, e.ID, &refuse, "Không đủ căn cứ."); err != nil {
		t.Fatal(err)
	}
	if got := f.notices(t, f.officer); len(got) != 3 || got[0].Kind != notify.KindExtensionDecided ||
		!strings.Contains(got[0].Text, "không được chấp thuận") || !strings.Contains(got[0].Text, "Không đủ căn cứ.") {
		t.Errorf("requester's notices after the decision: %+v", got)
	}
	if count(f.head) != 2 {
		t.Errorf("the head, who did not ask, has %d notices, want 2", count(f.head))
	}

	// The mail job sends each queued message once, to those with an
	// address: 2 submissions, the return and the acceptance (head and
	// officer on one message each), the decision.
	if err := f.job.SendOutbox(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := f.job.SendOutbox(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	msgs := f.smtp.Messages()
	if len(msgs) != 5 {
		t.Fatalf("%d e-mails sent, want 5", len(msgs))
	}
	var returned *smtptest.Received
	for i := range msgs {
		if strings.Contains(msgs[i].Subject(t), "bị trả lại") {
			returned = &msgs[i]
		}
	}
	if returned == nil || len(returned.Rcpts) != 2 || !strings.Contains(returned.Body, reason) ||
		!strings.Contains(returned.Body, "https://tiendo.camau.gov.vn/reports/") {
		t.Errorf("the return's e-mail: %+v", returned)
	}
	sends, err := f.store.ReminderSends(ctx, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sends {
		if s.State != notify.SendSent {
			t.Errorf("ledger row %+v not sent", s)
		}
	}
}

// TestFlowNoticesMailOff: without e-mail the notices are written all the
// same and nothing is queued.
func TestFlowNoticesMailOff(t *testing.T) {
	f := newReportFix(t)
	ctx := context.Background()
	if _, err := f.app.SaveReportEntry(ctx, f.officer, f.report, line(f.task2, "in_progress", 80), nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.SubmitReport(ctx, f.head, f.report, nil); err != nil {
		t.Fatal(err)
	}
	if list, err := f.app.Notices(ctx, f.coordinator, true, 10); err != nil || len(list) != 1 {
		t.Fatalf("coordinator's notices: %v, %v", list, err)
	}
	if mails, err := f.store.PendingMail(ctx, time.Now(), 10); err != nil || len(mails) != 0 {
		t.Errorf("queued with e-mail off: %v, %v", mails, err)
	}
}
