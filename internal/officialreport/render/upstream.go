package render

import (
	"fmt"
	"strconv"
	"strings"

	"tiendo/internal/export/docx"
	"tiendo/internal/figures"
	"tiendo/internal/officialreport"
	"tiendo/internal/vntext"
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
		c := figures.Counts{}
		for _, t := range u.Tasks {
			c[t.Status]++
		}
		sub.Blocks = append(sub.Blocks, docx.Block{Paragraph: fmt.Sprintf("Kế hoạch thực hiện %s nhiệm vụ của %s (%s); trong đó: %s.",
			vntext.FormatInt(len(u.Tasks)), upstreamName(u), vntext.LowerFirst(u.Period), strings.Join(statusParts(c), "; "))})
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
