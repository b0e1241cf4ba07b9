package planimport

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// trow is one logical row of a task table: its cells by role, after a row
// broken over a page (the rest of its text on a row with no STT) has been
// joined back to it.
type trow struct {
	line  int
	cells [numColumns]string
}

func (r *trow) stt() string { return strings.TrimSuffix(strings.TrimSpace(r.cells[colSTT]), ".") }

// bare reports a row with no assignment: no lead, cooperating agency,
// deadline or product.
func (r *trow) bare() bool {
	return r.cells[colLead] == "" && r.cells[colCoop] == "" && r.cells[colDeadline] == "" && r.cells[colProduct] == ""
}

// tnode is a group of a task table (a Roman row, a title across the table,
// a numbered row heading "1.1", "1.2"…), or the table itself at the root.
type tnode struct {
	number   string // as written ("II", "1"); "" when the row has none
	title    string
	line     int
	roman    bool
	lead     string // the lead the group row names, for its tasks that name none
	tasks    []rawTask
	children []*tnode
	parent   *tnode
}

// readTaskTable reads a task table into its groups and tasks. Each task's
// text is its task cell followed by a labelled line per other cell
// ("- Cơ quan chủ trì: …", "- Thời gian hoàn thành: …"), so the row is
// kept whole as written, and its attributes come from the cells.
func readTaskTable(t *table, warn func(line int, msg string)) *tnode {
	if m := t.h.missing(colCoop, colDeadline, colProduct); len(m) > 0 {
		warn(t.lines[t.h.first], "bảng không có cột "+strings.Join(m, ", ")+": các thông tin này để trống, hãy bổ sung sau khi nhập")
	}
	rows := logicalRows(t)
	numbered := false
	for _, r := range rows {
		if numberSTTRe.MatchString(r.stt()) {
			numbered = true
		}
	}
	root := &tnode{}
	var part, group *tnode // the Roman group and the group under it
	gstt := ""             // a numbered group's STT ("1" heads "1.1", "1.2")
	parent := func() *tnode {
		switch {
		case group != nil:
			return group
		case part != nil:
			return part
		}
		return root
	}
	open := func(under *tnode, r *trow, number, title string, roman bool) *tnode {
		n := &tnode{number: number, title: oneLine(title), line: r.line, roman: roman, lead: r.cells[colLead], parent: under}
		under.children = append(under.children, n)
		return n
	}
	for i := range rows {
		r := &rows[i]
		stt, text := r.stt(), r.cells[colTask]
		// A title merged across the row fills every cell with the same text;
		// its number may stand apart in the STT cell.
		v, ok := uniform(r.cells[:colLevel])
		if !ok && stt != "" {
			if v, ok = uniform(r.cells[colTask:colLevel]); ok {
				switch {
				case romanSTTRe.MatchString(r.cells[colSTT]) && romanOK(stt):
					part, group, gstt = open(root, r, stt, v, true), nil, ""
					continue
				case numberSTTRe.MatchString(stt):
					v = stt + ". " + v
				default: // "A", "B", "*"
					under := root
					if part != nil {
						under = part
					}
					group, gstt = open(under, r, stt, v, false), ""
					continue
				}
			}
		}
		if ok {
			switch m := classify(v); {
			case m.kind == markRoman:
				part, group, gstt = open(root, r, m.number, m.rest, true), nil, ""
			case part != nil:
				group, gstt = open(part, r, numberOf(m), restOf(m, v), false), ""
			default:
				group, gstt = open(root, r, numberOf(m), restOf(m, v), false), ""
			}
			continue
		}
		assigned := r.cells[colLead] != "" || r.cells[colDeadline] != ""
		switch {
		case romanSTTRe.MatchString(r.cells[colSTT]) && romanOK(stt) && !(assigned && !childrenFollow(rows, i, "")):
			// A Roman row heads a group, unless it carries an assignment
			// and no numbered rows follow it: then it is a task.
			part, group, gstt = open(root, r, stt, firstNonEmpty(text, r.cells[colLead], r.cells[colDeadline]), true), nil, ""
			if r.cells[colDeadline] != "" && text != "" {
				part.tasks = append(part.tasks, rowTask(r))
			}
			continue
		case numberSTTRe.MatchString(stt) && text != "" && childrenFollow(rows, i, stt):
			under := root
			if part != nil {
				under = part
			}
			if group != nil && gstt != "" && strings.HasPrefix(stt, gstt+".") {
				under = group
			}
			group, gstt = open(under, r, stt, text, false), stt
			if r.cells[colDeadline] != "" {
				group.tasks = append(group.tasks, rowTask(r))
			}
			continue
		case r.cells[colDeadline] == "" && text != "" && stt != "" && !numberSTTRe.MatchString(stt) && !romanSTTRe.MatchString(r.cells[colSTT]) && !lowerLetter(stt):
			// "A", "B", "*": a lettered or starred title row, its lead
			// cell (if any) the lead of the rows under it.
			under := root
			if part != nil {
				under = part
			}
			group, gstt = open(under, r, stt, text, false), ""
			continue
		case r.bare() && text != "" && stt == "" && (numbered || isUpper(text)) && !startsContent(text):
			under := root
			if part != nil {
				under = part
			}
			group, gstt = open(under, r, "", text, false), ""
			continue
		}
		if text == "" {
			warn(r.line, "dòng có thông tin nhưng ô Nhiệm vụ để trống: dòng bị bỏ qua")
			continue
		}
		// A Roman row that is a task stands beside the Roman groups.
		if romanSTTRe.MatchString(r.cells[colSTT]) && romanOK(stt) {
			part, group, gstt = nil, nil, ""
		}
		// "2" after group "1" and its "1.1", "1.2" is no longer in that group.
		if gstt != "" && stt != "" && !strings.HasPrefix(stt, gstt+".") {
			group, gstt = group.parent, ""
			if group == root || group == part {
				group = nil
			}
		}
		p := parent()
		p.tasks = append(p.tasks, rowTask(r))
	}
	return root
}

