package render

import (
	"fmt"
	"strconv"

	"tiendo/internal/export/docx"
	"tiendo/internal/officialreport"
)

// HeadingUpstream is the optional part's heading, numbered after the
// other parts of "I. KẾT QUẢ THỰC HIỆN".
const HeadingUpstream = "Kết quả thực hiện các nhiệm vụ cấp trên giao"

// WithUpstream adds to doc, as the last item of "I. KẾT QUẢ THỰC HIỆN",
// the part on the tasks assigned from above: for each upstream plan a
// paragraph and a table, one row per upstream task and task of the plan
// implementing it (status, progress, result). An empty list says so.
func WithUpstream(doc *docx.Report, list []officialreport.Upstream) {
	if len(doc.Sections) == 0 {
		return
	}
	results := &doc.Sections[0]
	sec := docx.Section{Heading: strconv.Itoa(len(results.Subsections)+1) + ". " + HeadingUpstream, Level: 2}
	if len(list) == 0 {
		sec.Blocks = []docx.Block{{Paragraph: "Chưa có nhiệm vụ nào của Kế hoạch được liên kết với nhiệm vụ của kế hoạch, chương trình cấp trên."}}
	}
	for i, u := range list {
		sub := docx.Section{Heading: letter(i) + ") " + upstreamName(u), Level: 3}
		counts := map[string]int{}
		for _, t := range u.Tasks {
			counts[string(t.Status)]++
		}
		sub.Blocks = append(sub.Blocks, docx.Block{Paragraph: fmt.Sprintf(
			"Kế hoạch thực hiện %d nhiệm vụ của %s (%s); trong đó: đã hoàn thành %d nhiệm vụ, đang thực hiện %d nhiệm vụ, quá hạn %d nhiệm vụ, chưa triển khai %d nhiệm vụ.",
			len(u.Tasks), upstreamName(u), lowerFirst(u.Period), counts["done_on_time"]+counts["done_late"],
			counts["in_progress"]+counts["due_soon"], counts["overdue"], counts["not_started"]+counts["paused"])})
		tb := &docx.Table{Header: []string{"STT", "Nhiệm vụ cấp trên giao", "Nhiệm vụ của Kế hoạch", "Chủ trì", "Tình trạng", "Kết quả"},
			Widths: []int{2, 9, 9, 5, 5, 10}}
		for _, t := range u.Tasks {
			for k, p := range t.Parts {
				no, up := "", ""
				if k == 0 {
					no, up = strconv.Itoa(t.Number), t.Title
				}
				status := p.Status.Label()
				if p.Progress > 0 && p.Status != "done_on_time" && p.Status != "done_late" {
					status += fmt.Sprintf(" (%d%%)", p.Progress)
				}
				tb.Rows = append(tb.Rows, []string{no, up, strconv.Itoa(p.Number) + ". " + p.Title, p.Agency, status, p.Result})
			}
		}
		if len(tb.Rows) > 0 {
			sub.Blocks = append(sub.Blocks, docx.Block{Table: tb})
		}
		sec.Subsections = append(sec.Subsections, sub)
	}
	results.Subsections = append(results.Subsections, sec)
}

// upstreamName names an upstream plan as the report's sentences do.
func upstreamName(u officialreport.Upstream) string {
	name := u.PlanTitle
	if u.PlanCode != "" {
		name = u.PlanTitle + " (" + u.PlanCode + ")"
	}
	return name
}
