package planimport

import (
	"strings"
)

// maxGridCells bounds the positions a table's merged cells may fill.
const maxGridCells = 100_000

// docxCell is a table cell while it is read.
type docxCell struct {
	paras []docxPara
	span  int  // w:gridSpan: columns the cell covers
	cont  bool // w:vMerge continuing the cell above
}

// docxTable collects a table's cells while it is read.
type docxTable struct {
	rows [][]docxCell
}

func (t *docxTable) newCell() {
	if len(t.rows) == 0 {
		t.rows = append(t.rows, nil)
	}
	r := &t.rows[len(t.rows)-1]
	*r = append(*r, docxCell{})
}

func (t *docxTable) cell() *docxCell {
	if len(t.rows) == 0 || len(t.rows[len(t.rows)-1]) == 0 {
		t.newCell()
	}
	r := t.rows[len(t.rows)-1]
	return &r[len(r)-1]
}

// grid lays the table out as a person sees it: a cell spanning columns
// (w:gridSpan) or continuing the one above (w:vMerge) shows the same text
// in every position it covers, like a merged range in Excel.
//
// Spans stop counting past maxGridCells positions, so that a hostile table
// of one-cell rows spanning 64 columns cannot multiply memory.
func (t *docxTable) grid() [][]string {
	out := make([][]string, len(t.rows))
	total := 0
	for r, row := range t.rows {
		for _, c := range row {
			var texts []string
			for _, p := range c.paras {
				if s := strings.TrimSpace(p.text); s != "" {
					texts = append(texts, s)
				}
			}
			v := cleanCell(strings.Join(texts, "\n"))
			if c.cont && r > 0 && len(out[r-1]) > len(out[r]) {
				v = out[r-1][len(out[r])]
			}
			span := max(c.span, 1)
			if total += span; total > maxGridCells {
				span = 1
			}
			for range span {
				out[r] = append(out[r], v)
			}
		}
	}
	return out
}

// paragraphs renders a table as paragraphs. Narrow tables (one or two
// columns) are layout — the header block with issuer and motto side by
// side, the signature beside "Nơi nhận" — so each cell's paragraphs come
// out in turn. A table with the headers of a task appendix is read like
// one (see taskRows). Other tables are data: one paragraph per row, cells
// joined by " | ", so a row keeps its values together.
func (t *docxTable) paragraphs() []docxPara {
	g := t.grid()
	cols := 0
	for _, r := range g {
		cols = max(cols, len(r))
	}
	var out []docxPara
	if cols <= 2 {
		for _, row := range t.rows {
			for _, c := range row {
				out = append(out, c.paras...)
			}
		}
		return out
	}
	if h, ok := findHeader(g); ok {
		return t.taskRows(g, h)
	}
	for i, r := range g {
		var cells []string
		for j, v := range r {
			if v != "" && (j == 0 || v != r[j-1]) {
				cells = append(cells, strings.ReplaceAll(v, "\n", " "))
			}
		}
		out = append(out, docxPara{n: t.rowN(i), text: strings.Join(cells, " | "), ilvl: -1})
	}
	return out
}

// rowN is the paragraph number of a row's first paragraph, for warnings.
func (t *docxTable) rowN(i int) int {
	for _, c := range t.rows[i] {
		if len(c.paras) > 0 {
			return c.paras[0].n
		}
	}
	return 0
}

// taskRows turns a task table inside a Word plan into the paragraphs a plan
// would have written: the task text, then labelled lines for its lead,
// cooperating agencies, deadline and product, which the outline attaches
// to the task. Group rows (Roman STT, a title across the row, a title with
// no assignment) become introductory text of the section the table is in.
func (t *docxTable) taskRows(g [][]string, h header) []docxPara {
	var out []docxPara
	cell := func(r []string, c column) string {
		if i := h.cols[c]; i >= 0 && i < len(r) {
			return r[i]
		}
		return ""
	}
	labels := [numColumns]string{colLead: "Cơ quan chủ trì", colCoop: "Cơ quan phối hợp", colDeadline: "Thời gian hoàn thành", colProduct: "Sản phẩm"}
	for i := h.last + 1; i < len(g); i++ {
		r, n := g[i], t.rowN(i)
		stt, text := strings.TrimSpace(cell(r, colSTT)), cell(r, colTask)
		values := []string{stt, text, cell(r, colLead), cell(r, colCoop), cell(r, colDeadline), cell(r, colProduct)}
		if strings.Join(values, "") == "" || columnNumbers(r) || h.repeatsHeader(r) {
			continue
		}
		if v, ok := uniform(values); ok {
			out = append(out, docxPara{n: n, text: v, ilvl: -1, intro: true})
			continue
		}
		bare := strings.Join(values[2:], "") == ""
		if text == "" || romanSTTRe.MatchString(stt) || (bare && !numberSTTRe.MatchString(stt)) {
			out = append(out, docxPara{n: n, text: strings.TrimSpace(stt + " " + text), ilvl: -1, intro: true})
			continue
		}
		out = append(out, docxPara{n: n, text: strings.ReplaceAll(text, "\n", " "), ilvl: -1})
		for _, c := range []column{colLead, colCoop, colDeadline, colProduct} {
			if v := cell(r, c); v != "" {
				out = append(out, docxPara{n: n, text: "- " + labels[c] + ": " + strings.ReplaceAll(v, "\n", "; "), ilvl: -1})
			}
		}
	}
	return out
}
