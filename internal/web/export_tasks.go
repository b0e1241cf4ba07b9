package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"tiendo/internal/export/csv"
	"tiendo/internal/export/table"
	"tiendo/internal/export/xlsx"
	"tiendo/internal/vntext"
)

// Content types of the downloads.
const (
	ctypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ctypeCSV  = "text/csv; charset=utf-8"
)

// taskListXLSX downloads the filtered task list (the same filters as the
// list page) as a workbook.
func (h *handler) taskListXLSX(w http.ResponseWriter, r *http.Request) error {
	return h.taskListExport(w, r, "xlsx")
}

// taskListCSV downloads the filtered task list as CSV (UTF-8 with a BOM,
// so that Excel reads the Vietnamese text).
func (h *handler) taskListCSV(w http.ResponseWriter, r *http.Request) error {
	return h.taskListExport(w, r, "csv")
}

func (h *handler) taskListExport(w http.ResponseWriter, r *http.Request, format string) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	q, err := h.readDashParams(r)
	if err != nil {
		return err
	}
	x, err := h.loadDash(r, id, q)
	if err != nil {
		return err
	}
	list, err := x.filterTasks()
	if err != nil {
		return err
	}
	return sendSheets(w, format, fmt.Sprintf("nhiem-vu-ke-hoach-%d", id), tasksSheet(x, list))
}

// tasksSheet is a task list as a table: the columns of the list page.
func tasksSheet(x *dashFigures, list []listedTask) table.Sheet {
	s := table.Sheet{Name: "Nhiệm vụ", Title: "DANH SÁCH NHIỆM VỤ — " + x.Dashboard.Period.Label + ", tính đến ngày " + vntext.FormatDate(x.Dashboard.AsOf),
		Columns: []table.Column{
			{Header: "STT", Kind: table.Int, Width: 6},
			{Header: "Mã nhiệm vụ", Kind: table.Int, Width: 10},
			{Header: "Nhóm", Kind: table.Text, Width: 10},
			{Header: "Nhiệm vụ", Kind: table.Text, Width: 60},
			{Header: "Cơ quan chủ trì", Kind: table.Text, Width: 24},
			{Header: "Thời hạn", Kind: table.Text, Width: 18},
			{Header: "Hạn hoàn thành", Kind: table.Date, Width: 14},
			{Header: "Tình trạng", Kind: table.Text, Width: 26},
			{Header: "Mã tình trạng", Kind: table.Text, Width: 14},
			{Header: "Tiến độ (%)", Kind: table.Int, Width: 10},
		}}
	for i, t := range list {
		var due any
		if !t.Task.Deadline.Due.IsZero() {
			due = t.Task.Deadline.Due
		}
		s.Rows = append(s.Rows, []any{i + 1, t.Task.ID, t.Section, t.Title, t.Lead, t.Task.Deadline.Text, due,
			t.Status.Label(), string(t.Status), t.Task.Progress})
	}
	return s
}

// sendSheets writes sheets as a workbook (format "xlsx") or the first as
// CSV, as a download named base.
func sendSheets(w http.ResponseWriter, format, base string, sheets ...table.Sheet) error {
	var buf bytes.Buffer
	ctype := ctypeXLSX
	switch format {
	case "xlsx":
		if err := xlsx.Write(&buf, sheets...); err != nil {
			return err
		}
	case "csv":
		ctype = ctypeCSV
		if err := csv.Write(&buf, csvSheet(sheets[0]), csv.Options{BOM: true}); err != nil {
			return err
		}
	default:
		return errNotFound
	}
	hd := w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	hd.Set("Content-Disposition", `attachment; filename="`+base+"."+format+`"`)
	hd.Set("Cache-Control", "no-store")
	_, err := buf.WriteTo(w)
	return err
}

// csvSheet prepares a sheet for people opening the CSV in Excel: the
// Vietnamese headers as column names and dates as dd/mm/yyyy text.
func csvSheet(s table.Sheet) table.Sheet {
	out := table.Sheet{Name: s.Name, Title: s.Title, Columns: make([]table.Column, len(s.Columns)), Rows: make([][]any, len(s.Rows))}
	for i, c := range s.Columns {
		c.Name = c.Header
		if c.Kind == table.Date {
			c.Kind = table.Text
		}
		out.Columns[i] = c
	}
	for ri, row := range s.Rows {
		nr := make([]any, len(row))
		for i, v := range row {
			if t, ok := v.(time.Time); ok {
				v = vntext.FormatDate(t)
			}
			nr[i] = v
		}
		out.Rows[ri] = nr
	}
	return out
}
