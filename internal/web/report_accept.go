package web

import (
	"net/http"
)

// reportAccept accepts a submitted report (the coordinator); it is then
// locked, and its claims become the tasks' status.
func (h *handler) reportAccept(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	read, err := flowVersion(w, r)
	if err != nil {
		return err
	}
	_, err = h.app.AcceptReport(r.Context(), h.user(r), id, read)
	if err := h.flowRejected(r, id, err); err != nil {
		return err
	}
	http.Redirect(w, r, reportURL(id, "?done=accepted"), http.StatusSeeOther)
	return nil
}
