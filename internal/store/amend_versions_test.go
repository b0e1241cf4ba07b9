package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/figures"
	"tiendo/internal/officialreport"
	"tiendo/internal/officialreport/render"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

func ptr[T any](v T) *T { return &v }

// edited is task id as edit e leaves it, its Version the one read: what
// AmendPlan takes for a changed task. A task that cannot be read is
// returned with only its ID.
func edited(t *testing.T, s *store.Store, id int64, e plan.TaskChange) plan.Task {
	t.Helper()
	tk, err := s.Task(context.Background(), id)
	if err != nil {
		return plan.Task{ID: id}
	}
	ed := plan.TaskEdit{TaskID: id, TaskChange: e}
	ed.Apply(tk)
	return *tk
}

// counts is figures.Counts with these tasks done on time, in progress, due
// soon and overdue, none otherwise.
func counts(done, going, soon, overdue int) figures.Counts {
	c := figures.Counts{}
	for _, s := range plan.Statuses {
		c[s] = 0
	}
	c[plan.StatusDoneOnTime], c[plan.StatusInProgress], c[plan.StatusDueSoon], c[plan.StatusOverdue] = done, going, soon, overdue
	return c
}

// taskStatus is task id's status as dashboard d counted it.
func taskStatus(t *testing.T, f *figures.Facts, d *figures.Dashboard, id int64) plan.Status {
	t.Helper()
	then := figures.InPeriod(f, d.Period)
	for i, r := range figures.TaskRows(then, d) {
		if then.Tasks[i].ID == id {
			return r.Status
		}
	}
	t.Fatalf("task %d not counted in %s", id, d.Period.Label)
	return ""
}

// appendixRow is the official report appendix row of the task whose title
// starts with prefix: lead, deadline and product as printed.
func appendixRow(t *testing.T, f *figures.Facts, d *figures.Dashboard, prefix string) (lead, deadline, product string) {
	t.Helper()
	for _, row := range render.Appendix(f, d, officialreport.Accepted{})[0].Rows {
		if strings.HasPrefix(row[1].(string), prefix) {
			return row[2].(string), row[4].(string), row[5].(string)
		}
	}
	t.Fatalf("no appendix row for %q", prefix)
	return
}

