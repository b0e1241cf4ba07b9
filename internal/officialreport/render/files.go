// Package render composes the official report (báo cáo tổng hợp) that
// package officialreport drafts into the files people download: the Decree
// 30/2020 .docx (through export/docx) and the appendix workbook (through
// export/xlsx). It is the only side of the official report that needs the
// document writers, so the store, which keeps drafts, does not pull them in.
package render

import (
	"io"

	"tiendo/internal/export/docx"
	"tiendo/internal/export/xlsx"
	"tiendo/internal/officialreport"
)

// Content types of the two downloads.
const (
	DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// WriteDocx writes the official report r as a .docx: its draft around the
// figures of its period.
func WriteDocx(w io.Writer, r *officialreport.Report) error {
	doc := Document(r.Draft, r.Figures)
	if r.Upstream != nil {
		WithUpstream(&doc, r.Upstream)
	}
	return docx.Write(w, doc)
}

// WriteXLSX writes the appendix workbook of r: tasks, indicators, the
// agencies' reports.
func WriteXLSX(w io.Writer, r *officialreport.Report) error {
	return xlsx.Write(w, Appendix(r.Facts, r.Figures, r.Accepted)...)
}
