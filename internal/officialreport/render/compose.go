package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/export/docx"
	"tiendo/internal/export/table"
	"tiendo/internal/figures"
	"tiendo/internal/officialreport"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// Section headings of the body (Decree 30: I./1./a)).
const (
	HeadingResults      = "I. KẾT QUẢ THỰC HIỆN"
	HeadingDifficulties = "II. KHÓ KHĂN, VƯỚNG MẮC"
	HeadingProposals    = "III. KIẾN NGHỊ, ĐỀ XUẤT"
	HeadingNextTasks    = "IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI"
)

// none is written where a narrative section was left empty.
const none = "Không có."

// Document composes the .docx model of the official report: d's letterhead
// and narrative around the figures of dash (tasks by status overall and by
// group, report completeness and timeliness, indicators).
func Document(d *officialreport.Draft, dash *figures.Dashboard) docx.Report {
	results := docx.Section{Heading: HeadingResults, Level: 1, Subsections: []docx.Section{
		{Heading: "1. Kết quả chung", Level: 2, Blocks: generalBlocks(dash)},
	}}
	var groups []docx.Section
	for i, g := range d.Results {
		groups = append(groups, docx.Section{Heading: letter(i) + ") " + groupHeading(g), Level: 3,
			Blocks: paragraphs(g.Text)})
	}
	results.Subsections = append(results.Subsections,
		docx.Section{Heading: "2. Kết quả theo nhóm nhiệm vụ", Level: 2, Subsections: groups})
	if len(groups) == 0 {
		results.Subsections[1].Blocks = paragraphs("")
	}
	if len(dash.Indicators) > 0 {
		results.Subsections = append(results.Subsections,
			docx.Section{Heading: "3. Kết quả thực hiện các chỉ tiêu", Level: 2, Blocks: []docx.Block{{Table: indicatorTable(dash)}}})
	}
	return docx.Report{
		ParentIssuer: d.ParentIssuer, Issuer: d.Issuer, Number: d.Number, Place: d.Place, Date: d.Date,
		Title: "BÁO CÁO", Summary: d.Summary,
		Sections: []docx.Section{
			results,
			{Heading: HeadingDifficulties, Level: 1, Blocks: paragraphs(d.Difficulties)},
			{Heading: HeadingProposals, Level: 1, Blocks: paragraphs(d.Proposals)},
			{Heading: HeadingNextTasks, Level: 1, Blocks: paragraphs(d.NextTasks)},
		},
		Signature:  docx.Signature{Prefix: d.SignPrefix, Title: d.SignTitle, Name: d.SignName},
		Recipients: d.Recipients,
	}
}

// groupHeading is "III.1. Nâng cao nhận thức" (the label alone or the title alone when the other is missing).
func groupHeading(g officialreport.GroupText) string {
	switch {
	case g.Label == "":
		return g.Title
	case g.Title == "":
		return g.Label
	}
	return g.Label + ". " + g.Title
}

// letter is the Decree 30 item letter: a, b, … z, then aa, ab, ….
func letter(i int) string {
	const abc = "abcdefghijklmnopqrstuvwxyz"
	if i < len(abc) {
		return abc[i : i+1]
	}
	return letter(i/len(abc)-1) + abc[i%len(abc):i%len(abc)+1]
}

// paragraphs turns a text into one paragraph a non-empty line ("Không có." when empty).
func paragraphs(text string) []docx.Block {
	var out []docx.Block
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, docx.Block{Paragraph: l})
		}
	}
	if len(out) == 0 {
		out = []docx.Block{{Paragraph: none}}
	}
	return out
}

// done, open and late fold the eight statuses into what the report's
// sentences say.
func done(c figures.Counts) int { return c[plan.StatusDoneOnTime] + c[plan.StatusDoneLate] }
func open(c figures.Counts) int {
	return c[plan.StatusInProgress] + c[plan.StatusDueSoon] + c[plan.StatusNotStarted]
}

// pct writes part/whole as "85,3%" ("0%" when whole is 0).
func pct(part, whole int) string {
	if whole == 0 {
		return "0%"
	}
	return vntext.FormatNumber(float64(part)*100/float64(whole), 1) + "%"
}

