package planimport

import (
	"archive/zip"
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Bounds on what is read of one sheet: an appendix has hundreds of rows
// and a dozen columns at most, and a merge over a whole sheet must not
// become millions of cells.
const (
	maxSheetRows     = 20000
	maxSheetCols     = 64
	maxXLSXPartBytes = 16 << 20
)

// sheet is a worksheet read into memory, merged cells filled in.
type sheet struct {
	name  string
	cells [][]string // [row][col], cleaned, NFC
}

// readXLSX reads a workbook: each sheet whose header names the columns of
// a task table gives the rows above its header (the appendix's title,
// "(Kèm theo Kế hoạch số …)") as paragraphs and the table itself. Other
// sheets (targets, summaries) are left out.
//
// excelize decodes whole worksheets into memory, many times their XML size,
// so parts are held to maxXLSXPartBytes — far above any appendix — and the
// limits passed to excelize keep it from spilling to temporary files.
func (s *source) readXLSX(zr *zip.Reader, data []byte) *Error {
	for _, f := range zr.File {
		if f.UncompressedSize64 > maxXLSXPartBytes {
			return newError(CodeTooLarge, nil, "Bảng tính quá lớn để nhập (phần %s giải nén ra %s, giới hạn %s). Hãy để bảng nhiệm vụ ở một tệp riêng, bỏ các trang tính không cần, rồi tải lên.",
				f.Name, mib(int64(f.UncompressedSize64)), mib(maxXLSXPartBytes))
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxTotalBytes, UnzipXMLSizeLimit: maxXLSXPartBytes})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookPassword) || errors.Is(err, excelize.ErrWorkbookFileFormat) {
			return newError(CodeUnsupported, err, "Bảng tính có đặt mật khẩu hoặc ở định dạng chưa đọc được. Hãy bỏ mật khẩu, “Lưu thành” .xlsx rồi tải lên lại.")
		}
		return newError(CodeCorrupt, err, "Bảng tính Excel bị hỏng, không mở được. Hãy mở bằng Excel, lưu lại dưới dạng .xlsx rồi tải lên.")
	}
	defer f.Close()
	s.closest = rowRoles(nil)
	for _, name := range f.GetSheetList() {
		sh, err := readSheet(f, name)
		if err != nil {
			return newError(CodeCorrupt, err, "Không đọc được trang tính “%s” của bảng tính. Hãy mở bằng Excel, lưu lại rồi tải lên.", name)
		}
		h, ok := findHeader(sh.cells)
		if !ok {
			if h.count() > s.closest.count() {
				s.closest, s.closestSheet = h, name
			}
			continue
		}
		for r := 0; r < h.first; r++ {
			var prev string
			for _, v := range sh.cells[r] {
				if v != "" && v != prev {
					s.blocks = append(s.blocks, block{line: line{n: r + 1, text: cleanLine(strings.ReplaceAll(v, "\n", " "))}})
				}
				prev = v
			}
		}
		lines := make([]int, len(sh.cells)-h.first)
		for k := range lines {
			lines[k] = h.first + k + 1
		}
		h.first, h.last = 0, h.last-h.first
		s.blocks = append(s.blocks, block{tbl: &table{rows: sh.cells[len(sh.cells)-len(lines):], lines: lines, sheet: name, h: h}})
	}
	return nil
}

func errMissingColumns(h header, sheetName string) *Error {
	missing := strings.Join(h.missing(requiredColumns...), ", ")
	found := "Không thấy cột nào có tên quen thuộc trong 12 dòng đầu của các trang tính."
	if h.count() > 0 {
		found = "Đã thấy các cột: " + strings.Join(h.found(), ", ") + " (trang tính “" + sheetName + "”, dòng " + strconv.Itoa(h.first+1) + ")."
	}
	return newError(CodeMissingColumns, nil, "Bảng tính thiếu cột cần thiết: %s. %s Hãy đặt tên cột ở một dòng tiêu đề trong 10 dòng đầu, ví dụ: "+
		"STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm (thứ tự cột tùy ý).", missing, found)
}

