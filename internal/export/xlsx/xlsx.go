// Package xlsx writes workbooks — the official report's appendices and every
// table download — from the shared table model, with the formatting a
// provincial office expects to print: title row, bold wrapped header frozen
// under the title, autofilter, real dates and numbers, A4 landscape, Times
// New Roman.
package xlsx

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/export/table"
)

// The model lives in internal/export/table so that csv shares it; the
// aliases let callers write xlsx.Sheet as they think of it.
type (
	Sheet  = table.Sheet
	Column = table.Column
	Kind   = table.Kind
)

// Column kinds, re-exported from table.
const (
	Text    = table.Text
	Int     = table.Int
	Number  = table.Number
	Percent = table.Percent
	Date    = table.Date
)

// Number formats. Codes are stored in the invariant (en-US) syntax; Excel
// and LibreOffice display them with the reader's separators, so a Vietnamese
// locale shows 1.234,5 while the value stays numeric.
const (
	fmtInt     = "#,##0"
	fmtNumber  = "#,##0.0"
	fmtPercent = "0.0%"
	fmtDate    = "dd/mm/yyyy"
	fontName   = "Times New Roman"
)

// rows are where a sheet's parts go: the title in row 1, the subtitle (if
// any) under it, then the header and the data.
type rows struct{ subtitle, header, data int }

func layoutOf(s Sheet) rows {
	if s.Subtitle != "" {
		return rows{subtitle: 2, header: 3, data: 4}
	}
	return rows{header: 2, data: 3}
}

// Application names the program in the workbooks' properties.
const Application = "tiendo"

// Properties are a workbook's document properties (File › Properties):
// what it is, who issued it and when it was made. Without them excelize
// writes its own ("xuri", 2006).
type Properties struct {
	Title, Subject string
	Creator        string    // who issued it; "tiendo" when empty
	Created        time.Time // when it was made; now when zero
}

// Write writes a workbook with one worksheet per sheet, in order, made by
// tiendo now.
func Write(w io.Writer, sheets ...Sheet) error {
	return WriteWith(w, Properties{}, sheets...)
}

// WriteWith is Write with the workbook's properties.
func WriteWith(w io.Writer, p Properties, sheets ...Sheet) error {
	f, err := Build(sheets...)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := setProperties(f, p); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: write: %w", err)
	}
	return nil
}

// Build returns the workbook in memory, for callers that add to it.
func Build(sheets ...Sheet) (*excelize.File, error) {
	if len(sheets) == 0 {
		return nil, errors.New("xlsx: no sheets")
	}
	f := excelize.NewFile()
	if err := f.SetDefaultFont(fontName); err != nil {
		f.Close()
		return nil, fmt.Errorf("xlsx: default font: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.Name)
		} else {
			_, err = f.NewSheet(s.Name)
		}
		if err == nil {
			err = writeSheet(f, st, s)
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("xlsx: sheet %q: %w", s.Name, err)
		}
	}
	f.SetActiveSheet(0)
	return f, nil
}

// setProperties writes p as the workbook's core and application properties.
func setProperties(f *excelize.File, p Properties) error {
	at := p.Created
	if at.IsZero() {
		at = time.Now()
	}
	creator := p.Creator
	if creator == "" {
		creator = Application
	}
	stamp := at.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Title: p.Title, Subject: p.Subject, Creator: creator,
		LastModifiedBy: creator, Created: stamp, Modified: stamp, Language: "vi-VN"}); err != nil {
		return fmt.Errorf("xlsx: properties: %w", err)
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: Application}); err != nil {
		return fmt.Errorf("xlsx: properties: %w", err)
	}
	return nil
}

// styles are the style ids shared by all sheets of a workbook.
type styles struct {
	title, subtitle, header int
	byKind                  map[Kind]int
}

func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	mk := func(s *excelize.Style) (int, error) { return f.NewStyle(s) }
	var st styles
	var err error
	if st.title, err = mk(&excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: 14, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	}); err != nil {
		return st, err
	}
	if st.subtitle, err = mk(&excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: 12, Italic: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	}); err != nil {
		return st, err
	}
	if st.header, err = mk(&excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: 12, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    border,
	}); err != nil {
		return st, err
	}
	st.byKind = map[Kind]int{}
	for kind, numFmt := range map[Kind]string{Text: "", Int: fmtInt, Number: fmtNumber, Percent: fmtPercent, Date: fmtDate} {
		s := &excelize.Style{
			Font:      &excelize.Font{Family: fontName, Size: 12},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: kind == Text},
			Border:    border,
		}
		if numFmt != "" {
			s.CustomNumFmt = &numFmt
			s.Alignment.Horizontal = "right"
		}
		if kind == Date {
			s.Alignment.Horizontal = "center"
		}
		if st.byKind[kind], err = mk(s); err != nil {
			return st, err
		}
	}
	return st, nil
}

