package app

import (
	"context"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// Reports lists the reports of plan f.PlanID that f selects, as far as by
// may read them (reporting.Can's view rule): an agency's head and officers
// their own agency's, the province's leaders accepted reports only, the
// coordinator and admin all. Asking explicitly for what one may not read
// (another agency's, a leader asking for drafts) is refused with the
// rule's error rather than answered with an empty list, so that a mistake
// does not pass for "nothing". Every report expected from an agency is
// listed from its period's first day (not_started until someone saves),
// in period order, then agency name. It returns one page and the total.
func (a *App) Reports(ctx context.Context, by *auth.User, f reporting.ReportFilter) ([]reporting.Report, int, error) {
	if err := scopeReports(by, &f); err != nil {
		return nil, 0, err
	}
	f.Today = a.Today()
	list, total, err := a.store.Reports(ctx, f)
	if err != nil {
		return nil, 0, notFoundAs(err, "Không có kế hoạch mã %d.", f.PlanID)
	}
	return list, total, nil
}

// scopeReports narrows f to the reports u may read.
func scopeReports(u *auth.User, f *reporting.ReportFilter) error {
	if u == nil || u.Disabled {
		return reporting.ErrForbidden
	}
	switch u.Role {
	case auth.RoleAdmin, auth.RoleCoordinator:
		return nil
	case auth.RoleLeader:
		if f.State != "" && f.State != reporting.StateAccepted {
			return reporting.ErrAcceptedOnly
		}
		f.State = reporting.StateAccepted
		return nil
	case auth.RoleHead, auth.RoleOfficer:
		if u.AgencyID == 0 || f.AgencyID != 0 && f.AgencyID != u.AgencyID {
			return reporting.ErrOtherAgency
		}
		f.AgencyID = u.AgencyID
		return nil
	}
	return reporting.ErrForbidden
}
