package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// agencyGet answers GET /agencies/{id}: one agency with its validity
// (valid_from, valid_to) and, once it has ended, its successor_id.
func (a *api) agencyGet(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ag, err := a.app.Agency(r.Context(), id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, agencyView(ag, a.app.Today()))
}
