package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/app"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// Dashboards, their drill-down lists and their downloads all start here:
// a plan's figures from the application (app.PlanFigures, or
// app.NamedPlanDashboard through the figure cache), computed in the one
// place figures are computed. Nothing in web counts tasks by status on its
// own: the drill-down list takes each task's status from figures too
// (taskStatuses), so that a number and the list behind it always agree.

// dashParams are the query parameters shared by the dashboard, its
// drill-down lists and their downloads.
type dashParams struct {
	PeriodID int64
	AsOf     time.Time // the day judged on; today when not given
	AsOfSet  bool      // asof= was given (kept in links)
	Status   plan.Status
	AgencyID int64 // lead agency; -1 for tasks without a lead
	Section  int64 // a group or sub-group and its descendants
}

// readDashParams reads period=, asof= (dd/mm/yyyy or YYYY-MM-DD), status=,
// agency= ("0" or "none": without a lead) and section=. A bad value is a
// 404, as for any address that names nothing.
func (h *handler) readDashParams(r *http.Request) (dashParams, error) {
	q := r.URL.Query()
	p := dashParams{AsOf: h.app.Today(), PeriodID: formID(q.Get("period")), Section: formID(q.Get("section"))}
	if s := strings.TrimSpace(q.Get("asof")); s != "" {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			if d, err = parseDate(s); err != nil {
				return p, errNotFound
			}
		}
		p.AsOf, p.AsOfSet = d, true
	}
	if s := q.Get("status"); s != "" {
		p.Status = plan.Status(s)
		if !p.Status.Valid() {
			return p, errNotFound
		}
	}
	switch s := q.Get("agency"); s {
	case "":
	case "0", "none":
		p.AgencyID = -1
	default:
		if p.AgencyID = formID(s); p.AgencyID == 0 {
			return p, errNotFound
		}
	}
	return p, nil
}

// dashFigures is what a dashboard page, list or download shows: a plan's
// figures for the period and day asked, the names around them, and the
// query that asked.
type dashFigures struct {
	Plan      *plan.Plan
	Periods   []reporting.Period
	Agencies  []agency.Agency
	Dashboard *figures.Dashboard
	// Settings are the plan's thresholds and warning lag the figures were
	// computed with.
	Settings *figures.Settings
	// Facts are every fact the figures were computed from; nil on the
	// dashboard page, which reads the figures alone from the cache.
	Facts *figures.Facts
	// titles are the titles of the listed tasks without one of their own
	// (the dashboard page's; the others read them from Facts).
	titles map[int64]string
	Params dashParams
}

// loadDash computes the plan's figures as of the day asked for the period
// asked, with every fact behind them (for the lists and downloads).
func (h *handler) loadDash(r *http.Request, planID int64, p dashParams) (*dashFigures, error) {
	pf, err := h.app.PlanFigures(r.Context(), h.user(r), planID, p.PeriodID, p.AsOf)
	if err != nil {
		return nil, err
	}
	return newDashFigures(pf, p), nil
}

// newDashFigures is pf shown for the query p.
func newDashFigures(pf *app.PlanFigures, p dashParams) *dashFigures {
	p.PeriodID = pf.Dashboard.Period.ID
	f := pf.Facts
	return &dashFigures{Plan: &f.Plan, Periods: f.Periods, Agencies: f.Agencies, Dashboard: pf.Dashboard,
		Settings: pf.Settings, Facts: f, Params: p}
}

// loadDashPage is loadDash for the dashboard page itself, which shows
// figures and names but lists no task: the figures come from the cache
// the API shares, and around them only the plan, its periods, the
// agencies and the titles of the few tasks listed — not every task and
// claim of the plan, which the drill-down lists and downloads read.
func (h *handler) loadDashPage(r *http.Request, planID int64, p dashParams) (*dashFigures, error) {
	d, err := h.app.NamedPlanDashboard(r.Context(), h.user(r), planID, p.PeriodID, p.AsOf)
	if err != nil {
		return nil, err
	}
	p.PeriodID = d.Figures.Period.ID
	return &dashFigures{Plan: d.Plan, Periods: d.Periods, Agencies: d.Agencies, Dashboard: d.Figures,
		Settings: d.Settings, titles: d.TaskTitles, Params: p}, nil
}

