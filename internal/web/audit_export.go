package web

import (
	"net/http"

	"tiendo/internal/export/table"
	"tiendo/internal/vntext"
)

// auditXLSX downloads the filtered audit log as a workbook, up to
// auditExportMax entries (the sheet's title says when the cap cut it).
func (h *handler) auditXLSX(w http.ResponseWriter, r *http.Request) error {
	f, problem := readAuditFilter(r)
	if problem != "" {
		h.message(w, r, http.StatusUnprocessableEntity, problem)
		return nil
	}
	f.Before = 0
	f.Limit = auditExportMax + 1
	rows, err := h.app.SearchAudit(r.Context(), h.user(r), f)
	if err != nil {
		return err
	}
	title := "NHẬT KÝ KIỂM TOÁN — xuất lúc " + formatDateTime(h.clock.Now())
	if len(rows) > auditExportMax {
		rows = rows[:auditExportMax]
		title += " — chỉ gồm " + vntext.FormatNumber(auditExportMax, 0) + " bản ghi mới nhất; hãy thu hẹp bộ lọc để lấy phần còn lại"
	}
	s := table.Sheet{Name: "Nhật ký", Title: title, Columns: []table.Column{
		{Header: "Số thứ tự", Kind: table.Int, Width: 10},
		{Header: "Thời điểm", Kind: table.Text, Width: 18},
		{Header: "Người thực hiện", Kind: table.Text, Width: 28},
		{Header: "Hành động", Kind: table.Text, Width: 28},
		{Header: "Mã hành động", Kind: table.Text, Width: 20},
		{Header: "Đối tượng", Kind: table.Text, Width: 14},
		{Header: "Mã đối tượng", Kind: table.Int, Width: 12},
		{Header: "Chi tiết (JSON)", Kind: table.Text, Width: 80},
	}}
	for _, e := range rows {
		var oid any
		if e.ObjectID != 0 {
			oid = e.ObjectID
		}
		s.Rows = append(s.Rows, []any{e.Seq, formatDateTime(e.At), auditActor(e), auditActionLabel(e.Action), e.Action, e.Object, oid, e.Detail})
	}
	return sendSheets(w, "xlsx", "nhat-ky-kiem-toan", s)
}
