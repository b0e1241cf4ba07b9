package planimport

import (
	"strings"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// column is a role a column of a task table plays.
type column int

const (
	colSTT column = iota
	colTask
	colLead
	colCoop
	colDeadline
	colProduct
	colLevel   // cấp trình: who the product goes to for approval
	colFunding // kinh phí, nguồn vốn
	colNote    // ghi chú
	// colIndicator marks a table of targets (chỉ tiêu), not of tasks.
	colIndicator
	numColumns
)

// columnNames are the usual header names, used in messages and as the
// labels of the lines a row's cells become in the task's text.
var columnNames = [numColumns]string{"STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm",
	"Cấp trình", "Kinh phí", "Ghi chú", "Chỉ tiêu"}

// requiredColumns cannot be done without: a table of tasks without their
// text or their lead agency is not an appendix of assignments.
var requiredColumns = []column{colTask, colLead}

// headerRole recognises a header cell by its folded words, whatever the
// exact wording: "Nội dung nhiệm vụ", "Tên nhiệm vụ", "Nhiệm vụ, đề án, dự
// án", "Đơn vị chủ trì", "Cơ quan thực hiện", "Thời hạn", "Thời gian
// trình", "Tiến độ", "Sản phẩm dự kiến", "Kết quả", "Cấp trình", "Kinh phí",
// "Ghi chú"… Spaces are ignored too ("Chủtrì"). Long cells are data, not
// headers.
func headerRole(cell string) (column, bool) {
	if cell == "" || utf8.RuneCountInString(cell) > 60 {
		return 0, false
	}
	f := vntext.Fold(cell)
	f = strings.Map(func(r rune) rune {
		if strings.ContainsRune("()[]:.,;/-–*&", r) || r == ' ' || r == '\n' {
			return -1
		}
		return r
	}, f)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(f, w) {
				return true
			}
		}
		return false
	}
	switch {
	case f == "stt" || f == "tt" || f == "sott" || strings.HasPrefix(f, "sothutu"):
		return colSTT, true
	case has("chutri"):
		return colLead, true
	case has("phoihop"):
		return colCoop, true
	case has("captrinh", "capbanhanh", "capquyetdinh", "coquantrinh"):
		return colLevel, true
	case has("thoigian", "thoihan", "tiendo", "hanhoanthanh", "mocthoigian", "namhoanthanh"):
		return colDeadline, true
	case has("sanpham", "ketqua", "hinhthucvanban", "hinhthucsanpham"):
		return colProduct, true
	case has("kinhphi", "nguonvon", "nguonkinhphi", "dutoan"):
		return colFunding, true
	case has("ghichu"):
		return colNote, true
	case has("chitieu"):
		return colIndicator, true
	case has("nhiemvu", "noidung", "giaiphap", "congviec", "dean", "duan", "chuongtrinh", "hoatdong"):
		return colTask, true
	case has("donvitinh"):
		return 0, false
	case has("coquanthuchien", "donvithuchien", "coquanthamgia", "coquanphutrach", "donviphutrach", "trachnhiem", "coquandonvi", "donvi", "coquan"):
		return colLead, true
	}
	return 0, false
}

// header is where a table's header is and which column plays which role.
type header struct {
	first, last int // 0-based rows the header spans (two when a merged group heading sits above "Chủ trì | Phối hợp")
	cols        [numColumns]int
}

func (h header) found() []string {
	var names []string
	for c, i := range h.cols {
		if i >= 0 {
			names = append(names, columnNames[c])
		}
	}
	return names
}

func (h header) missing(cols ...column) []string {
	var names []string
	for _, c := range cols {
		if h.cols[c] < 0 {
			names = append(names, columnNames[c])
		}
	}
	return names
}

// complete reports a header of a task table: the task column and the lead
// one, and not a table of targets (chỉ tiêu) whose task column is only its
// description.
func (h header) complete() bool {
	return h.cols[colTask] >= 0 && h.cols[colLead] >= 0 && h.cols[colIndicator] < 0
}

func (h header) count() int { return len(h.found()) }

// rowRoles reads one row as a header: the first column found for each role.
func rowRoles(row []string) header {
	h := header{}
	for i := range h.cols {
		h.cols[i] = -1
	}
	for i, cell := range row {
		if c, ok := headerRole(cell); ok && h.cols[c] < 0 {
			h.cols[c] = i
		}
	}
	return h
}

// findHeader looks for the header in the first rows of a sheet, in any row
// and column order. A header may take two rows, as in
//
//	STT | Nhiệm vụ | Cơ quan thực hiện       | Thời gian
//	    |          | Chủ trì   | Phối hợp    |
//
// ok is false when no row has the required columns; best is then the row
// that came closest, for the error message.
func findHeader(rows [][]string) (h header, ok bool) {
	best := rowRoles(nil)
	best.first = -1
	for r := 0; r < min(len(rows), 12); r++ {
		h := rowRoles(rows[r])
		h.first, h.last = r, r
		if h.count() < 2 {
			continue // a title ("DANH MỤC NHIỆM VỤ") is not a header
		}
		if r+1 < len(rows) && subHeader(rows[r], rows[r+1]) {
			next := rowRoles(rows[r+1])
			for c, i := range next.cols {
				// The lower row is more precise: "Chủ trì" under "Cơ quan thực hiện".
				if i >= 0 && (h.cols[c] < 0 || column(c) == colLead || column(c) == colCoop) {
					h.cols[c] = i
				}
			}
			h.last = r + 1
		}
		if h.count() > best.count() {
			best = h
		}
		if h.complete() {
			return h, true
		}
	}
	return best, false
}

// subHeader reports whether row is the second row of a header: every cell
// it fills is a column name or the cell above repeated (a merged heading),
// and it names at least one column.
func subHeader(above, row []string) bool {
	named := false
	for i, v := range row {
		switch _, isName := headerRole(v); {
		case v == "":
		case isName:
			named = true
		case i < len(above) && v == above[i]:
		default:
			return false
		}
	}
	return named
}

// repeatsHeader reports a row that is the header again, as tables printed
// over several pages repeat it.
func (h header) repeatsHeader(row []string) bool {
	r := rowRoles(row)
	return r.count() >= 2 && r.cols[colTask] >= 0 && r.cols[colTask] == h.cols[colTask]
}
