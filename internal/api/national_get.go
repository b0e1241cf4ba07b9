package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

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
	body, err := a.national.encode(n)
	if err != nil {
		return err
	}
	writeBody(w, body)
	return nil
}

// nationalBody keeps the encoding of the national rollup with the value
// it encodes: the app gives the same *app.NationalFigures while nothing
// in it changes, and a new one after (app's nationalMemo), so the
// encoding is right for as long as that value is given.
type nationalBody struct {
	mu   sync.Mutex
	n    *app.NationalFigures
	body []byte
}

// encode returns n's encoding (nationalView), kept with n.
func (c *nationalBody) encode(n *app.NationalFigures) ([]byte, error) {
	c.mu.Lock()
	if c.n == n {
		defer c.mu.Unlock()
		return c.body, nil
	}
	c.mu.Unlock()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as writeJSON writes every other answer
	if err := enc.Encode(nationalView(n)); err != nil {
		return nil, fmt.Errorf("api: encoding the national rollup: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n, c.body = n, buf.Bytes()
	return c.body, nil
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
