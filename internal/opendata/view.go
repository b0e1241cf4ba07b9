package opendata

import (
	"net/url"
	"strconv"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/chart"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// The public dashboard lays out a plan's figures as the plan dashboard of
// the UI does — status cards, charts by group and by agency, the trend,
// overdue tasks, indicators against targets — with a table behind every
// chart and every number a link to the public list of the tasks behind it.
// Nothing here counts: the numbers are app.PublishedDashboard's.

// cell is one number of a table or a card, with the tasks behind it.
type cell struct {
	Status plan.Status // "" for a total
	N      int
	Text   string
	Href   string
}

// countRow is a row of counts by status: a group, an agency, a period.
type countRow struct {
	Label string
	Sub   bool
	Cells []cell // per status, then the total
}

// agencyRow is a lead agency's row with its reports of the period.
type agencyRow struct {
	countRow
	Reports                  reporting.Figures
	Completeness, OnTimeRate string
}

// indicatorRow is an indicator against its target.
type indicatorRow struct {
	figures.IndicatorFigure
	TargetText, ActualText, AchievedText string
	LightClass, LightLabel               string
}

// overdueLine is an overdue task.
type overdueLine struct {
	Section, Title, Lead string
	Due                  time.Time
	Days                 int
}

// planView is one plan's public dashboard.
type planView struct {
	Plan     plan.Plan
	Name     string // plan.Plan.Name
	Title    string // plan.Plan.DisplayTitle
	Period   string
	AsOf     time.Time
	Statuses []plan.Status // table columns, in the order leaders read them
	Cells    []cell        // per status, then the total
	Reports  reporting.Figures

	Completeness, OnTimeRate string

	Groups     []countRow
	Agencies   []agencyRow
	Trend      []countRow
	Indicators []indicatorRow
	Overdue    []overdueLine

	StatusChart, GroupChart, AgencyChart, TrendChart, IndicatorChart *chart.Chart

	URL      string // the plan's public dashboard
	TasksURL string // its public task list
	Datasets []datasetInfo
}

// percent writes a ratio from 0 to 1 as "75%".
func percent(r float64) string { return vntext.FormatNumber(r*100, 0) + "%" }

// optNumber and optPercent write an optional figure ("—" when none).
func optNumber(p *float64) string {
	if p == nil {
		return "—"
	}
	return vntext.FormatNumber(*p, 1)
}

func optPercent(p *float64) string {
	if p == nil {
		return "—"
	}
	return vntext.FormatNumber(*p, 1) + "%"
}

// planURL is the public dashboard of plan id.
func planURL(id int64) string { return "/open/plans/" + strconv.FormatInt(id, 10) }

// tasksHref is the public task list of plan id with the filters kv (key,
// value pairs; empty values left out).
func tasksHref(id int64, kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	u := planURL(id) + "/tasks"
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	return u
}

// agencyParam is the agency= of a lead agency (none: the tasks without one).
func agencyParam(id int64) string {
	if id <= 0 {
		return "none"
	}
	return strconv.FormatInt(id, 10)
}

// cells are the counts c by status, then the total, each a link to its
// tasks with the filters kv.
func cells(id int64, c figures.Counts, kv ...string) []cell {
	out := make([]cell, 0, len(plan.Statuses)+1)
	for _, s := range plan.Statuses {
		out = append(out, cell{Status: s, N: c[s], Text: vntext.FormatInt(c[s]), Href: tasksHref(id, append(kv, "status", string(s))...)})
	}
	return append(out, cell{N: c.Total(), Text: vntext.FormatInt(c.Total()), Href: tasksHref(id, kv...)})
}

// newPlanView lays out one published plan. Charts carry no links: the
// tables beside them hold the same numbers, each a link, which keyboards
// and screen readers reach. Each is drawn for a wide screen and for a
// phone (labels above the bars, legible there).
func newPlanView(p *app.PublishedPlan) *planView {
	d, id := p.Dashboard, p.Plan.ID
	v := &planView{Plan: p.Plan, Name: p.Plan.Name(), Title: p.Plan.DisplayTitle(), Period: d.Period.Label, AsOf: d.AsOf,
		Statuses: plan.Statuses, Cells: cells(id, d.Status), Reports: d.Reports,
		Completeness: percent(d.Reports.Completeness()), OnTimeRate: percent(d.Reports.OnTimeRate()),
		URL: planURL(id), TasksURL: tasksHref(id), Datasets: datasetInfos()}

	var statusRows []chart.ValueRow
	for _, c := range v.Cells[:len(plan.Statuses)] {
		statusRows = append(statusRows, chart.ValueRow{Label: c.Status.Label(), Value: float64(c.N), Text: c.Text, Class: chart.StatusClass(c.Status)})
	}
	v.StatusChart = chart.Values("chart-status", "Nhiệm vụ theo tình trạng", statusRows, 1)

	var groups []chart.StackRow
	for _, g := range d.ByGroup {
		sec := strconv.FormatInt(g.SectionID, 10)
		label := g.Label + ". " + g.Title
		v.Groups = append(v.Groups, countRow{Label: label, Cells: cells(id, g.Status, "section", sec)})
		groups = append(groups, chart.StackRow{Label: label, Counts: g.Status})
		for _, s := range g.Subgroups {
			v.Groups = append(v.Groups, countRow{Label: s.Label + ". " + s.Title, Sub: true,
				Cells: cells(id, s.Status, "section", strconv.FormatInt(s.SectionID, 10))})
		}
	}
	v.GroupChart = chart.Stacked("chart-groups", "Nhiệm vụ theo nhóm", groups)

	names := make(map[int64]string, len(d.ByAgency))
	var agencies []chart.StackRow
	for _, a := range d.ByAgency {
		name := a.Name
		if a.AgencyID == 0 {
			name = "Chưa phân công chủ trì"
		}
		names[a.AgencyID] = name
		v.Agencies = append(v.Agencies, agencyRow{countRow: countRow{Label: name, Cells: cells(id, a.Status, "agency", agencyParam(a.AgencyID))},
			Reports: a.Reports, Completeness: percent(a.Reports.Completeness()), OnTimeRate: percent(a.Reports.OnTimeRate())})
		if a.Status.Total() > 0 {
			agencies = append(agencies, chart.StackRow{Label: name, Counts: a.Status})
		}
	}
	v.AgencyChart = chart.Stacked("chart-agencies", "Nhiệm vụ theo cơ quan chủ trì", agencies)

	var trend []chart.StackRow
	for _, tp := range d.Trend {
		label := tp.Period.Label
		row := countRow{Label: label + " (tính đến " + vntext.FormatDate(tp.Day) + ")"}
		for _, s := range plan.Statuses { // a past period's counts: no task list of today behind them
			row.Cells = append(row.Cells, cell{Status: s, N: tp.Status[s], Text: vntext.FormatInt(tp.Status[s])})
		}
		row.Cells = append(row.Cells, cell{N: tp.Status.Total(), Text: vntext.FormatInt(tp.Status.Total())})
		v.Trend = append(v.Trend, row)
		trend = append(trend, chart.StackRow{Label: label, Counts: tp.Status})
	}
	v.TrendChart = chart.Stacked("chart-trend", "Diễn biến qua các kỳ", trend)

	var inds []chart.ValueRow
	for _, f := range d.Indicators {
		r := indicatorRow{IndicatorFigure: f, TargetText: optNumber(f.Target), ActualText: optNumber(f.Actual),
			AchievedText: optPercent(f.Achieved), LightClass: chart.LightClass(f.Light), LightLabel: chart.LightLabel(f.Light)}
		v.Indicators = append(v.Indicators, r)
		val := 0.0
		if f.Achieved != nil {
			val = *f.Achieved
		}
		inds = append(inds, chart.ValueRow{Label: f.Code + " " + f.Name, Value: val, Text: r.AchievedText, Class: "seg seg-" + r.LightClass})
	}
	v.IndicatorChart = chart.Values("chart-indicators", "Chỉ tiêu: % đạt so với mục tiêu", inds, 100)

	for _, o := range d.Overdue {
		v.Overdue = append(v.Overdue, overdueLine{Section: o.SectionLabel, Title: o.Title, Lead: names[o.LeadAgencyID], Due: o.Due, Days: o.Days})
	}
	return v
}

// Total is the plan's number of tasks, with its link.
func (v *planView) Total() cell { return v.Cells[len(v.Cells)-1] }

// OverdueHref is the list of the plan's overdue tasks.
func (v *planView) OverdueHref() string {
	return tasksHref(v.Plan.ID, "status", string(plan.StatusOverdue))
}
