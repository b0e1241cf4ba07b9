package docx

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gomutex/godocx"
	gdocx "github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"

	"tiendo/internal/export/ooxml"
)

// Typography of Decree 30/2020 (Appendix I), in points. Where the decree
// gives a range the value chosen is the one most Cà Mau offices use.
const (
	fontName       = "Times New Roman"
	sizeBody       = 14 // body 13–14
	sizeAgency     = 12 // issuing agency 12–13; 12 so long names fit the column
	sizeMotto      = 12 // Quốc hiệu 12–13; 12 keeps it on one line
	sizeSlogan     = 13 // Tiêu ngữ 13–14
	sizeRecipients = 12 // "Nơi nhận:" 12
	sizeRecipList  = 11 // recipient list 11
	sizeTable      = 12 // tables: smaller so wide tables fit the text column

	firstLineIndent = 720 // 1.27 cm in twips (decree: 1–1.27 cm)
	afterPara       = 120 // 6 pt in twips (decree: at least 6 pt)

	quocHieu = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	tieuNgu  = "Độc lập - Tự do - Hạnh phúc"
)

// Bytes returns the report as a .docx.
func Bytes(r Report) ([]byte, error) {
	if strings.TrimSpace(r.Issuer) == "" {
		return nil, errors.New("docx: report has no issuing agency")
	}
	if r.Date.IsZero() {
		return nil, errors.New("docx: report has no date")
	}
	layout := ooxml.A4Decree30()
	doc, err := godocx.NewDocument()
	if err != nil {
		return nil, fmt.Errorf("docx: new document: %w", err)
	}
	setDefaults(doc)
	doc.Document.Body.SectPr = nil // ooxml writes the section properties

	w := &writer{doc: doc, textWidth: layout.TextWidth()}
	w.letterhead(r)
	w.title(r)
	for _, s := range r.Sections {
		if err := w.section(s, 1); err != nil {
			return nil, err
		}
	}
	w.closing(r)

	var buf bytes.Buffer
	if err := doc.Write(&buf); err != nil {
		return nil, fmt.Errorf("docx: write: %w", err)
	}
	out, err := ooxml.Finish(buf.Bytes(), ooxml.Options{
		Layout:      layout,
		PageNumbers: &ooxml.PageNumbers{Font: fontName, HalfPts: sizeBody * 2},
		Properties:  properties(r),
	})
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return out, nil
}

// Application names the program in the documents' properties.
const Application = "tiendo"

// properties are the report's document properties: its title and summary,
// its issuer, tiendo, and the time it was made.
func properties(r Report) *ooxml.Properties {
	title := strings.TrimSpace(cmp.Or(r.Title, "BÁO CÁO") + " " + r.Summary)
	created := r.Created
	if created.IsZero() {
		created = r.Date
	}
	return &ooxml.Properties{Title: title, Subject: r.Summary, Creator: cmp.Or(r.Author, r.Issuer),
		Language: "vi-VN", Application: Application, Created: created}
}

// Write writes the report as a .docx to out.
func Write(out io.Writer, r Report) error {
	b, err := Bytes(r)
	if err != nil {
		return err
	}
	_, err = out.Write(b)
	return err
}

// DateLine formats place and date as Decree 30 requires: days below 10 and
// the months January and February take a leading zero ("ngày 05 tháng 01"),
// so that nothing can be written in front of them later.
func DateLine(place string, d time.Time) string {
	month := int(d.Month())
	day := fmt.Sprintf("%d", d.Day())
	if d.Day() < 10 {
		day = "0" + day
	}
	mon := fmt.Sprintf("%d", month)
	if month < 3 {
		mon = "0" + mon
	}
	s := fmt.Sprintf("ngày %s tháng %s năm %d", day, mon, d.Year())
	if place != "" {
		s = place + ", " + s
	}
	return s
}

// setDefaults replaces the template's theme fonts (Calibri/Cambria) with
// Times New Roman in the document defaults, so that text without direct
// formatting — and anything a clerk types later — is in the decree's font.
func setDefaults(doc *gdocx.RootDoc) {
	if doc.DocStyles == nil {
		return
	}
	if doc.DocStyles.DocDefaults == nil {
		doc.DocStyles.DocDefaults = &ctypes.DocDefault{}
	}
	dd := doc.DocStyles.DocDefaults
	vi := "vi-VN"
	dd.RunProp = &ctypes.RunPropDefault{RunProp: &ctypes.RunProperty{
		Fonts:  &ctypes.RunFonts{Ascii: fontName, HAnsi: fontName, EastAsia: fontName, CS: fontName},
		Size:   ctypes.NewFontSize(sizeBody * 2),
		SizeCs: ctypes.NewFontSizeCS(sizeBody * 2),
		Lang:   &ctypes.Lang{Val: &vi},
	}}
	zero, line := uint64(0), 240
	dd.ParaProp = &ctypes.ParaPropDefault{ParaProp: &ctypes.ParagraphProp{
		Spacing: &ctypes.Spacing{Before: &zero, After: &zero, Line: &line, LineRule: lineAuto()},
	}}
}

