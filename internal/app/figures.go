package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/figcache"
	"tiendo/internal/figures"
)

// A plan's figures are computed in one place (figures.Compute) over its
// facts (store.Facts) with its settings (thresholds, warning lag). The use
// cases below are the only readers of the settings for that purpose, so
// that a dashboard, its lists and downloads, the official report and the
// open data cannot be computed with different ones: PlanDashboard through
// the cache, PlanFigures with the facts themselves (figcache.Compute, the
// cache's own uncached path).

// PlanFigures is a plan's figures for one period on one day with all they
// were computed from: every fact of the plan (its tasks, claims, reports,
// agencies…) and its settings. The drill-down lists, the downloads, an
// agency's page and the open data read it; the figures alone are cheaper
// through PlanDashboard.
type PlanFigures struct {
	Facts     *figures.Facts
	Dashboard *figures.Dashboard
	Settings  *figures.Settings
}

// InPeriod computes the figures of another period of the plan on the same
// day, from the same facts and settings.
func (f *PlanFigures) InPeriod(periodID int64) (*figures.Dashboard, error) {
	if periodID == f.Dashboard.Period.ID {
		return f.Dashboard, nil
	}
	return figures.Compute(f.Facts, f.Settings.Options(figures.Options{PeriodID: periodID, AsOf: f.Dashboard.AsOf}))
}

// PeriodError is a period asked for that is not one of the plan's: there
// is nothing at that address (a NotFound). The API answers it as a bad
// parameter.
type PeriodError struct {
	PlanID, PeriodID int64
}

func (e *PeriodError) Error() string {
	return fmt.Sprintf("Kỳ báo cáo mã %d không thuộc kế hoạch mã %d.", e.PeriodID, e.PlanID)
}

// Unwrap makes a PeriodError a NotFound.
func (e *PeriodError) Unwrap() error { return derrors.NotFound }

// PlanFigures computes plan planID's figures for period periodID (0: the
// period containing asOf, else the last one started by then) on day asOf
// (zero: today), with the plan's settings, and returns them with the
// facts. A plan without a reporting period has no figures yet (NotFound
// saying so); a period of another plan is a *PeriodError.
func (a *App) PlanFigures(ctx context.Context, by *auth.User, planID, periodID int64, asOf time.Time) (_ *PlanFigures, err error) {
	defer derrors.Wrap(&err, "app.PlanFigures(plan %d)", planID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	return a.computeFigures(ctx, planID, periodID, asOf)
}

// computeFigures is PlanFigures without the person: open data reads it too.
func (a *App) computeFigures(ctx context.Context, planID, periodID int64, asOf time.Time) (*PlanFigures, error) {
	o, s, err := a.figureOptions(ctx, planID, periodID, asOf)
	if err != nil {
		return nil, err
	}
	f, d, err := figcache.Compute(ctx, a.store, planID, o)
	if err != nil {
		return nil, figuresError(err, planID, periodID)
	}
	return &PlanFigures{Facts: f, Dashboard: d, Settings: s}, nil
}

// PlanDashboard is plan planID's figures as PlanFigures computes them,
// read through the figure cache: a version check when nothing changed.
// The dashboard is shared with other readers: callers must not change it.
func (a *App) PlanDashboard(ctx context.Context, by *auth.User, planID, periodID int64, asOf time.Time) (_ *figures.Dashboard, err error) {
	defer derrors.Wrap(&err, "app.PlanDashboard(plan %d)", planID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	d, _, err := a.cachedDashboard(ctx, planID, periodID, asOf)
	return d, err
}

// cachedDashboard reads the plan's settings and asks the cache with them.
func (a *App) cachedDashboard(ctx context.Context, planID, periodID int64, asOf time.Time) (*figures.Dashboard, *figures.Settings, error) {
	o, s, err := a.figureOptions(ctx, planID, periodID, asOf)
	if err != nil {
		return nil, nil, err
	}
	d, err := a.figs.Dashboard(ctx, planID, o)
	if err != nil {
		return nil, nil, figuresError(err, planID, periodID)
	}
	return d, s, nil
}

// figureOptions reads the plan's settings and returns the options its
// figures for periodID on asOf (zero: today) are computed with.
func (a *App) figureOptions(ctx context.Context, planID, periodID int64, asOf time.Time) (figures.Options, *figures.Settings, error) {
	if asOf.IsZero() {
		asOf = a.Today()
	}
	s, err := a.store.FigureSettings(ctx, planID)
	if err != nil {
		return figures.Options{}, nil, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
	}
	return s.Options(figures.Options{PeriodID: periodID, AsOf: asOf}), s, nil
}

// figuresError words the failures of computing a plan's figures.
func figuresError(err error, planID, periodID int64) error {
	switch {
	case errors.Is(err, figures.ErrNoPeriod) && periodID != 0:
		return &PeriodError{PlanID: planID, PeriodID: periodID}
	case errors.Is(err, figures.ErrNoPeriod):
		return derrors.New(derrors.NotFound, "Kế hoạch mã %d chưa có kỳ báo cáo, nên chưa có số liệu.", planID)
	}
	return notFoundAs(err, "Không có kế hoạch mã %d.", planID)
}
