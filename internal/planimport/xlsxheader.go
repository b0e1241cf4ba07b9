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
	numColumns
)

// columnNames are the usual header names, used in messages.
var columnNames = [numColumns]string{"STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"}

// requiredColumns cannot be done without: a table of tasks without their
// text or their lead agency is not an appendix of assignments.
var requiredColumns = []column{colTask, colLead}

// headerRole recognises a header cell by its folded words, whatever the
// exact wording: "Nội dung nhiệm vụ", "Tên nhiệm vụ", "Đơn vị chủ trì",
// "Chủ trì thực hiện", "Thời hạn", "Tiến độ", "Sản phẩm dự kiến"… Spaces
// are ignored too ("Chủtrì"). Long cells are data, not headers.
func headerRole(cell string) (column, bool) {
	if cell == "" || utf8.RuneCountInString(cell) > 60 {
		return 0, false
	}
	f := vntext.Fold(cell)
	f = strings.Map(func(r rune) rune {
		if strings.ContainsRune("()[]:.,;/-–*", r) || r == ' ' || r == '\n' {
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
	case has("thoigian", "thoihan", "tiendo", "hanhoanthanh", "mocthoigian"):
		return colDeadline, true
	case has("sanpham", "ketquadukien", "ketquadaura"):
		return colProduct, true
	case has("nhiemvu", "noidung", "giaiphap", "congviec"):
		return colTask, true
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

func (h header) complete() bool { return len(h.missing(requiredColumns...)) == 0 }

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
		if h.count() > best.count() {
			best = h
		}
		if h.complete() {
			return h, true
		}
		if h.count() == 0 || r+1 >= len(rows) {
			continue
		}
		next := rowRoles(rows[r+1])
		used := map[int]bool{}
		for _, i := range h.cols {
			used[i] = true
		}
		for c, i := range next.cols {
			if h.cols[c] < 0 && i >= 0 && !used[i] {
				h.cols[c] = i
				used[i] = true
			}
		}
		if h.complete() {
			h.last = r + 1
			return h, true
		}
	}
	return best, false
}

// repeatsHeader reports a row that is the header again, as tables printed
// over several pages repeat it.
func (h header) repeatsHeader(row []string) bool {
	r := rowRoles(row)
	return r.count() >= 2 && r.cols[colTask] >= 0 && r.cols[colTask] == h.cols[colTask]
}
