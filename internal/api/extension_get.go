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
	e, err := a.app.Extension(r.Context(), u, id)
	if err != nil {
		return extensionError(err)
	}
	return a.writeExtension(w, r, http.StatusOK, e)
}

// writeExtension answers with request e.
func (a *api) writeExtension(w http.ResponseWriter, r *http.Request, status int, e *reporting.Extension) error {
	names, err := a.app.AgencyNames(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, status, extensionView(e, names[e.AgencyID]))
}
