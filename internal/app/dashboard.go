package app

import (
	"context"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// NamedDashboard is a plan's dashboard with what people need to read it:
// the plan, its periods, the agencies and the titles of the tasks it
// lists — but not every task and claim of the plan, which the dashboard
// page does not show (PlanFigures reads them).
type NamedDashboard struct {
	Plan     *plan.Plan
	Periods  []reporting.Period
	Agencies []agency.Agency
	// Figures come from the cache and are shared with other readers:
	// callers must not change them.
	Figures  *figures.Dashboard
	Settings *figures.Settings
	// TaskTitles are the titles of the overdue and early-warning tasks
	// that have none of their own (their Title is ""): the start of their
	// text.
	TaskTitles map[int64]string
}

// NamedPlanDashboard reads plan planID's dashboard through the figure
// cache (PlanDashboard) with the names around it.
func (a *App) NamedPlanDashboard(ctx context.Context, by *auth.User, planID, periodID int64, asOf time.Time) (_ *NamedDashboard, err error) {
	defer derrors.Wrap(&err, "app.NamedPlanDashboard(plan %d)", planID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	d, s, err := a.cachedDashboard(ctx, planID, periodID, asOf)
	if err != nil {
		return nil, err
	}
	x := &NamedDashboard{Figures: d, Settings: s, TaskTitles: map[int64]string{}}
	if x.Plan, err = a.Plan(ctx, planID); err != nil {
		return nil, err
	}
	if x.Periods, err = a.store.Periods(ctx, planID); err != nil {
		return nil, err
	}
	if x.Agencies, err = a.store.Agencies(ctx); err != nil {
		return nil, err
	}
	untitled := map[int64]bool{}
	for _, o := range d.Overdue {
		untitled[o.TaskID] = untitled[o.TaskID] || o.Title == ""
	}
	for _, w := range d.EarlyWarning {
		untitled[w.TaskID] = untitled[w.TaskID] || w.Title == ""
	}
	for id, need := range untitled {
		if !need {
			continue
		}
		t, err := a.store.Task(ctx, id)
		if err != nil {
			return nil, err
		}
		x.TaskTitles[id] = plan.TitleFromText(t.Text)
	}
	return x, nil
}
