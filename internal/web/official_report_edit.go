package web

import "net/http"

// officialReportEdit shows the official report of plan {id} for period= as
// a form: the saved draft, or the first draft made from the agencies'
// accepted texts, with the period chooser and the download links.
func (h *handler) officialReportEdit(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.loadOfficialReport(r)
	if err != nil {
		return err
	}
	f := newOfficialReportForm(rep)
	if r.URL.Query().Get("saved") == "1" {
		f.Notice = "Đã lưu báo cáo tổng hợp. Bản tải về (.docx, .xlsx) dùng nội dung vừa lưu."
	}
	return h.render(w, r, http.StatusOK, "official_report_form", officialReportPage(f))
}