// TestAmendChangesTask works the versions of a changed task by hand on the
// reorganisation cases. T1 (Sở TT&TT; Q1 accepted at 30 %) is corrected
// to "30/6/2025" first; then decision 101/QĐ-UBND, effective 01/07/2025,
// moves its deadline to "Quý IV/2025" and changes its product, and gives
// T4 (Sở Tài chính, cooperating Sở TT&TT) to the Sở KH&CN. Judged on
// 15/08/2025:
//
//   - Q2 (ended 30/06, before the decision) judges T1 against 30/06/2025:
//     overdue, as before the decision; its appendix prints "30/6/2025" and
//     the old product; T4 is the Sở Tài chính's, which is expected to report.
//   - Q3 (holds the effective day) judges T1 against 31/12/2025: in
//     progress (30 %); its appendix prints "Quý IV/2025"; T4 is the Sở
//     KH&CN's, and the Sở Tài chính, leading nothing else, is no longer
//     expected.
//   - The Q3 dashboard's trend point of Q2 (judged on 30/06) is the one the
//     dashboard gave before the decision: T1 due soon on its due day.
//   - T1's history: the change, deadline "30/6/2025" → "Quý IV/2025"; after
//     the Sở TT&TT merges into the Sở KH&CN on 15/08, a reorganisation too.
func TestAmendChangesTask(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		w := newReorgWorld(t, s)
		day := plan.Date(2025, 8, 15)
		periods, err := s.Periods(ctx, w.plan)
		if err != nil {
			t.Fatal(err)
		}
		q3 := periods[2]
		t1, err := s.Task(ctx, w.t1)
		if err != nil {
			t.Fatal(err)
		}
		if t1.Deadline, err = plan.ParseDeadline("30/6/2025"); err != nil {
			t.Fatal(err)
		}
		t1.Product = "Nền tảng số"
		if err := s.UpdateTask(ctx, 0, t1); err != nil {
			t.Fatal(err)
		}
		before := w.dash(t, q3, day)
		beforeQ2 := w.dash(t, w.q2, day)

		a := &plan.Amendment{PlanID: w.plan, Number: "101/QĐ-UBND", IssuedOn: plan.Date(2025, 6, 25),
			Effective: plan.Date(2025, 7, 1)}
		if err := s.AmendPlan(ctx, 0, a, nil, nil,
			edited(t, s, w.t1, plan.TaskChange{DeadlineText: ptr("Quý IV/2025"), Product: ptr("Nền tảng số dùng chung toàn tỉnh")}),
			edited(t, s, w.t4, plan.TaskChange{LeadAgencyID: ptr(w.khcn)})); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Changed, []int64{w.t1, w.t4}) {
			t.Errorf("changed %v, want T1 and T4", a.Changed)
		}
		now, _ := s.Task(ctx, w.t1)
		if now.Deadline.Text != "Quý IV/2025" || !now.Deadline.Due.Equal(plan.Date(2025, 12, 31)) {
			t.Errorf("T1 now due %q %v, want Quý IV/2025 = 31/12/2025", now.Deadline.Text, now.Deadline.Due)
		}
		f, err := s.Facts(ctx, w.plan, day)
		if err != nil {
			t.Fatal(err)
		}
		d2, d3 := w.dash(t, w.q2, day), w.dash(t, q3, day)
		// By hand: Q2 — T1 overdue (30/06), T2 done on time, T3 overdue (no
		// Q2 report), T4 in progress; Q3 — T1, T3, T4 in progress, T2 done.
		if want := counts(1, 1, 0, 2); !equalCounts(d2.Status, want) {
			t.Errorf("Q2 counts %v, want %v", d2.Status, want)
		}
		if want := counts(1, 3, 0, 0); !equalCounts(d3.Status, want) {
			t.Errorf("Q3 counts %v, want %v", d3.Status, want)
		}
		if got := taskStatus(t, f, d2, w.t1); got != plan.StatusOverdue {
			t.Errorf("Q2: T1 is %s, want overdue (judged against 30/06/2025)", got)
		}
		if got := taskStatus(t, f, d3, w.t1); got != plan.StatusInProgress {
			t.Errorf("Q3: T1 is %s, want in progress (due 31/12/2025)", got)
		}
		// The task's own page judges each period the same way.
		ps, err := s.TaskPeriodStatuses(ctx, w.t1, day)
		if err != nil || len(ps) != 3 || ps[1].Status != plan.StatusOverdue || ps[1].OverdueDays != 46 ||
			ps[2].Status != plan.StatusInProgress {
			t.Errorf("T1 by period %+v (%v); want Q2 overdue by 46 days (30/06 → 15/08), Q3 in progress", ps, err)
		}
		if !equalCounts(d2.Status, beforeQ2.Status) {
			t.Errorf("Q2 counts changed by a decision effective after it: %v, before %v", d2.Status, beforeQ2.Status)
		}
		if before.Status[plan.StatusOverdue] != d3.Status[plan.StatusOverdue]+1 {
			t.Errorf("Q3 overdue: %d before, %d after; want one fewer (T1)", before.Status[plan.StatusOverdue],
				d3.Status[plan.StatusOverdue])
		}
		// On 30/06: T1 due soon on its due day, T2 done, T3 overdue, T4 in progress.
		if p := d3.Trend[1]; p.Period.ID != w.q2.ID || !equalCounts(p.Status, before.Trend[1].Status) ||
			p.Status[plan.StatusDueSoon] != 1 || p.Status[plan.StatusInProgress] != 1 {
			t.Errorf("the trend's Q2 point %v, before the decision %v; want the same, T1 due soon", p.Status, before.Trend[1].Status)
		}
		if _, dl, prod := appendixRow(t, f, d2, "T1 "); dl != "30/6/2025" || prod != "Nền tảng số" {
			t.Errorf("Q2 appendix: T1 due %q, product %q; want 30/6/2025, Nền tảng số", dl, prod)
		}
		if _, dl, prod := appendixRow(t, f, d3, "T1 "); dl != "Quý IV/2025" || prod != "Nền tảng số dùng chung toàn tỉnh" {
			t.Errorf("Q3 appendix: T1 due %q, product %q", dl, prod)
		}
		if lead, _, _ := appendixRow(t, f, d2, "T4 "); lead != "Sở Tài chính" {
			t.Errorf("Q2 appendix: T4 led by %q, want the Sở Tài chính", lead)
		}
		if lead, _, _ := appendixRow(t, f, d3, "T4 "); lead != "Sở Khoa học và Công nghệ" {
			t.Errorf("Q3 appendix: T4 led by %q, want the Sở KH&CN", lead)
		}
		if !slices.Contains(d2.Expected, w.tc) || slices.Contains(d3.Expected, w.tc) || !slices.Contains(d3.Expected, w.khcn) {
			t.Errorf("expected: Q2 %v, Q3 %v; want the Sở Tài chính in Q2 only, the Sở KH&CN in Q3", d2.Expected, d3.Expected)
		}
		if n, _, _ := agencyRow(d2, w.tc); n != 1 {
			t.Errorf("Q2: the Sở Tài chính leads %d tasks, want 1 (T4)", n)
		}

		list, err := s.PlanAmendments(ctx, w.plan)
		if err != nil || len(list) != 1 || !slices.Equal(list[0].Changed, []int64{w.t1, w.t4}) || len(list[0].Added) != 0 {
			t.Errorf("amendments %+v (%v)", list, err)
		}
		h, err := s.TaskHistory(ctx, w.t1)
		if err != nil || len(h) != 1 || h[0].Action != reporting.HistoryChanged || h[0].Decision != "101/QĐ-UBND" ||
			!h[0].Effective.Equal(a.Effective) || len(h[0].Fields) != 2 ||
			h[0].Fields[0] != (reporting.FieldChange{Field: plan.FieldDeadline, Old: "30/6/2025", New: "Quý IV/2025"}) ||
			h[0].Fields[1].Old != "Nền tảng số" || h[0].Agencies != nil {
			t.Errorf("T1 history %+v (%v)", h, err)
		}
		h, err = s.TaskHistory(ctx, w.t4)
		if err != nil || len(h) != 1 || h[0].Agencies == nil || h[0].Agencies.OldLead != w.tc || h[0].Agencies.NewLead != w.khcn ||
			len(h[0].Fields) != 0 {
			t.Errorf("T4 history %+v (%v)", h, err)
		}

		// A reorganisation after the decision joins T1's history.
		if _, err := s.Reorganise(ctx, 0, &agency.Reorganisation{Kind: agency.ReorgMerge, From: []int64{w.tttt},
			Into: w.khcn, Effective: day, Decision: "1234/QĐ-UBND"}, false); err != nil {
			t.Fatal(err)
		}
		h, err = s.TaskHistory(ctx, w.t1)
		if err != nil || len(h) != 2 || h[1].Action != reporting.HistoryReorganise || h[1].Decision != "1234/QĐ-UBND" ||
			h[1].Agencies.OldLead != w.tttt || h[1].Agencies.NewLead != w.khcn {
			t.Errorf("T1 history after the merge %+v (%v)", h, err)
		}
		// A decision effective before that merge cannot change T1 any more.
		var ae *plan.AmendError
		err = s.AmendPlan(ctx, 0, &plan.Amendment{PlanID: w.plan, Number: "102/QĐ", Effective: plan.Date(2025, 8, 1)},
			nil, nil, edited(t, s, w.t1, plan.TaskChange{Product: ptr("x")}))
		if !errors.As(err, &ae) || len(ae.Refusals) != 1 || ae.Refusals[0].Reason != plan.AmendChangedLater ||
			!ae.Refusals[0].Day.Equal(plan.Date(2025, 8, 15)) || ae.Refusals[0].Field() != "change.0.task_id" {
			t.Errorf("a change effective before a later one: %v", err)
		}
	})
}

