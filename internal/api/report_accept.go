package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// reportAccept answers POST /reports/{id}/accept: the coordinator accepts
// a submitted report, which locks it; its entries' claims become the
// tasks' (the computed status of GET /tasks/{id} follows). Versions as
// for submit.
func (a *api) reportAccept(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in flowBody
	if err := decodeOptionalJSON(w, r, &in); err != nil {
		return err
	}
	read, err := readVersions(r.Header.Get("If-Match"), in.Version)
	if err != nil {
		return err
	}
	rep, err := a.app.AcceptReport(r.Context(), u, id, read)
	if err != nil {
		return err
	}
	return a.writeStep(w, r, u, rep)
}