// taskTitle is a listed task's title, or the start of its text when it
// has none.
func (x *dashFigures) taskTitle(id int64, title string) string {
	if title != "" {
		return title
	}
	if t, ok := x.titles[id]; ok {
		return t
	}
	if x.Facts != nil {
		for i := range x.Facts.Tasks {
			if x.Facts.Tasks[i].ID == id {
				return plan.TitleFromText(x.Facts.Tasks[i].Text)
			}
		}
	}
	return ""
}

// taskStatuses is every task's status in the dashboard's period on its
// day, exactly as figures.Compute counted it (figures.TaskRows), so the
// drill-down lists use the status behind the counts.
func (x *dashFigures) taskStatuses() (map[int64]plan.Status, error) {
	rows := figures.TaskRows(figures.InPeriod(x.Facts, x.Dashboard.Period), x.Dashboard)
	out := make(map[int64]plan.Status, len(rows))
	for _, r := range rows {
		out[r.TaskID] = r.Status
	}
	return out, nil
}

// listedTask is one task of a drill-down list or task export.
type listedTask struct {
	Task    *plan.Task
	Title   string
	Section string // label, "III.4.2"
	Lead    string
	Status  plan.Status
}

// filterTasks lists the plan's tasks matching the status, lead agency and
// section filters, in plan order, with the status figures gives them.
func (x *dashFigures) filterTasks() ([]listedTask, error) {
	st, err := x.taskStatuses()
	if err != nil {
		return nil, err
	}
	f, p := figures.InPeriod(x.Facts, x.Dashboard.Period), x.Params
	labels := map[int64]string{}
	parent := map[int64]int64{}
	for _, s := range f.Sections {
		labels[s.ID], parent[s.ID] = s.Label, s.ParentID
	}
	names := agencyIndex(f.Agencies)
	within := func(sec int64) bool {
		for n := 0; sec != 0 && n <= len(f.Sections); n++ {
			if sec == p.Section {
				return true
			}
			sec = parent[sec]
		}
		return false
	}
	var out []listedTask
	for i := range f.Tasks {
		t := &f.Tasks[i]
		switch {
		case p.Status != "" && st[t.ID] != p.Status,
			p.AgencyID > 0 && t.LeadAgencyID != p.AgencyID,
			p.AgencyID < 0 && t.LeadAgencyID != 0,
			p.Section != 0 && !within(t.SectionID):
			continue
		}
		lt := listedTask{Task: t, Title: t.Title, Section: labels[t.SectionID], Status: st[t.ID]}
		if lt.Title == "" {
			lt.Title = plan.TitleFromText(t.Text)
		}
		if a := names[t.LeadAgencyID]; a != nil {
			lt.Lead = a.DisplayName()
		}
		out = append(out, lt)
	}
	return out, nil
}

// query is the query string of the dashboard's period and day with the
// filters given as key, value pairs (empty values left out).
func (p dashParams) query(kv ...string) string {
	v := url.Values{}
	if p.PeriodID != 0 {
		v.Set("period", strconv.FormatInt(p.PeriodID, 10))
	}
	if p.AsOfSet {
		v.Set("asof", p.AsOf.Format(time.DateOnly))
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// filterQuery is p's own filters as a query string (for downloads of the
// same list).
func (p dashParams) filterQuery() string {
	return p.query("status", string(p.Status), "agency", agencyParam(p.AgencyID), "section", idParam(p.Section))
}

// agencyParam is the agency= value for a lead agency ID (0: without lead).
func agencyParam(id int64) string {
	switch {
	case id == 0, id < 0:
		return "none"
	}
	return strconv.FormatInt(id, 10)
}

func idParam(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}
