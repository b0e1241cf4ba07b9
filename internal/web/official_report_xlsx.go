package web

import (
	"bytes"
	"net/http"

	"tiendo/internal/officialreport"
)

// officialReportXLSX downloads the official report's appendix workbook of
// plan {id} for period=: tasks, indicators, agencies' reports.
func (h *handler) officialReportXLSX(w http.ResponseWriter, r *http.Request) error {
	o, err := h.loadOfficialReport(w, r)
	if o == nil {
		return err
	}
	var b bytes.Buffer
	if err := officialreport.WriteXLSX(&b, o.X.Facts, o.X.Dashboard, o.Acc); err != nil {
		return err
	}
	return sendOfficialFile(w, officialreport.XLSXType, officialReportFileName("Phụ lục báo cáo tổng hợp", o.X.Dashboard.Period, "xlsx"), b.Bytes())
}
