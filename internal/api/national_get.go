package api

import (
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/figures"
)

// nationalGet answers GET /dashboard: the rollup of every active plan on a
// day (asof=, default today) — each plan's line as its own dashboard counts
// it, for the period that dashboard shows that day, and the totals, which
// are the sums of the lines. Plans without a reporting period yet are
// counted in plans_without_period and left out.
func (a *api) nationalGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	_, asOf, err := dashboardParams(r.URL.Query(), a.app.Today())
	if err != nil {
		return err
	}
	n, err := a.app.NationalFigures(r.Context(), u, asOf)
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, nationalView(n))
}

// nationalJSON is the body of GET /dashboard.
type nationalJSON struct {
	AsOf         string             `json:"asof"`
	Plans        []nationalPlanJSON `json:"plans"`
	StatusCounts figures.Counts     `json:"status_counts"`
	Total        int                `json:"total"`
	Reports      figuresJSON        `json:"reports"`
	Overdue      int                `json:"overdue"`
	Warned       int                `json:"early_warning"`
	NoPeriod     int                `json:"plans_without_period"`
}

// nationalPlanJSON is one plan's line.
type nationalPlanJSON struct {
	PlanID       int64          `json:"plan_id"`
	Code         string         `json:"code"`
	Issuer       string         `json:"issuer"`
	Title        string         `json:"title"`
	Period       periodJSON     `json:"period"`
	StatusCounts figures.Counts `json:"status_counts"`
	Total        int            `json:"total"`
	Reports      figuresJSON    `json:"reports"`
	Overdue      int            `json:"overdue"`
	Warned       int            `json:"early_warning"`
}

func nationalView(x *app.NationalFigures) *nationalJSON {
	n := x.Total
	out := &nationalJSON{AsOf: day(x.AsOf), Plans: []nationalPlanJSON{}, StatusCounts: n.Status, Total: n.Status.Total(),
		Reports: figuresView(n.Reports), Overdue: n.Overdue, Warned: n.Warned, NoPeriod: x.WithoutPeriod}
	for _, l := range x.Lines {
		out.Plans = append(out.Plans, nationalPlanJSON{PlanID: l.Plan.ID, Code: l.Plan.Code, Issuer: l.Plan.Issuer,
			Title: l.Plan.Title, Period: periodView(&l.Period), StatusCounts: l.Status, Total: l.Status.Total(),
			Reports: figuresView(l.Reports), Overdue: l.Overdue, Warned: l.Warned})
	}
	return out
}
