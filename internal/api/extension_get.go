package api

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// extensionGet answers GET /extensions/{id}: one request, if the caller
// may see it (reporting.CanViewExtension: an agency its own; 403 otherwise).
func (a *api) extensionGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := a.store.Extension(r.Context(), id)
	if err != nil {
		return notFoundExtension(err, id)
	}
	if err := reporting.CanViewExtension(u, e); err != nil {
		return extensionError(err)
	}
	return a.writeExtension(w, r, e)
}

// writeExtension answers 200 with request e.
func (a *api) writeExtension(w http.ResponseWriter, r *http.Request, e *reporting.Extension) error {
	names, err := a.agencyNames(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, extensionView(e, names[e.AgencyID]))
}
