// Package reorgimport reads a province's reorganisation mapping from an
// Excel sheet — one row per former agency: "Cơ quan cũ", "Cơ quan mới",
// "Ngày hiệu lực", "Số quyết định" — into the reorganisations it decides:
// rows naming the same new agency on the same day by the same decision
// are one merge (into the existing agency of that name, or a new one); a
// single former agency with a name no agency has is a rename; a row
// without a new agency is a dissolution. Nothing is stored here: the store
// applies the list in one transaction, or previews it.
package reorgimport

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/xlsxread"

	"tiendo/internal/agency"
	"tiendo/internal/vntext"
)

// Limits: a province has a few hundred agencies; the sheet is small.
const (
	MaxBytes = 4 << 20 // the upload
	maxRows  = 5000
)

// ErrFile is a file that is not a readable mapping sheet; its text says
// why in Vietnamese.
var ErrFile = errors.New("reorgimport: unreadable mapping")

// RowError is a row that cannot be read or matched.
type RowError struct {
	Row     int // 1-based, as Excel numbers it
	Message string
}

// Group is one reorganisation and the rows it comes from.
type Group struct {
	Rows []int
	agency.Reorganisation
}

// Mapping is what a sheet decides.
type Mapping struct {
	Groups []Group
	Errors []RowError
}

// Parse reads the first sheet of data whose header names the former and
// the new agency. Former agencies are matched, without diacritics or case,
// by name, short name or alias among those in existence on the row's day;
// a new agency by name among those too.
func Parse(data []byte, agencies []agency.Agency) (*Mapping, error) {
	var m *Mapping
	err := xlsxread.EachSheet(data, MaxBytes, func(rows [][]string) bool {
		if len(rows) > maxRows {
			rows = rows[:maxRows]
		}
		if h, at, ok := header(rows); ok {
			m = read(rows, h, at, agencies)
		}
		return m != nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFile, err)
	}
	if m != nil {
		return m, nil
	}
	return nil, fmt.Errorf("%w: Không tìm thấy dòng tiêu đề có cột “Cơ quan cũ” và “Cơ quan mới”. Cột cần có: Cơ quan cũ, Cơ quan mới, Ngày hiệu lực, Số quyết định.", ErrFile)
}

// columns are the indexes of the four columns.
type columns struct{ old, new, day, decision int }

// header finds the header row among the first ten: the columns whose text
// (without diacritics) names the former agency, the new one, the day and
// the decision.
func header(rows [][]string) (columns, int, bool) {
	for i := 0; i < len(rows) && i < 10; i++ {
		c := columns{-1, -1, -1, -1}
		for j, cell := range rows[i] {
			t := vntext.Fold(cell)
			switch {
			case strings.Contains(t, "cu") && (strings.Contains(t, "co quan") || strings.Contains(t, "don vi")):
				c.old = j
			case strings.Contains(t, "moi") || strings.Contains(t, "ke thua"):
				c.new = j
			case strings.Contains(t, "ngay") || strings.Contains(t, "hieu luc"):
				c.day = j
			case strings.Contains(t, "quyet dinh") || strings.Contains(t, "so hieu") || strings.Contains(t, "ky hieu"):
				c.decision = j
			}
		}
		if c.old >= 0 && c.new >= 0 {
			return c, i, true
		}
	}
	return columns{}, 0, false
}

// read turns the rows after the header into groups.
func read(rows [][]string, c columns, at int, agencies []agency.Agency) *Mapping {
	m := &Mapping{}
	type key struct {
		new      string // folded name of the new agency
		day      time.Time
		decision string
	}
	index := map[key]int{}
	for i := at + 1; i < len(rows); i++ {
		row, n := rows[i], i+1
		cell := func(j int) string {
			if j < 0 || j >= len(row) {
				return ""
			}
			return strings.TrimSpace(vntext.NFC(row[j]))
		}
		oldName, newName, dayText, decision := cell(c.old), cell(c.new), cell(c.day), cell(c.decision)
		if oldName == "" && newName == "" && dayText == "" && decision == "" {
			continue
		}
		day, err := parseDay(dayText)
		if err != nil {
			m.Errors = append(m.Errors, RowError{n, fmt.Sprintf("Ngày hiệu lực “%s” không đọc được; hãy viết ngày/tháng/năm, ví dụ 01/07/2025.", dayText)})
			continue
		}
		if decision == "" {
			m.Errors = append(m.Errors, RowError{n, "Thiếu số quyết định."})
			continue
		}
		old, msg := match(agencies, oldName, day)
		if msg != "" {
			m.Errors = append(m.Errors, RowError{n, msg})
			continue
		}
		k := key{vntext.Fold(newName), day, decision}
		g, ok := index[k]
		if !ok || newName == "" {
			g = len(m.Groups)
			index[k] = g
			r := agency.Reorganisation{Kind: agency.ReorgMerge, Effective: day, Decision: decision}
			switch succ, _ := match(agencies, newName, day); {
			case newName == "":
				r.Kind = agency.ReorgDissolve
			case succ != nil:
				r.Into = succ.ID
			default:
				r.New = &agency.Agency{Name: newName}
			}
			m.Groups = append(m.Groups, Group{Reorganisation: r})
		}
		m.Groups[g].Rows = append(m.Groups[g].Rows, n)
		m.Groups[g].From = append(m.Groups[g].From, old.ID)
	}
	for i := range m.Groups {
		if g := &m.Groups[i]; g.New != nil && len(g.From) == 1 {
			g.Kind = agency.ReorgRename
		}
	}
	if len(m.Groups) == 0 && len(m.Errors) == 0 {
		m.Errors = append(m.Errors, RowError{at + 1, "Bảng không có dòng nào dưới dòng tiêu đề."})
	}
	return m
}

// match finds the agency in existence on day that name names; a message
// when there is none or more than one.
func match(agencies []agency.Agency, name string, day time.Time) (*agency.Agency, string) {
	if name == "" {
		return nil, "Thiếu tên cơ quan cũ."
	}
	want := vntext.Fold(name)
	var found []*agency.Agency
	for i := range agencies {
		a := &agencies[i]
		if !a.ActiveOn(day) {
			continue
		}
		names := append([]string{a.Name, a.ShortName}, a.Aliases...)
		for _, n := range names {
			if n != "" && vntext.Fold(n) == want {
				found = append(found, a)
				break
			}
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Sprintf("Không có cơ quan “%s” đang hoạt động vào ngày có hiệu lực; hãy ghi đúng tên như trong danh mục cơ quan.", name)
	case 1:
		return found[0], ""
	}
	return nil, fmt.Sprintf("Tên “%s” ứng với %d cơ quan; hãy ghi tên đầy đủ.", name, len(found))
}

var dayRe = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)

// parseDay reads dd/mm/yyyy (as people type and Excel shows Vietnamese
// dates), yyyy-mm-dd, or an Excel day number.
func parseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if m := dayRe.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d || int(t.Month()) != mo {
			return time.Time{}, errors.New("no such day")
		}
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if n, err := strconv.Atoi(s); err == nil && n > 20000 && n < 80000 {
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n), nil
	}
	return time.Time{}, errors.New("not a day")
}