// generalBlocks are the figures of "1. Kết quả chung": a sentence on the
// tasks, one on the reports, and the table of tasks by group and status.
func generalBlocks(dash *figures.Dashboard) []docx.Block {
	c, n := dash.Status, dash.Status.Total()
	tasks := fmt.Sprintf("Tính đến ngày %s, Kế hoạch có %s nhiệm vụ; trong đó: đã hoàn thành %s nhiệm vụ (%s), gồm %s đúng hạn và %s quá hạn; đang thực hiện %s nhiệm vụ, trong đó %s sắp đến hạn; quá hạn chưa hoàn thành %s nhiệm vụ; chưa triển khai %s nhiệm vụ; tạm dừng %s nhiệm vụ; không thực hiện %s nhiệm vụ.",
		vntext.FormatDate(dash.AsOf), vntext.FormatInt(n), vntext.FormatInt(done(c)), pct(done(c), n),
		vntext.FormatInt(c[plan.StatusDoneOnTime]), vntext.FormatInt(c[plan.StatusDoneLate]),
		vntext.FormatInt(c[plan.StatusInProgress]+c[plan.StatusDueSoon]), vntext.FormatInt(c[plan.StatusDueSoon]),
		vntext.FormatInt(c[plan.StatusOverdue]), vntext.FormatInt(c[plan.StatusNotStarted]),
		vntext.FormatInt(c[plan.StatusPaused]), vntext.FormatInt(c[plan.StatusCancelled]))
	r := dash.Reports
	reports := fmt.Sprintf("Về chế độ báo cáo %s: %s/%s cơ quan, đơn vị đã gửi báo cáo (đạt %s), trong đó %s báo cáo đúng hạn (tỷ lệ đúng hạn %s); %s cơ quan, đơn vị chưa gửi báo cáo.",
		lowerFirst(dash.Period.Label), vntext.FormatInt(r.Received), vntext.FormatInt(r.Expected), pct(r.Received, r.Expected),
		vntext.FormatInt(r.OnTime), pct(r.OnTime, r.Expected), vntext.FormatInt(r.Missing))
	tb := &docx.Table{Caption: "Bảng 1. Tình hình thực hiện nhiệm vụ theo nhóm",
		Header: []string{"STT", "Nhóm nhiệm vụ", "Tổng số", "Đã hoàn thành", "Đang thực hiện", "Quá hạn", "Chưa triển khai", "Tạm dừng, không thực hiện"},
		Widths: []int{1, 6, 2, 2, 2, 2, 2, 2}}
	row := func(no, name string, c figures.Counts) []string {
		return []string{no, name, vntext.FormatInt(c.Total()), vntext.FormatInt(done(c)),
			vntext.FormatInt(c[plan.StatusInProgress] + c[plan.StatusDueSoon]), vntext.FormatInt(c[plan.StatusOverdue]),
			vntext.FormatInt(c[plan.StatusNotStarted]), vntext.FormatInt(c[plan.StatusPaused] + c[plan.StatusCancelled])}
	}
	for i, g := range dash.ByGroup {
		tb.Rows = append(tb.Rows, row(fmt.Sprint(i+1), groupHeading(officialreport.GroupText{Label: g.Label, Title: g.Title}), g.Status))
	}
	tb.Rows = append(tb.Rows, row("", "Tổng cộng", c))
	return []docx.Block{{Paragraph: tasks}, {Paragraph: reports}, {Table: tb}}
}

// number writes an optional figure ("" when nil).
func number(v *float64) string {
	if v == nil {
		return ""
	}
	return vntext.FormatNumber(*v, 2)
}

// indicatorTable is the body's table of indicators.
func indicatorTable(dash *figures.Dashboard) *docx.Table {
	tb := &docx.Table{Caption: fmt.Sprintf("Bảng 2. Kết quả thực hiện chỉ tiêu năm %d", dash.Period.Year),
		Header: []string{"STT", "Chỉ tiêu", "Đơn vị", "Kế hoạch", "Thực hiện", "% đạt"}, Widths: []int{1, 7, 2, 2, 2, 2}}
	for i, g := range dash.Indicators {
		a := number(g.Achieved)
		if a != "" {
			a += "%"
		}
		tb.Rows = append(tb.Rows, []string{fmt.Sprint(i + 1), g.Name, g.Unit, number(g.Target), number(g.Actual), a})
	}
	return tb
}

// Sheet names of the appendix workbook.
const (
	SheetTasks      = "Nhiệm vụ"
	SheetIndicators = "Chỉ tiêu"
	SheetReports    = "Báo cáo"
)

