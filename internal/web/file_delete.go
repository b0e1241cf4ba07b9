package web

import (
	"net/http"

	"tiendo/internal/clock"
	"tiendo/internal/reporting"
)

// fileDelete removes an evidence file from a report still being written.
func (h *handler) fileDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	f, _, err := h.store.ReportFile(ctx, id)
	if err != nil {
		return err
	}
	rep, err := h.reportHeader(ctx, f.ReportID)
	if err != nil {
		return err
	}
	if err := reporting.Can(userFrom(ctx), rep, reporting.ActEdit, clock.Today(h.clock)); err != nil {
		return err
	}
	if err := h.store.DeleteReportFile(ctx, h.actor(r), id); err != nil {
		return err
	}
	http.Redirect(w, r, reportURL(rep.ID, "/edit?done=deleted#files"), http.StatusSeeOther)
	return nil
}
