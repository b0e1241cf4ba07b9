package web

import (
	"net/http"
)

// reportRevise starts a correction of an accepted report: a new revision,
// a draft copy of it, which the agency edits and sends again; the accepted
// one stays as it was, viewable from the list of revisions.
func (h *handler) reportRevise(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	next, err := h.app.ReviseReport(r.Context(), h.user(r), id)
	if err != nil {
		return err
	}
	http.Redirect(w, r, reportURL(next.ID, "/edit?done=revised"), http.StatusSeeOther)
	return nil
}
