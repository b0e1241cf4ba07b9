package web

import (
	"net/http"

	"tiendo/internal/reporting"
)

// reportShow shows one report for reading: its lines with the cooperating
// agencies' parts inside the lead's, indicator values, free texts, files,
// who did each step and when, and older revisions; with the buttons the
// user may press (edit, submit, accept, return, correct).
func (h *handler) reportShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := h.reportPage(r, id)
	if err != nil {
		return err
	}
	v.Notice = doneNotices[r.URL.Query().Get("done")]
	return h.render(w, r, http.StatusOK, "report_show", reportPageOf(v))
}

// reportPage builds report id's page for the signed-in user, who must be
// allowed to read it.
func (h *handler) reportPage(r *http.Request, id int64) (*reportView, error) {
	d, err := h.readReport(r, id, reporting.ActView)
	if err != nil {
		return nil, err
	}
	return buildReportView(d), nil
}

// reportPageOf wraps the report view in the layout's page.
func reportPageOf(v *reportView) *page {
	return &page{Title: reportTitle(v.reportData), Nav: "reports", PlanID: v.Report.PlanID, Data: v}
}

// reportTitle names a report: "Báo cáo Quý III/2025 — Sở Tài chính".
func reportTitle(d *reportData) string {
	return "Báo cáo " + d.Report.Period.Label + " — " + d.Agency.Name
}
