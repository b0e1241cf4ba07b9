package render

import (
	"fmt"
	"strings"

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

// Document composes the .docx model of the official report r: its draft's
// letterhead and narrative around the figures of its period (tasks by
// status overall and by group, report completeness and timeliness,
// indicators), ready to sign: the "Số:" line always (room for the number
// when it is not given), the province in the date line, "Nơi nhận" without
// the issuer itself, the appendix named, no count of zero spelt out.
func Document(r *officialreport.Report) docx.Report {
	d, dash := r.Draft, r.Figures
	general := append(generalBlocks(dash), docx.Block{Paragraph: appendixSentence})
	general = append(general, textBlocks(d.General)...)
	results := docx.Section{Heading: HeadingResults, Level: 1, Subsections: []docx.Section{
		{Heading: "1. Kết quả chung", Level: 2, Blocks: general},
	}}
	counts := make(map[int64]figures.Counts, len(dash.ByGroup))
	for _, g := range dash.ByGroup {
		counts[g.SectionID] = g.Status
	}
	var groups []docx.Section
	for i, g := range d.Results {
		blocks := []docx.Block{{Paragraph: groupSentence(counts[g.SectionID])}}
		groups = append(groups, docx.Section{Heading: letter(i) + ") " + groupHeading(g), Level: 3,
			Blocks: append(blocks, textBlocks(g.Text)...)})
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
		ParentIssuer: d.ParentIssuer, Issuer: d.Issuer, Number: numberOf(d), Place: placeOf(r), Date: d.Date,
		Title: "BÁO CÁO", Summary: d.Summary,
		Sections: []docx.Section{
			results,
			{Heading: HeadingDifficulties, Level: 1, Blocks: paragraphs(d.Difficulties)},
			{Heading: HeadingProposals, Level: 1, Blocks: paragraphs(d.Proposals)},
			{Heading: HeadingNextTasks, Level: 1, Blocks: paragraphs(d.NextTasks)},
		},
		Signature:  docx.Signature{Prefix: d.SignPrefix, Title: d.SignTitle, Name: d.SignName},
		Recipients: officialreport.RecipientsOf(d, r.IssuerNames...),
		Author:     vntext.SentenceCase(d.Issuer),
		Created:    r.Created,
	}
}

// numberOf is the draft's number, or "/BC-" and the issuer's initials when
// it has none: the "Số:" line is always there, for the office to fill in.
func numberOf(d *officialreport.Draft) string {
	if n := strings.TrimSpace(d.Number); n != "" {
		return n
	}
	return "/BC-" + officialreport.Abbreviation(d.Issuer)
}

// placeOf is the place of the date line: the draft's, else the province
// its letterhead or the plan's issuer names.
func placeOf(r *officialreport.Report) string {
	if p := strings.TrimSpace(r.Draft.Place); p != "" {
		return p
	}
	return officialreport.Place(r.Draft.ParentIssuer, r.Draft.Issuer, r.Plan().Issuer)
}

// Appendix names, as the workbook's sheets are titled and the report
// refers to them.
const (
	AppendixTasks      = "Phụ lục I"
	AppendixIndicators = "Phụ lục II"
	AppendixReports    = "Phụ lục III"
)

// appendixSentence sends the reader of the report to its appendix.
const appendixSentence = "(Chi tiết tại " + AppendixTasks + " – Tình hình thực hiện nhiệm vụ, " + AppendixIndicators +
	" – Kết quả thực hiện chỉ tiêu và " + AppendixReports + " – Tình hình gửi báo cáo kèm theo Báo cáo này.)"

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

// textBlocks turns a text into one paragraph a non-empty line (none when empty).
func textBlocks(text string) []docx.Block {
	var out []docx.Block
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, docx.Block{Paragraph: l})
		}
	}
	return out
}

// paragraphs is textBlocks, "Không có." when the text is empty.
func paragraphs(text string) []docx.Block {
	if out := textBlocks(text); len(out) > 0 {
		return out
	}
	return []docx.Block{{Paragraph: none}}
}