func lineAuto() *stypes.LineSpacingRule {
	r := stypes.LineSpacingRuleAuto
	return &r
}

// writer carries the document being built; one per report.
type writer struct {
	doc       *gdocx.RootDoc
	textWidth int
}

// style is the formatting of one paragraph and its single run.
type style struct {
	size          uint64
	bold, italic  bool
	jc            stypes.Justification
	firstLine     uint64
	before, after uint64
	keepNext      bool
}

// fill formats an empty paragraph and writes text into it as one run.
func fill(p *gdocx.Paragraph, text string, s style) {
	p.Justification(s.jc)
	p.Spacing(s.before, s.after)
	if s.firstLine > 0 {
		fl := s.firstLine
		p.Indent(&ctypes.Indent{FirstLine: &fl})
	}
	if s.keepNext {
		p.GetCT().Property.KeepNext = ctypes.OnOffFromBool(true)
	}
	if text == "" {
		return
	}
	run := p.AddText(text).Font(fontName).Size(s.size)
	if s.bold {
		run.Bold(true)
	}
	if s.italic {
		run.Italic(true)
	}
}

// rule writes an empty paragraph whose bottom border is a short horizontal
// line of about width twips, centred in a column of colWidth twips: the
// decree's line under the agency name and under the Tiêu ngữ. A paragraph
// border spans between the indents, which is what makes it short.
func rule(p *gdocx.Paragraph, colWidth, width int) {
	p.Justification(stypes.JustificationCenter)
	p.Spacing(0, 0)
	side := (colWidth - width) / 2
	if side < 0 {
		side = 0
	}
	p.Indent(&ctypes.Indent{Left: &side, Right: &side})
	sz, space, color := 6, "1", "000000"
	p.GetCT().Property.Border = &ctypes.ParaBorder{Bottom: &ctypes.Border{Val: stypes.BorderStyleSingle, Size: &sz, Space: &space, Color: &color}}
	p.AddText("").Font(fontName).Size(2) // keeps the line close to the text above
}

// layoutTable makes a fixed-layout table of the given column widths
// (twips), with or without single borders.
func (w *writer) layoutTable(widths []int, borders bool) *gdocx.Table {
	t := w.doc.AddTable()
	total := 0
	g := make([]uint64, len(widths))
	for i, v := range widths {
		total += v
		g[i] = uint64(v)
	}
	t.Width(total, stypes.TableWidthDxa)
	t.Grid(g...)
	t.Layout(stypes.TableLayoutFixed)
	val := stypes.BorderStyleNone
	if borders {
		val = stypes.BorderStyleSingle
	}
	b := func() *ctypes.Border {
		sz, color := 4, "000000"
		return &ctypes.Border{Val: val, Size: &sz, Color: &color}
	}
	t.GetCT().TableProp.Borders = &ctypes.TableBorders{Top: b(), Left: b(), Bottom: b(), Right: b(), InsideH: b(), InsideV: b()}
	return t
}

// letterhead writes the two-column header table: agency and number on the
// left, Quốc hiệu, Tiêu ngữ and place-and-date on the right.
func (w *writer) letterhead(r Report) {
	left := w.textWidth * 2 / 5
	right := w.textWidth - left
	t := w.layoutTable([]int{left, right}, false)
	// No side padding: the Quốc hiệu needs the whole column to stay on one line.
	zero := ctypes.NewTableWidth(0, stypes.TableWidthDxa)
	t.CellMargin(zero, zero, zero, zero)
	center := style{jc: stypes.JustificationCenter}

	row := t.AddRow()
	lc := row.AddCell().Width(left, stypes.TableWidthDxa)
	// Names are broken into lines here, between words chosen by rule, so
	// that no line break falls inside a name (nameLines).
	if r.ParentIssuer != "" {
		s := center
		s.size = sizeAgency
		for _, l := range nameLines(strings.ToUpper(r.ParentIssuer), sizeAgency, false, left) {
			fill(lc.AddEmptyPara(), l, s)
		}
	}
	s := center
	s.size, s.bold = sizeAgency, true
	for _, l := range nameLines(strings.ToUpper(r.Issuer), sizeAgency, true, left) {
		fill(lc.AddEmptyPara(), l, s)
	}
	rule(lc.AddEmptyPara(), left, left/3)

	rc := row.AddCell().Width(right, stypes.TableWidthDxa)
	s.size = sizeMotto
	fill(rc.AddEmptyPara(), quocHieu, s)
	s.size = sizeSlogan
	fill(rc.AddEmptyPara(), tieuNgu, s)
	rule(rc.AddEmptyPara(), right, right*3/5)

	row = t.AddRow()
	s = center
	s.size, s.before = sizeBody, 120
	numberLine(row.AddCell().Width(left, stypes.TableWidthDxa).AddEmptyPara(), r.Number, s)
	s.italic = true
	fill(row.AddCell().Width(right, stypes.TableWidthDxa).AddEmptyPara(), DateLine(r.Place, r.Date), s)
}

