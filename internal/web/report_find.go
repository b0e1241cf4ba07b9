package web

import (
	"net/http"
	"slices"

	"tiendo/internal/reporting"
)

// reportFind opens an agency's report for a period — the user's own
// agency's, or for the coordinator the ?agency= named — creating it when
// the agency is expected to report and nothing was saved yet
// (app.ReportForPeriod): to the form when the user may write it, else to
// the report.
func (h *handler) reportFind(w http.ResponseWriter, r *http.Request) error {
	periodID, err := pathID(r)
	if err != nil {
		return err
	}
	u := h.user(r)
	rep, err := h.app.ReportForPeriod(r.Context(), u, periodID, formID(r.URL.Query().Get("agency")))
	if err != nil {
		return err
	}
	to := reportURL(rep.ID, "")
	if slices.Contains(h.app.AllowedOnReport(u, rep), reporting.ActEdit) {
		to = reportURL(rep.ID, "/edit")
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
