package planimport

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// node is a section while the document is being read; the outline becomes
// a plan.Draft once every line is placed.
type node struct {
	kind     plan.SectionKind
	number   string // as written at its level: "III", "4.2", "a"
	comps    []int  // numeric value(s) of number
	label    string // unique full label: "III.4.2"
	title    string
	text     string // the heading line as written
	line     int
	parent   *node
	children []*node
	paras    []para
	tasks    bool // paragraphs under it are tasks
	taskNo   bool // an item numbered "Nhiệm vụ 1:", not a letter

	// Last numbers seen among the children, to report skips and repeats.
	lastRoman, lastLetter int
	lastDecimal           []int
}

// para is a non-heading paragraph in document order, or a task table.
type para struct {
	line int
	text string // as written, bullet mark included
	mark mark
	tbl  *table // a task table standing in the section, instead of a paragraph
}

// outline reads blocks into a section tree. Headings open sections; every
// other paragraph (and every table) belongs to the innermost open section.
// Lines before the first heading are the header (title block). The caller
// gives the plan's blocks only: a covering decision before it and the
// "Nơi nhận" block, the signature and the appendices after it are cut off
// beforehand (see split); a closing line met anyway ends the outline.
type outline struct {
	root   *node
	cur    *node
	header []line
	labels map[string]bool
	warns  []Warning
	lines  []line // the paragraphs read, for the searches over the whole text
	tables int    // task tables placed in sections
}

// buildOutline reads blocks; tasks says every paragraph under the root
// holds tasks (an appendix written as a numbered list).
func buildOutline(blocks []block, tasks bool) *outline {
	o := &outline{root: &node{tasks: tasks}, labels: map[string]bool{}}
	o.cur = o.root
	for _, b := range blocks {
		if b.tbl != nil {
			o.cur.paras = append(o.cur.paras, para{line: b.tbl.lines[0], tbl: b.tbl})
			o.tables++
			continue
		}
		l := b.line
		if isSeparator(l.text) {
			continue
		}
		if isClosing(l.text) {
			break
		}
		o.lines = append(o.lines, l)
		m := classify(l.text)
		switch {
		case m.kind == markRoman:
			o.openPart(l, m)
		case m.kind == markDecimal:
			o.openDecimal(l, m)
		case o.cur == o.root && !tasks:
			o.header = append(o.header, l)
		case m.kind == markLetter, m.kind == markTaskNo:
			o.openItem(l, m)
		default:
			o.cur.paras = append(o.cur.paras, para{line: l.n, text: l.text, mark: m})
		}
	}
	return o
}

