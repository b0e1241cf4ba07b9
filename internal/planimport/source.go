package planimport

import (
	"archive/zip"
	"bytes"
	"path"
	"strings"
)

// File is one file of an import: a plan, its appendix, or both in one.
type File struct {
	Name string // as uploaded; its extension only makes errors clearer
	Data []byte
}

// block is a piece of a document in reading order: a paragraph, or a
// table of tasks.
type block struct {
	line line
	tbl  *table // nil for a paragraph
}

// table is a table of tasks as a person reads it: merged cells show their
// text in every position they cover, line breaks inside a cell are kept.
// rows start with its header row(s); h says where the columns are.
type table struct {
	rows  [][]string
	lines []int  // per row: the TXT line, DOCX paragraph or XLSX row it starts on
	sheet string // the worksheet, for XLSX
	h     header
}

// source is one file read into blocks, before it is known whether it is a
// plan, an appendix, a covering decision or several of them.
type source struct {
	idx    int // position among the files, for ordering warnings
	name   string
	format string // "txt", "docx" or "xlsx"
	blocks []block
	warns  []Warning
	// closest is the best table header seen when none had the columns of a
	// task table (XLSX), for the message that says what is missing.
	closest      header
	closestSheet string
}

func (s *source) warn(line int, msg string) {
	s.warns = append(s.warns, Warning{Line: line, Message: msg})
}

// readSource reads one file's blocks. The format is decided by the content
// — a zip holding word/document.xml is DOCX, one holding xl/workbook.xml is
// XLSX, anything else must be UTF-8 text — and the file name's extension
// is only a hint for clearer errors. Every error is an *Error.
func readSource(f File, limit int64) (*source, *Error) {
	data := f.Data
	if int64(len(data)) > limit {
		return nil, newError(CodeTooLarge, nil, "Tệp%s quá lớn (%s, giới hạn %s). Hãy bỏ bớt hình ảnh, tách phụ lục ra tệp riêng hoặc lưu văn bản dưới dạng .docx/.txt rồi tải lên lại.",
			nameNote(f.Name), mib(int64(len(data))), mib(limit))
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))) == 0 {
		return nil, newError(CodeEmpty, nil, "Tệp%s rỗng, không có nội dung để nhập. Hãy chọn tệp kế hoạch (.docx, .txt) hoặc phụ lục (.xlsx) có nội dung.", nameNote(f.Name))
	}
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(f.Name, `\`, "/")))
	src := &source{name: f.Name}
	var err *Error
	switch {
	case isZip(data):
		err = src.readZip(data, ext)
	case bytes.HasPrefix(data, []byte(oleMagic)):
		err = newError(CodeUnsupported, nil, "Tệp Word/Excel đời cũ (.doc, .xls) hoặc tệp có đặt mật khẩu chưa đọc được. Hãy mở tệp bằng Word/Excel, bỏ mật khẩu nếu có, rồi “Lưu thành” .docx hoặc .xlsx và tải lên lại.")
	case bytes.HasPrefix(data, []byte("%PDF")):
		err = newError(CodeUnsupported, nil, "Tệp PDF chưa đọc được. Hãy tải lên bản Word (.docx) của kế hoạch, hoặc chép nội dung ra tệp văn bản .txt (UTF-8).")
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		err = newError(CodeUnsupported, nil, "Tệp RTF chưa đọc được. Hãy mở bằng Word rồi “Lưu thành” .docx và tải lên lại.")
	default:
		err = src.readText(data, ext)
	}
	if err != nil {
		return nil, err
	}
	return src, nil
}

// nameNote names a file in a message: " “phu-luc.xlsx”", or nothing.
func nameNote(name string) string {
	if name == "" {
		return ""
	}
	return " “" + path.Base(strings.ReplaceAll(name, `\`, "/")) + "”"
}

// oleMagic starts OLE compound files: Word 97–2003 (.doc), Excel (.xls),
// and Office files encrypted with a password.
const oleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

// readText reads a plain-text file. A file named .docx or .xlsx that turns
// out to be text is read as text (it was renamed), with a warning.
func (s *source) readText(data []byte, ext string) *Error {
	text, err := decodeText(data)
	if err != nil {
		switch ext {
		case ".docx", ".xlsx", ".docm", ".xlsm":
			return newError(CodeCorrupt, nil, "Tệp có đuôi %s nhưng không phải tệp Office hợp lệ (không phải tệp nén ZIP): tệp bị hỏng hoặc bị đổi tên. Hãy mở lại bằng Word/Excel, lưu lại rồi tải lên.", ext)
		case ".doc", ".xls", ".pdf", ".odt", ".ods", ".rtf", ".jpg", ".jpeg", ".png":
			return newError(CodeUnsupported, nil, "Định dạng %s chưa đọc được. Hãy tải lên kế hoạch dạng .docx hoặc .txt (UTF-8), phụ lục dạng .xlsx.", ext)
		}
		return err
	}
	if ext == ".docx" || ext == ".xlsx" {
		s.warn(0, "tệp có đuôi "+ext+" nhưng nội dung là văn bản thuần: đã đọc như tệp .txt")
	}
	s.format = "txt"
	s.blocks = textBlocks(text)
	return nil
}

// readZip checks the archive and hands it to the DOCX or XLSX reader.
func (s *source) readZip(data []byte, ext string) *Error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return newError(CodeCorrupt, err, "Tệp nén (ZIP) bị hỏng, không mở được. Hãy mở tệp bằng Word/Excel, lưu lại rồi tải lên; nếu tệp tải từ thư điện tử, hãy tải lại.")
	}
	if e := checkZip(zr); e != nil {
		return e
	}
	switch {
	case zipFile(zr, "word/document.xml") != nil:
		s.format = "docx"
		return s.readDOCX(zr)
	case zipFile(zr, "xl/workbook.xml") != nil:
		s.format = "xlsx"
		return s.readXLSX(zr, data)
	case zipFile(zr, "content.xml") != nil:
		return newError(CodeUnsupported, nil, "Tệp OpenDocument (.odt, .ods) chưa đọc được. Hãy mở bằng LibreOffice/Word rồi “Lưu thành” .docx (kế hoạch) hoặc .xlsx (phụ lục).")
	}
	return newError(CodeUnsupported, nil, "Tệp nén%s không phải văn bản Word (.docx) hay bảng tính Excel (.xlsx). Hãy tải lên kế hoạch dạng .docx/.txt, phụ lục dạng .xlsx.", extNote(ext))
}

// taskTable makes a table block of a grid whose header names the columns
// of a task table, or returns nil.
func taskTable(rows [][]string, lines []int, sheet string) *table {
	h, ok := findHeader(rows)
	if !ok {
		return nil
	}
	return &table{rows: rows, lines: lines, sheet: sheet, h: h}
}
