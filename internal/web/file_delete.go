package web

import (
	"net/http"
)

// fileDelete removes an evidence file from a report still being written.
func (h *handler) fileDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := h.app.DeleteReportFile(r.Context(), h.user(r), id)
	if err != nil {
		return err
	}
	http.Redirect(w, r, reportURL(f.ReportID, "/edit?done=deleted#files"), http.StatusSeeOther)
	return nil
}
