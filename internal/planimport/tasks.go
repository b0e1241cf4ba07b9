package planimport

import (
	"fmt"
	"slices"

	"tiendo/internal/plan"
)

// enrich reads, from each task paragraph, what the coordinator would
// otherwise copy by hand: a short title, the deadline, the documents it cites
// and the agencies it names. Labelled lines under the task ("Chủ trì: …")
// take precedence over what the prose says. Ord counts from 1 per section.
//
// cited holds what plan.FindReferences found in each line of the document.
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
		}
		p.asg.mentions(&t.Task)
		deadlineSet := false
		for _, a := range r.attrs {
			switch a.kind {
			case attrLead:
				lead, extra := p.asg.lead(a.value)
				if lead != 0 {
					t.LeadAgencyID = lead
				}
				t.CooperatingAgencyIDs = append(t.CooperatingAgencyIDs, extra...)
			case attrCoop:
				t.CooperatingAgencyIDs = append(t.CooperatingAgencyIDs, p.asg.list(a.value)...)
			case attrDeadline:
				t.Deadline = p.deadline(a.line, a.value)
				deadlineSet = true
			case attrProduct:
				t.Product = a.value
			}
		}
		if !deadlineSet {
			if d, ok := plan.FindDeadline(r.text); ok {
				t.Deadline = d
			}
		}
		settle(&t.Task)
		tasks = append(tasks, t)
	}
	return tasks
}

// deadline reads a deadline written in its own field (a table cell, a
// "Thời gian hoàn thành:" line). Words it cannot read are kept as text, with
// a warning, so the coordinator can fix them in the preview.
func (p *parser) deadline(line int, text string) plan.Deadline {
	d, err := plan.ParseDeadline(text)
	if err != nil {
		p.warn(line, "không đọc được thời hạn “%s”: đã giữ nguyên chữ, hãy nhập lại thời hạn cho nhiệm vụ này", text)
		return plan.Deadline{Text: text}
	}
	return d
}

// warn records a warning; line 0 when it is not tied to one.
func (p *parser) warn(line int, format string, args ...any) {
	p.warns = append(p.warns, Warning{Line: line, Message: fmt.Sprintf(format, args...)})
}
