package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// periodList answers GET /plans/{id}/periods: the plan's reporting periods
// under its regime (quarters due on day 10 of the quarter's last month
// unless the plan says otherwise), in order, past and future.
func (a *api) periodList(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	periods, err := a.app.Periods(r.Context(), id)
	if err != nil {
		return notFoundAs(err, "Không có kế hoạch mã %d.", id)
	}
	items := make([]periodJSON, len(periods))
	for i := range periods {
		items[i] = periodView(&periods[i])
	}
	return a.writeJSON(w, http.StatusOK, listJSON[periodJSON]{Items: items, Total: len(items)})
}