// isClosing reports the start of what follows a plan's content: the
// recipients list ("Nơi nhận:") or the signature block ("TM. ỦY BAN NHÂN
// DÂN", "KT. CHỦ TỊCH").
func isClosing(s string) bool {
	if strings.HasPrefix(vntext.Fold(firstRunes(s, 12)), "noi nhan") {
		return true
	}
	if len(s) > 80 || !isUpper(s) {
		return false
	}
	for _, p := range []string{"TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T/L", "TM ", "KT "} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func (o *outline) openPart(l line, m mark) {
	if v := m.comps[0]; strings.ContainsAny(m.number, "IVX") {
		o.checkRoman(l.n, o.root.lastRoman, v)
		o.root.lastRoman = v
	}
	n := &node{kind: plan.KindPart, number: m.number, comps: m.comps, title: m.rest, text: l.text, line: l.n, parent: o.root}
	n.tasks = o.root.tasks || isTaskTitle(n.title)
	o.attach(n, n.number)
}

func (o *outline) openDecimal(l line, m mark) {
	depth := len(m.comps)
	parent := o.cur
	for parent != o.root && (parent.kind == plan.KindItem || (isDecimal(parent) && len(parent.comps) >= depth)) {
		parent = parent.parent
	}
	if m.part != "" {
		// "I.3." names its part: it sits in part I, whatever came last.
		if p := partOf(parent); p == nil || p.number != m.part {
			o.warn(l.n, "số %s.%s không nằm trong mục %s", m.part, m.number, m.part)
		}
	}
	kind := plan.KindGroup
	if depth > 1 {
		kind = plan.KindSubgroup
	}
	o.checkDecimal(l.n, parent, m)
	parent.lastDecimal = m.comps
	n := &node{kind: kind, number: m.number, comps: m.comps, title: m.rest, text: l.text, line: l.n, parent: parent}
	n.tasks = parent.tasks || (parent == o.root && isTaskTitle(n.title)) || (parent.kind == plan.KindPart && depth == 1 && isTaskGroupTitle(n.title))
	label := m.number
	if p := partOf(parent); p != nil {
		label = p.label + "." + m.number
	}
	o.attach(n, label)
}

func (o *outline) openItem(l line, m mark) {
	parent := o.cur
	if parent.kind == plan.KindItem {
		parent = parent.parent
	}
	if m.kind == markLetter {
		o.checkLetter(l.n, parent, m)
		parent.lastLetter = m.comps[0]
	}
	n := &node{kind: plan.KindItem, number: m.number, comps: m.comps, title: m.rest, text: l.text, line: l.n, parent: parent, tasks: parent.tasks, taskNo: m.kind == markTaskNo}
	label := m.number
	if parent != o.root {
		label = parent.label + "." + m.number
	}
	o.attach(n, label)
}

// attach makes n the current section under its parent, with a label made
// unique: a repeated number gets "-2", "-3" so that every section can be
// told apart (the warning about the repeat says so).
func (o *outline) attach(n *node, label string) {
	unique := label
	for i := 2; o.labels[unique]; i++ {
		unique = label + "-" + strconv.Itoa(i)
	}
	o.labels[unique] = true
	n.label = unique
	n.parent.children = append(n.parent.children, n)
	o.cur = n
}

func isDecimal(n *node) bool { return n.kind == plan.KindGroup || n.kind == plan.KindSubgroup }

// partOf returns the part n is in (n itself when it is one), nil at the top.
func partOf(n *node) *node {
	for ; n != nil; n = n.parent {
		if n.kind == plan.KindPart {
			return n
		}
	}
	return nil
}

// isTaskTitle reports a part whose paragraphs are tasks, found by its
// title, folded, because parts are misnumbered often enough that "III"
// means nothing: NHIỆM VỤ…, NHIỆM VỤ VÀ GIẢI PHÁP (CHỦ YẾU), NHIỆM VỤ CỤ
// THỂ, NHIỆM VỤ TRỌNG TÂM, GIẢI PHÁP…, NỘI DUNG…, PHÂN CÔNG NHIỆM VỤ, DANH
// MỤC NHIỆM VỤ, with or without "CÁC", "NHỮNG", "MỘT SỐ" in front.
func isTaskTitle(title string) bool {
	f := trimTitleWords(vntext.Fold(title))
	for _, p := range []string{"nhiem vu", "giai phap", "noi dung", "phan cong", "danh muc nhiem vu", "danh muc cac nhiem vu"} {
		if hasWordPrefix(f, p) {
			return true
		}
	}
	return false
}

// isTaskGroupTitle reports a numbered group of a part that is not itself
// a tasks part, titled as holding tasks ("2. Nhiệm vụ cụ thể" under "II.
// MỤC TIÊU, NHIỆM VỤ"; "1. Phân công nhiệm vụ" under "TỔ CHỨC THỰC HIỆN").
func isTaskGroupTitle(title string) bool {
	f := trimTitleWords(vntext.Fold(title))
	for _, p := range []string{"nhiem vu", "giai phap", "phan cong nhiem vu", "phan cong thuc hien"} {
		if hasWordPrefix(f, p) {
			return true
		}
	}
	return false
}

// trimTitleWords drops the words a title may start with before saying
// what it is: "các", "những", "một số", "nhóm".
func trimTitleWords(f string) string {
	for {
		before := f
		for _, p := range []string{"cac ", "nhung ", "mot so ", "nhom "} {
			f = strings.TrimPrefix(f, p)
		}
		if f == before {
			return f
		}
	}
}

// checkRoman reports skipped, repeated and backward part numbers.
func (o *outline) checkRoman(n, last, got int) {
	if msg := romanOddity(last, got); msg != "" {
		o.warn(n, "%s", msg)
	}
}

// romanOddity describes part number got following last (0: none yet), or
// returns "" when got is the expected next number.
func romanOddity(last, got int) string {
	switch {
	case got == last+1:
		return ""
	case last == 0:
		return fmt.Sprintf("mục I không có (mục đầu tiên là mục %s)", toRoman(got))
	case got > last+1:
		missing := make([]string, 0, got-last-1)
		for v := last + 1; v < got; v++ {
			missing = append(missing, toRoman(v))
		}
		return fmt.Sprintf("mục %s không có (sau mục %s là mục %s)", strings.Join(missing, ", "), toRoman(last), toRoman(got))
	case got == last:
		return fmt.Sprintf("mục %s lặp lại", toRoman(got))
	}
	return fmt.Sprintf("mục %s đứng sau mục %s (số thứ tự mục bị lùi)", toRoman(got), toRoman(last))
}

// checkDecimal reports a decimal heading that does not follow its previous
// sibling, or whose prefix does not match the group it sits in.
func (o *outline) checkDecimal(n int, parent *node, m mark) {
	where := ""
	if parent != o.root {
		where = " trong mục " + parent.label
	}
	depth := len(m.comps)
	if isDecimal(parent) {
		pd := len(parent.comps)
		if !slices.Equal(m.comps[:pd], parent.comps) {
			o.warn(n, "số %s nằm trong %s %s: số không khớp với mục chứa nó", m.number, levelName(parent.comps), parent.number)
		} else if depth > pd+1 {
			o.warn(n, "số %s nằm ngay dưới %s %s (thiếu một cấp số)", m.number, levelName(parent.comps), parent.number)
		}
	} else if depth > 1 {
		o.warn(n, "số %s không nằm trong nhóm nào%s (thiếu nhóm %d)", m.number, where, m.comps[0])
	}
	prev := parent.lastDecimal
	got := m.comps[depth-1]
	if len(prev) != depth || !slices.Equal(prev[:depth-1], m.comps[:depth-1]) {
		if got != 1 && (isDecimal(parent) || depth == 1) {
			o.warn(n, "%s đầu tiên%s mang số %s, không phải %s", levelName(m.comps), where, m.number, withLast(m.comps, 1))
		}
		return
	}
	last := prev[depth-1]
	switch {
	case got == last+1:
	case got > last+1:
		if depth == 1 {
			o.warn(n, "số thứ tự nhóm bị nhảy từ %d lên %d%s", last, got, where)
		} else {
			o.warn(n, "số thứ tự bị nhảy từ %s lên %s%s", withLast(m.comps, last), m.number, where)
		}
	case got == last:
		o.warn(n, "số %s lặp lại%s", m.number, where)
	default:
		o.warn(n, "số %s đứng sau %s (số thứ tự bị lùi)%s", m.number, withLast(m.comps, last), where)
	}
}

// checkLetter reports skipped or repeated lettered items.
func (o *outline) checkLetter(n int, parent *node, m mark) {
	where := ""
	if parent != o.root {
		where = " trong mục " + parent.label
	}
	got, last := m.comps[0], parent.lastLetter
	switch {
	case got == last+1:
	case last == 0:
		o.warn(n, "mục con đầu tiên%s là %s), không phải a)", where, m.number)
	case got > last+1:
		o.warn(n, "mục con bị nhảy từ %s) lên %s)%s", letterAt(last), m.number, where)
	case got == last:
		o.warn(n, "mục con %s) lặp lại%s", m.number, where)
	default:
		o.warn(n, "mục con %s) đứng sau %s) (thứ tự bị lùi)%s", m.number, letterAt(last), where)
	}
}

func letterAt(pos int) string {
	return string([]rune(vnLetters)[pos-1])
}

func levelName(comps []int) string {
	if len(comps) == 1 {
		return "nhóm"
	}
	return "mục"
}

// withLast writes comps with its last component replaced by v: the number
// expected or seen before at the same level.
func withLast(comps []int, v int) string {
	parts := make([]string, len(comps))
	for i, c := range comps {
		parts[i] = strconv.Itoa(c)
	}
	parts[len(parts)-1] = strconv.Itoa(v)
	return strings.Join(parts, ".")
}

func (o *outline) warn(line int, format string, args ...any) {
	o.warns = append(o.warns, Warning{Line: line, Message: fmt.Sprintf(format, args...)})
}

// firstRunes returns at most n runes of s, for cheap prefix tests on folded text.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
