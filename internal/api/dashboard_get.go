package api

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
)

// dashboardGet answers GET /plans/{id}/dashboard: the plan's figures for a
// period (period=, default the one containing the day) on a day (asof=,
// YYYY-MM-DD, default today by the injected clock), as app.PlanDashboard
// gives them — the same numbers the dashboard pages, the official report
// and the open data show. Only accepted report data moves task statuses and
// indicator values; completeness counts every report sent.
func (a *api) dashboardGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	periodID, asOf, err := dashboardParams(r.URL.Query(), a.app.Today())
	if err != nil {
		return err
	}
	d, err := a.app.PlanDashboard(r.Context(), u, id, periodID, asOf)
	if err != nil {
		return periodParamError(err)
	}
	body, err := a.dashboards.encode(d)
	if err != nil {
		return err
	}
	writeBody(w, body)
	return nil
}

// periodParamError answers a period= that is not one of the plan's as a
// bad parameter (400), as every endpoint taking period= does; other errors
// pass through.
func periodParamError(err error) error {
	var pe *app.PeriodError
	if errors.As(err, &pe) {
		return badRequest(map[string]string{"period": "Kỳ báo cáo này không thuộc kế hoạch."}, "%s", pe.Error())
	}
	return err
}

// dashboardParams reads period= and asof= of the dashboard; every bad one
// is reported at once.
func dashboardParams(q url.Values, today time.Time) (periodID int64, asOf time.Time, err error) {
	fe := map[string]string{}
	periodID = queryID(q, "period", fe)
	asOf = today
	if s := q.Get("asof"); s != "" {
		d, perr := time.Parse(dateLayout, s)
		if perr != nil {
			fe["asof"] = "asof phải là ngày dạng YYYY-MM-DD, ví dụ 2026-06-30."
		}
		asOf = d
	}
	if len(fe) > 0 {
		return 0, time.Time{}, badRequest(fe, "Tham số truy vấn không hợp lệ; xem từng tham số.")
	}
	return periodID, asOf, nil
}
