package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// planList answers GET /plans: every plan, newest first.
func (a *api) planList(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	plans, err := a.app.Plans(r.Context())
	if err != nil {
		return err
	}
	items := make([]planJSON, len(plans))
	for i := range plans {
		items[i] = planView(&plans[i])
	}
	return a.writeJSON(w, http.StatusOK, listJSON[planJSON]{Items: items, Total: len(items)})
}
