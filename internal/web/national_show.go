package web

import (
	"net/http"
	"strconv"
	"time"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// nationalShow shows the rollup of every active plan on a day (asof=,
// default today): each plan's line as its own dashboard counts it, for the
// period it shows that day, and the totals (the sums of the lines). It is
// the view of a ministry or of the country over the provinces' plans;
// every plan links to its own dashboard.
func (h *handler) nationalShow(w http.ResponseWriter, r *http.Request) error {
	q, err := h.readDashParams(r)
	if err != nil {
		return err
	}
	n, err := h.app.NationalFigures(r.Context(), h.user(r), q.AsOf)
	if err != nil {
		return err
	}
	total := n.Total
	v := &nationalView{AsOf: vntext.FormatDate(n.AsOf), AsOfISO: n.AsOf.Format(time.DateOnly), Skipped: n.WithoutPeriod,
		Statuses: plan.Statuses, Total: nationalLine(total.Status, total.Reports, total.Overdue, total.Warned)}
	if q.AsOfSet {
		v.Query = "?asof=" + v.AsOfISO
	}
	for _, l := range n.Lines {
		line := nationalLine(l.Status, l.Reports, l.Overdue, l.Warned)
		line.Plan, line.Period = l.Plan, l.Period.Label
		line.Href = "/plans/" + strconv.FormatInt(l.Plan.ID, 10) + "/dashboard" + v.Query
		v.Lines = append(v.Lines, line)
	}
	return h.render(w, r, http.StatusOK, "national", &page{Title: "Tổng hợp các kế hoạch", Nav: "national", Data: v})
}

// nationalView is the national page.
type nationalView struct {
	AsOf, AsOfISO, Query string
	Statuses             []plan.Status
	Lines                []nationalRow
	Total                nationalRow
	Skipped              int // active plans without a reporting period
}

// nationalRow is one plan's line, or the totals.
type nationalRow struct {
	Plan         plan.Plan
	Href, Period string
	Counts       []int // by Statuses
	Tasks        int
	Received     int
	Expected     int
	Completeness string
	OnTimeRate   string
	Overdue      int
	Warned       int
}

func nationalLine(c figures.Counts, rep reporting.Figures, overdue, warned int) nationalRow {
	row := nationalRow{Tasks: c.Total(), Overdue: overdue, Warned: warned, Received: rep.Received, Expected: rep.Expected,
		Completeness: formatPercent(rep.Completeness()), OnTimeRate: formatPercent(rep.OnTimeRate())}
	for _, s := range plan.Statuses {
		row.Counts = append(row.Counts, c[s])
	}
	return row
}
