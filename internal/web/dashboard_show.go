package web

import (
	"net/http"
	"tiendo/internal/reporting"
)

// dashboardShow shows a plan's dashboard for a period (period=, default
// the one containing the day) on a day (asof=, default today): tasks by
// status, by group and by lead agency, report completeness and
// timeliness, indicators with traffic lights, the trend across periods,
// the overdue list and early warnings. Every number links to the tasks
// behind it; every chart has its data table.
func (h *handler) dashboardShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	q, err := h.readDashParams(r)
	if err != nil {
		return err
	}
	x, err := h.loadDashPage(r, id, q)
	if err != nil {
		return err
	}
	p := x.Plan
	v := newDashView(x)
	today := h.app.Today()
	switch cur, _ := reporting.CurrentPeriod(x.Periods, today); {
	case x.Dashboard.Period.ID != cur.ID:
		v.Scope = "period"
	case !x.Dashboard.AsOf.Equal(today):
		v.Scope = "day"
	default:
		v.Scope = "today"
	}
	if r.URL.Query().Get("settings") == "saved" {
		v.Settings.Notice, v.Settings.Open = "Đã lưu ngưỡng; số liệu đã được tính lại theo ngưỡng mới.", true
	}
	return h.render(w, r, http.StatusOK, "dashboard", &page{Title: "Số liệu tổng hợp · " + planTitle(p), Nav: "dashboard", PlanID: id, Data: v})
}