// readSheet reads a sheet's formatted values and spreads each merged range's
// value over all its cells, as a person reading the table would. Merges
// reaching beyond the data (a whole column merged) are clipped to it.
func readSheet(f *excelize.File, name string) (*sheet, error) {
	rows, err := f.GetRows(name)
	if err != nil {
		return nil, err
	}
	rows = rows[:min(len(rows), maxSheetRows)]
	sh := &sheet{name: name, cells: make([][]string, len(rows))}
	var raw [][]string // the stored values, read once if a cell may be a date
	rawAt := func(r, c int) string {
		if raw == nil {
			if raw, err = f.GetRows(name, excelize.Options{RawCellValue: true}); err != nil || raw == nil {
				raw = [][]string{}
			}
		}
		if r < len(raw) && c < len(raw[r]) {
			return raw[r][c]
		}
		return ""
	}
	width := 0
	for r, row := range rows {
		row = row[:min(len(row), maxSheetCols)]
		sh.cells[r] = make([]string, len(row))
		for c, v := range row {
			if looksDate(v) {
				v = dateCell(v, rawAt(r, c))
			}
			sh.cells[r][c] = cleanCell(v)
		}
		width = max(width, len(row))
	}
	merges, err := f.GetMergeCells(name)
	if err != nil {
		return nil, err
	}
	for _, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		v := m.GetCellValue()
		if looksDate(v) {
			v = dateCell(v, rawAt(r0-1, c0-1))
		}
		v = cleanCell(v)
		for r := r0 - 1; r < min(r1, len(rows)); r++ {
			for c := c0 - 1; c < min(c1, width); c++ {
				for len(sh.cells[r]) <= c {
					sh.cells[r] = append(sh.cells[r], "")
				}
				sh.cells[r][c] = v
			}
		}
	}
	return sh, nil
}

// looksDate reports a cell shown as a date ("06-30-25", "30/06/2026"),
// which may be a date serial Excel formats by the file's number format.
func looksDate(shown string) bool {
	return shown != "" && strings.Trim(shown, "0123456789/-.") == "" && strings.ContainsAny(shown, "/-")
}

// dateCell turns a cell that Excel stores as a date serial (raw) into
// dd/mm/yyyy: its displayed form depends on the file's number format
// ("06-30-25" under the built-in m-d-yy) and cannot be trusted. A cell
// typed as text is returned as shown.
func dateCell(shown, raw string) string {
	if raw == "" || raw == shown {
		return shown
	}
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil || serial < 1 || serial > 2958465 {
		return shown
	}
	d, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		return shown
	}
	return d.Format("02/01/2006")
}

// cleanCell normalises a cell like a line of text, keeping the line breaks
// people put inside cells (Alt+Enter).
func cleanCell(v string) string {
	if v == "" {
		return ""
	}
	var out []string
	for l := range strings.SplitSeq(strings.ReplaceAll(v, "\r", ""), "\n") {
		if t := cleanLine(l); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, "\n")
}

var (
	romanSTTRe  = regexp.MustCompile(`^[IVX]+\.?$`)
	numberSTTRe = regexp.MustCompile(`^\d{1,3}(?:\.\d{1,3})*\.?$`)
)

// uniform reports a row whose non-empty cells all hold the same text (at
// least two of them): a title merged across the table.
func uniform(values []string) (string, bool) {
	v, n := "", 0
	for _, s := range values {
		if s == "" {
			continue
		}
		if n > 0 && s != v {
			return "", false
		}
		v = s
		n++
	}
	return v, n >= 2
}

// columnNumbers reports the row of column numbers many tables put under
// the header: "(1) (2) (3) …" or "1 2 3 …".
func columnNumbers(row []string) bool {
	n := 0
	for _, v := range row {
		if v == "" {
			continue
		}
		v = strings.Trim(v, "() ")
		if _, err := strconv.Atoi(v); err != nil {
			return false
		}
		n++
	}
	return n >= 3
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
