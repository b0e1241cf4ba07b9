package opendata

import (
	"time"

	"tiendo/internal/export/table"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

// Dataset names: the file stems under /open/plans/{id}/.
const (
	DatasetTasks      = "tasks"
	DatasetGroups     = "progress-by-group"
	DatasetAgencies   = "progress-by-agency"
	DatasetIndicators = "indicators"
)

// datasetInfo says what one published table of a plan is.
type datasetInfo struct {
	Name        string // file stem
	Title       string
	Description string
}

// datasetInfos are the tables every published plan has, in the order the
// pages list them.
func datasetInfos() []datasetInfo {
	return []datasetInfo{
		{DatasetTasks, "Danh mục nhiệm vụ và tình trạng", "Mỗi dòng là một nhiệm vụ của kế hoạch với tình trạng (mã trong cột status) tính theo báo cáo đã được tiếp nhận, thời hạn và tiến độ."},
		{DatasetGroups, "Tiến độ theo nhóm nhiệm vụ", "Số nhiệm vụ theo tình trạng của từng nhóm nhiệm vụ và nhóm con (dòng nhóm con có cột subgroup)."},
		{DatasetAgencies, "Tiến độ theo cơ quan chủ trì", "Số nhiệm vụ theo tình trạng của từng cơ quan chủ trì; dòng không có mã cơ quan là nhiệm vụ chưa phân công."},
		{DatasetIndicators, "Kết quả thực hiện chỉ tiêu", "Giá trị thực hiện của từng chỉ tiêu trong năm theo báo cáo đã được tiếp nhận, so với mục tiêu năm."},
	}
}

// infoOf is the datasetInfo of the dataset named name.
func infoOf(name string) datasetInfo {
	for _, i := range datasetInfos() {
		if i.Name == name {
			return i
		}
	}
	return datasetInfo{Name: name}
}

// dataset is one published table of a plan.
type dataset struct {
	datasetInfo
	Sheet table.Sheet
}

// datasets builds every dataset of one plan from its computed figures:
// nothing is counted or judged here, only laid out, so the files cannot
// disagree with the dashboard. Only organisations are named (lead
// agencies); no person, user name or e-mail is in the figures.
func datasets(f *figures.Facts, d *figures.Dashboard) []dataset {
	names := make(map[int64]string, len(f.Agencies))
	for _, a := range f.Agencies {
		names[a.ID] = a.Name
	}
	return []dataset{tasksDataset(f, d, names), groupsDataset(d), agenciesDataset(d), indicatorsDataset(d)}
}

// statusColumns are one integer column per status code, then the total.
func statusColumns() []table.Column {
	cols := make([]table.Column, 0, len(plan.Statuses)+1)
	for _, s := range plan.Statuses {
		cols = append(cols, table.Column{Header: s.Label(), Name: string(s), Kind: table.Int})
	}
	return append(cols, table.Column{Header: "Tổng số", Name: "total", Kind: table.Int})
}

// statusCells are the values of statusColumns.
func statusCells(c figures.Counts) []any {
	out := make([]any, 0, len(plan.Statuses)+1)
	for _, s := range plan.Statuses {
		out = append(out, c[s])
	}
	return append(out, c.Total())
}

// date is t for a Date column, nil (empty cell) when zero.
func date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func tasksDataset(f *figures.Facts, d *figures.Dashboard, names map[int64]string) dataset {
	s := table.Sheet{Name: "Nhiệm vụ", Title: "Danh mục nhiệm vụ và tình trạng thực hiện", Columns: []table.Column{
		{Header: "Mã nhiệm vụ", Name: "task_id", Kind: table.Int},
		{Header: "Mục", Name: "section", Kind: table.Text},
		{Header: "Nhóm nhiệm vụ", Name: "group", Kind: table.Text},
		{Header: "Nhóm con", Name: "subgroup", Kind: table.Text},
		{Header: "Nhiệm vụ", Name: "title", Kind: table.Text},
		{Header: "Mã cơ quan chủ trì", Name: "lead_agency_id", Kind: table.Int},
		{Header: "Cơ quan chủ trì", Name: "lead_agency", Kind: table.Text},
		{Header: "Mã tình trạng", Name: "status", Kind: table.Text},
		{Header: "Tình trạng", Name: "status_label", Kind: table.Text},
		{Header: "Thời hạn", Name: "due", Kind: table.Date},
		{Header: "Số ngày quá hạn", Name: "overdue_days", Kind: table.Int},
		{Header: "Tiến độ (%)", Name: "progress", Kind: table.Int},
		{Header: "Ngày hoàn thành", Name: "completed_on", Kind: table.Date},
	}}
	// Statuses and groups as Compute counted them (figures.TaskRows);
	// progress and completion are the store's facts from accepted reports.
	f = figures.InPeriod(f, d.Period)
	rows := figures.TaskRows(f, d)
	sections := make(map[int64]string, len(f.Sections))
	for _, sec := range f.Sections {
		sections[sec.ID] = sec.Label
	}
	for i := range f.Tasks {
		t, j := &f.Tasks[i], rows[i]
		var lead any
		if t.LeadAgencyID != 0 {
			lead = t.LeadAgencyID
		}
		s.Rows = append(s.Rows, []any{t.ID, sections[t.SectionID], j.Group, j.Subgroup, t.Title, lead,
			names[t.LeadAgencyID], string(j.Status), j.Status.Label(), date(j.Due), j.OverdueDays, t.Progress,
			date(t.CompletedOn)})
	}
	return dataset{datasetInfo: infoOf(DatasetTasks), Sheet: s}
}

func groupsDataset(d *figures.Dashboard) dataset {
	cols := []table.Column{
		{Header: "Nhóm nhiệm vụ", Name: "group", Kind: table.Text},
		{Header: "Nhóm con", Name: "subgroup", Kind: table.Text},
		{Header: "Tên nhóm", Name: "title", Kind: table.Text},
	}
	s := table.Sheet{Name: "Theo nhóm", Title: "Tiến độ theo nhóm nhiệm vụ", Columns: append(cols, statusColumns()...)}
	for _, g := range d.ByGroup {
		s.Rows = append(s.Rows, append([]any{g.Label, "", g.Title}, statusCells(g.Status)...))
		for _, sub := range g.Subgroups {
			s.Rows = append(s.Rows, append([]any{g.Label, sub.Label, sub.Title}, statusCells(sub.Status)...))
		}
	}
	return dataset{datasetInfo: infoOf(DatasetGroups), Sheet: s}
}

func agenciesDataset(d *figures.Dashboard) dataset {
	cols := []table.Column{
		{Header: "Mã cơ quan", Name: "agency_id", Kind: table.Int},
		{Header: "Cơ quan chủ trì", Name: "agency", Kind: table.Text},
	}
	s := table.Sheet{Name: "Theo cơ quan", Title: "Tiến độ theo cơ quan chủ trì", Columns: append(cols, statusColumns()...)}
	for _, a := range d.ByAgency {
		var id any
		if a.AgencyID != 0 {
			id = a.AgencyID
		}
		s.Rows = append(s.Rows, append([]any{id, a.Name}, statusCells(a.Status)...))
	}
	return dataset{datasetInfo: infoOf(DatasetAgencies), Sheet: s}
}

func indicatorsDataset(d *figures.Dashboard) dataset {
	s := table.Sheet{Name: "Chỉ tiêu", Title: "Kết quả thực hiện chỉ tiêu", Columns: []table.Column{
		{Header: "Mã chỉ tiêu", Name: "code", Kind: table.Text},
		{Header: "Tên chỉ tiêu", Name: "name", Kind: table.Text},
		{Header: "Đơn vị tính", Name: "unit", Kind: table.Text},
		{Header: "Chiều", Name: "direction", Kind: table.Text},
		{Header: "Năm", Name: "year", Kind: table.Int},
		{Header: "Mục tiêu", Name: "target", Kind: table.Number},
		{Header: "Thực hiện", Name: "actual", Kind: table.Number},
		{Header: "Tỷ lệ đạt (%)", Name: "achieved_pct", Kind: table.Number},
		{Header: "Đánh giá", Name: "light", Kind: table.Text},
	}}
	num := func(p *float64) any {
		if p == nil {
			return nil
		}
		return *p
	}
	for _, g := range d.Indicators {
		s.Rows = append(s.Rows, []any{g.Code, g.Name, g.Unit, string(g.Direction), g.Year, num(g.Target),
			num(g.Actual), num(g.Achieved), string(g.Light)})
	}
	return dataset{datasetInfo: infoOf(DatasetIndicators), Sheet: s}
}

// rowsJSON turns a sheet into JSON objects keyed by column name, with the
// same invariant values as the CSV (ISO dates, numbers as numbers).
func rowsJSON(s table.Sheet, name func(table.Column) string) []map[string]any {
	out := make([]map[string]any, 0, len(s.Rows))
	for _, r := range s.Rows {
		m := make(map[string]any, len(s.Columns))
		for i, c := range s.Columns {
			var v any
			if i < len(r) {
				v = r[i]
			}
			if t, ok := v.(time.Time); ok {
				v = t.Format("2006-01-02")
			}
			m[name(c)] = v
		}
		out = append(out, m)
	}
	return out
}
