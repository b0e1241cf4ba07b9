package api

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// meDue answers GET /me/due, "Việc của tôi" for the calling user on today
// (the injected clock): for an agency's head or officer, the agency's
// reports to send (late ones first), returned and waiting, and its tasks
// overdue or due soon; for the coordinator and admin, per active plan, the
// current period's missing and waiting reports and the figures per agency.
// plan= narrows to one plan; period= (with plan=) picks another period for
// the coordinator's view.
func (a *api) meDue(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	planID, periodID, err := meFilter(r.URL.Query())
	if err != nil {
		return err
	}
	today := clock.Today(a.clock)
	out := &meDueJSON{Today: day(today), Role: u.Role, AgencyID: nullID(&u.AgencyID),
		Reports: []dueReportJSON{}, Tasks: []taskAlertJSON{}, Review: []reviewJSON{}}
	var plans []plan.Plan
	if planID != 0 {
		p, err := a.store.Plan(r.Context(), planID)
		if err != nil {
			return notFoundAs(err, "Không có kế hoạch mã %d.", planID)
		}
		plans = []plan.Plan{*p}
	}
	switch u.Role {
	case auth.RoleHead, auth.RoleOfficer:
		if u.AgencyID != 0 {
			if err := a.agencyDue(r.Context(), out, u.AgencyID, planID, today); err != nil {
				return err
			}
		}
	case auth.RoleCoordinator, auth.RoleAdmin:
		if plans == nil {
			if plans, err = a.activePlans(r.Context()); err != nil {
				return err
			}
		}
		if err := a.coordinatorDue(r.Context(), out, plans, planID != 0, periodID, today); err != nil {
			return err
		}
	}
	return a.writeJSON(w, http.StatusOK, out)
}

// meFilter reads plan= and period= of GET /me/due.
func meFilter(q url.Values) (planID, periodID int64, err error) {
	fe := map[string]string{}
	planID = queryID(q, "plan", fe)
	periodID = queryID(q, "period", fe)
	if periodID != 0 && planID == 0 && fe["plan"] == "" {
		fe["period"] = "Kỳ báo cáo chỉ dùng cùng kế hoạch: plan=<mã>&period=<mã kỳ>."
	}
	if len(fe) > 0 {
		return 0, 0, badRequest(fe, "Tham số truy vấn không hợp lệ; xem từng tham số.")
	}
	return planID, periodID, nil
}

// agencyDue fills out with the agency's work (of one plan when planID is set).
func (a *api) agencyDue(ctx context.Context, out *meDueJSON, agencyID, planID int64, today time.Time) error {
	work, err := a.store.AgencyWork(ctx, agencyID, today, 0)
	if err != nil {
		return err
	}
	add := func(list []reporting.DueReport) {
		for i := range list {
			if planID == 0 || list[i].PlanID == planID {
				out.Reports = append(out.Reports, dueReportView(&list[i]))
			}
		}
	}
	add(work.Due)
	out.Counts.Due = len(out.Reports)
	for _, d := range out.Reports {
		if d.Late {
			out.Counts.Late++
		}
	}
	add(work.Returned)
	out.Counts.Returned = len(out.Reports) - out.Counts.Due
	add(work.Waiting)
	out.Counts.Waiting = len(out.Reports) - out.Counts.Due - out.Counts.Returned
	for i := range work.Tasks {
		t := &work.Tasks[i]
		if planID != 0 && t.PlanID != planID {
			continue
		}
		out.Tasks = append(out.Tasks, taskAlertView(t))
		switch t.Status {
		case plan.StatusOverdue:
			out.Counts.OverdueTasks++
		case plan.StatusDueSoon:
			out.Counts.DueSoonTasks++
		}
	}
	return nil
}

// coordinatorDue fills out with the review of each plan's period (periodID,
// or the current one). Over every active plan, a plan whose period has not
// begun, or from which no agency has anything to report, is left out: it
// is nobody's work today. A plan asked for by plan= is always shown.
func (a *api) coordinatorDue(ctx context.Context, out *meDueJSON, plans []plan.Plan, chosen bool, periodID int64, today time.Time) error {
	if periodID != 0 {
		p, err := a.store.Period(ctx, periodID)
		if err != nil {
			return notFoundAs(err, "Không có kỳ báo cáo mã %d.", periodID)
		}
		if len(plans) != 1 || p.PlanID != plans[0].ID {
			return badRequest(map[string]string{"period": "Kỳ báo cáo này thuộc kế hoạch khác."},
				"Kỳ báo cáo mã %d không thuộc kế hoạch đã chọn.", periodID)
		}
	}
	for i := range plans {
		work, err := a.store.CoordinatorWork(ctx, plans[i].ID, periodID, today)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if !chosen && (!work.Period.Started(today) || work.Totals.Expected == 0) {
			continue // nothing expected yet: not the coordinator's work today
		}
		rv := reviewView(work)
		out.Review = append(out.Review, rv)
		out.Counts.Missing += len(rv.Missing)
		out.Counts.ToReview += len(rv.Waiting)
	}
	return nil
}

// activePlans lists the plans in use: the ones whose agencies report.
func (a *api) activePlans(ctx context.Context) ([]plan.Plan, error) {
	all, err := a.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	var out []plan.Plan
	for _, p := range all {
		if p.Status == plan.PlanActive {
			out = append(out, p)
		}
	}
	return out, nil
}