// TestAmendChangeRefusals: changes the stored plan refuses, each with the
// task and the reason; a change made from a version since replaced is a
// conflict; nothing is stored. A closed plan refuses with ErrReadOnly.
// (The rules on the fields themselves are the use case's: app tests.)
func TestAmendChangeRefusals(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		w := newReorgWorld(t, s)
		day := plan.Date(2025, 7, 1)
		other, err := s.CreatePlan(ctx, 0, &plan.Draft{Plan: plan.Plan{Code: "9/KH", Title: "Khác", Status: plan.PlanActive},
			Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "I", Label: "I", HoldsTasks: true}, Parent: -1}},
			Tasks:    []plan.DraftTask{{Task: plan.Task{Text: "Nhiệm vụ khác"}}}})
		if err != nil {
			t.Fatal(err)
		}
		otherTasks, _, _ := s.Tasks(ctx, plan.TaskFilter{PlanID: other})
		t1Before, _ := s.Task(ctx, w.t1)
		if err := s.AmendPlan(ctx, 0, &plan.Amendment{PlanID: w.plan, Number: "1/QĐ", Effective: plan.Date(2025, 5, 1)},
			nil, []int64{w.t3}); err != nil {
			t.Fatal(err)
		}
		x := ptr("x")
		for name, c := range map[string]struct {
			task   plan.Task
			reason plan.AmendReason
		}{
			"unknown task":    {plan.Task{ID: 999999, Product: "x"}, plan.AmendNotInPlan},
			"removed task":    {edited(t, s, w.t3, plan.TaskChange{Product: x}), plan.AmendRemoved},
			"task of another": {edited(t, s, otherTasks[0].ID, plan.TaskChange{Product: x}), plan.AmendNotInPlan},
		} {
			var ae *plan.AmendError
			err := s.AmendPlan(ctx, 0, &plan.Amendment{PlanID: w.plan, Number: "2/QĐ", Effective: day}, nil, nil, c.task)
			if !errors.As(err, &ae) || len(ae.Refusals) != 1 || ae.Refusals[0].Reason != c.reason ||
				ae.Refusals[0].TaskID != c.task.ID || ae.Refusals[0].Field() != "change.0.task_id" {
				t.Errorf("%s: %v, want %s for change.0.task_id", name, err, c.reason)
			}
		}
		stale := edited(t, s, w.t1, plan.TaskChange{Product: x})
		stale.Version--
		err = s.AmendPlan(ctx, 0, &plan.Amendment{PlanID: w.plan, Number: "3/QĐ", Effective: day}, nil, nil, stale)
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("a change made from an old version: %v, want ErrConflict", err)
		}
		var ae *plan.AmendError
		err = s.AmendPlan(ctx, 0, &plan.Amendment{PlanID: w.plan, Number: "3/QĐ", Effective: day}, nil, []int64{w.t3})
		if !errors.As(err, &ae) || ae.Refusals[0].Reason != plan.AmendNotRemovable || ae.Refusals[0].Field() != "remove.0" {
			t.Errorf("removing a removed task: %v", err)
		}
		if l, _ := s.PlanAmendments(ctx, w.plan); len(l) != 1 {
			t.Errorf("a refused amendment was recorded: %d", len(l))
		}
		if t1, _ := s.Task(ctx, w.t1); t1.Product != "" || t1.Version != t1Before.Version {
			t.Errorf("a refused change reached T1: %+v", t1)
		}
		p, _ := s.Plan(ctx, w.plan)
		p.Status = plan.PlanClosed
		if err := s.UpdatePlan(ctx, 0, p); err != nil {
			t.Fatal(err)
		}
		err = s.AmendPlan(ctx, 0, &plan.Amendment{PlanID: w.plan, Number: "4/QĐ", Effective: day}, nil, nil,
			edited(t, s, w.t1, plan.TaskChange{Product: x}))
		if !errors.Is(err, store.ErrReadOnly) {
			t.Errorf("a closed plan: %v, want ErrReadOnly", err)
		}
	})
}