// lowerLetter reports an STT that is a small letter ("a", "đ"): an item
// numbered like a task, not a group.
func lowerLetter(stt string) bool {
	r, size := utf8.DecodeRuneInString(stt)
	return size == len(stt) && unicode.IsLower(r)
}

// romanOK reports a Roman numeral of I, V and X written canonically.
func romanOK(s string) bool {
	_, ok := romanValue(s)
	return ok
}

func numberOf(m mark) string {
	if m.kind == markDecimal || m.kind == markLetter {
		return m.number
	}
	return ""
}

func restOf(m mark, v string) string {
	if m.kind == markDecimal || m.kind == markLetter {
		return m.rest
	}
	return v
}

// childrenFollow reports whether the rows after rows[i] are its children:
// for a numbered row "1", the next numbered row is "1.1"; for a Roman row
// (stt ""), the next numbered row is an Arabic or lettered number.
func childrenFollow(rows []trow, i int, stt string) bool {
	for n := i + 1; n < len(rows); n++ {
		next := rows[n].stt()
		if next == "" {
			if rows[n].cells[colTask] == "" {
				continue
			}
			return false
		}
		if stt == "" {
			return !romanSTTRe.MatchString(rows[n].cells[colSTT])
		}
		return strings.HasPrefix(next, stt+".")
	}
	return false
}

// logicalRows reads the rows under the header by role, skipping empty
// rows, rows of column numbers ("(1) (2) (3)") and the header repeated on
// a new page, and joining a row broken over a page back to the one above.
func logicalRows(t *table) []trow {
	var rows []trow
	for i := t.h.last + 1; i < len(t.rows); i++ {
		cells := t.rows[i]
		if columnNumbers(cells) || t.h.repeatsHeader(cells) {
			continue
		}
		r := trow{line: t.lines[i]}
		empty := true
		for c := range numColumns {
			if k := t.h.cols[c]; k >= 0 && k < len(cells) {
				r.cells[c] = cells[k]
				if cells[k] != "" {
					empty = false
				}
			}
		}
		if empty {
			continue
		}
		if n := len(rows); n > 0 && continues(&rows[n-1], &r, t, i) {
			joinCells(&rows[n-1], &r)
			continue
		}
		rows = append(rows, r)
	}
	return rows
}

