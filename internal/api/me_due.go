package api

import (
	"net/http"
	"net/url"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
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
	ctx := r.Context()
	out := &meDueJSON{Today: day(a.app.Today()), Role: u.Role, AgencyID: nullID(&u.AgencyID),
		Reports: []dueReportJSON{}, Tasks: []taskAlertJSON{}, Review: []reviewJSON{}}
	if planID != 0 {
		if _, err := a.app.Plan(ctx, planID); err != nil {
			return err
		}
	}
	switch u.Role {
	case auth.RoleHead, auth.RoleOfficer:
		if u.AgencyID != 0 {
			work, err := a.app.AgencyWork(ctx, u, planID)
			if err != nil {
				return err
			}
			out.Today = day(work.Today)
			if planID == 0 { // the value the app keeps: its encoding is kept with it
				body, err := a.work.encode(work, u.Role, func() any { addAgencyWork(out, work); return out })
				if err != nil {
					return err
				}
				writeBody(w, body)
				return nil
			}
			addAgencyWork(out, work)
		}
	case auth.RoleCoordinator, auth.RoleAdmin:
		var review []app.PlanWork
		if planID != 0 {
			pw, err := a.app.CoordinatorWork(ctx, u, planID, periodID)
			if err != nil {
				return queryInvalid(err)
			}
			review = []app.PlanWork{*pw}
		} else if review, err = a.app.ActivePlansWork(ctx, u); err != nil {
			return err
		}
		addReview(out, review, planID != 0)
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

// addAgencyWork fills out with the agency's work and its counts.
func addAgencyWork(out *meDueJSON, work *reporting.AgencyWork) {
	add := func(list []reporting.DueReport) {
		for i := range list {
			out.Reports = append(out.Reports, dueReportView(&list[i]))
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
		out.Tasks = append(out.Tasks, taskAlertView(t))
		switch t.Status {
		case plan.StatusOverdue:
			out.Counts.OverdueTasks++
		case plan.StatusDueSoon:
			out.Counts.DueSoonTasks++
		}
	}
}

// addReview fills out with the review of each plan's period. Over every
// active plan, a plan whose period has not begun, or from which no agency
// has anything to report, is left out: it is nobody's work today
// (reporting.CoordinatorWork.Open). A plan asked for by plan= is shown
// whenever it has a period.
func addReview(out *meDueJSON, plans []app.PlanWork, chosen bool) {
	for _, p := range plans {
		if p.Work == nil || !chosen && !p.Work.Open() {
			continue
		}
		rv := reviewView(p.Work)
		out.Review = append(out.Review, rv)
		out.Counts.Missing += len(rv.Missing)
		out.Counts.ToReview += len(rv.Waiting)
	}
}
