package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// planGet answers GET /plans/{id}.
func (a *api) planGet(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := a.app.Plan(r.Context(), id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, planView(p))
}
