package officialreport

import (
	"io"

	"tiendo/internal/export/docx"
	"tiendo/internal/export/xlsx"
	"tiendo/internal/figures"
)

// Content types and file names of the two downloads.
const (
	DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// Current is the draft a download or the edit form starts from: the saved
// one (nil when never saved), its groups brought in line with the plan's,
// else the first draft.
func Current(saved *Draft, f *figures.Facts, dash *figures.Dashboard, acc Accepted) *Draft {
	if saved == nil {
		return DraftFrom(f, dash, acc)
	}
	saved.Refresh(dash.ByGroup)
	return saved
}

// WriteDocx writes the official report's .docx.
func WriteDocx(w io.Writer, d *Draft, dash *figures.Dashboard) error {
	return docx.Write(w, Report(d, dash))
}

// WriteXLSX writes the appendix workbook.
func WriteXLSX(w io.Writer, f *figures.Facts, dash *figures.Dashboard, acc Accepted) error {
	return xlsx.Write(w, Appendix(f, dash, acc)...)
}
