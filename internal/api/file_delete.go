package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// fileDelete answers DELETE /files/{id}: removes an evidence file from its
// report, under the report's edit rule (the agency's own report, not yet
// submitted or sent back; 403 or 409 with the rule otherwise). 204 on success.
func (a *api) fileDelete(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := a.app.DeleteReportFile(r.Context(), u, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
