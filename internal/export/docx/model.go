// Package docx writes the official report (báo cáo tổng hợp) as a .docx in
// the layout of Decree 30/2020/NĐ-CP. Callers fill the small Report model;
// the package owns every typographic decision so that all reports the system
// issues look the same and pass a clerk's layout check.
//
// Paragraphs, runs and tables are written with github.com/gomutex/godocx;
// the page geometry, the first-page-different header and the PAGE field,
// which godocx cannot express, are added by internal/export/ooxml.
package docx

import "time"

// Report is the official report as the coordinator last edited it.
type Report struct {
	ParentIssuer string    // cơ quan chủ quản, e.g. "UBND TỈNH CÀ MAU"; may be empty
	Issuer       string    // cơ quan ban hành, e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
	Number       string    // e.g. "Số: 123/BC-SKHCN"; "Số: " is added when missing
	Place        string    // địa danh, e.g. "Cà Mau"
	Date         time.Time // ngày ban hành
	Title        string    // tên loại văn bản, normally "BÁO CÁO"
	Summary      string    // trích yếu, e.g. "Kết quả thực hiện Kế hoạch … quý III năm 2026"
	Sections     []Section
	Signature    Signature
	Recipients   []string // Nơi nhận, one line each, e.g. "Như trên;" ("- " is added)

	// Author is who issued the document, as its properties name it
	// ("Sở Khoa học và Công nghệ"); Issuer when empty.
	Author string
	// Created is when the file was made (the server's clock), as its
	// properties and parts are dated; Date when zero.
	Created time.Time
}

// Section is a numbered part of the body. The caller writes the numbering
// into Heading ("I. KẾT QUẢ …", "1. …", "a) …") because Decree 30 numbering
// is text, not list formatting, and must survive copy and paste; Level (1–3)
// chooses the heading style.
type Section struct {
	Heading     string
	Level       int
	Blocks      []Block
	Subsections []Section
}

// Block is one body element: exactly one of Paragraph or Table is set.
type Block struct {
	Paragraph string
	Table     *Table
}

// Table is a bordered data table in the body, e.g. a summary of task counts.
type Table struct {
	Caption string   // optional, written centred bold above the table
	Header  []string // column headings
	Widths  []int    // relative column widths; equal when empty
	Rows    [][]string
}

// Signature is the signing block at the bottom right.
type Signature struct {
	Prefix string // thẩm quyền ký: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"; may be empty
	Title  string // chức vụ: "PHÓ GIÁM ĐỐC"
	Name   string // họ tên người ký
}
