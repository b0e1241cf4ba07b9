package web

import (
	"bytes"
	"net/http"

	"tiendo/internal/officialreport/render"
)

// officialReportDocx downloads the official report of plan {id} for
// period= (Decree 30/2020 layout) as last saved, or the first draft; with
// upstream=1, with the part on the tasks assigned from above.
func (h *handler) officialReportDocx(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.loadOfficialReport(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("upstream") == "1" {
		if err := h.app.OfficialReportUpstream(r.Context(), h.user(r), rep); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	if err := render.WriteDocx(&b, rep); err != nil {
		return err
	}
	return sendOfficialFile(w, render.DocxType, officialReportFileName("Báo cáo tổng hợp", rep.Period(), "docx"), b.Bytes())
}
