package api

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/download"
)

// fileGet answers GET /files/{id}: the bytes of an evidence file, to those
// who may read the report it belongs to (the view rule of GET
// /reports/{id}: 403 for another agency's report, or for a leader one not
// yet accepted). It is always an attachment, with the content type found
// by sniffing at upload and nosniff, so a browser neither renders nor
// guesses, and in a sandbox should it render it anyway; the Vietnamese
// file name travels RFC 5987-encoded beside an ASCII fallback.
func (a *api) fileGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, data, err := a.app.ReportFile(r.Context(), u, id)
	if err != nil {
		return err
	}
	h := w.Header()
	download.SetHeaders(h, f.Name, f.ContentType, len(data))
	h.Set("ETag", `"`+f.SHA256+`"`)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data) // a failed write means the client left
	}
	return nil
}
