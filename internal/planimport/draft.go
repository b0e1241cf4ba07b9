package planimport

import (
	"strconv"
	"strings"

	"tiendo/internal/plan"
)

// rawTask is a task placed in its section, before its title, deadline,
// references and agencies are read (see enrich).
type rawTask struct {
	section int
	line    int
	src     *source
	text    string
	attrs   []attr // "Chủ trì: …", "Thời gian hoàn thành: …" lines under it, or its table cells
	// headLead is the agency the heading above names as the one in charge
	// ("Đối với Sở Y tế:", "1. Ban Tuyên giáo Tỉnh ủy", a table's group
	// row), for a task that names no lead of its own.
	headLead  string
	fromTable bool
}

// builder flattens outlines and task tables into Draft sections in
// document order (parents first) and collects the tasks.
type builder struct {
	m      *matcher
	src    *source // the file being placed
	secs   []plan.DraftSection
	tasks  []rawTask
	labels map[string]bool
	warn   func(src *source, line int, msg string)
}

// addSection appends a section, its label made unique like the outline's.
func (b *builder) addSection(parent int, s plan.Section) int {
	label := s.Label
	for i := 2; b.labels[s.Label]; i++ {
		s.Label = label + "-" + strconv.Itoa(i)
	}
	b.labels[s.Label] = true
	b.secs = append(b.secs, plan.DraftSection{Parent: parent, Section: s})
	return len(b.secs) - 1
}

// outline places an outline's sections under parent (-1: at the top). In a
// section that holds tasks:
//   - every paragraph is a task, its bullet mark ("- ") dropped;
//   - a "+" paragraph, or an attribute line ("Cơ quan chủ trì: …",
//     "Thời gian hoàn thành: …", "Sản phẩm: …"), belongs to the task before it;
//   - a paragraph ending with ':' introduces what follows and is kept as the
//     section's text, not a task; when it names an agency in charge ("Giao
//     Sở Tài chính chủ trì:"), the tasks after it are that agency's;
//   - a sentence that only points to an appendix ("Chi tiết tại Phụ lục
//     kèm theo") is the section's text;
//   - an item that is a task with its sub-points (see itemTask) is one task.
//
// A task table in any section gives its groups as sections under it and
// its rows as tasks. Elsewhere paragraphs are the section's Body, one per
// line, as written.
func (b *builder) outline(o *outline, parent int) {
	ord := 0
	if len(o.root.paras) > 0 {
		// Tasks or tables before any heading: a table right under the title.
		b.paras(o.root, parent, "")
	}
	for _, c := range o.root.children {
		ord++
		b.node(c, parent, ord, "")
	}
}

func (b *builder) node(n *node, parent, ord int, lead string) {
	idx := b.addSection(parent, plan.Section{Kind: n.kind, Number: n.number, Label: n.label, Title: n.title, Ord: ord, HoldsTasks: n.tasks})
	if l := b.m.headingLead(n.title); l != "" {
		lead = l
	}
	b.secs[idx].Body = b.paras(n, idx, lead)
	childOrd := 0
	for _, c := range n.children {
		if t, ok := b.itemTask(c); ok {
			t.section, t.headLead = idx, lead
			b.tasks = append(b.tasks, t)
			continue
		}
		childOrd++
		b.node(c, idx, childOrd, lead)
	}
}

// paras places the paragraphs and tables of n in section idx (-1 for the
// top, when n is the root) and returns the section's text.
func (b *builder) paras(n *node, idx int, lead string) string {
	var body []string
	last := -1         // index in b.tasks of the last task of this section
	plusTasks := false // "+" lines are tasks: they follow a line introducing them
	for _, p := range n.paras {
		if p.tbl != nil {
			b.table(readTaskTable(p.tbl, func(line int, msg string) { b.warn(b.src, line, msg) }), idx, n, lead)
			last = -1
			continue
		}
		if !n.tasks {
			body = append(body, p.text)
			continue
		}
		as, isAttr := parseAttr(p)
		switch {
		case last >= 0 && isAttr:
			b.tasks[last].text += "\n" + p.text
			b.tasks[last].attrs = append(b.tasks[last].attrs, as...)
		case last >= 0 && p.mark.kind == markBullet && p.mark.bullet == '+' && !plusTasks:
			b.tasks[last].text += "\n" + p.text
		case strings.HasSuffix(p.text, ":"):
			body = append(body, p.text)
			if l := b.m.headingLead(p.text); l != "" {
				lead = l
			}
			last, plusTasks = -1, true // "+" lines after "- Lĩnh vực y tế:" are tasks of their own
		case isPointer(p.text):
			body = append(body, p.text)
		default:
			text := p.text
			if p.mark.kind == markBullet {
				text = p.mark.rest
			}
			plusTasks = plusTasks && p.mark.kind == markBullet && p.mark.bullet == '+'
			b.tasks = append(b.tasks, rawTask{section: idx, line: p.line, src: b.src, text: text, headLead: lead})
			last = len(b.tasks) - 1
			if isAttr {
				b.tasks[last].attrs = append(b.tasks[last].attrs, as...)
			}
		}
	}
	return strings.Join(body, "\n")
}

