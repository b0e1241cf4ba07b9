package planimport

import (
	"slices"

	"tiendo/internal/plan"
)

// enrich reads, from each task, what the coordinator would otherwise copy
// by hand: a short title, the deadline, the documents it cites and the
// agencies it names. Its own fields (a table's cells, "Chủ trì: …" lines)
// take precedence over what the prose says. Ord counts from 1 per section.
//
// cited holds what plan.FindReferences found in each line of the plan.
func (p *parser) enrich(raws []rawTask, cited map[string][]plan.Reference) []plan.DraftTask {
	tasks := make([]plan.DraftTask, 0, len(raws))
	ords := map[int]int{}
	for _, r := range raws {
		ords[r.section]++
		t := plan.DraftTask{Section: r.section, Task: plan.Task{Ord: ords[r.section], Text: r.text}}
		t.Title = plan.TitleFromText(r.text)
		if refs, ok := cited[r.text]; ok {
			t.References = slices.Clone(refs)
		} else {
			t.References = plan.FindReferences(r.text)
			p.refs.add(t.References)
		}
		var leads, coops []string
		deadlineSet := false
		for _, a := range r.attrs {
			switch a.kind {
			case attrLead:
				leads = append(leads, a.value)
			case attrCoop:
				coops = append(coops, a.value)
			case attrDeadline:
				t.Deadline = p.deadline(r.src, a.line, a.value)
				deadlineSet = true
			case attrProduct:
				t.Product = a.value
			}
		}
		prose := r.text
		if r.fromTable {
			prose = taskCell(r.text)
		}
		if p.asg.assign(&t, len(tasks), prose, leads, coops, r.headLead) {
			p.warn(r.src, r.line, "ô Cơ quan chủ trì ghi nhiều cơ quan: cơ quan đầu tiên được lấy làm chủ trì, các cơ quan còn lại là phối hợp")
		}
		if !deadlineSet {
			// A table row states its deadline in its cell; its other cells
			// ("Sản phẩm: báo cáo định kỳ hằng năm") are not searched.
			if d, ok := plan.FindDeadline(prose); ok {
				t.Deadline = d
			}
		}
		tasks = append(tasks, t)
	}
	return tasks
}

// taskCell is the task cell of a table task's text: what comes before the
// first labelled line rowTask added.
func taskCell(text string) string {
	for i := 0; i+3 < len(text); i++ {
		if text[i] == '\n' && text[i+1] == '-' && text[i+2] == ' ' {
			for _, name := range columnNames {
				if len(text) >= i+3+len(name)+1 && text[i+3:i+3+len(name)] == name && text[i+3+len(name)] == ':' {
					return text[:i]
				}
			}
		}
	}
	return text
}

// deadline reads a deadline written in its own field (a table cell, a
// "Thời gian hoàn thành:" line). Words it cannot read are kept as text, with
// a warning, so the coordinator can fix them in the preview.
func (p *parser) deadline(src *source, line int, text string) plan.Deadline {
	d, err := plan.ParseDeadline(text)
	if err != nil {
		p.warnf(src, line, "không đọc được thời hạn “%s”: đã giữ nguyên chữ, hãy nhập lại thời hạn cho nhiệm vụ này", text)
		return plan.Deadline{Text: text}
	}
	return d
}