// TestAmendmentTasksKeepHistory: a task added by one amendment and removed
// by a later one is listed under both (tasks.amendment_id keeps only the
// last).
func TestAmendmentTasksKeepHistory(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		w := newReorgWorld(t, s)
		secs, err := s.Sections(ctx, w.plan)
		if err != nil {
			t.Fatal(err)
		}
		add := []plan.Task{{SectionID: secs[0].ID, Text: "T5 thí điểm", LeadAgencyID: w.khcn}}
		if err := s.AmendPlan(ctx, 0, &plan.Amendment{PlanID: w.plan, Number: "1/QĐ", Effective: plan.Date(2025, 4, 1)},
			add, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.AmendPlan(ctx, 0, &plan.Amendment{PlanID: w.plan, Number: "2/QĐ", Effective: plan.Date(2025, 9, 1)},
			nil, []int64{add[0].ID}); err != nil {
			t.Fatal(err)
		}
		list, err := s.PlanAmendments(ctx, w.plan)
		if err != nil || len(list) != 2 || !slices.Equal(list[0].Added, []int64{add[0].ID}) ||
			!slices.Equal(list[1].Removed, []int64{add[0].ID}) {
			t.Errorf("amendments %+v (%v)", list, err)
		}
		h, err := s.TaskHistory(ctx, add[0].ID)
		if err != nil || len(h) != 2 || h[0].Action != reporting.HistoryAdded || h[1].Action != reporting.HistoryRemoved {
			t.Errorf("history %+v (%v)", h, err)
		}
	})
}
