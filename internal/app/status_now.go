package app

import (
	"context"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// StatusNow is what the statuses of plan planID's tasks depend on today
// (plan.Now: the day, the regime's due-soon window, the current reporting
// period). Every use case that returns tasks for a surface to show with
// their status returns it too, so that every surface judges each task by
// plan.StatusNow on the same basis as the dashboard.
func (a *App) StatusNow(ctx context.Context, by *auth.User, planID int64) (plan.Now, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return plan.Now{}, err
	}
	return a.statusNow(ctx, planID, a.Today())
}

// statusNow is StatusNow on day, without the permission check: one query
// in the usual case (store.PeriodsAround); the plan's periods are
// generated when it has none yet, or when day is past the last one.
func (a *App) statusNow(ctx context.Context, planID int64, day time.Time) (plan.Now, error) {
	list, dueSoon, err := a.store.PeriodsAround(ctx, planID, day)
	if err != nil {
		return plan.Now{}, err
	}
	if len(list) == 0 || day.After(list[len(list)-1].End) {
		if list, err = a.store.Periods(ctx, planID); err != nil {
			return plan.Now{}, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
		}
		r, err := a.store.Regime(ctx, planID)
		if err != nil {
			return plan.Now{}, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
		}
		dueSoon = r.DueSoonDays
	}
	return reporting.NowOf(list, day, dueSoon), nil
}
