package app

import (
	"context"
	"errors"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
)

// The reads of one report that every report page and endpoint starts
// from. Each checks reporting's rule (reporting.Can) for the person on the
// report as it is now; the store checks it again inside every write.

// msgNoReport names a report that does not exist.
const msgNoReport = "Không có báo cáo mã %d."

// Report reads report id whole (entries with the cooperating agencies'
// parts, contributions, values, file metadata) if by may read it.
func (a *App) Report(ctx context.Context, by *auth.User, id int64) (*reporting.Report, error) {
	return a.reportTo(ctx, by, id, reporting.ActView)
}

// CheckReportAction says whether by may take action act on report id now:
// nil, or the rule's refusal. An edge asks it before reading a large body
// (an upload), so that a refused request is not read at all.
func (a *App) CheckReportAction(ctx context.Context, by *auth.User, id int64, act reporting.Action) error {
	_, err := a.reportHeader(ctx, by, id, act)
	return err
}

// ReportVersion is report id's version now (every save moves it), for a
// form that keeps it to send with its next step.
func (a *App) ReportVersion(ctx context.Context, by *auth.User, id int64) (int, error) {
	rep, err := a.reportHeader(ctx, by, id, reporting.ActView)
	if err != nil {
		return 0, err
	}
	return rep.Version, nil
}

// AllowedOnReport lists what by may do to rep today: the buttons a page
// shows, the allowed_actions an answer lists.
func (a *App) AllowedOnReport(by *auth.User, rep *reporting.Report) []reporting.Action {
	return reporting.Allowed(by, rep, a.Today())
}

// PeriodReport is an agency's report for one period as a reader finds it:
// the report, or — none started yet — the period and whether the reader
// may start it.
type PeriodReport struct {
	Period   *reporting.Period
	AgencyID int64
	// Report is the current revision; nil when nothing was started yet.
	Report *reporting.Report
	// CanStart: no report yet, and by may start it now (StartReport): the
	// agency's head or officer, once the period has begun.
	CanStart bool
}

// PeriodReport finds an agency's report for period periodID without
// changing anything (a GET reads it): the report, or word that none was
// started yet; reporting.ErrNotExpected when the agency has nothing to
// report in the period. An agency's head and officers find their own
// agency's (agencyID is not theirs to choose); others name the agency. by
// must be allowed to read the report (or would be, once started).
func (a *App) PeriodReport(ctx context.Context, by *auth.User, periodID, agencyID int64) (*PeriodReport, error) {
	if err := a.checkPermission(by, auth.ReadOwnAgency); err != nil {
		return nil, err
	}
	if by.Role.NeedsAgency() {
		agencyID = by.AgencyID
	}
	if agencyID == 0 {
		return nil, derrors.New(derrors.NotFound, "Chưa chọn cơ quan báo cáo.")
	}
	p, err := a.Period(ctx, periodID)
	if err != nil {
		return nil, err
	}
	out := &PeriodReport{Period: p, AgencyID: agencyID}
	rep, err := a.store.CurrentReportFor(ctx, periodID, agencyID)
	switch {
	case err == nil:
		if err := reporting.Can(by, rep, reporting.ActView, a.Today()); err != nil {
			return nil, err
		}
		out.Report = rep
		return out, nil
	case !errors.Is(err, derrors.NotFound):
		return nil, err
	}
	if err := a.store.ReportExpected(ctx, periodID, agencyID); err != nil {
		return nil, err
	}
	probe := unstarted(p, agencyID)
	if err := reporting.Can(by, probe, reporting.ActView, a.Today()); err != nil {
		return nil, err
	}
	out.CanStart = reporting.Can(by, probe, reporting.ActEdit, a.Today()) == nil
	return out, nil
}

// StartReport opens by's agency's report for period periodID for writing,
// creating it (state not_started) when nothing was started yet; the
// report as it is when it exists. Only the agency's head and officers
// start their own agency's, once the period has begun (the rule's
// refusal otherwise); reporting.ErrNotExpected when the agency has
// nothing to report in the period.
func (a *App) StartReport(ctx context.Context, by *auth.User, periodID int64) (*reporting.Report, error) {
	if err := a.checkPermission(by, auth.WriteReport); err != nil {
		return nil, err
	}
	p, err := a.Period(ctx, periodID)
	if err != nil {
		return nil, err
	}
	if err := reporting.Can(by, unstarted(p, by.AgencyID), reporting.ActEdit, a.Today()); err != nil {
		return nil, err
	}
	rep, err := a.store.ReportFor(ctx, periodID, by.AgencyID)
	if err != nil {
		return nil, notFoundAs(err, "Không có kỳ báo cáo mã %d.", periodID)
	}
	if err := reporting.Can(by, rep, reporting.ActView, a.Today()); err != nil {
		return nil, err
	}
	return rep, nil
}

// unstarted is the report agencyID would have for period p once started,
// for asking the rule what may be done with it.
func unstarted(p *reporting.Period, agencyID int64) *reporting.Report {
	return &reporting.Report{PlanID: p.PlanID, PeriodID: p.ID, Period: *p, AgencyID: agencyID, Revision: 1,
		Current: true, State: reporting.StateNotStarted}
}

// reportHeader reads report id without its lines (its row and period:
// enough for reporting.Can) and checks that by may take action act on it.
func (a *App) reportHeader(ctx context.Context, by *auth.User, id int64, act reporting.Action) (*reporting.Report, error) {
	revs, err := a.store.ReportRevisions(ctx, id)
	if err != nil && !errors.Is(err, derrors.NotFound) {
		return nil, err
	}
	for i := range revs {
		if revs[i].ID == id {
			if err := reporting.Can(by, &revs[i], act, a.Today()); err != nil {
				return nil, err
			}
			return &revs[i], nil
		}
	}
	return nil, derrors.New(derrors.NotFound, msgNoReport, id)
}

// reportTo reads report id whole and checks that by may take action act on it.
func (a *App) reportTo(ctx context.Context, by *auth.User, id int64, act reporting.Action) (*reporting.Report, error) {
	rep, err := a.store.Report(ctx, id)
	if err != nil {
		return nil, notFoundAs(err, msgNoReport, id)
	}
	if err := reporting.Can(by, rep, act, a.Today()); err != nil {
		return nil, err
	}
	return rep, nil
}
