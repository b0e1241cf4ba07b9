package web

import (
	"errors"
	"net/http"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
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
	Plans      []plan.Plan // active plans, to switch between
	Plan       *plan.Plan
	Periods    []reporting.Period // started periods, newest first
	Work       *reporting.CoordinatorWork
	Extensions int // requests waiting for a decision
}

// leaderView is the provincial leaders' short overview: each active plan's
// current period in figures.
type leaderView struct {
	Rows []leaderRow
}

type leaderRow struct {
	Plan plan.Plan
	Work *reporting.CoordinatorWork // nil before the plan's first period
}

// home is "Việc của tôi", the page after sign-in: what the signed-in
// person has to do now, by role.
func (h *handler) home(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	switch u.Role {
	case auth.RoleHead, auth.RoleOfficer:
		return h.agencyHome(w, r, u)
	case auth.RoleCoordinator, auth.RoleAdmin:
		return h.coordinatorHome(w, r)
	}
	return h.leaderHome(w, r)
}

// agencyHome lists the agency's reports to write, returned and waiting,
// and its tasks overdue or due soon.
func (h *handler) agencyHome(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	ctx := r.Context()
	if u.AgencyID == 0 {
		return errForbidden
	}
	today := clock.Today(h.clock)
	work, err := h.store.AgencyWork(ctx, u.AgencyID, today, 0)
	if err != nil {
		return err
	}
	ag, err := h.store.Agency(ctx, u.AgencyID)
	if err != nil {
		return err
	}
	v := &agencyWorkView{Agency: ag, Today: today, Tasks: work.Tasks, Head: u.Role == auth.RoleHead}
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
func (h *handler) coordinatorHome(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	today := clock.Today(h.clock)
	plans, err := h.store.Plans(ctx)
	if err != nil {
		return err
	}
	v := &coordinatorWorkView{}
	for _, p := range plans {
		if p.Status == plan.PlanActive {
			v.Plans = append(v.Plans, p)
		}
	}
	if v.Plan, err = choosePlan(plans, formID(q.Get("plan"))); err != nil {
		return err
	}
	if v.Plan != nil {
		if v.Periods, err = h.startedPeriods(ctx, v.Plan.ID, today); err != nil {
			return err
		}
		v.Work, err = h.store.CoordinatorWork(ctx, v.Plan.ID, formID(q.Get("period")), today)
		if errors.Is(err, store.ErrNotFound) && len(v.Periods) == 0 {
			v.Work, err = nil, nil // no period has started yet
		}
		if err != nil {
			return err
		}
		pending, err := h.store.Extensions(ctx, reporting.ExtensionFilter{PlanID: v.Plan.ID, State: reporting.ExtensionPending})
		if err != nil {
			return err
		}
		v.Extensions = len(pending)
	}
	pg := &page{Title: "Việc của tôi", Nav: "work", Data: v}
	if v.Plan != nil {
		pg.PlanID = v.Plan.ID
	}
	return h.render(w, r, http.StatusOK, "work_coordinator", pg)
}

// leaderHome shows each active plan's current period in figures.
func (h *handler) leaderHome(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	today := clock.Today(h.clock)
	plans, err := h.store.Plans(ctx)
	if err != nil {
		return err
	}
	v := &leaderView{}
	for _, p := range plans {
		if p.Status != plan.PlanActive {
			continue
		}
		work, err := h.store.CoordinatorWork(ctx, p.ID, 0, today)
		if errors.Is(err, store.ErrNotFound) {
			work, err = nil, nil
		}
		if err != nil {
			return err
		}
		v.Rows = append(v.Rows, leaderRow{Plan: p, Work: work})
	}
	return h.render(w, r, http.StatusOK, "work_leader", &page{Title: "Tổng quan", Nav: "work", Data: v})
}