// Appendix composes the appendix workbook's sheets: every task with its
// status and the result of its accepted entry; the indicators, actual
// against target; each expected agency's report, received and on time.
func Appendix(f *figures.Facts, dash *figures.Dashboard, acc officialreport.Accepted) []table.Sheet {
	f = figures.InPeriod(f, dash.Period) // the plan and its agencies as they were in the period
	names := make(map[int64]string, len(f.Agencies))
	for _, a := range f.Agencies {
		names[a.ID] = a.Name
	}
	period := dash.Period.Label
	tasks := table.Sheet{Name: SheetTasks, Title: "PHỤ LỤC I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ " + strings.ToUpper(period),
		Columns: []table.Column{
			{Header: "STT", Name: "no", Kind: table.Int, Width: 6},
			{Header: "Nhiệm vụ", Name: "task", Width: 50},
			{Header: "Chủ trì", Name: "lead", Width: 22},
			{Header: "Phối hợp", Name: "cooperating", Width: 26},
			{Header: "Thời hạn", Name: "deadline", Width: 14},
			{Header: "Sản phẩm", Name: "product", Width: 24},
			{Header: "Tình trạng", Name: "status", Width: 18},
			{Header: "Kết quả", Name: "result", Width: 50},
		}}
	rows := figures.TaskRows(f, dash)
	tasks.Rows = make([][]any, 0, len(f.Tasks))
	for i := range f.Tasks {
		t := &f.Tasks[i]
		coop := make([]string, 0, len(t.CooperatingAgencyIDs))
		for _, id := range t.CooperatingAgencyIDs {
			coop = append(coop, names[id])
		}
		deadline := t.Deadline.Text
		if deadline == "" {
			deadline = vntext.FormatDate(t.Deadline.Due)
		}
		title := t.Title
		if title == "" {
			title = t.Text
		}
		tasks.Rows = append(tasks.Rows, []any{i + 1, title, names[t.LeadAgencyID], strings.Join(coop, "; "),
			deadline, t.Product, rows[i].Status.Label(), acc.Results[t.ID]})
	}
	ind := table.Sheet{Name: SheetIndicators, Title: fmt.Sprintf("PHỤ LỤC II. KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM %d", dash.Period.Year),
		Columns: []table.Column{
			{Header: "STT", Name: "no", Kind: table.Int, Width: 6},
			{Header: "Chỉ tiêu", Name: "indicator", Width: 50},
			{Header: "Đơn vị", Name: "unit", Width: 12},
			{Header: "Kế hoạch", Name: "target", Kind: table.Number},
			{Header: "Thực hiện", Name: "actual", Kind: table.Number},
			{Header: "% đạt", Name: "achieved", Kind: table.Percent},
		}}
	for i, g := range dash.Indicators {
		ind.Rows = append(ind.Rows, []any{i + 1, g.Name, g.Unit, opt(g.Target), opt(g.Actual), fraction(g.Achieved)})
	}
	rep := table.Sheet{Name: SheetReports, Title: "PHỤ LỤC III. TÌNH HÌNH GỬI BÁO CÁO " + strings.ToUpper(period),
		Columns: []table.Column{
			{Header: "STT", Name: "no", Kind: table.Int, Width: 6},
			{Header: "Cơ quan, đơn vị", Name: "agency", Width: 40},
			{Header: "Phải gửi", Name: "expected", Kind: table.Int},
			{Header: "Đã nhận", Name: "received", Kind: table.Int},
			{Header: "Đúng hạn", Name: "on_time", Kind: table.Int},
			{Header: "Tình trạng", Name: "state", Width: 18},
		}}
	n := 0
	for _, a := range dash.ByAgency {
		if a.Reports.Expected == 0 {
			continue
		}
		n++
		rep.Rows = append(rep.Rows, []any{n, a.Name, a.Reports.Expected, a.Reports.Received, a.Reports.OnTime, timeliness(a.Reports)})
	}
	r := dash.Reports
	rep.Rows = append(rep.Rows, []any{nil, "Tổng cộng", r.Expected, r.Received, r.OnTime, ""})
	return []table.Sheet{tasks, ind, rep}
}

// lowerFirst lowers the first letter ("Quý II/2025" → "quý II/2025").
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// timeliness names one agency's report state for the appendix.
func timeliness(g reporting.Figures) string {
	switch {
	case g.Missing > 0:
		return "Chưa gửi"
	case g.Late > 0:
		return "Gửi muộn"
	}
	return "Đúng hạn"
}

// opt turns an optional figure into a cell value (nil: empty cell).
func opt(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// fraction turns a % achieved into the fraction a Percent column wants.
func fraction(v *float64) any {
	if v == nil {
		return nil
	}
	return *v / 100
}
