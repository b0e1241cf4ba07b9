package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"tiendo/internal/derrors"
	"tiendo/internal/plan"
)

func TestUpdateTask(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	// A new text stores the documents it cites.
	got, err := f.app.UpdateTask(ctx, f.coordinator, f.task1,
		plan.TaskChange{Text: ptr("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.References) != 1 || got.References[0].Number != "57-NQ/TW" {
		t.Errorf("references %+v, want 57-NQ/TW", got.References)
	}
	stored, _ := f.store.Task(ctx, f.task1)
	if len(stored.References) != 1 {
		t.Errorf("stored references %+v", stored.References)
	}

	// A stale version is a Conflict and changes nothing.
	_, err = f.app.UpdateTask(ctx, f.coordinator, f.task1, plan.TaskChange{Product: ptr("Báo cáo")}, []int{1})
	if !errors.Is(err, derrors.Conflict) {
		t.Errorf("stale version: %v, want Conflict", err)
	}

	// An ended agency is refused beside its field; an unchanged one is not.
	_, err = f.app.UpdateTask(ctx, f.coordinator, f.task1, plan.TaskChange{LeadAgencyID: ptr(f.ended)}, nil)
	if fe := derrors.FieldsOf(err); !errors.Is(err, derrors.Invalid) || fe["lead_agency_id"] == "" {
		t.Errorf("ended lead: %v", err)
	}

	// Only editors may edit.
	_, err = f.app.UpdateTask(ctx, f.officer, f.task1, plan.TaskChange{Product: ptr("x")}, nil)
	if !errors.Is(err, derrors.Forbidden) {
		t.Errorf("officer edits: %v, want Forbidden", err)
	}
}

func TestCreateTask(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.app.CreateTask(ctx, f.coordinator, f.plan, plan.TaskChange{Text: ptr("Nhiệm vụ mới.")})
	if fe := derrors.FieldsOf(err); fe["section_id"] == "" {
		t.Errorf("no section: %v", err)
	}
	tk, err := f.app.CreateTask(ctx, f.coordinator, f.plan, plan.TaskChange{SectionID: ptr(f.group2),
		Text: ptr("Triển khai Kế hoạch số 60/KH-UBND ngày 10/4/2025 về chuyển đổi số."), LeadAgencyID: ptr(f.noivu)})
	if err != nil {
		t.Fatal(err)
	}
	if tk.ID == 0 || len(tk.References) != 1 {
		t.Errorf("created %+v", tk)
	}
}

// TestUpdateTaskPlanState: the plan's state comes with the task's read
// and the plan is read only to name it when it refuses. A closed or
// replaced plan refuses every edit, an empty one too, with its name; a
// stale version is still a Conflict first; once in use again, the edit
// goes through.
func TestUpdateTaskPlanState(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p, err := f.store.Plan(ctx, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	setStatus := func(s plan.PlanStatus) {
		t.Helper()
		p, err := f.store.Plan(ctx, f.plan)
		if err != nil {
			t.Fatal(err)
		}
		p.Status = s
		if err := f.store.UpdatePlan(ctx, 0, p); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []plan.PlanStatus{plan.PlanClosed, plan.PlanReplaced} {
		setStatus(s)
		for _, c := range []plan.TaskChange{{Product: ptr("Báo cáo")}, {}} {
			_, err := f.app.UpdateTask(ctx, f.coordinator, f.task1, c, nil)
			if !errors.Is(err, derrors.ReadOnly) || !strings.Contains(derrors.MessageOf(err), p.Name()) {
				t.Errorf("%s plan, change %+v: %v, want ReadOnly naming %q", s, c, err, p.Name())
			}
		}
		_, err = f.app.UpdateTask(ctx, f.coordinator, f.task1, plan.TaskChange{Product: ptr("Báo cáo")}, []int{99})
		if !errors.Is(err, derrors.Conflict) {
			t.Errorf("%s plan, stale version: %v, want Conflict", s, err)
		}
	}
	setStatus(plan.PlanActive)
	got, err := f.app.UpdateTask(ctx, f.coordinator, f.task1, plan.TaskChange{Product: ptr("Báo cáo")}, nil)
	if err != nil || got.Product != "Báo cáo" {
		t.Errorf("active again: %+v, %v", got, err)
	}
	if _, err := f.app.UpdateTask(ctx, f.coordinator, 99999, plan.TaskChange{}, nil); !errors.Is(err, derrors.NotFound) {
		t.Errorf("missing task: %v, want NotFound", err)
	}
}
