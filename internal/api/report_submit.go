package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// reportSubmit answers POST /reports/{id}/submit: the agency's head
// approves and sends the report (draft, not started or returned) once its
// period has begun and every entry states the task's status (422 with
// fields "entries.<task id>" otherwise). After the due day it is accepted
// and marked late (on_time false). The version read (If-Match and/or the
// body's version) must be the report's now (409 otherwise).
func (a *api) reportSubmit(w http.ResponseWriter, r *http.Request, u *auth.User) error {
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
	rep, err := a.app.SubmitReport(r.Context(), u, id, read)
	if err != nil {
		return err
	}
	return a.writeStep(w, r, u, rep)
}
