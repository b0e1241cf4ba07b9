package web

import (
	"bytes"
	"net/http"

	"tiendo/internal/officialreport/render"
)

// officialReportXLSX downloads the official report's appendix workbook of
// plan {id} for period=: tasks, indicators, agencies' reports.
func (h *handler) officialReportXLSX(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.loadOfficialReport(r)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := render.WriteXLSX(&b, rep); err != nil {
		return err
	}
	return sendOfficialFile(w, render.XLSXType, officialReportFileName("Phụ lục báo cáo tổng hợp", rep.Period(), "xlsx"), b.Bytes())
}
