package app

import (
	"context"
	"errors"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/officialreport"
)

// The official report (báo cáo tổng hợp) of a plan for a period: everyone
// who reads the plan downloads it (.docx and appendix .xlsx, composed by
// officialreport/render); the coordinator edits its narrative. The figures
// are never stored with it: they are computed again at every read, so the
// report cannot quote a number the dashboard no longer shows.

// OfficialReport builds the official report of plan planID for period
// periodID (0: the period holding today, else the plan's nearest): the
// figures of today with the plan's settings, what the agencies' accepted
// reports of the period say, and the coordinator's saved draft brought in
// line with the plan's groups or, never saved, the first draft.
//
// A period that is not the plan's is Invalid (field "period"); a plan
// without periods yet is NotFound, as is an unknown plan.
func (a *App) OfficialReport(ctx context.Context, by *auth.User, planID, periodID int64) (_ *officialreport.Report, err error) {
	defer derrors.Wrap(&err, "app.OfficialReport(plan %d, period %d)", planID, periodID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	pf, err := a.computeFigures(ctx, planID, periodID, a.Today())
	var pe *PeriodError
	if errors.As(err, &pe) {
		return nil, derrors.InvalidFields(map[string]string{"period": "Kỳ báo cáo này không thuộc kế hoạch."}, pe.Error())
	}
	if err != nil {
		return nil, err
	}
	facts, dash := pf.Facts, pf.Dashboard
	acc, err := a.store.OfficialReportSources(ctx, planID, dash.Period.ID)
	if err != nil {
		return nil, err
	}
	saved, err := a.store.OfficialReport(ctx, planID, dash.Period.ID)
	switch {
	case errors.Is(err, derrors.NotFound):
		saved = nil // never saved: the first draft
	case err != nil:
		return nil, err
	}
	return &officialreport.Report{Facts: facts, Figures: dash, Accepted: acc,
		Draft: officialreport.Current(saved, facts, dash, acc)}, nil
}

// SaveOfficialReport saves the coordinator's edit d of the official report
// of d.PlanID for d.PeriodID. d.Version is the version the person read (0:
// the first draft): when someone saved since, the answer is a Conflict and
// nothing is written. The draft is normalised and checked first
// (officialreport.Draft.Validate: a zero Date, e.g. one the edge could not
// read, is refused); problems are Invalid with one message per field. On
// success d carries the new version.
func (a *App) SaveOfficialReport(ctx context.Context, by *auth.User, d *officialreport.Draft) (err error) {
	defer derrors.Wrap(&err, "app.SaveOfficialReport(plan %d, period %d)", d.PlanID, d.PeriodID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return err
	}
	var ie *officialreport.InvalidError
	if err := d.Validate(); errors.As(err, &ie) {
		return derrors.InvalidFields(ie.Fields, "")
	} else if err != nil {
		return err
	}
	err = a.store.SaveOfficialReport(ctx, userID(by), d)
	switch {
	case errors.Is(err, derrors.Conflict):
		return derrors.New(derrors.Conflict, "Người khác vừa lưu báo cáo tổng hợp của kỳ này; hãy tải lại để xem bản mới rồi sửa tiếp.")
	case errors.Is(err, derrors.Reference):
		return derrors.New(derrors.Reference, "Kỳ báo cáo mã %d không thuộc kế hoạch mã %d.", d.PeriodID, d.PlanID)
	}
	return err
}
