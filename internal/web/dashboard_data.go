package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/store"
)

// Dashboards, their drill-down lists and their exports all start here: the
// plan's facts from the store and its figures from figures.Compute, the one
// place figures are computed. Nothing in web counts tasks by status on its
// own: the drill-down list takes each task's status from figures too
// (taskStatuses), so that a number and the list behind it always agree.

// errNoPeriodYet is the plan without reporting periods: no figures yet.
var errNoPeriodYet = errors.New("web: plan has no reporting period")

// msgNoPeriodYet tells why a plan without periods has no dashboard.
const msgNoPeriodYet = "Kế hoạch chưa có kỳ báo cáo nên chưa có số liệu tổng hợp."

// dashFail shows the plan without periods its own message and leaves any
// other error to fail.
func (h *handler) dashFail(w http.ResponseWriter, r *http.Request, err error) error {
	if errors.Is(err, errNoPeriodYet) {
		h.message(w, r, http.StatusNotFound, msgNoPeriodYet)
		return nil
	}
	return err
}

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
	p := dashParams{AsOf: clock.Today(h.clock), PeriodID: formID(q.Get("period")), Section: formID(q.Get("section"))}
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

// dashData is a plan's facts and figures for one request.
type dashData struct {
	Facts *figures.Facts
	D     *figures.Dashboard
	P     dashParams
	// Settings are the plan's thresholds and warning lag the figures were
	// computed with.
	Settings *store.FigureSettings
}

// loadDash reads the plan's facts as of the day asked and computes its
// figures for the period asked.
func (h *handler) loadDash(r *http.Request, planID int64, p dashParams) (*dashData, error) {
	f, err := h.store.Facts(r.Context(), planID, p.AsOf)
	if err != nil {
		return nil, err
	}
	fs, err := h.store.FigureSettings(r.Context(), planID)
	if err != nil {
		return nil, err
	}
	d, err := figures.Compute(f, fs.Options(figures.Options{PeriodID: p.PeriodID, AsOf: p.AsOf}))
	if errors.Is(err, figures.ErrNoPeriod) {
		if p.PeriodID != 0 {
			return nil, errNotFound
		}
		return nil, errNoPeriodYet
	}
	if err != nil {
		return nil, err
	}
	p.PeriodID = d.Period.ID
	return &dashData{Facts: f, D: d, P: p, Settings: fs}, nil
}

// loadDashPage is loadDash for the dashboard page itself, which shows
// figures and names but lists no task: the figures come from the cache
// the API shares (figcache, exact against recomputation), and around them
// only the plan, its periods, the agencies and the few tasks whose title
// must be read from their text — not every task and claim of the plan,
// which the drill-down lists and downloads read (loadDash).
func (h *handler) loadDashPage(r *http.Request, planID int64, p dashParams) (*dashData, error) {
	ctx := r.Context()
	pl, err := h.store.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	d, err := h.figs.Dashboard(ctx, planID, p.PeriodID, p.AsOf)
	if errors.Is(err, figures.ErrNoPeriod) {
		if p.PeriodID != 0 {
			return nil, errNotFound
		}
		return nil, errNoPeriodYet
	}
	if err != nil {
		return nil, err
	}
	f := &figures.Facts{Plan: *pl}
	if f.Periods, err = h.store.Periods(ctx, planID); err != nil {
		return nil, err
	}
	if f.Agencies, err = h.store.Agencies(ctx); err != nil {
		return nil, err
	}
	untitled := map[int64]bool{}
	for _, o := range d.Overdue {
		untitled[o.TaskID] = o.Title == ""
	}
	for _, w := range d.EarlyWarning {
		untitled[w.TaskID] = untitled[w.TaskID] || w.Title == ""
	}
	for id, need := range untitled {
		if !need {
			continue
		}
		t, err := h.store.Task(ctx, id)
		if err != nil {
			return nil, err
		}
		f.Tasks = append(f.Tasks, *t)
	}
	fs, err := h.store.FigureSettings(ctx, planID)
	if err != nil {
		return nil, err
	}
	p.PeriodID = d.Period.ID
	return &dashData{Facts: f, D: d, P: p, Settings: fs}, nil
}

// taskStatuses is every task's status in the dashboard's period on its
// day, exactly as figures.Compute counted it (figures.TaskRows), so the
// drill-down lists use the status behind the counts.
func (x *dashData) taskStatuses() (map[int64]plan.Status, error) {
	rows := figures.TaskRows(figures.InPeriod(x.Facts, x.D.Period), x.D)
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
func (x *dashData) filterTasks() ([]listedTask, error) {
	st, err := x.taskStatuses()
	if err != nil {
		return nil, err
	}
	f, p := figures.InPeriod(x.Facts, x.D.Period), x.P
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

// mayReadAgency says whether u may open agency id's own page: leaders,
// the coordinator and administrators see every agency; an agency's head
// and officers see their own.
func mayReadAgency(u *auth.User, id int64) bool {
	if u == nil {
		return false
	}
	if u.Role.NeedsAgency() {
		return u.AgencyID == id
	}
	return true
}
