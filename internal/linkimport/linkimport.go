// Package linkimport reads a bulk link sheet (.xlsx): one row per task of
// a plan, by its STT, with the STT of the upstream task (or tasks) it
// implements — "STT" and "STT nhiệm vụ cấp trên" — into the links each
// task named should have. The titles beside them are for people and are
// not read. Nothing is stored here, and nothing is matched against the
// register: the use case checks the numbers and the link rules and
// previews the result.
package linkimport

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"tiendo/internal/xlsxread"

	"tiendo/internal/vntext"
)

// Limits: a national programme has a few hundred tasks, a province's plan
// a few thousand.
const (
	MaxBytes = 4 << 20
	maxRows  = 20000
)

// Headers of the sheet's two columns that are read, as the template
// writes them.
const (
	HeaderTask     = "STT"
	HeaderUpstream = "STT nhiệm vụ cấp trên"
)

// ErrFile is a file that is not a readable link sheet; its text says why
// in Vietnamese.
var ErrFile = errors.New("linkimport: unreadable link sheet")

// Row is one row of the sheet.
type Row struct {
	Line     int   // as Excel numbers it
	Task     int   // the STT of the task in its plan
	Upstream []int // the STT of the upstream tasks; empty: the task implements none
}

// RowError is a row that cannot be read.
type RowError struct {
	Line    int
	Message string
}

// Sheet is what a file says: its rows and the rows it could not read.
type Sheet struct {
	Rows   []Row
	Errors []RowError
}

// Parse reads the first sheet whose header row (within its first ten
// rows) names both columns.
func Parse(data []byte) (*Sheet, error) {
	var s *Sheet
	err := xlsxread.EachSheet(data, MaxBytes, func(rows [][]string) bool {
		s, _ = readSheet(rows)
		return s != nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFile, err)
	}
	if s != nil {
		return s, nil
	}
	return nil, fmt.Errorf("%w: Không thấy bảng có hai cột “%s” và “%s”. Hãy tải mẫu bảng liên kết, điền cột “%s” rồi tải lên.",
		ErrFile, HeaderTask, HeaderUpstream, HeaderUpstream)
}

// readSheet reads rows when one of the first ten is the header.
func readSheet(rows [][]string) (*Sheet, bool) {
	for h := 0; h < len(rows) && h < 10; h++ {
		task, up := -1, -1
		for c, cell := range rows[h] {
			switch key := header(cell); {
			case key == "stt" && task < 0:
				task = c
			case strings.Contains(key, "cap tren") && strings.Contains(key, "stt") && up < 0:
				up = c
			}
		}
		if task < 0 || up < 0 {
			continue
		}
		s := &Sheet{}
		for i := h + 1; i < len(rows) && i <= h+maxRows; i++ {
			line := i + 1
			cell := func(c int) string {
				if c < len(rows[i]) {
					return strings.TrimSpace(rows[i][c])
				}
				return ""
			}
			t, u := cell(task), cell(up)
			if t == "" && u == "" {
				continue
			}
			n, err := number(t)
			if err != nil {
				s.Errors = append(s.Errors, RowError{line, fmt.Sprintf("Cột “%s” phải là số thứ tự của nhiệm vụ (1, 2, 3…), không phải “%s”.", HeaderTask, t)})
				continue
			}
			r := Row{Line: line, Task: n}
			bad := false
			for _, f := range strings.FieldsFunc(u, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' }) {
				x, err := number(f)
				if err != nil {
					s.Errors = append(s.Errors, RowError{line, fmt.Sprintf("Cột “%s” phải là số thứ tự của nhiệm vụ cấp trên, cách nhau bằng dấu phẩy (3; 7), không phải “%s”.", HeaderUpstream, f)})
					bad = true
					break
				}
				r.Upstream = append(r.Upstream, x)
			}
			if !bad {
				s.Rows = append(s.Rows, r)
			}
		}
		if len(rows) > h+1+maxRows {
			s.Errors = append(s.Errors, RowError{h + 2 + maxRows, fmt.Sprintf("Bảng có quá %d dòng; hãy chia thành nhiều tệp.", maxRows)})
		}
		return s, true
	}
	return nil, false
}

// header folds a header cell for matching: no diacritics, no case, single spaces.
func header(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(vntext.Fold(s))), " ")
}

// number reads an STT: a positive whole number, as Excel writes it ("12",
// "12.0", "12.").
func number(s string) (int, error) {
	s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "."), ".0")
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, errors.New("not an STT")
	}
	return n, nil
}
