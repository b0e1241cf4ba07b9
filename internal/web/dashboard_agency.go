package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"tiendo/internal/agency"
	"tiendo/internal/figures"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// agencyDashView is one agency's page of a plan's dashboard.
type agencyDashView struct {
	Dash     *dashView
	Agency   *agency.Agency
	Row      agencyFigRow    // its tasks by status and its report for the period
	Chart    *chart          // its tasks by status
	Overdue  []taskLine      // its overdue tasks
	Warnings []warningLine   // its early warnings
	History  []agencyReports // its reports' timeliness in every started period
}

// agencyReports is the agency's report figures in one period.
type agencyReports struct {
	Period  reporting.Period
	Current bool
	Figures reporting.Figures
	State   string // "Đúng hạn", "Muộn", "Chưa nộp", "Không phải báo cáo"
}

// dashboardAgency shows one agency's figures in a plan: the tasks it
// leads by status, its overdue tasks and early warnings, and its reports'
// timeliness period by period. An agency's head and officers see their
// own agency's page only; leaders and the coordinator see every agency's.
func (h *handler) dashboardAgency(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	agencyID, err := strconv.ParseInt(r.PathValue("agency"), 10, 64)
	if err != nil || agencyID <= 0 {
		return errNotFound
	}
	if !mayReadAgency(userFrom(r.Context()), agencyID) {
		return errForbidden
	}
	q, err := h.readDashParams(r)
	if err != nil {
		return err
	}
	x, err := h.loadDash(r, id, q)
	if err != nil {
		return h.dashFail(w, r, err)
	}
	var ag *agency.Agency
	for i := range x.Facts.Agencies {
		if x.Facts.Agencies[i].ID == agencyID {
			ag = &x.Facts.Agencies[i]
		}
	}
	if ag == nil { // an agency the plan does not name: its figures are all zero
		if ag, err = h.store.Agency(r.Context(), agencyID); errors.Is(err, store.ErrNotFound) {
			return errNotFound
		} else if err != nil {
			return err
		}
	}
	p := &x.Facts.Plan
	dv := newDashView(p, x)
	v := &agencyDashView{Dash: dv, Agency: ag}
	v.Row = agencyFigRow{countRow: countRow{Label: ag.DisplayName(), Title: ag.Name,
		Cells: cellsFor(fmt.Sprintf("/plans/%d/tasks", id), x.P, figures.Counts{}, "agency", agencyParam(agencyID))}, AgencyID: agencyID,
		Completeness: formatPercent(0), OnTimeRate: formatPercent(0)}
	for _, row := range dv.Agencies {
		if row.AgencyID == agencyID {
			v.Row = row
		}
	}
	counts := figures.Counts{}
	for _, a := range x.D.ByAgency {
		if a.AgencyID == agencyID {
			counts = a.Status
		}
	}
	v.Chart = stackedChart("chart-agency", "Nhiệm vụ chủ trì theo tình trạng", []stackRow{{Label: ag.DisplayName(), Counts: counts,
		Href: statusHref(fmt.Sprintf("/plans/%d/tasks", id), x.P, "agency", agencyParam(agencyID))}})
	for i, o := range x.D.Overdue {
		if o.LeadAgencyID == agencyID {
			v.Overdue = append(v.Overdue, dv.Overdue[i])
		}
	}
	for i, wn := range x.D.EarlyWarning {
		if wn.LeadAgencyID == agencyID {
			v.Warnings = append(v.Warnings, dv.Warnings[i])
		}
	}
	if v.History, err = agencyHistory(x, agencyID); err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "dashboard_agency", &page{Title: ag.DisplayName() + " · " + planTitle(p), Nav: "dashboard", PlanID: id, Data: v})
}

// agencyHistory is the agency's report figures in each period started by
// the dashboard's day up to the period shown, each from figures.Compute
// for that period.
func agencyHistory(x *dashData, agencyID int64) ([]agencyReports, error) {
	var out []agencyReports
	for _, p := range x.Facts.Periods {
		if p.Start.After(x.D.Period.Start) || !p.Started(x.D.AsOf) {
			continue
		}
		d := x.D
		if p.ID != x.D.Period.ID {
			var err error
			if d, err = figures.Compute(x.Facts, x.Settings.Options(figures.Options{PeriodID: p.ID, AsOf: x.D.AsOf})); err != nil {
				return nil, err
			}
		}
		row := agencyReports{Period: p, Current: p.ID == x.D.Period.ID, State: "Không phải báo cáo"}
		for _, a := range d.ByAgency {
			if a.AgencyID == agencyID {
				row.Figures = a.Reports
			}
		}
		switch g := row.Figures; {
		case g.Expected == 0:
		case g.OnTime > 0:
			row.State = "Đúng hạn"
		case g.Late > 0:
			row.State = "Muộn"
		default:
			row.State = "Chưa nộp"
		}
		out = append(out, row)
	}
	return out, nil
}
