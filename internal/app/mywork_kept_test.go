package app_test

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// movingClock is a clock the test moves.
type movingClock struct{ t atomic.Int64 }

func (c *movingClock) Now() time.Time { return time.Unix(0, c.t.Load()) }

// TestAgencyWorkKept: "Việc của tôi" is kept per agency (mywork_cache.go)
// and read again when anything it shows changes — each change below would
// leave a stale answer if its trigger or key part were missing: the day, a
// plan's title and number (migration 00031), an entry's first save, a
// submission, a return and its reason (the agency's own counter), a task's
// deadline, the plan's due-soon window (regime), a task given to the
// agency in another plan, a plan closed. A draft saved again and another
// agency's submission keep it.
func TestAgencyWorkKept(t *testing.T) {
	f := newReportFix(t)
	ctx := context.Background()
	clk := &movingClock{}
	clk.t.Store(testNow.UnixNano())
	a := app.New(app.Config{Store: f.store, Clock: clk, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	read := func() *reporting.AgencyWork {
		t.Helper()
		w, err := a.AgencyWork(ctx, f.head, 0)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	mine := func(w *reporting.AgencyWork) (list string, d *reporting.DueReport) {
		for name, l := range map[string][]reporting.DueReport{"due": w.Due, "returned": w.Returned, "waiting": w.Waiting} {
			for i := range l {
				if l[i].ReportID == f.report {
					return name, &l[i]
				}
			}
		}
		t.Fatalf("report %d not in %+v", f.report, w)
		return "", nil
	}
	task := func(w *reporting.AgencyWork, id int64) *reporting.TaskAlert {
		for i := range w.Tasks {
			if w.Tasks[i].TaskID == id {
				return &w.Tasks[i]
			}
		}
		return nil
	}

	read() // the first reader makes the missing report rows, which moves the facts version
	w0 := read()
	if w := read(); w != w0 {
		t.Errorf("read twice with nothing written: built again")
	}
	if list, d := mine(w0); list != "due" || d.PlanTitle != "Thực hiện Nghị quyết số 71/NQ-CP" {
		t.Fatalf("at first: %s %+v", list, d)
	}
	if tk := task(w0, f.task2); tk == nil || tk.DaysToDue != 4 || tk.Status != plan.StatusDueSoon {
		t.Fatalf("task2 at first: %+v", tk)
	}

	// An entry saved: the report's first save may start its draft; saved
	// again, nothing the page shows changes and the kept answer stays.
	if _, err := a.SaveReportEntry(ctx, f.officer, f.report, line(f.task2, "in_progress", 60), nil, nil); err != nil {
		t.Fatal(err)
	}
	w1 := read()
	if list, d := mine(w1); list != "due" || d.State != reporting.StateDraft {
		t.Errorf("after the first entry: %s %+v", list, d)
	}
	if _, err := a.SaveReportEntry(ctx, f.officer, f.report, line(f.task2, "in_progress", 70), nil, nil); err != nil {
		t.Fatal(err)
	}
	if w := read(); w != w1 {
		t.Errorf("a draft saved again: built again")
	}

	// The plan's title and number.
	p, err := f.store.Plan(ctx, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	p.Title = "Kế hoạch đã đổi tên"
	if err := f.store.UpdatePlan(ctx, 0, p); err != nil {
		t.Fatal(err)
	}
	if _, d := mine(read()); d.PlanTitle != "Kế hoạch đã đổi tên" {
		t.Errorf("after the title changed: %q", d.PlanTitle)
	}
	p.Code = "99/KH-UBND"
	if err := f.store.UpdatePlan(ctx, 0, p); err != nil {
		t.Fatal(err)
	}
	if w := read(); w.Due[0].PlanCode != "99/KH-UBND" || task(w, f.task2).PlanCode != "99/KH-UBND" {
		t.Errorf("after the number changed: %+v", w)
	}

	// Sent, then returned with a reason: the agency's own counter.
	if _, err := a.SubmitReport(ctx, f.head, f.report, nil); err != nil {
		t.Fatal(err)
	}
	if list, d := mine(read()); list != "waiting" || d.SubmittedAt.IsZero() {
		t.Errorf("after sending: %s %+v", list, d)
	}
	if _, err := a.ReturnReport(ctx, f.coordinator, f.report, "Thiếu minh chứng.", nil); err != nil {
		t.Fatal(err)
	}
	if list, d := mine(read()); list != "returned" || d.ReturnReason != "Thiếu minh chứng." {
		t.Errorf("after the return: %s %+v", list, d)
	}
	if _, err := a.SubmitReport(ctx, f.head, f.report, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ReturnReport(ctx, f.coordinator, f.report, "Số liệu quý chưa khớp.", nil); err != nil {
		t.Fatal(err)
	}
	if list, d := mine(read()); list != "returned" || d.ReturnReason != "Số liệu quý chưa khớp." {
		t.Errorf("after the second return: %s %+v", list, d)
	}

	// Another agency's report sent: this agency's answer is kept.
	khcnHead := &auth.User{Username: "lanhdaokhcn", FullName: "lanhdaokhcn", Role: auth.RoleHead, AgencyID: f.khcn}
	if err := f.store.CreateUser(ctx, 0, khcnHead, "argon2id-not-used-here"); err != nil {
		t.Fatal(err)
	}
	other, err := a.StartReport(ctx, khcnHead, f.period)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.SaveReportEntry(ctx, khcnHead, other.ID, line(f.task1, "in_progress", 50), nil, nil); err != nil {
		t.Fatal(err)
	}
	kept := read()
	if _, err := a.SubmitReport(ctx, khcnHead, other.ID, nil); err != nil {
		t.Fatal(err)
	}
	if w := read(); w != kept {
		t.Errorf("another agency's report sent: built again")
	}

	// A task's deadline.
	if _, err := a.UpdateTask(ctx, f.coordinator, f.task2, plan.TaskChange{DeadlineText: ptr("03/9/2025")}, nil); err != nil {
		t.Fatal(err)
	}
	if tk := task(read(), f.task2); tk == nil || tk.DaysToDue != 2 {
		t.Errorf("after the deadline moved: %+v", tk)
	}

	// The plan's due-soon window.
	r, err := a.ReportingRegime(ctx, f.coordinator, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	r.DueSoonDays = 1
	if err := a.SaveReportingRegime(ctx, f.coordinator, r); err != nil {
		t.Fatal(err)
	}
	if tk := task(read(), f.task2); tk != nil {
		t.Errorf("due in 2 days with a 1-day window: %+v", tk)
	}

	// The day.
	clk.t.Store(testNow.AddDate(0, 0, 1).UnixNano())
	if tk := task(read(), f.task2); tk == nil || tk.DaysToDue != 1 {
		t.Errorf("the next day: %+v", tk)
	}

	// A task of another plan given to the agency.
	d := &plan.Draft{Plan: plan.Plan{Code: "62/KH-UBND", Title: "Kế hoạch thứ hai", IssuedOn: plan.Date(2025, 5, 1), Status: plan.PlanActive}}
	d.Sections = []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "I", Label: "I", Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}}
	d.Tasks = []plan.DraftTask{{Section: 0, Task: plan.Task{Text: "Số hóa hồ sơ lưu trữ.", LeadAgencyID: f.noivu,
		Deadline: plan.Deadline{Kind: plan.DeadlineDate, Text: "04/9/2025", Due: plan.Date(2025, 9, 4)}}}}
	second, err := f.store.CreatePlan(ctx, 0, d)
	if err != nil {
		t.Fatal(err)
	}
	if tk := task(read(), d.Tasks[0].ID); tk != nil {
		t.Fatalf("another agency's task: %+v", tk)
	}
	if _, err := a.UpdateTask(ctx, f.coordinator, d.Tasks[0].ID, taskCoop(f.taichinh), nil); err != nil {
		t.Fatal(err)
	}
	if tk := task(read(), d.Tasks[0].ID); tk == nil || tk.Lead || tk.PlanID != second {
		t.Errorf("a task of another plan given to the agency: %+v", tk)
	}

	// The first plan closed: its reports and tasks leave the page.
	if p, err = f.store.Plan(ctx, f.plan); err != nil {
		t.Fatal(err)
	}
	p.Status = plan.PlanClosed
	if err := f.store.UpdatePlan(ctx, 0, p); err != nil {
		t.Fatal(err)
	}
	w := read()
	for _, l := range [][]reporting.DueReport{w.Due, w.Returned, w.Waiting} {
		for _, x := range l {
			if x.PlanID == f.plan {
				t.Errorf("a closed plan's report: %+v", x)
			}
		}
	}
	if tk := task(w, f.task2); tk != nil {
		t.Errorf("a closed plan's task: %+v", tk)
	}
}
