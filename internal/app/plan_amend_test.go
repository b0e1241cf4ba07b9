package app_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"tiendo/internal/derrors"
	"tiendo/internal/plan"
)

// edit is an amendment's change of task id.
func edit(id int64, c plan.TaskChange) plan.TaskEdit { return plan.TaskEdit{TaskID: id, TaskChange: c} }

func TestAmendPlan(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	day := plan.Date(2025, 7, 1)
	am := func(number string) *plan.Amendment {
		return &plan.Amendment{PlanID: f.plan, Number: number, Effective: day}
	}

	// One decision adds a task, moves a deadline and removes a task.
	a := am("  301/QĐ-UBND ")
	err := f.app.AmendPlan(ctx, f.coordinator, a,
		[]plan.TaskChange{{SectionID: ptr(f.group1), Text: ptr("Ban hành quy chế quản lý dữ liệu."), LeadAgencyID: ptr(f.noivu)}},
		[]plan.TaskEdit{edit(f.task1, plan.TaskChange{DeadlineText: ptr("Quý IV/2025")})}, []int64{f.t3})
	if err != nil {
		t.Fatal(err)
	}
	if a.Number != "301/QĐ-UBND" || len(a.Added) != 1 || !slices.Equal(a.Changed, []int64{f.task1}) ||
		!slices.Equal(a.Removed, []int64{f.t3}) {
		t.Errorf("recorded %+v", a)
	}
	t1, _ := f.store.Task(ctx, f.task1)
	if t1.Deadline.Text != "Quý IV/2025" || !t1.Deadline.Due.Equal(plan.Date(2025, 12, 31)) {
		t.Errorf("task 1 due %q %v, want Quý IV/2025", t1.Deadline.Text, t1.Deadline.Due)
	}

	// The decision's own rules, every problem at once, nothing recorded.
	err = f.app.AmendPlan(ctx, f.coordinator, &plan.Amendment{PlanID: f.plan}, nil, nil, nil)
	if fe := derrors.FieldsOf(err); !errors.Is(err, derrors.Invalid) || fe["number"] == "" || fe["effective"] == "" || fe["add"] == "" {
		t.Errorf("an empty decision: %v", err)
	}
	err = f.app.AmendPlan(ctx, f.coordinator, am("302/QĐ"), nil, []plan.TaskEdit{
		edit(f.task2, plan.TaskChange{Product: ptr("a")}), edit(f.task2, plan.TaskChange{Product: ptr("b")}),
		edit(f.task1, plan.TaskChange{Product: ptr("c")})}, []int64{f.task1})
	if fe := derrors.FieldsOf(err); fe["change.1.task_id"] == "" || fe["change.2.task_id"] == "" || fe["change.0.task_id"] != "" {
		t.Errorf("changed twice, changed and removed: %v", err)
	}

	// Each change is checked as an edit of the task is, and must change something.
	for name, c := range map[string]struct {
		edit  plan.TaskEdit
		field string
	}{
		"unknown task":    {edit(999999, plan.TaskChange{Product: ptr("x")}), "change.0.task_id"},
		"bad deadline":    {edit(f.task1, plan.TaskChange{DeadlineText: ptr("sớm nhất có thể")}), "change.0.deadline_text"},
		"unknown agency":  {edit(f.task1, plan.TaskChange{LeadAgencyID: ptr(int64(999999))}), "change.0.lead_agency_id"},
		"ended agency":    {edit(f.task1, plan.TaskChange{LeadAgencyID: ptr(f.ended)}), "change.0.lead_agency_id"},
		"nothing changes": {edit(f.task2, plan.TaskChange{Product: ptr("")}), "change.0.task_id"},
		"empty text":      {edit(f.task1, plan.TaskChange{Text: ptr("  ")}), "change.0.text"},
		"lead also coop":  {edit(f.task2, plan.TaskChange{CooperatingAgencyIDs: ptr([]int64{f.taichinh})}), "change.0.cooperating_agency_ids"},
	} {
		err := f.app.AmendPlan(ctx, f.coordinator, am("303/QĐ"), nil, []plan.TaskEdit{c.edit}, nil)
		if fe := derrors.FieldsOf(err); !errors.Is(err, derrors.Invalid) || fe[c.field] == "" {
			t.Errorf("%s: %v, want a message for %s", name, err, c.field)
		}
	}
	err = f.app.AmendPlan(ctx, f.coordinator, am("304/QĐ"), []plan.TaskChange{{Text: ptr("Không có mục.")}}, nil, nil)
	if fe := derrors.FieldsOf(err); fe["add.0.section_id"] == "" {
		t.Errorf("a task added without its section: %v", err)
	}

	// What only the stored plan knows: a task removed already, a change
	// effective before the last one.
	err = f.app.AmendPlan(ctx, f.coordinator, am("305/QĐ"), nil, nil, []int64{f.t3})
	if fe := derrors.FieldsOf(err); !strings.Contains(fe["remove.0"], "đã bị bãi bỏ") {
		t.Errorf("removing a removed task: %v", err)
	}
	early := &plan.Amendment{PlanID: f.plan, Number: "306/QĐ", Effective: plan.Date(2025, 6, 1)}
	err = f.app.AmendPlan(ctx, f.coordinator, early, nil, []plan.TaskEdit{edit(f.task1, plan.TaskChange{Product: ptr("x")})}, nil)
	if fe := derrors.FieldsOf(err); !strings.Contains(fe["change.0.task_id"], "01/07/2025") {
		t.Errorf("a change effective before the last one: %v", err)
	}
	if list, _ := f.store.PlanAmendments(ctx, f.plan); len(list) != 1 {
		t.Errorf("%d amendments recorded, want the first only", len(list))
	}

	// Only editors amend, and only a plan in use.
	if err := f.app.AmendPlan(ctx, f.officer, am("307/QĐ"), nil, nil, []int64{f.task2}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("an officer amends: %v, want Forbidden", err)
	}
	p, _ := f.store.Plan(ctx, f.plan)
	p.Status = plan.PlanClosed
	if err := f.store.UpdatePlan(ctx, 0, p); err != nil {
		t.Fatal(err)
	}
	if err := f.app.AmendPlan(ctx, f.coordinator, am("308/QĐ"), nil, nil, []int64{f.task2}); !errors.Is(err, derrors.ReadOnly) {
		t.Errorf("a closed plan: %v, want ReadOnly", err)
	}
	if _, err := f.app.ReadAmendmentBasis(ctx, f.coordinator, f.plan); !errors.Is(err, derrors.ReadOnly) {
		t.Errorf("the form of a closed plan: %v, want ReadOnly", err)
	}
}

// TestReadAmendmentBasis: the form offers the sections holding tasks and
// the tasks in the plan now.
func TestReadAmendmentBasis(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.app.AmendPlan(ctx, f.coordinator, &plan.Amendment{PlanID: f.plan, Number: "1/QĐ", Effective: plan.Date(2025, 7, 1)},
		nil, nil, []int64{f.t3}); err != nil {
		t.Fatal(err)
	}
	b, err := f.app.ReadAmendmentBasis(ctx, f.coordinator, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	var tasks []int64
	for _, tk := range b.Tasks {
		tasks = append(tasks, tk.ID)
	}
	if len(b.Sections) != 3 || !slices.Equal(tasks, []int64{f.task1, f.task2}) {
		t.Errorf("sections %d, tasks %v; want 3 and the tasks 1 and 2", len(b.Sections), tasks)
	}
	if _, err := f.app.ReadAmendmentBasis(ctx, f.leader, f.plan); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a leader opens the form: %v, want Forbidden", err)
	}
}
