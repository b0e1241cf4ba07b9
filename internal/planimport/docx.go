package planimport

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Bounds on the XML of DOCX parts. Word nests a few dozen levels even with
// tables in tables, and a 200-page plan has a few hundred thousand
// elements; thousands of levels or millions of elements only come from
// hostile files, which would otherwise cost seconds of CPU each.
const (
	maxXMLDepth    = 256
	maxXMLElements = 2_000_000
)

// docxPara is one paragraph of word/document.xml: its text (runs joined,
// w:tab as a space, w:br as a newline) and its automatic numbering, if any.
type docxPara struct {
	n     int // 1-based paragraph number in the document, for warnings
	text  string
	numID string // w:numPr/w:numId; "" when not numbered directly
	ilvl  int    // w:numPr/w:ilvl; -1 when not given
	style string // w:pStyle, whose numbering applies when numID is ""
	// grid is set on the stand-in for a table of three columns or more
	// at the top level of the body: its cells as a person sees them, and
	// the paragraph number each row starts at.
	grid      [][]string
	gridLines []int
}

// readDOCX reads a Word file: the paragraphs of the body in order,
// automatic numbering rebuilt where Word's numbering.xml allows, and its
// tables — a task table as a table block, a layout table (one or two
// columns: the header block, the signature beside "Nơi nhận") as its
// cells' paragraphs, any other table one paragraph per row.
func (s *source) readDOCX(zr *zip.Reader) *Error {
	doc := zipFile(zr, "word/document.xml")
	paras, err := readDocument(doc)
	if err != nil {
		return err
	}
	nb, err := readNumbering(zr)
	if err != nil {
		return err
	}
	auto, missing := nb.apply(paras)
	if auto > 0 {
		s.warn(0, fmt.Sprintf("tài liệu dùng đánh số tự động của Word ở %d đoạn: số mục đã được dựng lại theo định dạng đánh số của tệp, hãy kiểm tra lại cây mục", auto))
	}
	if missing > 0 {
		s.warn(0, fmt.Sprintf("có %d đoạn đánh số tự động của Word không dựng lại được số: các mục đó có thể bị thiếu số thứ tự hoặc bị đọc thành đoạn văn", missing))
	}
	for _, para := range paras {
		if para.grid != nil {
			if last := len(s.blocks) - 1; last >= 0 && s.blocks[last].tbl != nil && continuesTable(s.blocks[last].tbl, para.grid) {
				// A task table Word split in two (a page or section break):
				// the second part has no header of its own.
				t := s.blocks[last].tbl
				t.rows = append(t.rows, para.grid...)
				t.lines = append(t.lines, para.gridLines...)
				continue
			}
			s.blocks = append(s.blocks, gridBlocks(para.grid, para.gridLines)...)
			continue
		}
		for raw := range strings.SplitSeq(para.text, "\n") {
			if t := cleanLine(raw); t != "" {
				s.blocks = append(s.blocks, block{line: line{n: para.n, text: t}})
			}
		}
	}
	return nil
}

// continuesTable reports whether a grid right after task table t is the
// rest of it: no header of its own, and as many columns.
func continuesTable(t *table, g [][]string) bool {
	if _, ok := findHeader(g); ok {
		return false
	}
	return gridWidth(g) == gridWidth(t.rows)
}

// gridBlocks gives the blocks of a Word table of three columns or more: a
// table of tasks, or one paragraph per row, its cells joined by " | ".
func gridBlocks(g [][]string, lines []int) []block {
	if t := taskTable(g, lines, ""); t != nil {
		return []block{{tbl: t}}
	}
	var out []block
	for i, r := range g {
		if text := joinRow(r); text != "" {
			out = append(out, block{line: line{n: lines[i], text: text}})
		}
	}
	return out
}

// joinRow writes a row of a table that is not a task table as one
// paragraph: its distinct cells, in order, joined by " | ".
func joinRow(r []string) string {
	var cells []string
	for j, v := range r {
		if v != "" && (j == 0 || v != r[j-1]) {
			cells = append(cells, strings.ReplaceAll(v, "\n", " "))
		}
	}
	return cleanLine(strings.Join(cells, " | "))
}

// docReader streams word/document.xml with an xml.Decoder token loop, so
// memory follows the text, not the XML: empty paragraphs are only counted,
// and text buffers are reused.
type docReader struct {
	out    []docxPara
	count  int        // paragraphs ended so far
	paras  []docxPara // open paragraphs (nested only in odd files)
	texts  [][]byte   // their text so far, buffers reused
	tables []*docxTable
	inPPr  bool
	inText bool
	inRun  int
}

func readDocument(f *zip.File) ([]docxPara, *Error) {
	rc, br, err := openPart(f)
	if err != nil {
		return nil, errCorruptPart(f.Name, err)
	}
	defer rc.Close()
	r := &docReader{}
	if e := walkXML(f, br, r.start, r.end, r.chars); e != nil {
		return nil, e
	}
	return r.out, nil
}

