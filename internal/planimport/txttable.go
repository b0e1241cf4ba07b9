package planimport

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// textBlocks splits a decoded text into blocks: each line a paragraph,
// except the rows of a task table, which a copy of a Word or Excel table
// gives as cells separated by tabs (or a table typed with "|"). A row
// copied from Word whose cell holds several paragraphs runs over several
// lines; it is joined back until it has its cells. n counts every
// physical line (empty ones too) so that warnings point at the right line.
func textBlocks(s string) []block {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	raw := strings.Split(s, "\n")
	var out []block
	for i := 0; i < len(raw); {
		if t, next := textTable(raw, i); t != nil {
			out = append(out, block{tbl: t})
			i = next
			continue
		}
		if t := cleanLine(raw[i]); t != "" {
			if n := len(out) - 1; n >= 0 && out[n].tbl == nil && wrapped(out[n].line.text, t) {
				// A paragraph broken into lines (text copied from a PDF).
				out[n].line.text += " " + t
			} else {
				out = append(out, block{line: line{n: i + 1, text: t}})
			}
		}
		i++
	}
	return out
}

// wrapped reports whether next continues the paragraph prev, broken
// where a line ended: next starts in lower case and prev does not end a
// sentence or clause. A title in capitals never takes the line after it
// ("KẾ HOẠCH" / "thực hiện Nghị quyết …" are two lines of a title block).
func wrapped(prev, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLower(r) || isUpper(prev) || classify(next).kind != markNone {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	return !strings.ContainsRune(".;:!?…", last)
}

// cellSep is the separator of a table row: a tab, or "|" for a typed
// table; 0 when the line is not one (fewer than three cells).
func cellSep(l string) byte {
	switch {
	case strings.Count(l, "\t") >= 2:
		return '\t'
	case strings.Count(l, "|") >= 2:
		return '|'
	}
	return 0
}

// splitCells splits a row on sep; a typed table's outer bars
// ("| 1 | Việc | Sở Y tế |") do not make empty cells.
func splitCells(l string, sep byte) []string {
	if sep == '|' {
		l = strings.TrimSpace(l)
		l = strings.TrimPrefix(strings.TrimSuffix(l, "|"), "|")
	}
	cells := strings.Split(l, string(sep))
	for k, c := range cells {
		cells[k] = cleanCell(c)
	}
	return cells
}

// isRule reports the line under a typed table's header ("|---|:--|").
func isRule(l string) bool {
	return strings.Trim(l, "|-:+= \t") == "" && strings.Contains(l, "-")
}

// textTable reads a task table starting at raw[i]: a header row (or two)
// naming at least the task column and the lead or deadline column, then
// its rows. It returns the table and the index of the first line after
// it, or nil when raw[i] does not start one.
func textTable(raw []string, i int) (*table, int) {
	sep := cellSep(raw[i])
	if sep == 0 {
		return nil, i
	}
	head := [][]string{splitCells(raw[i], sep)}
	if i+1 < len(raw) && cellSep(raw[i+1]) == sep && !isRule(raw[i+1]) {
		head = append(head, splitCells(raw[i+1], sep))
	}
	h, ok := findHeader(head)
	if !ok || h.first != 0 {
		return nil, i
	}
	rows := head[:h.last+1]
	lines := []int{i + 1}
	if h.last == 1 {
		lines = append(lines, i+2)
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	j := i + h.last + 1
	var pending []string // a row whose cells run over several lines
	pendingAt := 0
	flush := func() {
		if pending != nil {
			rows = append(rows, pending)
			lines = append(lines, pendingAt)
			pending = nil
		}
	}
	for ; j < len(raw); j++ {
		l := raw[j]
		if sep == '|' && isRule(l) {
			continue
		}
		if cellSep(l) != sep && !(sep == '\t' && strings.Contains(l, "\t")) {
			// A line without cells continues a row still short of them
			// (a cell copied with several paragraphs); otherwise, or at a
			// blank line after which no row follows, the table has ended.
			if pending == nil || len(pending) >= width || (strings.TrimSpace(l) == "" && !rowFollows(raw, j+1, sep)) {
				break
			}
			if t := cleanCell(l); t != "" {
				pending[len(pending)-1] += "\n" + t
			}
			continue
		}
		cells := splitCells(l, sep)
		switch {
		case sep == '|', pending == nil:
			flush()
			pending, pendingAt = cells, j+1
		case len(pending) >= width || startsRow(cells):
			flush()
			pending, pendingAt = cells, j+1
		default:
			// The rest of a row whose cell broke over lines.
			pending[len(pending)-1] = strings.TrimSpace(pending[len(pending)-1] + "\n" + cells[0])
			pending = append(pending, cells[1:]...)
		}
		if sep == '|' || len(pending) >= width {
			flush()
		}
	}
	flush()
	return &table{rows: rows, lines: lines, h: h}, j
}

// rowFollows reports whether the next non-blank line from raw[i] has cells.
func rowFollows(raw []string, i int, sep byte) bool {
	for ; i < len(raw); i++ {
		if strings.TrimSpace(raw[i]) != "" {
			return strings.IndexByte(raw[i], sep) >= 0
		}
	}
	return false
}

// startsRow reports whether the cells of a line look like the start of a
// new row rather than the rest of a broken one: a number in the first
// cell ("2", "II", "1.3", "a").
func startsRow(cells []string) bool {
	if len(cells) == 0 {
		return false
	}
	c := strings.TrimSpace(cells[0])
	return numberSTTRe.MatchString(c) || romanSTTRe.MatchString(c) || (len([]rune(c)) == 1 && letterMarkOK(c+")"))
}

// letterMarkOK reports whether s starts with a lettered item mark.
func letterMarkOK(s string) bool {
	_, ok := letterMark(s + " x")
	return ok
}