// done is the tasks completed, on time or late.
func done(c figures.Counts) int { return c[plan.StatusDoneOnTime] + c[plan.StatusDoneLate] }

// pct writes part/whole as "85,3%" ("0%" when whole is 0).
func pct(part, whole int) string {
	if whole == 0 {
		return "0%"
	}
	return vntext.FormatNumber(float64(part)*100/float64(whole), 1) + "%"
}

// statusParts are the clauses of a sentence on tasks by status, leaving
// out every status no task has: "đã hoàn thành 3 nhiệm vụ (42,9%), gồm 2
// đúng hạn và 1 quá hạn", "đang thực hiện 4 nhiệm vụ, trong đó 1 sắp đến
// hạn", "quá hạn chưa hoàn thành 1 nhiệm vụ", …
func statusParts(c figures.Counts) []string {
	n := c.Total()
	num := vntext.FormatInt
	var parts []string
	if k := done(c); k > 0 {
		s := fmt.Sprintf("đã hoàn thành %s nhiệm vụ (%s)", num(k), pct(k, n))
		onTime, late := c[plan.StatusDoneOnTime], c[plan.StatusDoneLate]
		switch {
		case onTime > 0 && late > 0:
			s += fmt.Sprintf(", gồm %s đúng hạn và %s quá hạn", num(onTime), num(late))
		case k > 1 && late == 0:
			s += ", đều đúng hạn"
		case late == 0:
			s += ", đúng hạn"
		case k > 1:
			s += ", đều quá hạn"
		default:
			s += ", quá hạn"
		}
		parts = append(parts, s)
	}
	if k := c[plan.StatusInProgress] + c[plan.StatusDueSoon]; k > 0 {
		s := fmt.Sprintf("đang thực hiện %s nhiệm vụ", num(k))
		if soon := c[plan.StatusDueSoon]; soon > 0 {
			s += fmt.Sprintf(", trong đó %s sắp đến hạn", num(soon))
		}
		parts = append(parts, s)
	}
	for _, x := range []struct {
		s    plan.Status
		what string
	}{
		{plan.StatusOverdue, "quá hạn chưa hoàn thành"}, {plan.StatusNotStarted, "chưa triển khai"},
		{plan.StatusPaused, "tạm dừng"}, {plan.StatusCancelled, "không thực hiện"},
	} {
		if k := c[x.s]; k > 0 {
			parts = append(parts, fmt.Sprintf("%s %s nhiệm vụ", x.what, num(k)))
		}
	}
	return parts
}

// groupSentence is a task group's figures: "Nhóm có 7 nhiệm vụ; trong đó:
// đã hoàn thành 3 nhiệm vụ (42,9%), đều đúng hạn; quá hạn chưa hoàn thành
// 1 nhiệm vụ."
func groupSentence(c figures.Counts) string {
	if c.Total() == 0 {
		return "Nhóm chưa có nhiệm vụ trong kỳ."
	}
	return fmt.Sprintf("Nhóm có %s nhiệm vụ; trong đó: %s.", vntext.FormatInt(c.Total()), strings.Join(statusParts(c), "; "))
}

// generalBlocks are the figures of "1. Kết quả chung": a sentence on the
// tasks, one on the reports — counts of zero left out — and the table of
// tasks by group and status, without the columns no task falls in.
func generalBlocks(dash *figures.Dashboard) []docx.Block {
	c, n := dash.Status, dash.Status.Total()
	tasks := fmt.Sprintf("Tính đến ngày %s, Kế hoạch chưa có nhiệm vụ.", vntext.FormatDate(dash.AsOf))
	if n > 0 {
		tasks = fmt.Sprintf("Tính đến ngày %s, Kế hoạch có %s nhiệm vụ; trong đó: %s.",
			vntext.FormatDate(dash.AsOf), vntext.FormatInt(n), strings.Join(statusParts(c), "; "))
	}
	blocks := []docx.Block{{Paragraph: tasks}, {Paragraph: reportSentence(dash)}}
	if tb := groupTable(dash); tb != nil {
		blocks = append(blocks, docx.Block{Table: tb})
	}
	return blocks
}