// walkXML runs the token loop shared by the DOCX parts: strict XML, no
// DOCTYPE, bounded depth and size. start may ask to skip an element's
// subtree by returning true.
func walkXML(f *zip.File, br *boundedReader, start func(xml.StartElement) bool, end func(xml.EndElement), chars func(xml.CharData)) *Error {
	dec := xml.NewDecoder(br)
	depth, skipBelow, elements := 0, 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return errCorruptPart(f.Name, err)
			}
			return readError(f, br, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if elements++; elements > maxXMLElements {
				return newError(CodeTooLarge, nil, "Tài liệu Word quá lớn để nhập (phần %s có hơn %d phần tử XML). Hãy tách kế hoạch và phụ lục thành các tệp nhỏ hơn, hoặc lưu lại bằng Word rồi tải lên.", f.Name, maxXMLElements)
			}
			if depth > maxXMLDepth {
				return newError(CodeCorrupt, nil, "Tệp Word có cấu trúc lồng nhau quá sâu (hơn %d cấp) trong phần %s: tệp hỏng hoặc được tạo bất thường. Hãy mở bằng Word, lưu lại rồi tải lên.", maxXMLDepth, f.Name)
			}
			if skipBelow == 0 && start(t) {
				skipBelow = depth
			}
		case xml.EndElement:
			if skipBelow == 0 {
				end(t)
			} else if depth == skipBelow {
				skipBelow = 0
			}
			depth--
		case xml.CharData:
			if skipBelow == 0 {
				chars(t)
			}
		case xml.Directive:
			return errDoctype(f.Name)
		}
	}
}

func (r *docReader) start(e xml.StartElement) bool {
	switch e.Name.Local {
	case "Fallback", "pPrChange", "rPrChange", "tblPrChange", "trPrChange", "tcPrChange", "delText", "instrText", "txbxContent":
		// Duplicates (mc:Fallback), former formatting, deleted text, field
		// codes, and text boxes: stamps and captions laid over the page
		// ("DỰ THẢO"), not paragraphs of the plan.
		return true
	case "p":
		r.paras = append(r.paras, docxPara{ilvl: -1})
		if len(r.texts) < cap(r.texts) {
			r.texts = r.texts[:len(r.texts)+1]
			r.texts[len(r.texts)-1] = r.texts[len(r.texts)-1][:0]
		} else {
			r.texts = append(r.texts, nil)
		}
	case "pPr":
		r.inPPr = true
	case "pStyle":
		if r.inPPr && len(r.paras) > 0 {
			r.top().style = xmlAttr(e, "val")
		}
	case "numId":
		if r.inPPr && len(r.paras) > 0 {
			r.top().numID = xmlAttr(e, "val")
		}
	case "ilvl":
		if r.inPPr && len(r.paras) > 0 {
			if v, err := strconv.Atoi(xmlAttr(e, "val")); err == nil && v >= 0 && v < 9 {
				r.top().ilvl = v
			}
		}
	case "r":
		r.inRun++
	case "t":
		r.inText = r.inRun > 0 || len(r.paras) > 0
	case "tab":
		r.write(" ")
	case "br", "cr":
		r.write("\n")
	case "noBreakHyphen":
		r.write("-")
	case "tbl":
		r.tables = append(r.tables, &docxTable{})
	case "tr":
		if t := r.table(); t != nil {
			t.rows = append(t.rows, nil)
		}
	case "tc":
		if t := r.table(); t != nil {
			t.newCell()
		}
	case "gridSpan":
		if t := r.table(); t != nil && len(r.paras) == 0 {
			if n, err := strconv.Atoi(xmlAttr(e, "val")); err == nil && n > 1 && n <= 64 {
				t.cell().span = n
			}
		}
	case "vMerge":
		if t := r.table(); t != nil && len(r.paras) == 0 {
			t.cell().cont = xmlAttr(e, "val") != "restart"
		}
	}
	return false
}

func (r *docReader) end(e xml.EndElement) {
	switch e.Name.Local {
	case "p":
		if len(r.paras) == 0 {
			return
		}
		p := *r.top()
		r.count++
		p.n = r.count
		p.text = string(r.texts[len(r.texts)-1])
		r.paras = r.paras[:len(r.paras)-1]
		r.texts = r.texts[:len(r.texts)-1]
		if strings.TrimSpace(p.text) != "" {
			r.emit(p)
		}
	case "pPr":
		r.inPPr = false
	case "r":
		r.inRun = max(r.inRun-1, 0)
	case "t":
		r.inText = false
	case "tbl":
		if t := r.table(); t != nil {
			r.tables = r.tables[:len(r.tables)-1]
			g := t.grid()
			if len(r.tables) == 0 && len(r.paras) == 0 && gridWidth(g) > 2 {
				lines := make([]int, len(g))
				for i := range g {
					lines[i] = t.rowN(i)
				}
				r.emit(docxPara{grid: g, gridLines: lines, ilvl: -1})
				return
			}
			for _, p := range t.paragraphs(g) {
				r.emit(p)
			}
		}
	}
}

func (r *docReader) chars(c xml.CharData) {
	if r.inText {
		r.write(string(c))
	}
}

// write adds text to the open paragraph; w:tab and w:br count only inside
// a run (w:tab also names tab stops in paragraph properties).
func (r *docReader) write(s string) {
	if len(r.texts) > 0 && (r.inRun > 0 || r.inText) {
		r.texts[len(r.texts)-1] = append(r.texts[len(r.texts)-1], s...)
	}
}

// emit places a finished paragraph: in the open table cell, else in the
// body. A paragraph closed inside another (a text box) goes out before it.
func (r *docReader) emit(p docxPara) {
	if t := r.table(); t != nil && len(r.paras) == 0 {
		c := t.cell()
		c.paras = append(c.paras, p)
		return
	}
	r.out = append(r.out, p)
}

func (r *docReader) top() *docxPara { return &r.paras[len(r.paras)-1] }

func (r *docReader) table() *docxTable {
	if len(r.tables) == 0 {
		return nil
	}
	return r.tables[len(r.tables)-1]
}

// xmlAttr returns the value of an attribute by local name (w:val and val alike).
func xmlAttr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