// numberBlank is the room left for the number the office writes in when
// the report is issued: "Số:      /BC-SKHCN".
const numberBlank = "      "

// numberLine writes the "Số:" line, always: "Số: 123/BC-SKHCN"; a number
// not yet given ("/BC-SKHCN", or nothing) leaves room for it. The blank is
// a run of its own, so that it keeps its spaces (xml:space="preserve").
func numberLine(p *gdocx.Paragraph, number string, s style) {
	number = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(number), "Số:"))
	fill(p, "Số:", s)
	if number == "" || strings.HasPrefix(number, "/") {
		p.AddText(numberBlank).Font(fontName).Size(s.size)
	} else {
		number = " " + number
	}
	if number == "" {
		number = "/BC-"
	}
	p.AddText(number).Font(fontName).Size(s.size)
}

// title writes the document type and the summary line, bold and centred.
func (w *writer) title(r Report) {
	title := r.Title
	if title == "" {
		title = "BÁO CÁO"
	}
	s := style{size: sizeBody, bold: true, jc: stypes.JustificationCenter, before: 360, keepNext: true}
	fill(w.doc.AddEmptyParagraph(), strings.ToUpper(title), s)
	if r.Summary != "" {
		s.before, s.after = 0, 360
		fill(w.doc.AddEmptyParagraph(), r.Summary, s)
	}
}

