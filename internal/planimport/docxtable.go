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

// gridWidth is the number of columns of a grid.
func gridWidth(g [][]string) int {
	cols := 0
	for _, r := range g {
		cols = max(cols, len(r))
	}
	return cols
}

// paragraphs renders a table nested in another as paragraphs. Narrow
// tables (one or two columns) are layout, so each cell's paragraphs come
// out in turn; others are data, one paragraph per row, cells joined by
// " | ", so a row keeps its values together.
func (t *docxTable) paragraphs(g [][]string) []docxPara {
	var out []docxPara
	if gridWidth(g) <= 2 {
		for _, row := range t.rows {
			for _, c := range row {
				out = append(out, c.paras...)
			}
		}
		return out
	}
	for i, r := range g {
		out = append(out, docxPara{n: t.rowN(i), text: joinRow(r), ilvl: -1})
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
