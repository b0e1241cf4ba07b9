package api

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
)

// reportList answers GET /reports: the reports of a plan, filtered by
// period, agency and state, as far as the caller may read them. Every
// report expected from an agency is listed from its period's first day
// (in state not_started until someone saves), with its due day, when it
// was sent and whether on time; in period order, then agency name.
func (a *api) reportList(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	f, err := reportFilter(r.URL.Query())
	if err != nil {
		return err
	}
	if f.PeriodID != 0 {
		p, err := a.store.Period(r.Context(), f.PeriodID)
		if err != nil {
			return notFoundAs(err, "Không có kỳ báo cáo mã %d.", f.PeriodID)
		}
		if f.PlanID != 0 && p.PlanID != f.PlanID {
			return badRequest(map[string]string{"period": "Kỳ báo cáo này thuộc kế hoạch khác."},
				"Kỳ báo cáo mã %d không thuộc kế hoạch mã %d.", f.PeriodID, f.PlanID)
		}
		f.PlanID = p.PlanID
	}
	if err := scopeReports(u, &f); err != nil {
		return err
	}
	f.Today = clock.Today(a.clock)
	reports, total, err := a.store.Reports(r.Context(), f)
	if err != nil {
		return notFoundAs(err, "Không có kế hoạch mã %d.", f.PlanID)
	}
	names, err := a.agencyNames(r.Context())
	if err != nil {
		return err
	}
	items := make([]reportJSON, len(reports))
	for i := range reports {
		reportView(&items[i], &reports[i], names[reports[i].AgencyID])
	}
	return a.writeJSON(w, http.StatusOK, listJSON[reportJSON]{Items: items, Total: total})
}
