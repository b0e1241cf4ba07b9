package app

import (
	"context"
	"errors"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/figures"
)

// PlanFigureSettings reads plan planID's figure settings (Version 0: the
// defaults).
func (a *App) PlanFigureSettings(ctx context.Context, by *auth.User, planID int64) (*figures.Settings, error) {
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	s, err := a.store.FigureSettings(ctx, planID)
	return s, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
}

// SaveFigureSettings sets plan planID's indicator thresholds and
// early-warning lag (s's other fields are ignored), for editors; every
// figure of the plan is computed with them from then on. version is the
// version the person read (0: the defaults); when someone saved since,
// the answer is a Conflict and nothing is written. Settings that break
// figures.Settings.Validate are Invalid, each problem beside its field.
// Returns the new version.
func (a *App) SaveFigureSettings(ctx context.Context, by *auth.User, planID int64, s figures.Settings, version int) (_ int, err error) {
	defer derrors.Wrap(&err, "app.SaveFigureSettings(plan %d)", planID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return 0, err
	}
	if _, err := a.Plan(ctx, planID); err != nil {
		return 0, err
	}
	if fe := s.Validate(); fe != nil {
		return 0, derrors.InvalidFields(fe, "")
	}
	v, err := a.store.SaveFigureSettings(ctx, userID(by), planID, s, version)
	switch {
	case errors.Is(err, derrors.Conflict):
		return 0, derrors.New(derrors.Conflict, "Người khác vừa lưu ngưỡng đánh giá của kế hoạch này.")
	case err != nil:
		return 0, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
	}
	return v, nil
}
