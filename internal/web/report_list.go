package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// reportsPerPage is how many reports one list page shows.
const reportsPerPage = 100

// reportListView is the report list's data.
type reportListView struct {
	Plans    []plan.Plan
	Plan     *plan.Plan
	Periods  []reporting.Period // started periods, newest first
	Agencies []agency.Agency    // expected agencies to filter by; empty for agency users
	States   []reporting.State
	PeriodID int64
	AgencyID int64
	State    reporting.State
	OwnOnly  bool // the list is the user's own agency's
	Accepted bool // leaders see accepted reports only
	Rows     []reportRow
	Total    int
	Page     int
	Pages    int
	PrevURL  string
	NextURL  string
}

// reportRow is one report in the list.
type reportRow struct {
	reporting.Report
	AgencyName string
	DaysToDue  int
}

// reportList lists a plan's reports, filtered by period, agency and state.
// Agencies see their own; provincial leaders see accepted reports only;
// the coordinator sees all, every expected report listed from its
// period's start.
func (h *handler) reportList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userFrom(ctx)
	q := r.URL.Query()
	today := h.app.Today()
	v := &reportListView{States: reporting.States}
	var err error
	if v.Plans, err = h.app.Plans(ctx); err != nil {
		return err
	}
	if v.Plan, err = choosePlan(v.Plans, formID(q.Get("plan"))); err != nil {
		return err
	}
	if v.Plan == nil {
		return h.render(w, r, http.StatusOK, "report_list", &page{Title: "Báo cáo", Nav: "reports", Data: v})
	}
	if v.Periods, err = h.startedPeriods(ctx, v.Plan.ID, today); err != nil {
		return err
	}
	f := reporting.ReportFilter{PlanID: v.Plan.ID, PeriodID: formID(q.Get("period")),
		AgencyID: formID(q.Get("agency")), State: reporting.State(q.Get("state"))}
	if !f.State.Valid() {
		f.State = ""
	}
	switch {
	case u.Role.NeedsAgency():
		f.AgencyID, v.OwnOnly = u.AgencyID, true
	case u.Role == auth.RoleLeader:
		f.State, v.Accepted = reporting.StateAccepted, true
	}
	v.PeriodID, v.AgencyID, v.State = f.PeriodID, f.AgencyID, f.State
	v.Page = max(1, int(formID(q.Get("page"))))
	f.Limit, f.Offset = reportsPerPage, (v.Page-1)*reportsPerPage
	list, total, err := h.app.Reports(ctx, u, f)
	if err != nil {
		return err
	}
	all, err := h.app.Agencies(ctx)
	if err != nil {
		return err
	}
	names := agencyIndex(all)
	seen := map[int64]bool{}
	for _, rep := range list {
		row := reportRow{Report: rep, AgencyName: "Cơ quan #" + strconv.FormatInt(rep.AgencyID, 10), DaysToDue: rep.Period.DaysToDue(today)}
		if a := names[rep.AgencyID]; a != nil {
			row.AgencyName = nowName(names, a)
		}
		v.Rows = append(v.Rows, row)
		seen[rep.AgencyID] = true
	}
	if !v.OwnOnly {
		v.Agencies = filterAgencies(all, func(a agency.Agency) bool { return seen[a.ID] || a.ID == f.AgencyID })
	}
	v.Total = total
	v.Pages = max(1, (total+reportsPerPage-1)/reportsPerPage)
	link := func(p int) string {
		vals := url.Values{"plan": {strconv.FormatInt(v.Plan.ID, 10)}}
		setID(vals, "period", f.PeriodID)
		setID(vals, "agency", formID(q.Get("agency")))
		if f.State != "" && !v.Accepted {
			vals.Set("state", string(f.State))
		}
		vals.Set("page", strconv.Itoa(p))
		return "/reports?" + vals.Encode()
	}
	if v.Page > 1 {
		v.PrevURL = link(v.Page - 1)
	}
	if v.Page < v.Pages {
		v.NextURL = link(v.Page + 1)
	}
	return h.render(w, r, http.StatusOK, "report_list", &page{Title: "Báo cáo", Nav: "reports", PlanID: v.Plan.ID, Data: v})
}

// choosePlan picks the plan asked for (NotFound when it does not
// exist), else the newest active plan, else the newest plan; nil when the
// register is empty.
func choosePlan(plans []plan.Plan, id int64) (*plan.Plan, error) {
	if id != 0 {
		for i := range plans {
			if plans[i].ID == id {
				return &plans[i], nil
			}
		}
		return nil, derrors.New(derrors.NotFound, "Không có kế hoạch mã %d.", id)
	}
	for i := range plans {
		if plans[i].Status == plan.PlanActive {
			return &plans[i], nil
		}
	}
	if len(plans) > 0 {
		return &plans[0], nil
	}
	return nil, nil
}

// startedPeriods lists the plan's periods started by today, newest first.
func (h *handler) startedPeriods(ctx context.Context, planID int64, today time.Time) ([]reporting.Period, error) {
	all, err := h.app.Periods(ctx, planID)
	if err != nil {
		return nil, err
	}
	var out []reporting.Period
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].Started(today) {
			out = append(out, all[i])
		}
	}
	return out, nil
}

// filterAgencies keeps the agencies for which keep is true, by name in
// Vietnamese collation.
func filterAgencies(list []agency.Agency, keep func(agency.Agency) bool) []agency.Agency {
	var out []agency.Agency
	for _, a := range list {
		if keep(a) {
			out = append(out, a)
		}
	}
	vntext.Sort(out, func(a agency.Agency) string { return a.Name })
	return out
}

func setID(v url.Values, key string, id int64) {
	if id > 0 {
		v.Set(key, strconv.FormatInt(id, 10))
	}
}
