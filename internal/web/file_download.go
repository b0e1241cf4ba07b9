package web

import (
	"net/http"

	"tiendo/internal/download"
)

// fileDownload sends an evidence file as an attachment, to those who may
// read the report it belongs to.
func (h *handler) fileDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, data, err := h.app.ReportFile(r.Context(), h.user(r), id)
	if err != nil {
		return err
	}
	download.SetHeaders(w.Header(), f.Name, f.ContentType, len(data))
	w.Header().Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
	return nil
}
