package api

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/figures"
	"tiendo/internal/store"
)

// dashboardGet answers GET /plans/{id}/dashboard: the plan's figures for a
// period (period=, default the one containing the day) on a day (asof=,
// YYYY-MM-DD, default today by the injected clock), as figures.Compute
// gives them — the same numbers the dashboard pages, the official report
// and the open data show. Only accepted report data moves task statuses and
// indicator values; completeness counts every report sent.
func (a *api) dashboardGet(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	periodID, asOf, err := dashboardParams(r.URL.Query(), clock.Today(a.clock))
	if err != nil {
		return err
	}
	d, err := a.figs.Dashboard(r.Context(), id, periodID, asOf)
	if errors.Is(err, store.ErrNotFound) {
		return notFoundAs(err, "Không có kế hoạch mã %d.", id)
	}
	if errors.Is(err, figures.ErrNoPeriod) {
		if periodID != 0 {
			return badRequest(map[string]string{"period": "Kỳ báo cáo này không thuộc kế hoạch."},
				"Kỳ báo cáo mã %d không thuộc kế hoạch mã %d.", periodID, id)
		}
		return notFound("Kế hoạch mã %d chưa có kỳ báo cáo, nên chưa có số liệu.", id)
	}
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, dashboardView(d))
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
