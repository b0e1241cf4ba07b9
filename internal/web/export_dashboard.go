package web

import (
	"fmt"
	"net/http"

	"tiendo/internal/export/table"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// dashboardTables are the dashboard's tables as downloads, by the table=
// name of dashboard.csv; dashboard.xlsx holds them all, one sheet each.
var dashboardTables = []string{"status", "groups", "agencies", "indicators", "overdue"}

// dashboardXLSX downloads every table of the dashboard (same period= and
// asof=) as one workbook: status, groups, agencies, indicators, overdue.
func (h *handler) dashboardXLSX(w http.ResponseWriter, r *http.Request) error {
	x, err := h.dashForExport(r)
	if err != nil {
		return err
	}
	return sendSheets(w, "xlsx", fmt.Sprintf("so-lieu-ke-hoach-%d", x.Dashboard.PlanID), dashboardSheets(x)...)
}

// dashboardCSV downloads one table of the dashboard (table=, default
// status) as CSV with a BOM.
func (h *handler) dashboardCSV(w http.ResponseWriter, r *http.Request) error {
	name := r.URL.Query().Get("table")
	if name == "" {
		name = "status"
	}
	i := -1
	for j, n := range dashboardTables {
		if n == name {
			i = j
		}
	}
	if i < 0 {
		return errNotFound
	}
	x, err := h.dashForExport(r)
	if err != nil {
		return err
	}
	return sendSheets(w, "csv", fmt.Sprintf("so-lieu-ke-hoach-%d-%s", x.Dashboard.PlanID, name), dashboardSheets(x)[i])
}

// dashForExport loads the figures of a download.
func (h *handler) dashForExport(r *http.Request) (*dashFigures, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	q, err := h.readDashParams(r)
	if err != nil {
		return nil, err
	}
	return h.loadDash(r, id, q)
}

// statusColumns are a count per status then the total.
func statusColumns(first ...table.Column) []table.Column {
	cols := append([]table.Column(nil), first...)
	for _, s := range plan.Statuses {
		cols = append(cols, table.Column{Header: s.Label(), Name: string(s), Kind: table.Int, Width: 14})
	}
	return append(cols, table.Column{Header: "Tổng số", Name: "total", Kind: table.Int, Width: 10})
}

func statusValues(c figures.Counts, first ...any) []any {
	row := append([]any(nil), first...)
	for _, s := range plan.Statuses {
		row = append(row, c[s])
	}
	return append(row, c.Total())
}

// dashboardSheets lays the dashboard's figures out as the tables of the
// page, in the order of dashboardTables.
func dashboardSheets(x *dashFigures) []table.Sheet {
	d := x.Dashboard
	sub := d.Period.Label + ", tính đến ngày " + vntext.FormatDate(d.AsOf)
	names := agencyIndex(x.Agencies)

	status := table.Sheet{Name: "Tình trạng", Title: "NHIỆM VỤ THEO TÌNH TRẠNG — " + sub, Columns: []table.Column{
		{Header: "Tình trạng", Kind: table.Text, Width: 32}, {Header: "Mã", Kind: table.Text, Width: 14}, {Header: "Số nhiệm vụ", Kind: table.Int, Width: 12}}}
	for _, s := range plan.Statuses {
		status.Rows = append(status.Rows, []any{s.Label(), string(s), d.Status[s]})
	}
	status.Rows = append(status.Rows, []any{"Tổng số", "total", d.Status.Total()})

	groups := table.Sheet{Name: "Nhóm nhiệm vụ", Title: "NHIỆM VỤ THEO NHÓM — " + sub,
		Columns: statusColumns(table.Column{Header: "Mục", Kind: table.Text, Width: 10}, table.Column{Header: "Nhóm nhiệm vụ", Kind: table.Text, Width: 40})}
	for _, g := range d.ByGroup {
		groups.Rows = append(groups.Rows, statusValues(g.Status, g.Label, g.Title))
		for _, s := range g.Subgroups {
			groups.Rows = append(groups.Rows, statusValues(s.Status, s.Label, s.Title))
		}
	}

	agencies := table.Sheet{Name: "Cơ quan", Title: "NHIỆM VỤ VÀ BÁO CÁO THEO CƠ QUAN CHỦ TRÌ — " + sub,
		Columns: append(statusColumns(table.Column{Header: "Cơ quan", Kind: table.Text, Width: 40}),
			table.Column{Header: "Báo cáo phải gửi", Name: "expected", Kind: table.Int},
			table.Column{Header: "Đã nhận", Name: "received", Kind: table.Int},
			table.Column{Header: "Đúng hạn", Name: "on_time", Kind: table.Int},
			table.Column{Header: "Tỷ lệ đầy đủ", Name: "completeness", Kind: table.Percent},
			table.Column{Header: "Tỷ lệ đúng hạn", Name: "on_time_rate", Kind: table.Percent})}
	for _, a := range d.ByAgency {
		agencies.Rows = append(agencies.Rows, append(statusValues(a.Status, a.Name),
			a.Reports.Expected, a.Reports.Received, a.Reports.OnTime, a.Reports.Completeness(), a.Reports.OnTimeRate()))
	}
	agencies.Rows = append(agencies.Rows, append(statusValues(d.Status, "Toàn kế hoạch"),
		d.Reports.Expected, d.Reports.Received, d.Reports.OnTime, d.Reports.Completeness(), d.Reports.OnTimeRate()))

	inds := table.Sheet{Name: "Chỉ tiêu", Title: "CHỈ TIÊU — " + sub, Columns: []table.Column{
		{Header: "Mã", Kind: table.Text, Width: 8}, {Header: "Chỉ tiêu", Kind: table.Text, Width: 44}, {Header: "Đơn vị", Kind: table.Text, Width: 10},
		{Header: "Năm", Kind: table.Int, Width: 8}, {Header: "Mục tiêu", Kind: table.Number}, {Header: "Thực hiện", Kind: table.Number},
		{Header: "Tỷ lệ đạt", Kind: table.Percent}, {Header: "Đánh giá", Kind: table.Text, Width: 16}}}
	for _, f := range d.Indicators {
		var ach any
		if f.Achieved != nil {
			ach = *f.Achieved / 100
		}
		inds.Rows = append(inds.Rows, []any{f.Code, f.Name, f.Unit, f.Year, optFloat(f.Target), optFloat(f.Actual), ach, lightLabel(f.Light)})
	}

	overdue := table.Sheet{Name: "Quá hạn", Title: "NHIỆM VỤ QUÁ HẠN — " + sub, Columns: []table.Column{
		{Header: "STT", Kind: table.Int, Width: 6}, {Header: "Mã nhiệm vụ", Kind: table.Int, Width: 10}, {Header: "Nhóm", Kind: table.Text, Width: 10},
		{Header: "Nhiệm vụ", Kind: table.Text, Width: 60}, {Header: "Cơ quan chủ trì", Kind: table.Text, Width: 24},
		{Header: "Hạn", Kind: table.Date, Width: 12}, {Header: "Số ngày quá hạn", Kind: table.Int, Width: 12}}}
	for i, o := range d.Overdue {
		lead := ""
		if a := names[o.LeadAgencyID]; a != nil {
			lead = a.Name
		}
		overdue.Rows = append(overdue.Rows, []any{i + 1, o.TaskID, o.SectionLabel, x.taskTitle(o.TaskID, o.Title), lead, o.Due, o.Days})
	}
	return []table.Sheet{status, groups, agencies, inds, overdue}
}

func optFloat(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
