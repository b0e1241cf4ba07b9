package app_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/app"
	"tiendo/internal/clock"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/rollup"
	"tiendo/internal/store"
)

// rollupFix is the fixture's province (plan 60/KH-UBND, Cà Mau) with a
// second province's plan (12/KH-UBND, Bạc Liêu) and the national
// programme both implement (03/NQ-CP), linked task by task. Today is
// 01/09/2025: quarter III is the current period, quarter II has ended.
type rollupFix struct {
	*fixture
	national            int64
	u1, u2, u3, u4, u5  int64 // national tasks; u4 is linked to nothing
	a4                  int64 // Cà Mau's continuous task
	planB, ubndB, khcnB int64
	b1, b2              int64
	q2, q3              int64 // the national programme's quarters II and III
	q2A, q3A, q2B       int64 // the provinces' own
}

func newRollupFix(t *testing.T) *rollupFix {
	t.Helper()
	ctx := context.Background()
	f := &rollupFix{fixture: newFixture(t)}
	st := f.store
	mkAgency := func(ag agency.Agency) int64 {
		t.Helper()
		if err := st.CreateAgency(ctx, 0, &ag); err != nil {
			t.Fatal(err)
		}
		return ag.ID
	}
	f.ubndB = mkAgency(agency.Agency{Name: "Ủy ban nhân dân tỉnh Bạc Liêu", Kind: agency.KindProvince})
	f.khcnB = mkAgency(agency.Agency{Name: "Sở Khoa học và Công nghệ tỉnh Bạc Liêu", Kind: agency.KindDepartment, ParentID: f.ubndB})
	dated := func(text string, due time.Time) plan.Deadline {
		return plan.Deadline{Kind: plan.DeadlineDate, Text: text, Due: due}
	}
	mkPlan := func(code, issuer, title string, issued time.Time, tasks ...plan.DraftTask) (int64, []int64) {
		t.Helper()
		d := &plan.Draft{Plan: plan.Plan{Code: code, Issuer: issuer, Title: title, IssuedOn: issued, Status: plan.PlanActive},
			Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "II", Label: "II",
				Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}}, Tasks: tasks}
		id, err := st.CreatePlan(ctx, 0, d)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, x := range d.Tasks {
			ids = append(ids, x.ID)
		}
		return id, ids
	}
	task := func(text string, dl plan.Deadline, lead int64) plan.DraftTask {
		return plan.DraftTask{Task: plan.Task{Text: text, Deadline: dl, LeadAgencyID: lead}}
	}
	var ids []int64
	f.national, ids = mkPlan("03/NQ-CP", "Chính phủ", "Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW",
		plan.Date(2025, 4, 1),
		task("Xây dựng cơ sở dữ liệu quốc gia về khoa học, công nghệ.", dated("31/12/2025", plan.Date(2025, 12, 31)), 0),
		task("Rà soát cơ chế thu hút đầu tư cho khoa học, công nghệ.", dated("30/6/2025", plan.Date(2025, 6, 30)), 0),
		task("Phát triển hạ tầng số dùng chung.", dated("31/12/2026", plan.Date(2026, 12, 31)), 0),
		task("Đào tạo nhân lực số.", dated("31/12/2026", plan.Date(2026, 12, 31)), 0),
		task("Tuyên truyền nâng cao nhận thức về chuyển đổi số.", plan.Deadline{Kind: plan.DeadlineContinuous, Text: "Thường xuyên"}, 0))
	f.u1, f.u2, f.u3, f.u4, f.u5 = ids[0], ids[1], ids[2], ids[3], ids[4]
	f.planB, ids = mkPlan("12/KH-UBND", "Ủy ban nhân dân tỉnh Bạc Liêu", "Thực hiện Nghị quyết số 57-NQ/TW",
		plan.Date(2025, 4, 15),
		task("Xây dựng cơ sở dữ liệu khoa học, công nghệ của tỉnh.", dated("31/12/2025", plan.Date(2025, 12, 31)), f.khcnB),
		task("Phát triển hạ tầng số dùng chung của tỉnh.", dated("31/12/2026", plan.Date(2026, 12, 31)), f.khcnB))
	f.b1, f.b2 = ids[0], ids[1]
	a4, err := f.app.CreateTask(ctx, f.coordinator, f.plan, plan.TaskChange{SectionID: ptr(f.group2),
		Text: ptr("Tuyên truyền về chuyển đổi số trên địa bàn tỉnh."), DeadlineText: ptr("Thường xuyên"), LeadAgencyID: ptr(f.khcn)})
	if err != nil {
		t.Fatal(err)
	}
	f.a4 = a4.ID
	quarter := func(planID int64, no int) int64 {
		t.Helper()
		ps, err := st.Periods(ctx, planID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.Year == 2025 && p.No == no {
				return p.ID
			}
		}
		t.Fatalf("plan %d has no quarter %d/2025 among %d periods", planID, no, len(ps))
		return 0
	}
	f.q2, f.q3 = quarter(f.national, 2), quarter(f.national, 3)
	f.q2A, f.q3A, f.q2B = quarter(f.plan, 2), quarter(f.plan, 3), quarter(f.planB, 2)
	return f
}

