// Package table is the tabular model shared by the workbook (xlsx) and the
// open-data (csv) writers, so one list of tasks or indicators is described
// once and comes out identically in both formats.
package table

// Kind is the type of a column's values; it decides the cell type and number
// format in a workbook and the CSVW datatype in open data.
type Kind int

// Column kinds. Values in Rows must match: Text takes string (or a
// fmt.Stringer), Int any Go integer, Number and Percent float64 or an
// integer, Date time.Time; nil leaves the cell empty. Percent values are
// fractions (0.853 is 85,3 %), as spreadsheets expect.
const (
	Text Kind = iota
	Int
	Number
	Percent
	Date
)

// Column describes one column.
type Column struct {
	Header string  // heading shown to people, e.g. "Thời hạn"
	Name   string  // machine name for CSV/CSVW, e.g. "deadline"; derived from Header when empty
	Width  float64 // workbook column width in characters; a default when 0
	Kind   Kind
}

// Sheet is one table: a worksheet in a workbook, one file in open data.
type Sheet struct {
	Name  string // worksheet name (≤ 31 characters)
	Title string // title row above the header, e.g. "PHỤ LỤC I. DANH MỤC NHIỆM VỤ"
	// Subtitle is a line under the title in a workbook, e.g. "(Kèm theo
	// Báo cáo số …/BC-SKHCN ngày … của Sở Khoa học và Công nghệ)"; CSV
	// files, which have one header row, leave it out as they do the title.
	Subtitle string
	Columns  []Column
	Rows     [][]any
}
