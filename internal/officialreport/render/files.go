// Package render composes the official report (báo cáo tổng hợp) that
// package officialreport drafts into the files people download: the Decree
// 30/2020 .docx (through export/docx) and the appendix workbook (through
// export/xlsx). It is the only side of the official report that needs the
// document writers, so the store, which keeps drafts, does not pull them in.
package render

import (
	"io"
	"strings"

	"tiendo/internal/export/docx"
	"tiendo/internal/export/table"
	"tiendo/internal/export/xlsx"
	"tiendo/internal/officialreport"
	"tiendo/internal/vntext"
)

// Content types of the two downloads.
const (
	DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// WriteDocx writes the official report r as a .docx: its draft around the
// figures of its period.
func WriteDocx(w io.Writer, r *officialreport.Report) error {
	doc := Document(r)
	if r.Upstream != nil {
		WithUpstream(&doc, r.Upstream)
	}
	return docx.Write(w, doc)
}

// WriteXLSX writes the appendix workbook of r: tasks, indicators, the
// agencies' reports, each sheet saying which report it is attached to.
func WriteXLSX(w io.Writer, r *officialreport.Report) error {
	d := r.Draft
	props := xlsx.Properties{Title: "Phụ lục kèm theo Báo cáo " + d.Summary, Subject: d.Summary,
		Creator: vntext.SentenceCase(d.Issuer), Created: r.Created}
	return xlsx.WriteWith(w, props, AttachedAppendix(r)...)
}

// AttachedAppendix is Appendix of r with the line Decree 30 puts under an
// appendix's title: "(Kèm theo Báo cáo số      /BC-SKHCN ngày 06 tháng 10
// năm 2026 của Sở Khoa học và Công nghệ)".
func AttachedAppendix(r *officialreport.Report) []table.Sheet {
	sheets := Appendix(r.Facts, r.Figures, r.Accepted)
	line := AttachedTo(r.Draft)
	for i := range sheets {
		sheets[i].Subtitle = line
	}
	return sheets
}

// AttachedTo is the line that names the report an appendix belongs to.
func AttachedTo(d *officialreport.Draft) string {
	number := numberOf(d)
	if strings.HasPrefix(number, "/") {
		number = "     " + number // "số      /BC-…": room for the number
	}
	s := "(Kèm theo Báo cáo số " + number
	if !d.Date.IsZero() {
		s += " " + docx.DateLine("", d.Date)
	}
	if issuer := vntext.SentenceCase(d.Issuer); issuer != "" {
		s += " của " + issuer
	}
	return s + ")"
}
