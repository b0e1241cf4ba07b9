package web

import (
	"net/http"

	"tiendo/internal/clock"
	"tiendo/internal/reporting"
)

// reportFind opens an agency's report for a period — the user's own
// agency's, or for the coordinator the ?agency= named — creating it when
// the agency is expected to report and nothing was saved yet (the store's
// ReportFor): to the form when the user may write it, else to the report.
func (h *handler) reportFind(w http.ResponseWriter, r *http.Request) error {
	periodID, err := pathID(r)
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	agencyID := u.AgencyID
	if !u.Role.NeedsAgency() {
		agencyID = formID(r.URL.Query().Get("agency"))
	}
	if agencyID == 0 {
		return errNotFound
	}
	rep, err := h.store.ReportFor(r.Context(), periodID, agencyID)
	if err != nil {
		return err
	}
	today := clock.Today(h.clock)
	if err := reporting.Can(u, rep, reporting.ActView, today); err != nil {
		return err
	}
	to := reportURL(rep.ID, "")
	if reporting.Can(u, rep, reporting.ActEdit, today) == nil {
		to = reportURL(rep.ID, "/edit")
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
