package app

import (
	"context"
	"errors"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// A plan's reporting regime (chế độ báo cáo): how often its agencies
// report, when reports are due, the data cut-off and the reminders. The
// plan's periods are generated from it and regenerated on every save.

// regimePreviewCount is how many periods a preview of a regime lists.
const regimePreviewCount = 4

// ReportingRegime reads plan planID's reporting regime: the saved one, or
// the defaults (Version 0) with the plan's own rule sentence.
func (a *App) ReportingRegime(ctx context.Context, by *auth.User, planID int64) (_ *reporting.Regime, err error) {
	defer derrors.Wrap(&err, "app.ReportingRegime(%d)", planID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	r, err := a.store.Regime(ctx, planID)
	return r, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
}

// SaveReportingRegime saves r as its plan's regime and regenerates the
// plan's periods from it, in one transaction: periods of another
// frequency that hold no report are dropped, the others take the new due
// days and cut-offs. r is normalised and checked first
// (reporting.Regime.Check; problems are Invalid, one message per field).
// r.Version is the version the person read (0: the defaults): when someone
// saved since, the answer is a Conflict and nothing is written. On success
// r carries the new version.
func (a *App) SaveReportingRegime(ctx context.Context, by *auth.User, r *reporting.Regime) (err error) {
	defer derrors.Wrap(&err, "app.SaveReportingRegime(plan %d)", r.PlanID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return err
	}
	if _, err := a.Plan(ctx, r.PlanID); err != nil {
		return err
	}
	if fe := r.Check(); fe != nil {
		return derrors.InvalidFields(fe, "")
	}
	err = a.store.SaveRegime(ctx, userID(by), r)
	if errors.Is(err, derrors.Conflict) {
		return derrors.New(derrors.Conflict, "Người khác vừa lưu chế độ báo cáo của kế hoạch này; hãy tải lại để xem bản mới rồi sửa tiếp.")
	}
	return err
}

// RegimePreview lists the first periods regime r gives plan p from today
// (or from the plan's issue day, when it starts later), the current one
// marked: what saving r would give, before it is saved.
func (a *App) RegimePreview(p *plan.Plan, r reporting.Regime) []reporting.PeriodPreview {
	return reporting.Preview(r, p.IssuedOn, a.Today(), regimePreviewCount)
}
