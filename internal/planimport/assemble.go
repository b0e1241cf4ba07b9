package planimport

import (
	"strconv"
	"strings"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// CodeManyPlans: two files (or two documents) each hold a plan.
const CodeManyPlans = "many_plans"

// CodeCoverOnly: a decision that issues a plan "kèm theo" but holds none.
const CodeCoverOnly = "cover_only"

// assemble makes one plan of the files' parts: the plan text (at most one),
// the cover that issues it, and every appendix, the plan's own first.
func (p *parser) assemble(all []*parts) (*Result, *Error) {
	var body *parts
	var cover []line
	var coverSrc *source
	var apps []appendix
	files := make([]FileInfo, len(all))
	for i, ps := range all {
		files[i] = FileInfo{Name: ps.src.name, Format: ps.src.format, Role: "appendix"}
		if ps.body != nil && !hasHeadings(ps.body) && hasTableBlock(ps.body) {
			// Text with no numbered heading: a table with its title, an appendix.
			ps.appendices = append([]appendix{bodyAsAppendix(ps)}, ps.appendices...)
			ps.body = nil
		}
		if ps.cover != nil && coverSrc == nil {
			cover, coverSrc = ps.cover, ps.src
			if ps.body == nil && len(ps.appendices) == 0 {
				files[i].Role = "cover"
			}
		}
		for _, w := range ps.src.warns {
			p.warn(ps.src, w.Line, w.Message)
		}
		if ps.skipped > 0 {
			p.warnf(ps.src, ps.skippedAt, "%d đoạn sau phần ký không thuộc phụ lục nhiệm vụ nào nên không được đọc", ps.skipped)
		}
		if ps.body == nil {
			continue
		}
		if body != nil {
			return nil, newError(CodeManyPlans, nil, "Có hai văn bản kế hoạch (tệp “%s” và “%s”). Mỗi lần nhập một kế hoạch: hãy tải lên kế hoạch cùng các phụ lục của nó.", body.src.name, ps.src.name)
		}
		body, files[i].Role = ps, "plan"
	}
	if body != nil {
		apps = append(apps, body.appendices...)
	}
	for _, ps := range all {
		if ps != body {
			apps = append(apps, ps.appendices...)
		}
	}
	if body == nil && countTables(apps) == 0 && !anyTaskList(apps) {
		return nil, p.nothing(all, cover)
	}

	b := &builder{m: p.asg.m, labels: map[string]bool{}, warn: p.warn}
	var o *outline
	format := all[0].src.format
	if body != nil {
		format = body.src.format
		o = buildOutline(body.body, false)
		if len(o.root.children) == 0 && o.tables == 0 {
			if countTables(apps) == 0 && !anyTaskList(apps) {
				return nil, p.nothing(nil, nil)
			}
			o = nil // a covering letter before the appendices: nothing to read
		}
	}
	if o != nil {
		for _, w := range o.warns {
			p.warn(body.src, w.Line, w.Message)
		}
		p.readHeader(o.header, body.src)
	}
	p.readCover(cover, coverSrc)
	p.readAppendixTitles(apps)

	appTasks := 0
	var bodyTasks []rawTask
	if o != nil {
		p.chooseTaskParts(o, body.src, len(apps) > 0 && countTables(apps) > 0)
		b.src = body.src
		b.outline(o, -1)
		bodyTasks = b.tasks
	}
	appStart := len(b.secs)
	for k := range apps {
		p.placeAppendix(b, &apps[k], o != nil, k, len(apps))
	}
	if body != nil && o == nil {
		files[body.src.idx].Role = "appendix"
	}
	appTasks = len(b.tasks) - len(bodyTasks)
	if o != nil && appTasks > 0 && p.demote(o, bodyTasks, appTasks, body.src) {
		// The plan's own paragraphs become plan text; rebuild.
		secs, tasks := b.secs[appStart:], b.tasks[len(bodyTasks):]
		b2 := &builder{m: p.asg.m, labels: map[string]bool{}, warn: p.warn, src: body.src}
		b2.outline(o, -1)
		shift := len(b2.secs) - appStart
		for _, s := range secs {
			if s.Parent >= appStart {
				s.Parent += shift
			}
			b2.labels[s.Label] = true
			b2.secs = append(b2.secs, s)
		}
		for _, t := range tasks {
			t.section += shift
			b2.tasks = append(b2.tasks, t)
		}
		b = b2
	}
	if len(b.tasks) == 0 {
		return nil, p.noTasks(o, apps, cover)
	}

	var lines []line
	if o != nil {
		lines = o.lines
	}
	cited := p.citations(o, lines, cover, apps)
	p.draft.Sections = b.secs
	p.draft.Tasks = p.enrich(b.tasks, cited)
	countTasks(p.draft.Sections, p.draft.Tasks)
	pl := &p.draft.Plan
	pl.Status = plan.PlanDraft
	var regime *Regime
	if o != nil {
		pl.Replaces = findReplaces(o.lines)
		if regime = findRegime(o); regime != nil {
			pl.ReportingRule = regime.Text
		}
	}
	p.metaWarnings(body != nil)
	return p.result(format, files, regime), nil
}

// hasHeadings reports whether blocks hold a numbered heading (I., 1.): a
// plan's text, not a table with its title.
func hasHeadings(bl []block) bool {
	for _, b := range bl {
		if b.tbl == nil {
			if k := classify(b.line.text).kind; k == markRoman || k == markDecimal {
				return true
			}
		}
	}
	return false
}

// bodyAsAppendix reads a file with no numbered heading as an appendix: its
// lines before the first table are the title.
func bodyAsAppendix(ps *parts) appendix {
	a := appendix{src: ps.src}
	for _, b := range ps.body {
		if b.tbl == nil && len(a.blocks) == 0 {
			a.title = append(a.title, b.line)
			continue
		}
		a.blocks = append(a.blocks, b)
	}
	return a
}

func hasTableBlock(bl []block) bool {
	for _, b := range bl {
		if b.tbl != nil {
			return true
		}
	}
	return false
}

func countTables(apps []appendix) int {
	n := 0
	for i := range apps {
		n += apps[i].tables()
	}
	return n
}

// anyTaskList reports an appendix written as a numbered list of tasks.
func anyTaskList(apps []appendix) bool {
	for i := range apps {
		if apps[i].tables() == 0 && taskAppendix(&apps[i]) && hasHeadings(apps[i].blocks) {
			return true
		}
	}
	return false
}

// taskAppendix reports an appendix whose title says it lists tasks
// ("DANH MỤC NHIỆM VỤ …"), not targets ("CHỈ TIÊU …").
func taskAppendix(a *appendix) bool {
	var t []string
	for _, l := range a.title {
		t = append(t, l.text)
	}
	f := vntext.Fold(strings.Join(t, " "))
	return (strings.Contains(f, "nhiem vu") || strings.Contains(f, "de an") || strings.Contains(f, "giai phap")) && !strings.Contains(f, "chi tieu")
}

// placeAppendix adds an appendix's sections and tasks. With a plan text
// above it, it gets a section of its own ("PL", "PL2" …, titled as the
// appendix is) holding its groups; alone, its groups are the plan's top
// sections. A list appendix is read as an outline whose paragraphs are all tasks.
func (p *parser) placeAppendix(b *builder, a *appendix, withBody bool, k, n int) {
	b.src = a.src
	title := appendixTitle(a)
	at := -1
	label := "PL"
	if n > 1 {
		label += strconv.Itoa(k + 1)
	}
	if withBody || a.tables() == 0 {
		if title == "" {
			title = "Phụ lục"
			if sheet := firstSheet(a); sheet != "" {
				title += " (" + sheet + ")"
			}
		}
		at = b.addSection(-1, plan.Section{Kind: plan.KindPart, Number: label, Label: label, Title: title, Ord: b.childCount(-1) + 1, HoldsTasks: true})
	}
	if a.tables() == 0 {
		o := buildOutline(a.blocks, taskAppendix(a))
		for _, w := range o.warns {
			p.warn(a.src, w.Line, w.Message)
		}
		o.root.paras = append(headerParas(o.header), o.root.paras...)
		prefix := b.secs[at].Label
		relabel(o.root, prefix)
		sub := &builder{m: b.m, src: a.src, labels: b.labels, warn: b.warn, secs: b.secs, tasks: b.tasks}
		sub.paras(o.root, at, "")
		for i, c := range o.root.children {
			sub.node(c, at, i+1, "")
		}
		b.secs, b.tasks = sub.secs, sub.tasks
		if !o.root.tasks {
			b.secs[at].HoldsTasks = false
		}
		return
	}
	for _, blk := range a.blocks {
		if blk.tbl == nil {
			if at >= 0 {
				s := &b.secs[at]
				s.Body = strings.TrimSpace(s.Body + "\n" + blk.line.text)
			}
			continue
		}
		var owner *node
		if at < 0 {
			owner = &node{title: firstNonEmpty(blk.tbl.sheet, title)}
		}
		b.table(readTaskTable(blk.tbl, func(line int, msg string) { b.warn(a.src, line, msg) }), at, owner, "")
	}
}

// headerParas turns the lines an outline took for a title block back into
// paragraphs: an appendix's title has been read already.
func headerParas(ls []line) []para {
	var out []para
	for _, l := range ls {
		out = append(out, para{line: l.n, text: l.text, mark: classify(l.text)})
	}
	return out
}

// relabel prefixes the labels of an appendix outline with its section's,
// so that its "I", "1" do not collide with the plan's.
func relabel(n *node, prefix string) {
	for _, c := range n.children {
		c.label = prefix + "." + c.label
		relabel(c, prefix)
	}
}

func firstSheet(a *appendix) string {
	for _, b := range a.blocks {
		if b.tbl != nil {
			return b.tbl.sheet
		}
	}
	return ""
}

// appendixTitle is an appendix's title lines joined, without the line
// saying what it is attached to and the national motto.
func appendixTitle(a *appendix) string {
	var t []string
	for _, l := range a.title {
		f := vntext.Fold(l.text)
		if strings.Contains(f, "kem theo") || isNationalMotto(l.text) {
			continue
		}
		t = append(t, l.text)
	}
	return strings.Join(t, " ")
}

// demote decides, once appendices gave tasks, whether the plan's own
// paragraphs are tasks too. When the plan's tasks part only points to the
// appendix, or its paragraphs are fewer than the appendix's rows (general
// directions above a list of assignments), the appendix holds the tasks:
// the paragraphs become plan text, and a warning says so. It reports
// whether the outline changed.
func (p *parser) demote(o *outline, bodyTasks []rawTask, appTasks int, src *source) bool {
	paras := 0
	for _, t := range bodyTasks {
		if !t.fromTable {
			paras++
		}
	}
	if paras == 0 {
		return false
	}
	pointer := false
	var walk func(n *node)
	walk = func(n *node) {
		if n.tasks {
			for _, pa := range n.paras {
				if pa.tbl == nil && isPointer(pa.text) {
					pointer = true
				}
			}
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(o.root)
	if !pointer && paras >= appTasks {
		return false
	}
	var clear func(n *node)
	clear = func(n *node) {
		if !hasTable(n) {
			n.tasks = false
		}
		for _, c := range n.children {
			clear(c)
		}
	}
	clear(o.root)
	p.warnf(src, 0, "nhiệm vụ được giao trong phụ lục (%d nhiệm vụ): %d đoạn ở phần nhiệm vụ của kế hoạch được giữ làm nội dung kế hoạch, không tính là nhiệm vụ", appTasks, paras)
	return true
}

func hasTable(n *node) bool {
	for _, pa := range n.paras {
		if pa.tbl != nil {
			return true
		}
	}
	return false
}