// continues reports whether r, a row with no STT, is the rest of prev: a
// row broken where the page broke, or the sub-points of prev's task on rows
// of their own. It is when prev is a task row (it has a number or an
// assignment) and r either fills no task cell, or continues prev's task
// text (starts in lower case or with a bullet, and names no lead of its
// own), or — a sentence starting with a capital — no numbering restarts
// after it (the next numbered row follows prev's number).
func continues(prev, r *trow, t *table, i int) bool {
	if r.stt() != "" || prev.cells[colTask] == "" {
		return false
	}
	prevTask := numberSTTRe.MatchString(prev.stt()) || !prev.bare() || (prev.stt() != "" && !romanSTTRe.MatchString(prev.cells[colSTT]))
	if !prevTask {
		return false
	}
	text := r.cells[colTask]
	if text == "" {
		return true
	}
	ownLead := r.cells[colLead] != "" && r.cells[colLead] != prev.cells[colLead]
	if ownLead || (r.cells[colDeadline] != "" && r.cells[colDeadline] != prev.cells[colDeadline]) {
		return false
	}
	if startsContent(text) {
		return true
	}
	if !r.bare() && !sameCells(prev, r) || isUpper(text) || !numberSTTRe.MatchString(prev.stt()) {
		return false
	}
	return nextNumberFollows(t, i, prev.stt())
}

// startsContent reports text that continues what is above it rather than
// starting anything: a lower-case letter, a bullet, an opening parenthesis.
func startsContent(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	return unicode.IsLower(r) || strings.ContainsRune("-+•*–(", r)
}

// sameCells reports whether r's assignment cells repeat prev's (a merged
// cell spread over both rows) or are empty.
func sameCells(prev, r *trow) bool {
	for _, c := range []column{colLead, colCoop, colDeadline, colProduct} {
		if r.cells[c] != "" && r.cells[c] != prev.cells[c] {
			return false
		}
	}
	return true
}

// nextNumberFollows reports whether the next numbered row of the table
// after row i carries the number after stt ("3" after "2", "1.4" after
// "1.3"), i.e. no group restarted the numbering in between.
func nextNumberFollows(t *table, i int, stt string) bool {
	k := t.h.cols[colSTT]
	if k < 0 {
		return false
	}
	for n := i + 1; n < len(t.rows); n++ {
		if k >= len(t.rows[n]) {
			continue
		}
		next := strings.TrimSuffix(strings.TrimSpace(t.rows[n][k]), ".")
		if next == "" {
			continue
		}
		return next == successor(stt)
	}
	return true // the table ends: nothing restarts
}

// successor is the number after a decimal STT: "3" after "2", "1.4" after "1.3".
func successor(stt string) string {
	dot := strings.LastIndexByte(stt, '.')
	last := stt[dot+1:]
	n := 0
	for _, ch := range last {
		n = n*10 + int(ch-'0')
	}
	return stt[:dot+1] + strconv.Itoa(n+1)
}

// joinCells appends r's cells to prev's, a merged cell's repeated text once.
func joinCells(prev, r *trow) {
	for c := range numColumns {
		v := r.cells[c]
		switch {
		case v == "" || v == prev.cells[c] || c == colSTT:
		case prev.cells[c] == "":
			prev.cells[c] = v
		default:
			prev.cells[c] += "\n" + v
		}
	}
}

// rowTask makes a task of a row: the task cell, then a labelled line for
// each other cell, and the attributes those cells give.
func rowTask(r *trow) rawTask {
	t := rawTask{line: r.line, text: cellText(r.cells[colTask])}
	for _, c := range []column{colLead, colCoop, colDeadline, colProduct, colLevel, colFunding, colNote} {
		v := r.cells[c]
		if v == "" {
			continue
		}
		t.text += "\n- " + columnNames[c] + ": " + strings.ReplaceAll(v, "\n", "; ")
		switch c {
		case colLead:
			t.attrs = append(t.attrs, attr{kind: attrLead, value: v, line: r.line})
		case colCoop:
			t.attrs = append(t.attrs, attr{kind: attrCoop, value: v, line: r.line})
		case colDeadline:
			t.attrs = append(t.attrs, attr{kind: attrDeadline, value: oneLine(v), line: r.line})
		case colProduct:
			t.attrs = append(t.attrs, attr{kind: attrProduct, value: oneLine(v), line: r.line})
		}
	}
	t.fromTable = true
	return t
}

// cellText writes a task cell as the task's text: the lines of a cell that
// wrap one sentence are joined with a space, sub-points ("- …", "a) …")
// stay on lines of their own.
func cellText(v string) string {
	lines := strings.Split(v, "\n")
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			if m := classify(l); m.kind != markNone {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// oneLine joins the lines of a cell with spaces.
func oneLine(v string) string { return strings.Join(strings.Fields(v), " ") }
