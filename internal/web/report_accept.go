package web

import (
	"net/http"

	"tiendo/internal/reporting"
)

// reportAccept accepts a submitted report (the coordinator); it is then
// locked, and its claims become the tasks' status.
func (h *handler) reportAccept(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.loadReport(r, reporting.ActAccept)
	if err != nil {
		return err
	}
	version, err := flowVersion(w, r)
	if err != nil {
		return err
	}
	_, err = h.store.AcceptReport(r.Context(), h.actor(r), rep.ID, version)
	if err := h.flowRejected(r, rep, err); err != nil {
		return err
	}
	http.Redirect(w, r, reportURL(rep.ID, "?done=accepted"), http.StatusSeeOther)
	return nil
}
