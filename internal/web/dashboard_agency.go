package web

import (
	"fmt"
	"net/http"
	"strconv"

	"tiendo/internal/agency"
	"tiendo/internal/chart"
	"tiendo/internal/figures"
	"tiendo/internal/reporting"
)

// agencyDashView is one agency's page of a plan's dashboard.
type agencyDashView struct {
	Dash     *dashView
	Agency   *agency.Agency
	Row      agencyFigRow    // its tasks by status and its report for the period
	Chart    *chart.Chart    // its tasks by status
	Overdue  []taskLine      // its overdue tasks
	Warnings []warningLine   // its early warnings
	History  []agencyReports // its reports' timeliness in every started period
}

// agencyReports is the agency's report figures in one period.
type agencyReports struct {
	Period  reporting.Period
	Current bool
	Figures reporting.Figures
	State   string // "Đúng hạn", "Gửi muộn", "Chưa gửi", "Không phải báo cáo"
}

// dashboardAgency shows one agency's figures in a plan
// (app.AgencyFigures): the tasks it leads by status, its overdue tasks and
// early warnings, and its reports' timeliness period by period. An
// agency's head and officers see their own agency's page only; leaders
// and the coordinator see every agency's.
func (h *handler) dashboardAgency(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	agencyID, err := strconv.ParseInt(r.PathValue("agency"), 10, 64)
	if err != nil || agencyID <= 0 {
		return errNotFound
	}
	q, err := h.readDashParams(r)
	if err != nil {
		return err
	}
	af, err := h.app.AgencyFigures(r.Context(), h.user(r), id, agencyID, q.PeriodID, q.AsOf)
	if err != nil {
		return err
	}
	x, ag := newDashFigures(af.PlanFigures, q), af.Agency
	p, d := x.Plan, x.Dashboard
	dv := newDashView(x)
	v := &agencyDashView{Dash: dv, Agency: ag}
	v.Row = agencyFigRow{countRow: countRow{Label: ag.DisplayName(), Title: ag.Name,
		Cells: cellsFor(fmt.Sprintf("/plans/%d/tasks", id), x.Params, figures.Counts{}, "agency", agencyParam(agencyID))}, AgencyID: agencyID,
		Completeness: formatPercent(0), OnTimeRate: formatPercent(0)}
	for _, row := range dv.Agencies {
		if row.AgencyID == agencyID {
			v.Row = row
		}
	}
	counts := figures.Counts{}
	for _, a := range d.ByAgency {
		if a.AgencyID == agencyID {
			counts = a.Status
		}
	}
	v.Chart = stackedChart("chart-agency", "Nhiệm vụ chủ trì theo tình trạng", []stackRow{{Label: ag.DisplayName(), Counts: counts,
		Href: statusHref(fmt.Sprintf("/plans/%d/tasks", id), x.Params, "agency", agencyParam(agencyID))}})
	for i, o := range d.Overdue {
		if o.LeadAgencyID == agencyID {
			v.Overdue = append(v.Overdue, dv.Overdue[i])
		}
	}
	for i, wn := range d.EarlyWarning {
		if wn.LeadAgencyID == agencyID {
			v.Warnings = append(v.Warnings, dv.Warnings[i])
		}
	}
	for _, hp := range af.History {
		v.History = append(v.History, agencyReports{Period: hp.Period, Current: hp.Current, Figures: hp.Reports, State: reportsState(hp.Reports)})
	}
	return h.render(w, r, http.StatusOK, "dashboard_agency", &page{Title: ag.DisplayName() + " · " + planTitle(p), Nav: "dashboard", PlanID: id, Data: v})
}

// reportsState words an agency's reports in one period.
func reportsState(g reporting.Figures) string {
	switch {
	case g.Expected == 0:
		return "Không phải báo cáo"
	case g.OnTime > 0:
		return "Đúng hạn"
	case g.Late > 0:
		return "Gửi muộn"
	}
	return "Chưa gửi"
}
