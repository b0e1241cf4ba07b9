package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"tiendo/internal/derrors"
	"tiendo/internal/plan"
)

// newerPlan stores a plan rewording two of the fixture's tasks (1 and 3)
// and adding one, and returns it with its tasks' IDs.
func newerPlan(t *testing.T, f *fixture) (int64, []int64) {
	t.Helper()
	d := &plan.Draft{Plan: plan.Plan{Code: "71/KH-UBND", Title: "Kế hoạch thay thế", Status: plan.PlanActive},
		Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "III", Label: "III",
			Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}},
		Tasks: []plan.DraftTask{
			{Task: plan.Task{Text: "Tiếp tục rà soát cơ chế thu hút đầu tư cho khoa học, công nghệ."}},
			{Task: plan.Task{Text: "Đầu tư hạ tầng số dùng chung của tỉnh giai đoạn mới."}},
			{Task: plan.Task{Text: "Thành lập trung tâm đổi mới sáng tạo."}},
		}}
	id, err := f.store.CreatePlan(context.Background(), 0, d)
	if err != nil {
		t.Fatal(err)
	}
	return id, []int64{d.Tasks[0].ID, d.Tasks[1].ID, d.Tasks[2].ID}
}

func TestReplacePlan(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	newID, nt := newerPlan(t, f)

	p, others, err := f.app.ReplaceablePlans(ctx, f.coordinator, newID)
	if err != nil || p.ID != newID || len(others) != 1 || others[0].ID != f.plan {
		t.Fatalf("replaceable: %v %+v (%v)", p, others, err)
	}
	prop, err := f.app.ProposeReplacement(ctx, f.coordinator, newID, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	proposed := map[int64]int64{}
	for _, r := range prop.Rows {
		if r.New != nil {
			proposed[r.Old.ID] = r.New.ID
		}
	}
	if len(prop.Rows) != 3 || len(proposed) != 2 || proposed[f.task1] != nt[0] || proposed[f.t3] != nt[1] {
		t.Errorf("proposed %v over %d rows; want task 1 → %d, task 3 → %d", proposed, len(prop.Rows), nt[0], nt[1])
	}
	if _, err := f.app.ProposeReplacement(ctx, f.coordinator, newID, 999999); !errors.Is(err, derrors.NotFound) ||
		!strings.Contains(derrors.MessageOf(err), "999999") {
		t.Errorf("an unknown plan: %v", err)
	}

	// A dry run says what would happen and keeps nothing.
	res, err := f.app.ReplacePlan(ctx, f.coordinator, newID, f.plan, proposed, true)
	if err != nil || len(res.Carried) != 2 || len(res.Left) != 1 || res.Left[0] != f.task2 {
		t.Fatalf("dry run %+v (%v); want 2 carried, task 2 left", res, err)
	}
	if old, _ := f.store.Plan(ctx, f.plan); old.Status != plan.PlanActive {
		t.Error("the dry run replaced the plan")
	}

	// Refusals, in words naming what is wrong.
	for name, c := range map[string]struct {
		newID, oldID int64
		carry        map[int64]int64
		field, words string
	}{
		"itself":        {f.plan, f.plan, nil, "replaces", "chính nó"},
		"no old plan":   {newID, 999999, nil, "replaces", "999999"},
		"two into one":  {newID, f.plan, map[int64]int64{f.task1: nt[0], f.t3: nt[0]}, "tasks", "mỗi nhiệm vụ mới"},
		"not a new one": {newID, f.plan, map[int64]int64{f.task1: f.task2}, "tasks", "không thuộc kế hoạch mới"},
	} {
		_, err := f.app.ReplacePlan(ctx, f.coordinator, c.newID, c.oldID, c.carry, false)
		if fe := derrors.FieldsOf(err); !errors.Is(err, derrors.Invalid) || !strings.Contains(fe[c.field], c.words) {
			t.Errorf("%s: %v, want %q under %s", name, err, c.words, c.field)
		}
	}
	if _, err := f.app.ReplacePlan(ctx, f.head, newID, f.plan, proposed, false); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a head replaces a plan: %v, want Forbidden", err)
	}

	if _, err := f.app.ReplacePlan(ctx, f.coordinator, newID, f.plan, proposed, false); err != nil {
		t.Fatal(err)
	}
	o, err := f.app.ReadPlanOutline(ctx, f.leader, f.plan)
	if err != nil || o.Plan.Status != plan.PlanReplaced || o.ReplacedBy == nil || o.ReplacedBy.ID != newID {
		t.Errorf("the old plan's outline: %+v (%v), want replaced by %d", o, err, newID)
	}
	rec, err := f.app.ReadTaskRecord(ctx, f.leader, mustTask(t, f, nt[0]))
	if err != nil || rec.Carry == nil || len(rec.Carry.From) != 1 || rec.Carry.From[0].TaskID != f.task1 {
		t.Errorf("the new task continues %+v (%v), want task 1", rec, err)
	}
	_, err = f.app.ReplacePlan(ctx, f.coordinator, newID, f.plan, nil, true)
	if fe := derrors.FieldsOf(err); !strings.Contains(fe["replaces"], "60/KH-UBND") {
		t.Errorf("replacing a replaced plan: %v", err)
	}
}

// mustTask reads task id.
func mustTask(t *testing.T, f *fixture, id int64) *plan.Task {
	t.Helper()
	tk, err := f.store.Task(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}
