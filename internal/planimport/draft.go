package planimport

import (
	"strings"

	"tiendo/internal/plan"
)

// rawTask is a task paragraph placed in its section, before its title,
// deadline, references and agencies are read (see enrichTask).
type rawTask struct {
	section int
	line    int
	text    string
	attrs   []attr // "Chủ trì: …", "Thời gian hoàn thành: …" lines under it
}

// sections flattens the outline into Draft sections in document order
// (parents first) and collects the task paragraphs. In a section that holds
// tasks:
//   - every paragraph is a task, its bullet mark ("- ") dropped;
//   - a "+" paragraph, or an attribute line ("Cơ quan chủ trì: …",
//     "Thời gian hoàn thành: …", "Sản phẩm: …"), belongs to the task before it;
//   - a paragraph ending with ':' introduces what follows and is kept as the
//     section's text, not a task;
//   - a lettered item or a numbered heading with nothing under it but
//     attribute lines is itself a task (plans often write "a) Xây dựng …"
//     followed by its lead and deadline).
//
// Elsewhere paragraphs are the section's Body, one per line, as written.
func (o *outline) sections() ([]plan.DraftSection, []rawTask) {
	var secs []plan.DraftSection
	var tasks []rawTask
	var walk func(n *node, parent, ord int)
	walk = func(n *node, parent, ord int) {
		idx := len(secs)
		secs = append(secs, plan.DraftSection{Parent: parent, Section: plan.Section{
			Kind: n.kind, Number: n.number, Label: n.label, Title: n.title, Ord: ord, HoldsTasks: n.tasks,
		}})
		var body []string
		last := -1 // index in tasks of the last task of this section
		for _, p := range n.paras {
			if !n.tasks {
				body = append(body, p.text)
				continue
			}
			a, isAttr := parseAttr(p)
			switch {
			case last >= 0 && isAttr:
				tasks[last].text += "\n" + p.text
				tasks[last].attrs = append(tasks[last].attrs, a)
			case last >= 0 && p.mark.kind == markBullet && p.mark.bullet == '+':
				tasks[last].text += "\n" + p.text
			case p.intro || strings.HasSuffix(p.text, ":"):
				body = append(body, p.text)
			default:
				text := p.text
				if p.mark.kind == markBullet {
					text = p.mark.rest
				}
				tasks = append(tasks, rawTask{section: idx, line: p.line, text: text})
				last = len(tasks) - 1
				if isAttr {
					tasks[last].attrs = append(tasks[last].attrs, a)
				}
			}
		}
		secs[idx].Body = strings.Join(body, "\n")
		childOrd := 0
		for _, c := range n.children {
			if t, ok := headingTask(c); ok {
				t.section = idx
				tasks = append(tasks, t)
				continue
			}
			childOrd++
			walk(c, idx, childOrd)
		}
	}
	for i, c := range o.root.children {
		walk(c, -1, i+1)
	}
	return secs, tasks
}

// headingTask turns a heading under the task part into a task when nothing
// but its attributes follows it: an empty lettered item, or any item or
// numbered heading followed only by attribute lines.
func headingTask(n *node) (rawTask, bool) {
	if !n.tasks || n.kind == plan.KindPart || len(n.children) > 0 || n.title == "" {
		return rawTask{}, false
	}
	if len(n.paras) == 0 && n.kind != plan.KindItem {
		return rawTask{}, false
	}
	t := rawTask{line: n.line, text: n.title}
	for _, p := range n.paras {
		a, ok := parseAttr(p)
		if !ok {
			return rawTask{}, false
		}
		t.text += "\n" + p.text
		t.attrs = append(t.attrs, a)
	}
	return t, true
}

// countTasks fills TaskCount of every section: its own tasks and those of
// all its descendants. Parents come before children in secs.
func countTasks(secs []plan.DraftSection, tasks []plan.DraftTask) {
	for _, t := range tasks {
		for i := t.Section; i >= 0; i = secs[i].Parent {
			secs[i].TaskCount++
		}
	}
}