func writeSheet(f *excelize.File, st styles, s Sheet) error {
	n := len(s.Columns)
	if n == 0 {
		return errors.New("no columns")
	}
	name := s.Name
	lastCol, err := excelize.ColumnNumberToName(n)
	if err != nil {
		return err
	}

	// Title row, merged across the table.
	if err := f.SetCellValue(name, "A1", s.Title); err != nil {
		return err
	}
	if n > 1 {
		if err := f.MergeCell(name, "A1", lastCol+"1"); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(name, "A1", lastCol+"1", st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(name, 1, 30); err != nil {
		return err
	}
	at := layoutOf(s)
	headerRow, firstData := at.header, at.data
	if at.subtitle > 0 {
		cell := fmt.Sprintf("A%d", at.subtitle)
		if err := f.SetCellValue(name, cell, s.Subtitle); err != nil {
			return err
		}
		if n > 1 {
			if err := f.MergeCell(name, cell, fmt.Sprintf("%s%d", lastCol, at.subtitle)); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(name, cell, fmt.Sprintf("%s%d", lastCol, at.subtitle), st.subtitle); err != nil {
			return err
		}
		if err := f.SetRowHeight(name, at.subtitle, 20); err != nil {
			return err
		}
	}

	headers := make([]any, n)
	for i, c := range s.Columns {
		headers[i] = c.Header
		col, _ := excelize.ColumnNumberToName(i + 1)
		width := c.Width
		if width <= 0 {
			width = defaultWidth(c.Kind)
		}
		if err := f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	if err := f.SetSheetRow(name, fmt.Sprintf("A%d", headerRow), &headers); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, fmt.Sprintf("A%d", headerRow), fmt.Sprintf("%s%d", lastCol, headerRow), st.header); err != nil {
		return err
	}

	for ri, r := range s.Rows {
		if len(r) > n {
			return fmt.Errorf("row %d has %d values for %d columns", ri+1, len(r), n)
		}
		vals := make([]any, len(r))
		for ci, v := range r {
			cv, err := cellValue(s.Columns[ci].Kind, v)
			if err != nil {
				return fmt.Errorf("row %d, column %q: %w", ri+1, s.Columns[ci].Header, err)
			}
			vals[ci] = cv
		}
		if err := f.SetSheetRow(name, fmt.Sprintf("A%d", firstData+ri), &vals); err != nil {
			return err
		}
	}
	last := firstData + len(s.Rows) - 1
	if len(s.Rows) > 0 {
		for i, c := range s.Columns {
			col, _ := excelize.ColumnNumberToName(i + 1)
			if err := f.SetCellStyle(name, fmt.Sprintf("%s%d", col, firstData), fmt.Sprintf("%s%d", col, last), st.byKind[c.Kind]); err != nil {
				return err
			}
		}
	} else {
		last = headerRow
	}

	// Freeze title and header so the headings stay visible while scrolling.
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: fmt.Sprintf("A%d", firstData), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.AutoFilter(name, fmt.Sprintf("A%d:%s%d", headerRow, lastCol, last), nil); err != nil {
		return err
	}
	// Print: A4 landscape, all columns on one page width, header repeated.
	size, orient, fitW, fitH := 9, "landscape", 1, 0
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", name, headerRow, headerRow), Scope: name,
	})
}

// defaultWidth is the column width, in characters, when the caller gives none.
func defaultWidth(k Kind) float64 {
	switch k {
	case Text:
		return 30
	case Date:
		return 12
	default:
		return 12
	}
}

// cellValue checks v against the column kind and returns what excelize
// should store, so that a wrong type fails loudly instead of becoming text
// that sums to zero.
func cellValue(k Kind, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch k {
	case Text:
		switch x := v.(type) {
		case string:
			return x, nil
		case fmt.Stringer:
			return x.String(), nil
		}
	case Int:
		switch x := v.(type) {
		case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
			return x, nil
		}
	case Number, Percent:
		switch x := v.(type) {
		case float64, float32, int, int64, int32:
			return x, nil
		}
	case Date:
		switch x := v.(type) {
		case time.Time:
			if x.IsZero() {
				return nil, nil
			}
			// Excel dates have no zone; keep the calendar day as given.
			return time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC), nil
		case *time.Time:
			if x == nil || x.IsZero() {
				return nil, nil
			}
			return time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return nil, fmt.Errorf("value %v (%T) does not fit column kind %d", v, v, k)
}