// section writes a heading and its blocks, then its subsections.
func (w *writer) section(sec Section, depth int) error {
	level := sec.Level
	if level == 0 {
		level = depth
	}
	if sec.Heading != "" {
		s := style{size: sizeBody, bold: true, jc: stypes.JustificationBoth, firstLine: firstLineIndent, after: afterPara, keepNext: true}
		if level >= 3 {
			s.italic = true
		}
		fill(w.doc.AddEmptyParagraph(), sec.Heading, s)
	}
	for i, b := range sec.Blocks {
		switch {
		case b.Table != nil && b.Paragraph != "":
			return fmt.Errorf("docx: section %q block %d has both a paragraph and a table", sec.Heading, i)
		case b.Table != nil:
			if err := w.table(*b.Table); err != nil {
				return fmt.Errorf("docx: section %q: %w", sec.Heading, err)
			}
		default:
			w.paragraph(b.Paragraph)
		}
	}
	for _, sub := range sec.Subsections {
		if err := w.section(sub, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// paragraph writes a body paragraph: justified, first-line indent, 6 pt after.
func (w *writer) paragraph(text string) {
	fill(w.doc.AddEmptyParagraph(), text, style{size: sizeBody, jc: stypes.JustificationBoth, firstLine: firstLineIndent, after: afterPara})
}

// table writes a bordered data table spanning the text column; the header
// row repeats on every page.
func (w *writer) table(tb Table) error {
	n := len(tb.Header)
	if n == 0 {
		return errors.New("table has no header")
	}
	rel := tb.Widths
	if len(rel) == 0 {
		rel = make([]int, n)
		for i := range rel {
			rel[i] = 1
		}
	}
	if len(rel) != n {
		return fmt.Errorf("table has %d columns but %d widths", n, len(rel))
	}
	sum := 0
	for _, v := range rel {
		if v <= 0 {
			return errors.New("table widths must be positive")
		}
		sum += v
	}
	widths := make([]int, n)
	for i, v := range rel {
		widths[i] = w.textWidth * v / sum
	}
	widths = fitColumns(widths, columnMinima(tb))
	if tb.Caption != "" {
		fill(w.doc.AddEmptyParagraph(), tb.Caption, style{size: sizeBody, bold: true, jc: stypes.JustificationCenter, after: afterPara, keepNext: true})
	}
	t := w.layoutTable(widths, true)
	cell := style{size: sizeTable, jc: stypes.JustificationCenter, bold: true, before: 40, after: 40}
	row := t.AddRow()
	for i, h := range tb.Header {
		fill(row.AddCell().Width(widths[i], stypes.TableWidthDxa).VerticalAlign("center").AddEmptyPara(), h, cell)
	}
	if rc := t.GetCT().RowContents; len(rc) > 0 && rc[0].Row != nil {
		if rc[0].Row.Property == nil {
			rc[0].Row.Property = &ctypes.RowProperty{}
		}
		rc[0].Row.Property.Header = ctypes.OnOffFromBool(true)
	}
	cell.bold = false
	for ri, r := range tb.Rows {
		if len(r) > n {
			return fmt.Errorf("table row %d has %d cells, header has %d", ri+1, len(r), n)
		}
		row := t.AddRow()
		for i := 0; i < n; i++ {
			text := ""
			if i < len(r) {
				text = r[i]
			}
			s := cell
			if i > 0 && !numeric(text) {
				s.jc = stypes.JustificationLeft
			}
			fill(row.AddCell().Width(widths[i], stypes.TableWidthDxa).AddEmptyPara(), text, s)
		}
	}
	// Space after the table: Word glues the next paragraph to the border.
	w.doc.AddEmptyParagraph().Spacing(0, afterPara)
	return nil
}

// cellPadding is the room a cell's left and right margins take (Word's
// default 0.19 cm each), with a little to spare.
const cellPadding = 2*108 + 40

// columnMinima are the narrowest widths, in twips, that hold each
// column's longest word on one line: its bold heading and its cells.
func columnMinima(tb Table) []int {
	out := make([]int, len(tb.Header))
	for i, h := range tb.Header {
		out[i] = longestWord(h, sizeTable, true)
		for _, r := range tb.Rows {
			if i < len(r) {
				out[i] = max(out[i], longestWord(r[i], sizeTable, false))
			}
		}
		out[i] += cellPadding
	}
	return out
}

// fitColumns widens every column narrower than its minimum and takes the
// room from the columns that have more than theirs, in proportion to what
// they can spare, so that no column breaks a word letter by letter ("S /
// T / T") and the table keeps its width. When the minima do not fit at
// all, the widths stay as given.
func fitColumns(widths, minima []int) []int {
	need, spare := 0, 0
	for i, w := range widths {
		if w < minima[i] {
			need += minima[i] - w
		} else {
			spare += w - minima[i]
		}
	}
	if need == 0 || spare < need {
		return widths
	}
	out := make([]int, len(widths))
	for i, w := range widths {
		if w < minima[i] {
			out[i] = minima[i]
		} else {
			out[i] = w - (w-minima[i])*need/spare
		}
	}
	return out
}

// numeric reports whether a table cell holds a number, which is centred
// like the STT column; text cells are left-aligned.
func numeric(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789.,%-+ ", r) {
			return false
		}
	}
	return true
}

// closing writes the borderless table with Nơi nhận on the left and the
// signature block on the right, as in the decree's model forms.
func (w *writer) closing(r Report) {
	left := w.textWidth * 9 / 20
	right := w.textWidth - left
	t := w.layoutTable([]int{left, right}, false)
	row := t.AddRow()

	lc := row.AddCell().Width(left, stypes.TableWidthDxa)
	fill(lc.AddEmptyPara(), "Nơi nhận:", style{size: sizeRecipients, bold: true, italic: true, jc: stypes.JustificationLeft, before: 240})
	for _, rec := range r.Recipients {
		rec = strings.TrimSpace(rec)
		if !strings.HasPrefix(rec, "-") {
			rec = "- " + rec
		}
		fill(lc.AddEmptyPara(), rec, style{size: sizeRecipList, jc: stypes.JustificationLeft})
	}

	rc := row.AddCell().Width(right, stypes.TableWidthDxa)
	s := style{size: sizeBody, bold: true, jc: stypes.JustificationCenter}
	first := true
	for _, line := range []string{r.Signature.Prefix, r.Signature.Title} {
		if line == "" {
			continue
		}
		if first {
			s.before, first = 240, false
		} else {
			s.before = 0
		}
		fill(rc.AddEmptyPara(), strings.ToUpper(line), s)
	}
	for i := 0; i < 4; i++ { // room for the signature and the seal
		fill(rc.AddEmptyPara(), "", style{size: sizeBody, jc: stypes.JustificationCenter})
	}
	s.before = 0
	fill(rc.AddEmptyPara(), r.Signature.Name, s)
}
