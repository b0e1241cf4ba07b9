package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"tiendo/internal/agency"

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
// figures on the period's day (officialreport.AsOf: today while the period
// runs, its last day once ended, never after the report's date) with the
// plan's settings, what the agencies' accepted reports of the period say,
// and the coordinator's saved draft brought in line with the plan's groups
// or, never saved, the first draft, issued by the coordinator's agency
// (officialIssuer).
//
// A period that is not the plan's is Invalid (field "period"); a plan
// without periods yet is NotFound, as is an unknown plan.
func (a *App) OfficialReport(ctx context.Context, by *auth.User, planID, periodID int64) (_ *officialreport.Report, err error) {
	defer derrors.Wrap(&err, "app.OfficialReport(plan %d, period %d)", planID, periodID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	today := a.Today()
	pf, err := a.computeFigures(ctx, planID, periodID, today)
	var pe *PeriodError
	if errors.As(err, &pe) {
		return nil, derrors.InvalidFields(map[string]string{"period": "Kỳ báo cáo này không thuộc kế hoạch."}, pe.Error())
	}
	if err != nil {
		return nil, err
	}
	period := pf.Dashboard.Period
	saved, err := a.store.OfficialReport(ctx, planID, period.ID)
	switch {
	case errors.Is(err, derrors.NotFound):
		saved = nil // never saved: the first draft
	case err != nil:
		return nil, err
	}
	var dated time.Time
	if saved != nil {
		dated = saved.Date
	}
	if asOf := officialreport.AsOf(period, today, dated); !asOf.Equal(pf.Dashboard.AsOf) {
		if pf, err = a.computeFigures(ctx, planID, period.ID, asOf); err != nil {
			return nil, err
		}
	}
	facts, dash := pf.Facts, pf.Dashboard
	acc, err := a.store.OfficialReportSources(ctx, planID, period.ID)
	if err != nil {
		return nil, err
	}
	issuing, names, err := a.officialIssuer(ctx, by)
	if err != nil {
		return nil, err
	}
	issuing.Today = today
	return &officialreport.Report{Facts: facts, Figures: dash, Accepted: acc,
		Draft: officialreport.Current(saved, facts, dash, acc, issuing), IssuerNames: names, Created: a.Now()}, nil
}

// officialIssuer is who issues the official report: the coordinator's
// agency — by's own when by is a coordinator with one, else that of the
// first active coordinator account that has one —, its People's Committee
// (the first ancestor of the province's kind), the name of its head when
// exactly one active head account has a name, and the agency's other
// names. No coordinator's agency: the plan's issuer issues it (a zero
// Issuing).
func (a *App) officialIssuer(ctx context.Context, by *auth.User) (officialreport.Issuing, []string, error) {
	var is officialreport.Issuing
	users, err := a.store.Users(ctx)
	if err != nil {
		return is, nil, err
	}
	id := int64(0)
	if by != nil && by.Role == auth.RoleCoordinator {
		id = by.AgencyID
	}
	for _, u := range users {
		if id == 0 && u.Role == auth.RoleCoordinator && !u.Disabled && u.AgencyID != 0 {
			id = u.AgencyID
		}
	}
	if id == 0 {
		return is, nil, nil
	}
	agencies, err := a.store.Agencies(ctx)
	if err != nil {
		return is, nil, err
	}
	byID := make(map[int64]*agency.Agency, len(agencies))
	for i := range agencies {
		byID[agencies[i].ID] = &agencies[i]
	}
	if is.Agency = byID[id]; is.Agency == nil {
		return officialreport.Issuing{}, nil, nil
	}
	for p, n := byID[is.Agency.ParentID], 0; p != nil && n < len(agencies); p, n = byID[p.ParentID], n+1 {
		if p.Kind == agency.KindProvince {
			is.Parent = p
			break
		}
	}
	var heads []string
	for _, u := range users {
		if u.Role == auth.RoleHead && u.AgencyID == id && !u.Disabled && strings.TrimSpace(u.FullName) != "" {
			heads = append(heads, strings.TrimSpace(u.FullName))
		}
	}
	if len(heads) == 1 {
		is.Signer = heads[0]
	}
	names := append([]string{is.Agency.ShortName}, is.Agency.Aliases...)
	return is, names, nil
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
