package web

import (
	"net/http"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// agencyWorkView is "Việc của tôi" for a head or officer.
type agencyWorkView struct {
	Agency   *agency.Agency
	Today    time.Time
	Due      []dueRow
	Returned []dueRow
	Waiting  []dueRow
	Tasks    []reporting.TaskAlert
	Head     bool
}

// dueRow is one of the agency's reports with where to open it.
type dueRow struct {
	reporting.DueReport
	URL string
}

// coordinatorWorkView is "Việc của tôi" for the coordinator (and admin):
// one period of one plan.
type coordinatorWorkView struct {
	Inbox      *inboxView
	Plans      []plan.Plan // active plans, to switch between
	Plan       *plan.Plan
	Periods    []reporting.Period // started periods, newest first
	Work       *reporting.CoordinatorWork
	Extensions int // requests waiting for a decision
}

// leaderView is the provincial leaders' home: each active plan's task
// status, trend and overdue tasks (Dash nil before the plan's first
// period) and the reports received in its current period.
type leaderView struct {
	Rows []leaderPlanView
}

// leaderPlanView is one plan on the leaders' home.
type leaderPlanView struct {
	app.PlanWork
	Dash        *dashView
	Overdue     []taskLine // the most overdue first, at most leaderOverdueMax
	MoreOverdue int        // how many more the dashboard lists
}

// leaderOverdueMax is how many overdue tasks a plan shows on the leaders'
// home; the dashboard lists them all.
const leaderOverdueMax = 10

// home is "Việc của tôi", the page after sign-in: what the signed-in
// person has to do now, by role.
func (h *handler) home(w http.ResponseWriter, r *http.Request) error {
	u := h.user(r)
	switch u.Role {
	case auth.RoleHead, auth.RoleOfficer:
		return h.agencyHome(w, r, u)
	case auth.RoleCoordinator, auth.RoleAdmin:
		return h.coordinatorHome(w, r, u)
	}
	return h.leaderHome(w, r, u)
}

// agencyHome lists the agency's reports to write, returned and waiting,
// and its tasks overdue or due soon.
func (h *handler) agencyHome(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	ctx := r.Context()
	work, err := h.app.AgencyWork(ctx, u, 0)
	if err != nil {
		return err
	}
	ag, err := h.app.Agency(ctx, u.AgencyID)
	if err != nil {
		return err
	}
	v := &agencyWorkView{Agency: ag, Today: work.Today, Tasks: work.Tasks, Head: u.Role == auth.RoleHead}
	for _, d := range work.Due {
		v.Due = append(v.Due, dueRow{DueReport: d, URL: "/periods/" + itoa(d.Period.ID) + "/report"})
	}
	for _, d := range work.Returned {
		v.Returned = append(v.Returned, dueRow{DueReport: d, URL: reportURL(d.ReportID, "/edit")})
	}
	for _, d := range work.Waiting {
		v.Waiting = append(v.Waiting, dueRow{DueReport: d, URL: reportURL(d.ReportID, "")})
	}
	return h.render(w, r, http.StatusOK, "work_agency", &page{Title: "Việc của tôi", Nav: "work", Data: v})
}

// coordinatorHome shows one period of one plan (?plan=, ?period=; by
// default the newest active plan and its current period): who has not
// sent, what waits for review, completeness and timeliness per agency.
func (h *handler) coordinatorHome(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	q := r.URL.Query()
	home, err := h.app.CoordinatorHome(r.Context(), u, formID(q.Get("plan")), formID(q.Get("period")))
	if err != nil {
		return err
	}
	d := home.Desk
	v := &coordinatorWorkView{Inbox: newInboxView(home.Inbox), Plans: d.ActivePlans, Plan: d.Plan, Periods: d.Started, Work: d.Work, Extensions: d.PendingExtensions}
	pg := &page{Title: "Việc của tôi", Nav: "work", Data: v}
	if v.Plan != nil {
		pg.PlanID = v.Plan.ID
	}
	return h.render(w, r, http.StatusOK, "work_coordinator", pg)
}

// leaderHome shows each active plan's current period in figures.
func (h *handler) leaderHome(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	plans, err := h.app.LeaderHome(r.Context(), u)
	if err != nil {
		return err
	}
	v := &leaderView{}
	for _, p := range plans {
		row := leaderPlanView{PlanWork: p.PlanWork}
		if d := p.Dashboard; d != nil {
			x := &dashFigures{Plan: d.Plan, Periods: d.Periods, Agencies: d.Agencies, Dashboard: d.Figures, Settings: d.Settings,
				titles: d.TaskTitles, Params: dashParams{PeriodID: d.Figures.Period.ID, AsOf: d.Figures.AsOf}}
			row.Dash = newDashView(x)
			prefix := "plan" + itoa(d.Plan.ID) + "-"
			row.Dash.StatusChart.ID = prefix + row.Dash.StatusChart.ID
			row.Dash.TrendChart.ID = prefix + row.Dash.TrendChart.ID
			row.Dash.TrendChart.Title = "Số nhiệm vụ theo tình trạng ở cuối mỗi kỳ"
			row.Overdue = row.Dash.Overdue
			if len(row.Overdue) > leaderOverdueMax {
				row.Overdue, row.MoreOverdue = row.Overdue[:leaderOverdueMax], len(row.Overdue)-leaderOverdueMax
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return h.render(w, r, http.StatusOK, "work_leader", &page{Title: "Tổng quan", Nav: "work", Data: v})
}
