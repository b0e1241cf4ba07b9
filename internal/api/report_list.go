package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// reportList answers GET /reports: the reports of a plan, filtered by
// period, agency and state, as far as the caller may read them
// (app.Reports: asking for another agency's, or for a leader for what is
// not accepted, is 403). Every report expected from an agency is listed
// from its period's first day (in state not_started until someone saves),
// with its due day, when it was sent and whether on time; in period order,
// then agency name.
func (a *api) reportList(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	f, err := reportFilter(r.URL.Query())
	if err != nil {
		return err
	}
	if f.PeriodID != 0 {
		p, err := a.app.Period(r.Context(), f.PeriodID)
		if err != nil {
			return err
		}
		if f.PlanID != 0 && p.PlanID != f.PlanID {
			return badRequest(map[string]string{"period": "Kỳ báo cáo này thuộc kế hoạch khác."},
				"Kỳ báo cáo mã %d không thuộc kế hoạch mã %d.", f.PeriodID, f.PlanID)
		}
		f.PlanID = p.PlanID
	}
	reports, total, err := a.app.Reports(r.Context(), u, f)
	if err != nil {
		return err
	}
	names, err := a.app.AgencyNames(r.Context())
	if err != nil {
		return err
	}
	items := make([]reportJSON, len(reports))
	for i := range reports {
		reportView(&items[i], &reports[i], names[reports[i].AgencyID])
	}
	return a.writeJSON(w, http.StatusOK, listJSON[reportJSON]{Items: items, Total: total})
}
