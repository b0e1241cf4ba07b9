package app_test

import (
	"context"
	"errors"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

func TestPlanTaskList(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// Today is 01/09/2025: task 1 (due 30/6) is overdue, task 2 (due 5/9) due soon.
	tasks, total, _, err := f.app.PlanTaskList(ctx, f.leader, plan.TaskFilter{PlanID: f.plan, Status: string(plan.StatusOverdue)})
	if err != nil || total != 1 || len(tasks) != 1 || tasks[0].ID != f.task1 {
		t.Errorf("overdue: %d tasks, total %d (%v); want task 1", len(tasks), total, err)
	}
	tasks, total, _, err = f.app.PlanTaskList(ctx, f.leader, plan.TaskFilter{PlanID: f.plan, Sort: "due", Limit: 2})
	if err != nil || total != 3 || len(tasks) != 2 || tasks[0].ID != f.task1 {
		t.Errorf("by due date: %d tasks, total %d (%v)", len(tasks), total, err)
	}
	if _, _, _, err := f.app.PlanTaskList(ctx, f.leader, plan.TaskFilter{PlanID: 999999}); !errors.Is(err, derrors.NotFound) {
		t.Errorf("an unknown plan: %v, want NotFound", err)
	}
	if _, _, _, err := f.app.PlanTaskList(ctx, nil, plan.TaskFilter{PlanID: f.plan}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("nobody lists: %v, want Forbidden", err)
	}
}

func TestSearchTasks(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	other, nt := newerPlan(t, f) // newest: searched first

	// "dau tu" is in task 1 and task 3 of the fixture's plan and in two of the newer plan's.
	res, err := f.app.SearchTasks(ctx, f.officer, "dau tu", 0, 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 || res.Pages != 2 || len(res.Hits) != 3 {
		t.Fatalf("found %d on %d pages, %d on page 1; want 4, 2, 3", res.Total, res.Pages, len(res.Hits))
	}
	if h := res.Hits[0]; h.Task.ID != nt[0] || h.Plan.ID != other || h.Section != "III" {
		t.Errorf("first hit %d in plan %d section %q; want %d in %d, III", h.Task.ID, h.Plan.ID, h.Section, nt[0], other)
	}
	// The second page starts in the next plan where the first page left off.
	res, err = f.app.SearchTasks(ctx, f.officer, "dau tu", 0, 2, 3)
	if err != nil || res.Page != 2 || len(res.Hits) != 1 || res.Hits[0].Task.ID != f.t3 || res.Hits[0].Section != "II.2" {
		t.Errorf("page 2: %+v (%v); want task 3 in II.2", res, err)
	}
	// A page past the end shows the last; a plan narrows the search.
	res, err = f.app.SearchTasks(ctx, f.officer, "dau tu", f.plan, 9, 20)
	if err != nil || res.Page != 1 || res.Total != 2 || res.Plan == nil || res.Plan.ID != f.plan {
		t.Errorf("in the fixture's plan: %+v (%v)", res, err)
	}
	if res, err := f.app.SearchTasks(ctx, f.officer, " ", f.plan, 1, 20); err != nil || res.Total != 0 || res.Plan == nil {
		t.Errorf("an empty query: %+v (%v)", res, err)
	}
	if _, err := f.app.SearchTasks(ctx, f.officer, "dau tu", 999999, 1, 20); !errors.Is(err, derrors.NotFound) {
		t.Errorf("an unknown plan: %v, want NotFound", err)
	}
}

// TestReadTaskRecord: a task's record shows only the extension requests
// the reader may see, and the decisions that changed the task.
func TestReadTaskRecord(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var err error
	if err := f.app.AmendPlan(ctx, f.coordinator, &plan.Amendment{PlanID: f.plan, Number: "5/QĐ", Effective: plan.Date(2025, 7, 1)},
		nil, []plan.TaskEdit{edit(f.task2, plan.TaskChange{Product: ptr("Đề án")})}, nil); err != nil {
		t.Fatal(err)
	}
	req := &reporting.Extension{TaskID: f.task2, Kind: reporting.ExtendDeadline, Reason: "Chờ hướng dẫn của Bộ.",
		DeadlineText: "Quý IV/2025"}
	if req.Deadline, err = plan.ParseDeadline(req.DeadlineText); err != nil {
		t.Fatal(err)
	}
	if err := f.store.RequestExtension(ctx, reporting.Actor{User: f.officer, Now: testNow}, req); err != nil {
		t.Fatal(err)
	}

	tk, p, sec, err := f.app.TaskInPlan(ctx, f.officer, f.task2)
	if err != nil || p.ID != f.plan || sec.ID != f.group2 {
		t.Fatalf("task 2 in plan %v section %v (%v)", p, sec, err)
	}
	rec, err := f.app.ReadTaskRecord(ctx, f.officer, tk)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.History) != 1 || rec.History[0].Decision != "5/QĐ" || len(rec.Extensions) != 1 || len(rec.Audit) < 2 {
		t.Errorf("officer of Sở Tài chính: history %+v, %d requests, %d audit lines", rec.History, len(rec.Extensions), len(rec.Audit))
	}
	rec, err = f.app.ReadTaskRecord(ctx, f.otherHead, tk)
	if err != nil || len(rec.Extensions) != 0 {
		t.Errorf("head of Sở Nội vụ sees %d requests of Sở Tài chính (%v), want none", len(rec.Extensions), err)
	}
	if _, err := f.app.TaskHistory(ctx, f.officer, 999999); !errors.Is(err, derrors.NotFound) {
		t.Errorf("history of an unknown task: %v, want NotFound", err)
	}
	if _, _, _, err := f.app.EditableTask(ctx, f.officer, f.task2); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("an officer opens the edit form: %v, want Forbidden", err)
	}
	if _, _, _, err := f.app.TaskInPlan(ctx, &auth.User{ID: 1, Role: auth.Role("x")}, f.task2); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a user of no role reads a task: %v, want Forbidden", err)
	}
}