// link sets task's links as the coordinator does.
func (f *rollupFix) link(t *testing.T, task int64, up ...int64) {
	t.Helper()
	if _, err := f.app.SetTaskLinks(context.Background(), f.coordinator, task, up, rollup.HowManual); err != nil {
		t.Fatalf("link %d → %v: %v", task, up, err)
	}
}

// accept stores an accepted report of agency for period with entries.
func (f *rollupFix) accept(t *testing.T, planID, period, agencyID int64, entries ...reporting.Entry) {
	t.Helper()
	at := time.Date(2025, 6, 20, 3, 0, 0, 0, time.UTC)
	if err := f.store.SeedReports(context.Background(), 0, planID, []store.SeedReport{{PeriodID: period, AgencyID: agencyID,
		State: reporting.StateAccepted, CreatedAt: at, UpdatedAt: at, SubmittedAt: at, OnTime: true, AcceptedAt: at,
		Entries: entries}}); err != nil {
		t.Fatal(err)
	}
}

// statuses reads the roll-up's computed status of each upstream task and
// the count of tasks linked to it.
func statuses(t *testing.T, r *app.Rollup) map[int64]string {
	t.Helper()
	out := map[int64]string{}
	for _, it := range r.Items {
		out[it.UpstreamTaskID] = string(it.Status) + "/" + itoa(len(it.Linked))
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestRollupHandWorked works the roll-up out by hand: statuses today and
// in an ended quarter, then again after a reorganisation and an amendment.
func TestRollupHandWorked(t *testing.T) {
	f := newRollupFix(t)
	ctx := context.Background()
	f.link(t, f.task1, f.u2)
	f.link(t, f.task2, f.u1)
	f.link(t, f.t3, f.u3)
	f.link(t, f.a4, f.u5)
	f.link(t, f.b1, f.u1)
	f.link(t, f.b2, f.u3)
	// Quarter II: Cà Mau completes task1 on 25/6 and starts a4; Bạc Liêu has b1 at 30%.
	f.accept(t, f.plan, f.q2A, f.khcn,
		reporting.Entry{TaskID: f.task1, Status: plan.ClaimCompleted, Percent: 100, CompletedOn: plan.Date(2025, 6, 25), Result: "Đã ban hành quy chế."},
		reporting.Entry{TaskID: f.a4, Status: plan.ClaimInProgress, Percent: 20, Result: "Đã mở chuyên mục."})
	f.accept(t, f.planB, f.q2B, f.khcnB,
		reporting.Entry{TaskID: f.b1, Status: plan.ClaimInProgress, Percent: 30, Result: "Đã khảo sát hiện trạng."})
	// Quarter III: Sở Tài chính has task2 (due 05/9) at 60%.
	f.accept(t, f.plan, f.q3A, f.taichinh,
		reporting.Entry{TaskID: f.task2, Status: plan.ClaimInProgress, Percent: 60, Result: "Đã phân bổ kinh phí."})

	now, err := f.app.Rollup(ctx, f.leader, f.national, 0, app.RollupFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if now.Period.ID != f.q3 || now.Total != 5 {
		t.Fatalf("today's roll-up: period %d (want %d), %d items", now.Period.ID, f.q3, now.Total)
	}
	want := map[int64]string{
		f.u1: "due_soon/2",     // task2 due 05/9 (4 days), b1 in progress
		f.u2: "done_on_time/1", // task1 done 25/6, due 30/6
		f.u3: "not_started/2",  // t3 and b2: nothing reported
		f.u4: "not_linked/0",
		f.u5: "in_progress/1", // continuous: no claim yet in quarter III, 20% before
	}
	if got := statuses(t, now); !equalMaps(got, want) {
		t.Errorf("today: %v, want %v", got, want)
	}
	// Every linked task carries its plan, agency, progress and latest result.
	for _, it := range now.Items {
		if it.UpstreamTaskID != f.u1 {
			continue
		}
		if it.Number != 1 || it.Linked[0].PlanID == 0 || it.Progress != 45 {
			t.Errorf("u1: %+v", it)
		}
		for _, l := range it.Linked {
			switch l.TaskID {
			case f.task2:
				if l.AgencyID != f.taichinh || l.Progress != 60 || l.Result != "Đã phân bổ kinh phí." || l.ResultPeriod != "Quý III/2025" {
					t.Errorf("task2 as linked: %+v", l)
				}
			case f.b1:
				if l.AgencyID != f.khcnB || l.Progress != 30 || l.Result != "Đã khảo sát hiện trạng." || l.Status != plan.StatusInProgress {
					t.Errorf("b1 as linked: %+v", l)
				}
			default:
				t.Errorf("u1 lists task %d", l.TaskID)
			}
		}
	}

	// Quarter II, ended: judged on 30/6 as its reports then said.
	q2, err := f.app.Rollup(ctx, f.leader, f.national, f.q2, app.RollupFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want = map[int64]string{
		f.u1: "in_progress/2", // task2 not started on 30/6 (its first report is quarter III's), b1 30%
		f.u2: "done_on_time/1",
		f.u3: "not_started/2",
		f.u4: "not_linked/0",
		f.u5: "in_progress/1",
	}
	if got := statuses(t, q2); !equalMaps(got, want) {
		t.Errorf("quarter II: %v, want %v", got, want)
	}

	// The province's own view: Cà Mau's part only.
	own, err := f.app.Rollup(ctx, f.coordinator, f.national, 0, app.RollupFilter{PlanID: f.plan})
	if err != nil {
		t.Fatal(err)
	}
	want = map[int64]string{f.u1: "due_soon/1", f.u2: "done_on_time/1", f.u3: "not_started/1", f.u4: "not_linked/0", f.u5: "in_progress/1"}
	if got := statuses(t, own); !equalMaps(got, want) {
		t.Errorf("Cà Mau's view: %v, want %v", got, want)
	}
	agencyView, err := f.app.Rollup(ctx, f.coordinator, f.national, 0, app.RollupFilter{AgencyID: f.khcnB, UpstreamTaskID: f.u1})
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(t, agencyView); !equalMaps(got, map[int64]string{f.u1: "in_progress/1"}) {
		t.Errorf("Bạc Liêu's Sở KH&CN on u1: %v", got)
	}

	// Bạc Liêu's Sở KH&CN is renamed from 01/8: quarter III names the new
	// agency, quarter II the old one. The links do not move.
	res, err := f.app.Reorganise(ctx, f.coordinator, &agency.Reorganisation{Kind: agency.ReorgRename, From: []int64{f.khcnB},
		New:       &agency.Agency{Name: "Sở Khoa học, Công nghệ và Đổi mới sáng tạo tỉnh Bạc Liêu", Kind: agency.KindDepartment, ParentID: f.ubndB},
		Effective: plan.Date(2025, 8, 1), Decision: "15/QĐ-UBND"}, false)
	if err != nil {
		t.Fatal(err)
	}
	renamed := res.SuccessorID
	leadOf := func(r *app.Rollup, task int64) int64 {
		for _, it := range r.Items {
			for _, l := range it.Linked {
				if l.TaskID == task {
					return l.AgencyID
				}
			}
		}
		return -1
	}
	now, _ = f.app.Rollup(ctx, f.leader, f.national, 0, app.RollupFilter{})
	q2, _ = f.app.Rollup(ctx, f.leader, f.national, f.q2, app.RollupFilter{})
	if leadOf(now, f.b1) != renamed || leadOf(q2, f.b1) != f.khcnB || renamed == f.khcnB || renamed == 0 {
		t.Errorf("after the rename: b1 led by %d today (want %d), %d in quarter II (want %d)", leadOf(now, f.b1), renamed, leadOf(q2, f.b1), f.khcnB)
	}

	// An amendment from 15/8 moves task2 to 31/12/2025 and removes t3:
	// u1 is in progress today, u3 keeps b2 alone; quarter II is as it was.
	if err := f.app.AmendPlan(ctx, f.coordinator, &plan.Amendment{PlanID: f.plan, Number: "301/QĐ-UBND", Effective: plan.Date(2025, 8, 15)},
		nil, []plan.TaskEdit{{TaskID: f.task2, TaskChange: plan.TaskChange{DeadlineText: ptr("31/12/2025")}}}, []int64{f.t3}); err != nil {
		t.Fatal(err)
	}
	now, _ = f.app.Rollup(ctx, f.leader, f.national, 0, app.RollupFilter{})
	want = map[int64]string{f.u1: "in_progress/2", f.u2: "done_on_time/1", f.u3: "not_started/1", f.u4: "not_linked/0", f.u5: "in_progress/1"}
	if got := statuses(t, now); !equalMaps(got, want) {
		t.Errorf("after the amendment: %v, want %v", got, want)
	}
	q2, _ = f.app.Rollup(ctx, f.leader, f.national, f.q2, app.RollupFilter{})
	if got := statuses(t, q2); got[f.u3] != "not_started/2" || got[f.u1] != "in_progress/2" {
		t.Errorf("quarter II after the amendment: %v", got)
	}
	// The links survived both.
	links, err := f.app.TaskLinks(ctx, f.leader, f.task2)
	if err != nil || len(links.Current) != 1 || links.Current[0].UpstreamTaskID != f.u1 {
		t.Errorf("task2's links after the amendment: %+v, %v", links, err)
	}

	// Overdue anywhere makes the upstream task overdue: on 01/01/2026 b1 (due 31/12/2025) is overdue.
	late := app.New(app.Config{Store: f.store, Clock: clock.Fixed(time.Date(2026, 1, 1, 10, 0, 0, 0, clock.Local))})
	r, err := late.Rollup(ctx, f.leader, f.national, 0, app.RollupFilter{UpstreamTaskID: f.u1})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Items) != 1 || r.Items[0].Status != plan.StatusOverdue {
		t.Errorf("u1 on 01/01/2026: %+v", r.Items)
	}

	// Refusals.
	if _, err := f.app.Rollup(ctx, f.leader, f.national, f.q2A, app.RollupFilter{}); derrors.FieldsOf(err)["period"] == "" {
		t.Errorf("another plan's period: %v", err)
	}
	if _, err := f.app.Rollup(ctx, f.leader, 999999, 0, app.RollupFilter{}); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unknown plan: %v", err)
	}
	if _, err := f.app.Rollup(ctx, nil, f.national, 0, app.RollupFilter{}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("nobody signed in: %v", err)
	}
}

func equalMaps(a, b map[int64]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestRollupAnswerKept: an answer asked again with nothing changed is the
// one given before (kept, not counted again); another filter, a plan's
// new title and an accepted report each give a new answer, which shows
// the change.
func TestRollupAnswerKept(t *testing.T) {
	f := newRollupFix(t)
	ctx := context.Background()
	f.link(t, f.task2, f.u1)
	f.link(t, f.b1, f.u1)
	read := func(filter app.RollupFilter) *app.Rollup {
		t.Helper()
		r, err := f.app.Rollup(ctx, f.leader, f.national, 0, filter)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	first := read(app.RollupFilter{})
	if again := read(app.RollupFilter{}); again != first {
		t.Errorf("asked again with nothing changed: a new answer")
	}
	mine := read(app.RollupFilter{PlanID: f.planB})
	if mine == first || len(mine.Items[0].Linked) != 1 || mine.Items[0].Linked[0].TaskID != f.b1 {
		t.Errorf("Bạc Liêu's own view: %+v", mine.Items[0])
	}
	p, err := f.store.Plan(ctx, f.planB)
	if err != nil {
		t.Fatal(err)
	}
	p.Title = "Thực hiện Nghị quyết số 57-NQ/TW (bản sửa)"
	if err := f.store.UpdatePlan(ctx, 0, p); err != nil {
		t.Fatal(err)
	}
	renamed := read(app.RollupFilter{})
	if renamed == first || renamed.Version == first.Version {
		t.Fatalf("after a plan's new title: the answer kept")
	}
	for _, rp := range renamed.Plans {
		if rp.Plan.ID == f.planB && rp.Plan.Title != p.Title {
			t.Errorf("plan B named %q, want %q", rp.Plan.Title, p.Title)
		}
	}
	// b1 as the roll-up lists it under u1.
	b1 := func(r *app.Rollup) plan.Status {
		for _, it := range r.Items {
			for _, l := range it.Linked {
				if it.UpstreamTaskID == f.u1 && l.TaskID == f.b1 {
					return l.Status
				}
			}
		}
		t.Fatal("b1 is not under u1")
		return ""
	}
	if got := b1(renamed); got != plan.StatusNotStarted {
		t.Fatalf("b1 before its report: %s", got)
	}
	f.accept(t, f.planB, f.q2B, f.khcnB,
		reporting.Entry{TaskID: f.b1, Status: plan.ClaimInProgress, Percent: 30, Result: "Đã khảo sát hiện trạng."})
	if got := b1(read(app.RollupFilter{})); got != plan.StatusInProgress {
		t.Errorf("b1 after its report: %s, want in_progress", got)
	}
}