// table places a task table read into groups: its groups become sections
// under section idx (the top when -1), numbered as the table numbers them,
// and its rows tasks. A row that names no lead takes its group's.
func (b *builder) table(root *tnode, idx int, n *node, lead string) {
	if idx >= 0 {
		b.secs[idx].HoldsTasks = true
	}
	var place func(t *tnode, at int, lead string)
	place = func(t *tnode, at int, lead string) {
		if t.lead != "" {
			lead = t.lead
		} else if l := b.m.headingLead(t.title); l != "" && t.parent != nil {
			lead = l
		}
		// Tasks and groups in the order of their rows.
		next := 0
		flush := func(before int) {
			for ; next < len(t.tasks) && t.tasks[next].line < before; next++ {
				task := t.tasks[next]
				task.section, task.src = at, b.src
				if task.headLead == "" {
					task.headLead = lead
				}
				b.tasks = append(b.tasks, task)
			}
		}
		defer flush(int(^uint(0) >> 1))
		for k, c := range t.children {
			flush(c.line)
			number := c.number
			if number == "" {
				number = strconv.Itoa(k + 1)
			}
			kind, label := plan.KindGroup, number
			switch {
			case at < 0 && c.roman:
				kind = plan.KindPart
			case at >= 0 && b.secs[at].Kind != plan.KindPart:
				kind = plan.KindSubgroup
			}
			if at >= 0 {
				label = b.secs[at].Label + "." + number
			}
			child := b.addSection(at, plan.Section{Kind: kind, Number: number, Label: label, Title: c.title, Ord: b.childCount(at) + 1, HoldsTasks: true})
			place(c, child, lead)
		}
	}
	if idx >= 0 || len(root.tasks) == 0 {
		place(root, idx, lead)
		return
	}
	// A table with no section above it: its groups are the plan's top
	// sections, and rows outside any group go to a section of their own,
	// named after the sheet.
	tasks := root.tasks
	root.tasks = nil
	place(root, -1, lead)
	title := "Danh mục nhiệm vụ"
	if n != nil && n.title != "" {
		title = n.title
	}
	at := b.addSection(-1, plan.Section{Kind: plan.KindPart, Label: "PL", Title: title, Ord: b.childCount(-1) + 1, HoldsTasks: true})
	root.tasks, root.children = tasks, nil
	place(root, at, lead)
}

// childCount is how many sections sit directly under at (-1: the top).
func (b *builder) childCount(at int) int {
	n := 0
	for _, s := range b.secs {
		if s.Parent == at {
			n++
		}
	}
	return n
}

// itemTask turns a heading under the task part into one task when it is a
// task rather than a heading:
//   - an empty lettered item, a numbered line with nothing under it that
//     reads as a task (it starts with what is to be done, or ends as a
//     sentence), or any item or numbered heading followed only by
//     attribute lines (plans often write "a) Xây dựng …" followed by its
//     lead and deadline);
//   - a lettered item ("a)", "Nhiệm vụ 1:") whose sub-points are "-" or "+"
//     lines, unless the item is only a heading (see headingOnly): the
//     sub-points are the task's content;
//   - a numbered heading whose content ends with the lead or deadline of
//     the whole ("1.2. Xây dựng … / - nội dung … / - Chủ trì: …").
func (b *builder) itemTask(n *node) (rawTask, bool) {
	if !n.tasks || n.kind == plan.KindPart || len(n.children) > 0 || n.title == "" {
		return rawTask{}, false
	}
	item := n.kind == plan.KindItem
	if len(n.paras) == 0 {
		// A numbered line with nothing under it is a task when it reads as
		// one ("2. Trưng bày các sản phẩm …."), a group still to be filled
		// otherwise ("2. Nhóm trống").
		if !item && !startsWithAction(n.title) && !strings.HasSuffix(n.title, ".") && !strings.HasSuffix(n.title, ";") {
			return rawTask{}, false
		}
		return rawTask{line: n.line, src: b.src, text: n.title}, true
	}
	t := rawTask{line: n.line, src: b.src, text: n.title}
	attrs, content, attrsLast := 0, 0, true
	for _, p := range n.paras {
		if p.tbl != nil {
			return rawTask{}, false
		}
		if as, ok := parseAttr(p); ok {
			t.attrs = append(t.attrs, as...)
			attrs++
			continue
		}
		if attrs > 0 {
			attrsLast = false // content after an attribute: each paragraph has its own
		}
		content++
		if item && p.mark.kind != markBullet {
			return rawTask{}, false // plain paragraphs under an item are tasks of their own
		}
	}
	switch {
	case content == 0:
	case item && !b.headingOnly(n):
	case !item && attrs > 0 && attrsLast && !b.headingOnly(n):
	default:
		return rawTask{}, false
	}
	for _, p := range n.paras {
		t.text += "\n" + p.text
	}
	return t, true
}

// headingOnly reports an item whose title only heads what is under it:
// a topic ("Về thể chế", "Lĩnh vực y tế", "Nhóm nhiệm vụ …"), an agency
// in charge ("Đối với Sở Y tế:", "Sở Y tế:"), a title that does not start
// with what is to be done, or sub-points that each name their own lead.
func (b *builder) headingOnly(n *node) bool {
	if headingWords(n.title) || b.m.headingLead(n.title) != "" || !startsWithAction(n.title) {
		return true
	}
	own := 0
	for _, p := range n.paras {
		for _, m := range b.m.find(p.text) {
			if m.Lead {
				own++
				break
			}
		}
	}
	return own >= 2
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
