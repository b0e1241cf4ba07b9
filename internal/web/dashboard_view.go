package web

import (
	"fmt"
	"strconv"
	"time"

	"tiendo/internal/chart"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// dashView is the plan dashboard's data: figures.Dashboard laid out as
// tables (each number a link to the tasks behind it) and charts.
type dashView struct {
	Plan     *plan.Plan
	Figures  *figures.Dashboard
	Periods  []reporting.Period // for the period picker
	AsOf     string             // dd/mm/yyyy
	AsOfISO  string
	Statuses []plan.Status // table columns, in the order leaders read them

	StatusCells []countCell // one per status, with the total last
	Groups      []countRow
	Agencies    []agencyFigRow
	Indicators  []indicatorRow
	Overdue     []taskLine
	Warnings    []warningLine
	Trend       []countRow

	Completeness string // "75%"
	OnTimeRate   string

	StatusChart, GroupChart, AgencyChart, TrendChart, IndicatorChart *chart.Chart

	Query string // ?period=…&asof=… of this view, for downloads
	// Scope says which notion of status the page shows: "today" (the
	// current period on today: the tasks' status everywhere else),
	// "period" (another period: statuses in that period), "day" (the
	// current period on another day).
	Scope string

	Settings *figureForm // the plan's thresholds, as a form for editors
}

// countCell is one number with the link to its tasks.
type countCell struct {
	Status plan.Status // "" for a total
	N      int
	Text   string
	Href   string
}

// countRow is a row of counts by status (a group, an agency, a period).
type countRow struct {
	Label string
	Title string
	Sub   bool // a sub-group
	Href  string
	Cells []countCell // per status, then the total
}

// agencyFigRow is an agency's row: its tasks by status and its report.
type agencyFigRow struct {
	countRow
	AgencyID     int64
	Reports      reporting.Figures
	Completeness string
	OnTimeRate   string
}

// indicatorRow is an indicator with its traffic light.
type indicatorRow struct {
	figures.IndicatorFigure
	TargetText, ActualText, AchievedText string
	LightClass, LightLabel               string
	// Rolled are the period's values rolled up the agency tree by the
	// indicator's rule (figures.Rollup), one line per agency, by name.
	Rolled []rolledValue
}

// rolledValue is one agency's rolled-up value of an indicator.
type rolledValue struct {
	Agency, Text string
}

// taskLine is an overdue task.
type taskLine struct {
	TaskID  int64
	Title   string
	Section string
	Lead    string
	Due     time.Time
	Days    int
}

// warningLine is an early warning.
type warningLine struct {
	taskLine
	Elapsed  string
	Progress int
	Lag      string
}

// newDashView lays out x's figures.
func newDashView(x *dashFigures) *dashView {
	p, d, q := x.Plan, x.Dashboard, x.Params
	names := agencyIndex(x.Agencies)
	v := &dashView{Plan: p, Figures: d, Periods: x.Periods, AsOf: vntext.FormatDate(d.AsOf), AsOfISO: d.AsOf.Format(time.DateOnly),
		Statuses: plan.Statuses, Query: q.query(), Settings: &figureForm{}}
	v.Settings.fill(x.Settings)
	tasksURL := fmt.Sprintf("/plans/%d/tasks", p.ID)
	cells := func(c figures.Counts, kv ...string) []countCell { return cellsFor(tasksURL, q, c, kv...) }
	v.StatusCells = cells(d.Status)
	v.Completeness, v.OnTimeRate = formatPercent(d.Reports.Completeness()), formatPercent(d.Reports.OnTimeRate())

	var statusRows []valueRow
	for _, c := range v.StatusCells[:len(plan.Statuses)] {
		statusRows = append(statusRows, valueRow{Label: c.Status.Label(), Value: float64(c.N), Text: c.Text, Class: statusSegClass(c.Status), Href: c.Href})
	}
	v.StatusChart = valueChart("chart-status", "Nhiệm vụ theo tình trạng", statusRows, 1)

	var groupStack []stackRow
	for _, g := range d.ByGroup {
		sec := strconv.FormatInt(g.SectionID, 10)
		v.Groups = append(v.Groups, countRow{Label: g.Label, Title: g.Title, Cells: cells(g.Status, "section", sec)})
		groupStack = append(groupStack, stackRow{Label: g.Label + ". " + g.Title, Counts: g.Status, Href: statusHref(tasksURL, q, "section", sec)})
		for _, s := range g.Subgroups {
			v.Groups = append(v.Groups, countRow{Label: s.Label, Title: s.Title, Sub: true, Cells: cells(s.Status, "section", strconv.FormatInt(s.SectionID, 10))})
		}
	}
	v.GroupChart = stackedChart("chart-groups", "Nhiệm vụ theo nhóm", groupStack)

	var agencyStack []stackRow
	for _, a := range d.ByAgency {
		ap := agencyParam(a.AgencyID)
		name := a.Name
		if ag := names[a.AgencyID]; ag != nil {
			name = ag.DisplayName()
		}
		row := agencyFigRow{countRow: countRow{Label: name, Title: a.Name, Cells: cells(a.Status, "agency", ap)}, AgencyID: a.AgencyID,
			Reports: a.Reports, Completeness: formatPercent(a.Reports.Completeness()), OnTimeRate: formatPercent(a.Reports.OnTimeRate())}
		if a.AgencyID != 0 {
			row.Href = fmt.Sprintf("/plans/%d/dashboard/agency/%d", p.ID, a.AgencyID) + q.query()
		}
		v.Agencies = append(v.Agencies, row)
		if a.Status.Total() > 0 {
			agencyStack = append(agencyStack, stackRow{Label: name, Counts: a.Status, Href: statusHref(tasksURL, q, "agency", ap)})
		}
	}
	v.AgencyChart = stackedChart("chart-agencies", "Nhiệm vụ theo cơ quan chủ trì", agencyStack)

	var indRows []valueRow
	for _, f := range d.Indicators {
		r := indicatorRow{IndicatorFigure: f, TargetText: optNumber(f.Target), ActualText: optNumber(f.Actual),
			AchievedText: optPercent(f.Achieved), LightClass: lightClass(f.Light), LightLabel: lightLabel(f.Light)}
		for id, val := range f.Rollup {
			if a := names[id]; a != nil {
				r.Rolled = append(r.Rolled, rolledValue{Agency: a.DisplayName(), Text: vntext.FormatNumber(val, 1)})
			}
		}
		vntext.Sort(r.Rolled, func(x rolledValue) string { return x.Agency })
		v.Indicators = append(v.Indicators, r)
		val := 0.0
		if f.Achieved != nil {
			val = *f.Achieved
		}
		indRows = append(indRows, valueRow{Label: f.Code + " " + f.Name, Value: val, Text: r.AchievedText, Class: "seg seg-" + r.LightClass})
	}
	v.IndicatorChart = valueChart("chart-indicators", "Chỉ tiêu: % đạt so với mục tiêu", indRows, 100)

	var trendStack []stackRow
	for _, tp := range d.Trend {
		tq := dashParams{PeriodID: tp.Period.ID, AsOf: tp.Day, AsOfSet: true}
		v.Trend = append(v.Trend, countRow{Label: tp.Period.Label, Title: vntext.FormatDate(tp.Day), Cells: cellsFor(tasksURL, tq, tp.Status)})
		trendStack = append(trendStack, stackRow{Label: tp.Period.Label, Counts: tp.Status, Href: statusHref(tasksURL, tq)})
	}
	v.TrendChart = stackedChart("chart-trend", "Diễn biến qua các kỳ", trendStack)

	lead := func(id int64) string {
		if a := names[id]; a != nil {
			return a.DisplayName()
		}
		return ""
	}
	for _, o := range d.Overdue {
		v.Overdue = append(v.Overdue, taskLine{TaskID: o.TaskID, Title: x.taskTitle(o.TaskID, o.Title), Section: o.SectionLabel, Lead: lead(o.LeadAgencyID), Due: o.Due, Days: o.Days})
	}
	for _, w := range d.EarlyWarning {
		v.Warnings = append(v.Warnings, warningLine{taskLine: taskLine{TaskID: w.TaskID, Title: x.taskTitle(w.TaskID, w.Title), Section: w.SectionLabel, Lead: lead(w.LeadAgencyID), Due: w.Due},
			Elapsed: vntext.FormatNumber(w.Elapsed, 1) + "%", Progress: w.Progress, Lag: vntext.FormatNumber(w.Lag, 1)})
	}
	return v
}

// cellsFor is a row of status cells linking to the tasks of q.
func cellsFor(tasksURL string, q dashParams, c figures.Counts, kv ...string) []countCell {
	out := make([]countCell, 0, len(plan.Statuses)+1)
	for _, s := range plan.Statuses {
		out = append(out, countCell{Status: s, N: c[s], Text: vntext.FormatInt(c[s]), Href: tasksURL + q.query(append(kv, "status", string(s))...)})
	}
	return append(out, countCell{N: c.Total(), Text: vntext.FormatInt(c.Total()), Href: tasksURL + q.query(kv...)})
}

// statusHref returns the drill-down link of one status with filters kv.
func statusHref(tasksURL string, q dashParams, kv ...string) func(plan.Status) string {
	return func(s plan.Status) string { return tasksURL + q.query(append(kv, "status", string(s))...) }
}

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