// reportSentence is the sentence on the period's reports, counts of zero
// left out.
func reportSentence(dash *figures.Dashboard) string {
	r, num := dash.Reports, vntext.FormatInt
	head := "Về chế độ báo cáo " + vntext.LowerFirst(dash.Period.Label) + ": "
	switch {
	case r.Expected == 0:
		return head + "chưa có cơ quan, đơn vị nào phải gửi báo cáo."
	case r.Received == 0:
		return head + fmt.Sprintf("chưa có cơ quan, đơn vị nào gửi báo cáo (0/%s).", num(r.Expected))
	}
	s := head + fmt.Sprintf("%s/%s cơ quan, đơn vị đã gửi báo cáo (đạt %s)", num(r.Received), num(r.Expected), pct(r.Received, r.Expected))
	if r.OnTime > 0 {
		s += fmt.Sprintf(", trong đó %s báo cáo đúng hạn (tỷ lệ đúng hạn %s)", num(r.OnTime), pct(r.OnTime, r.Expected))
	} else {
		s += ", không có báo cáo nào đúng hạn"
	}
	if r.Missing > 0 {
		s += fmt.Sprintf("; %s cơ quan, đơn vị chưa gửi báo cáo", num(r.Missing))
	}
	return s + "."
}

// groupTable is "Bảng 1": tasks by group and status, with a column for a
// status only when some task has it; nil when the plan has no groups.
func groupTable(dash *figures.Dashboard) *docx.Table {
	if len(dash.ByGroup) == 0 {
		return nil
	}
	c := dash.Status
	cols := []struct {
		head  string
		count func(figures.Counts) int
	}{
		{"Đã hoàn thành", done},
		{"Đang thực hiện", func(c figures.Counts) int { return c[plan.StatusInProgress] + c[plan.StatusDueSoon] }},
		{"Quá hạn", func(c figures.Counts) int { return c[plan.StatusOverdue] }},
		{"Chưa triển khai", func(c figures.Counts) int { return c[plan.StatusNotStarted] }},
		{"Tạm dừng, không thực hiện", func(c figures.Counts) int { return c[plan.StatusPaused] + c[plan.StatusCancelled] }},
	}
	tb := &docx.Table{Caption: "Bảng 1. Tình hình thực hiện nhiệm vụ theo nhóm",
		Header: []string{"STT", "Nhóm nhiệm vụ", "Tổng số"}, Widths: []int{1, 7, 2}}
	var used []func(figures.Counts) int
	for _, col := range cols {
		if col.count(c) > 0 {
			tb.Header = append(tb.Header, col.head)
			tb.Widths = append(tb.Widths, 2)
			used = append(used, col.count)
		}
	}
	row := func(no, name string, c figures.Counts) []string {
		r := []string{no, name, vntext.FormatInt(c.Total())}
		for _, count := range used {
			r = append(r, vntext.FormatInt(count(c)))
		}
		return r
	}
	for i, g := range dash.ByGroup {
		tb.Rows = append(tb.Rows, row(fmt.Sprint(i+1), groupHeading(officialreport.GroupText{Label: g.Label, Title: g.Title}), g.Status))
	}
	tb.Rows = append(tb.Rows, row("", "Tổng cộng", c))
	return tb
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
	tasks := table.Sheet{Name: SheetTasks, Title: strings.ToUpper(AppendixTasks) + ". TÌNH HÌNH THỰC HIỆN NHIỆM VỤ " + strings.ToUpper(period),
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
	ind := table.Sheet{Name: SheetIndicators, Title: fmt.Sprintf("%s. KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM %d", strings.ToUpper(AppendixIndicators), dash.Period.Year),
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
	rep := table.Sheet{Name: SheetReports, Title: strings.ToUpper(AppendixReports) + ". TÌNH HÌNH GỬI BÁO CÁO " + strings.ToUpper(period),
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
