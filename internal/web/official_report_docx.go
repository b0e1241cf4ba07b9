package web

import (
	"bytes"
	"net/http"

	"tiendo/internal/officialreport"
)

// officialReportDocx downloads the official report of plan {id} for
// period= (Decree 30/2020 layout) as last saved, or the first draft.
func (h *handler) officialReportDocx(w http.ResponseWriter, r *http.Request) error {
	o, err := h.loadOfficialReport(w, r)
	if o == nil {
		return err
	}
	var b bytes.Buffer
	if err := officialreport.WriteDocx(&b, o.Draft, o.X.Dashboard); err != nil {
		return err
	}
	return sendOfficialFile(w, officialreport.DocxType, officialReportFileName("Báo cáo tổng hợp", o.X.Dashboard.Period, "docx"), b.Bytes())
}
