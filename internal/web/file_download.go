package web

import (
	"net/http"
	"strconv"

	"tiendo/internal/clock"
	"tiendo/internal/download"
	"tiendo/internal/reporting"
)

// fileDownload sends an evidence file as an attachment, to those who may
// read the report it belongs to.
func (h *handler) fileDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	f, data, err := h.store.ReportFile(ctx, id)
	if err != nil {
		return err
	}
	rep, err := h.reportHeader(ctx, f.ReportID)
	if err != nil {
		return err
	}
	if err := reporting.Can(userFrom(ctx), rep, reporting.ActView, clock.Today(h.clock)); err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", f.ContentType)
	hd.Set("Content-Length", strconv.Itoa(len(data)))
	hd.Set("Content-Disposition", download.Attachment(f.Name))
	hd.Set("Cache-Control", "private, no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
	return nil
}
