package app_test

import (
	"context"
	"errors"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
)

// TestAgencyWork: on 01/09/2025 Sở Tài chính has quarter II's report late
// (due 10/06) and quarter III's to send (due 10/09), and its task due on
// 05/09 is due soon.
func TestAgencyWork(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	w, err := f.app.AgencyWork(ctx, f.head, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Due) != 2 || w.Due[0].Period.Label != "Quý II/2025" || !w.Due[0].Late() || w.Due[0].DaysToDue != -83 ||
		w.Due[1].Period.Label != "Quý III/2025" || w.Due[1].Late() || len(w.Returned)+len(w.Waiting) != 0 {
		t.Errorf("reports: due %+v, returned %+v, waiting %+v", w.Due, w.Returned, w.Waiting)
	}
	if len(w.Tasks) != 1 || w.Tasks[0].TaskID != f.task2 || w.Tasks[0].Status != plan.StatusDueSoon ||
		w.Tasks[0].DaysToDue != 4 || !w.Tasks[0].Lead {
		t.Errorf("tasks %+v", w.Tasks)
	}

	// Narrowed to another plan: nothing.
	other := otherPlan(t, f)
	if w, err := f.app.AgencyWork(ctx, f.officer, other); err != nil || len(w.Due)+len(w.Tasks) != 0 {
		t.Errorf("another plan: %+v, %v", w, err)
	}

	// Only an agency's people have an agency's work.
	for _, u := range []*auth.User{f.coordinator, f.leader, f.admin} {
		if _, err := f.app.AgencyWork(ctx, u, 0); !errors.Is(err, derrors.Forbidden) {
			t.Errorf("%s: %v, want Forbidden", u.Role, err)
		}
	}
}

// TestCoordinatorWork: the coordinator's view of quarter III, the choice
// of another period, and who may see every agency's figures.
func TestCoordinatorWork(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	pw, err := f.app.CoordinatorWork(ctx, f.coordinator, f.plan, 0)
	if err != nil {
		t.Fatal(err)
	}
	w := pw.Work
	if pw.Plan.ID != f.plan || w == nil || w.Period.Label != "Quý III/2025" || w.Totals.Expected != 2 ||
		len(w.Missing) != 2 || len(w.Waiting) != 0 || len(w.Agencies) != 2 || w.ToDate.Expected != 4 || !w.Open() {
		t.Fatalf("quarter III: %+v", w)
	}

	periods, err := f.app.Periods(ctx, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	q2 := periods[0]
	if pw, err := f.app.CoordinatorWork(ctx, f.admin, f.plan, q2.ID); err != nil || pw.Work.Period.ID != q2.ID || pw.Work.ToDate != pw.Work.Totals {
		t.Errorf("quarter II: %+v, %v", pw, err)
	}

	other := otherPlan(t, f)
	foreign, err := f.app.Periods(ctx, other)
	if err != nil || len(foreign) == 0 {
		t.Fatalf("other plan's periods: %v", err)
	}
	if _, err := f.app.CoordinatorWork(ctx, f.coordinator, f.plan, foreign[0].ID); !errors.Is(err, derrors.Invalid) || derrors.FieldsOf(err)["period"] == "" {
		t.Errorf("another plan's period: %v, want Invalid", err)
	}
	if _, err := f.app.CoordinatorWork(ctx, f.coordinator, f.plan, 999999); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unknown period: %v, want NotFound", err)
	}
	if _, err := f.app.CoordinatorWork(ctx, f.coordinator, 999999, 0); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unknown plan: %v, want NotFound", err)
	}
	if _, err := f.app.CoordinatorWork(ctx, f.head, f.plan, 0); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("an agency's head: %v, want Forbidden", err)
	}

	// The leaders' overview: every active plan; the one nobody reports in is not open.
	rows, err := f.app.ActivePlansWork(ctx, f.leader)
	if err != nil || len(rows) != 2 {
		t.Fatalf("overview: %+v, %v", rows, err)
	}
	for _, r := range rows {
		if r.Work == nil || r.Work.Open() != (r.Plan.ID == f.plan) {
			t.Errorf("overview of plan %d: %+v", r.Plan.ID, r.Work)
		}
	}
	if _, err := f.app.ActivePlansWork(ctx, f.officer); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("officer's overview: %v, want Forbidden", err)
	}
}

// TestCoordinatorDesk: the coordinator's page picks a plan and lists its
// started periods, newest first; it is the coordinator's and admin's only.
func TestCoordinatorDesk(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d, err := f.app.CoordinatorDesk(ctx, f.coordinator, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if d.Plan == nil || d.Plan.ID != f.plan || len(d.ActivePlans) != 1 || len(d.Started) != 2 ||
		d.Started[0].Label != "Quý III/2025" || d.Work == nil || d.Work.Period.ID != d.Started[0].ID || d.PendingExtensions != 0 {
		t.Errorf("desk %+v", d)
	}
	if _, err := f.app.CoordinatorDesk(ctx, f.coordinator, 999999, 0); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unknown plan: %v, want NotFound", err)
	}
	if _, err := f.app.CoordinatorDesk(ctx, f.coordinator, f.plan, 999999); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unknown period: %v, want NotFound", err)
	}
	if _, err := f.app.CoordinatorDesk(ctx, f.leader, 0, 0); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("leader: %v, want Forbidden", err)
	}
}

// otherPlan stores a second active plan, without tasks, and returns its ID.
func otherPlan(t *testing.T, f *fixture) int64 {
	t.Helper()
	d := &plan.Draft{Plan: plan.Plan{Code: "61/KH-UBND", Title: "Kế hoạch khác", IssuedOn: plan.Date(2025, 5, 1),
		Status: plan.PlanActive}}
	id, err := f.store.CreatePlan(context.Background(), 0, d)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
