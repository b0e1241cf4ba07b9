package web

import (
	"net/http"
	"slices"

	"tiendo/internal/agency"
	"tiendo/internal/reporting"
)

// reportStartPage is the page of an agency's report for a period that
// nobody has started yet.
type reportStartPage struct {
	Period   *reporting.Period
	Agency   *agency.Agency
	CanStart bool   // the reader may start it: the form POSTs to Action
	Action   string // /periods/{id}/report
	Started  bool   // the period has begun
}

// reportFind opens an agency's report for a period — the user's own
// agency's, or for the coordinator the ?agency= named — to the form when
// the user may write it, else to the report. It only reads: where no report
// was started yet it says so, with a button (a POST to the same address,
// reportStart) for the agency's people once the period has begun.
func (h *handler) reportFind(w http.ResponseWriter, r *http.Request) error {
	periodID, err := pathID(r)
	if err != nil {
		return err
	}
	u := h.user(r)
	pr, err := h.app.PeriodReport(r.Context(), u, periodID, formID(r.URL.Query().Get("agency")))
	if err != nil {
		return err
	}
	if pr.Report == nil {
		ag, err := h.app.Agency(r.Context(), pr.AgencyID)
		if err != nil {
			return err
		}
		p := &reportStartPage{Period: pr.Period, Agency: ag, CanStart: pr.CanStart, Action: r.URL.Path,
			Started: pr.Period.Started(h.app.Today())}
		return h.render(w, r, http.StatusOK, "report_start", &page{Title: "Báo cáo " + pr.Period.Label, Nav: "reports",
			PlanID: pr.Period.PlanID, Data: p})
	}
	to := reportURL(pr.Report.ID, "")
	if slices.Contains(h.app.AllowedOnReport(u, pr.Report), reporting.ActEdit) {
		to = reportURL(pr.Report.ID, "/edit")
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// reportStart starts the user's agency's report for a period (or finds
// the one already started) and opens its form.
func (h *handler) reportStart(w http.ResponseWriter, r *http.Request) error {
	periodID, err := pathID(r)
	if err != nil {
		return err
	}
	rep, err := h.app.StartReport(r.Context(), h.user(r), periodID)
	if err != nil {
		return err
	}
	http.Redirect(w, r, reportURL(rep.ID, "/edit"), http.StatusSeeOther)
	return nil
}
