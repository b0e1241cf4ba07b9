package api

import (
	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

// dashboardJSON is GET /plans/{id}/dashboard: figures.Dashboard for clients.
// Status counts are keyed by the task status codes (every code present);
// rates are fractions from 0 to 1, % achieved a percentage.
type dashboardJSON struct {
	PlanID       int64                 `json:"plan_id"`
	Period       periodJSON            `json:"period"`
	AsOf         string                `json:"asof"`
	StatusCounts map[plan.Status]int   `json:"status_counts"`
	Total        int                   `json:"total"`
	ByGroup      []groupJSON           `json:"by_group"`
	ByAgency     []agencyRowJSON       `json:"by_agency"`
	Completeness completenessJSON      `json:"completeness"`
	OnTimeRate   float64               `json:"on_time_rate"`
	Reports      figuresJSON           `json:"reports"`
	Indicators   []indicatorFigureJSON `json:"indicators"`
	Trend        []trendJSON           `json:"trend"`
	Overdue      []overdueJSON         `json:"overdue"`
	EarlyWarning []warningJSON         `json:"early_warning"`
}

type completenessJSON struct {
	Received int     `json:"received"`
	Expected int     `json:"expected"`
	Rate     float64 `json:"rate"`
}

type groupJSON struct {
	SectionID    int64               `json:"section_id"`
	Label        string              `json:"label"`
	Title        string              `json:"title"`
	StatusCounts map[plan.Status]int `json:"status_counts"`
	Total        int                 `json:"total"`
	Subgroups    []groupJSON         `json:"subgroups"`
}

type agencyRowJSON struct {
	AgencyID     *int64              `json:"agency_id"`
	Name         string              `json:"name"`
	StatusCounts map[plan.Status]int `json:"status_counts"`
	Total        int                 `json:"total"`
	Reports      figuresJSON         `json:"reports"`
}

type indicatorFigureJSON struct {
	ID        int64    `json:"id"`
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Unit      string   `json:"unit"`
	Direction string   `json:"direction"`
	Year      int      `json:"year"`
	Target    *float64 `json:"target"`
	Actual    *float64 `json:"actual"`
	PeriodID  *int64   `json:"actual_period_id"`
	Achieved  *float64 `json:"achieved_pct"`
	Light     string   `json:"light"`
}

type trendJSON struct {
	PeriodID     int64               `json:"period_id"`
	Label        string              `json:"label"`
	Day          string              `json:"day"`
	StatusCounts map[plan.Status]int `json:"status_counts"`
}

type overdueJSON struct {
	TaskID       int64  `json:"task_id"`
	Title        string `json:"title"`
	Section      string `json:"section"`
	LeadAgencyID *int64 `json:"lead_agency_id"`
	Due          string `json:"due"`
	Days         int    `json:"days_overdue"`
}

type warningJSON struct {
	TaskID       int64   `json:"task_id"`
	Title        string  `json:"title"`
	Section      string  `json:"section"`
	LeadAgencyID *int64  `json:"lead_agency_id"`
	Start        string  `json:"start"`
	Due          string  `json:"due"`
	Elapsed      float64 `json:"elapsed_pct"`
	Progress     int     `json:"progress"`
	Lag          float64 `json:"lag_points"`
}

// dashboardView shapes d for JSON; empty lists are [] so clients need no null checks.
func dashboardView(d *figures.Dashboard) *dashboardJSON {
	h, g, m, t := dashboardHeadView(d), dashboardGroupsView(d), dashboardMidView(d), dashboardTailView(d)
	return &dashboardJSON{PlanID: h.PlanID, Period: h.Period, AsOf: h.AsOf, StatusCounts: h.StatusCounts, Total: h.Total,
		ByGroup: g.ByGroup, ByAgency: m.ByAgency, Completeness: m.Completeness, OnTimeRate: m.OnTimeRate, Reports: m.Reports,
		Indicators: t.Indicators, Trend: t.Trend, Overdue: t.Overdue, EarlyWarning: t.EarlyWarning}
}

// The dashboard's JSON in four runs of dashboardJSON's fields, in its
// order, so that its encoding can be put together from the runs'
// (dashboardBodies): the groups and the tail (indicators, trend, overdue
// and early warnings) are what a recount of the reports leaves as they
// were (figures.RecountReports), and the largest part of the encoding.
type (
	dashboardHeadJSON struct {
		PlanID       int64               `json:"plan_id"`
		Period       periodJSON          `json:"period"`
		AsOf         string              `json:"asof"`
		StatusCounts map[plan.Status]int `json:"status_counts"`
		Total        int                 `json:"total"`
	}
	dashboardGroupsJSON struct {
		ByGroup []groupJSON `json:"by_group"`
	}
	dashboardMidJSON struct {
		ByAgency     []agencyRowJSON  `json:"by_agency"`
		Completeness completenessJSON `json:"completeness"`
		OnTimeRate   float64          `json:"on_time_rate"`
		Reports      figuresJSON      `json:"reports"`
	}
	dashboardTailJSON struct {
		Indicators   []indicatorFigureJSON `json:"indicators"`
		Trend        []trendJSON           `json:"trend"`
		Overdue      []overdueJSON         `json:"overdue"`
		EarlyWarning []warningJSON         `json:"early_warning"`
	}
)

func dashboardHeadView(d *figures.Dashboard) *dashboardHeadJSON {
	return &dashboardHeadJSON{PlanID: d.PlanID, Period: periodView(&d.Period), AsOf: day(d.AsOf),
		StatusCounts: d.Status, Total: d.Status.Total()}
}

func dashboardGroupsView(d *figures.Dashboard) *dashboardGroupsJSON {
	return &dashboardGroupsJSON{ByGroup: groupsView(d.ByGroup)}
}

func dashboardMidView(d *figures.Dashboard) *dashboardMidJSON {
	out := &dashboardMidJSON{ByAgency: []agencyRowJSON{},
		Completeness: completenessJSON{Received: d.Reports.Received, Expected: d.Reports.Expected,
			Rate: d.Reports.Completeness()},
		OnTimeRate: d.Reports.OnTimeRate(), Reports: figuresView(d.Reports)}
	for _, a := range d.ByAgency {
		out.ByAgency = append(out.ByAgency, agencyRowJSON{AgencyID: nullID(&a.AgencyID), Name: a.Name,
			StatusCounts: a.Status, Total: a.Status.Total(), Reports: figuresView(a.Reports)})
	}
	return out
}

func dashboardTailView(d *figures.Dashboard) *dashboardTailJSON {
	out := &dashboardTailJSON{Indicators: []indicatorFigureJSON{}, Trend: []trendJSON{}, Overdue: []overdueJSON{},
		EarlyWarning: []warningJSON{}}
	for _, g := range d.Indicators {
		out.Indicators = append(out.Indicators, indicatorFigureJSON{ID: g.ID, Code: g.Code, Name: g.Name, Unit: g.Unit,
			Direction: string(g.Direction), Year: g.Year, Target: g.Target, Actual: g.Actual,
			PeriodID: nullID(&g.ActualPeriodID), Achieved: g.Achieved, Light: string(g.Light)})
	}
	for _, p := range d.Trend {
		out.Trend = append(out.Trend, trendJSON{PeriodID: p.Period.ID, Label: p.Period.Label, Day: day(p.Day),
			StatusCounts: p.Status})
	}
	for _, o := range d.Overdue {
		out.Overdue = append(out.Overdue, overdueJSON{TaskID: o.TaskID, Title: o.Title, Section: o.SectionLabel,
			LeadAgencyID: nullID(&o.LeadAgencyID), Due: day(o.Due), Days: o.Days})
	}
	for _, w := range d.EarlyWarning {
		out.EarlyWarning = append(out.EarlyWarning, warningJSON{TaskID: w.TaskID, Title: w.Title, Section: w.SectionLabel,
			LeadAgencyID: nullID(&w.LeadAgencyID), Start: day(w.Start), Due: day(w.Due), Elapsed: w.Elapsed,
			Progress: w.Progress, Lag: w.Lag})
	}
	return out
}

// groupsView shapes groups and their sub-groups.
func groupsView(gs []figures.Group) []groupJSON {
	out := make([]groupJSON, 0, len(gs))
	for _, g := range gs {
		out = append(out, groupJSON{SectionID: g.SectionID, Label: g.Label, Title: g.Title, StatusCounts: g.Status,
			Total: g.Status.Total(), Subgroups: groupsView(g.Subgroups)})
	}
	return out
}
