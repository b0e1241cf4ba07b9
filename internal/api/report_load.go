package api

import (
	"net/http"

	"tiendo/internal/app"
)

// writeReport answers with a report whole as its reader sees it (what
// app.ReadReport read), and its version as ETag.
func (a *api) writeReport(w http.ResponseWriter, status int, rr *app.ReportRead) error {
	w.Header().Set("ETag", etag(rr.Report.Version))
	return a.writeJSON(w, status, reportDetail(rr))
}
