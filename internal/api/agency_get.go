package api

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
)

// agencyGet answers GET /agencies/{id}: one agency with its validity
// (valid_from, valid_to) and, once it has ended, its successor_id.
func (a *api) agencyGet(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ag, err := a.store.Agency(r.Context(), id)
	if err != nil {
		return notFoundAs(err, "Không có cơ quan mã %d.", id)
	}
	return a.writeJSON(w, http.StatusOK, agencyView(ag, clock.Today(a.clock)))
}
