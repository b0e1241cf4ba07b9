// Package userimport reads accounts to create from an Excel sheet — one
// row per person: "Tên đăng nhập", "Họ và tên", "E-mail", "Vai trò", "Cơ
// quan" — and writes the template to fill. Roles are read by code or
// Vietnamese name, agencies by name, short name, alias or ID, all without
// diacritics or case. Nothing is stored here: the application checks the
// accounts against the register and creates them all in one transaction,
// or none.
package userimport

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/xlsxread"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/export/xlsx"
	"tiendo/internal/vntext"
)

// Limits: a province has some hundreds of accounts; the sheet is small.
const (
	MaxBytes = 4 << 20 // the upload
	MaxRows  = 2000    // accounts in one sheet
)

// ErrFile is a file that is not a readable sheet of accounts; its text
// says why in Vietnamese.
var ErrFile = errors.New("userimport: unreadable sheet")

// Row is one account as the sheet gives it: the cells as written, and the
// account read from them (Role and AgencyID set when they could be read).
// Errors holds a message per field at fault ("role", "agency_id"…); the
// application adds its own (the username taken…).
type Row struct {
	Row                       int // 1-based, as Excel numbers it
	Username, FullName, Email string
	RoleText, AgencyText      string
	User                      auth.User
	Errors                    map[string]string
}

// Parse reads the first sheet whose header names the username and the
// role. agencies is the register; an agency is matched among those in
// existence on today.
func Parse(data []byte, agencies []agency.Agency, today time.Time) ([]Row, error) {
	var out []Row
	var readErr error
	found := false
	err := xlsxread.EachSheet(data, MaxBytes, func(rows [][]string) bool {
		if c, at, ok := header(rows); ok {
			out, readErr = read(rows, c, at, agencies, today)
			found = true
		}
		return found
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFile, err)
	}
	if found {
		return out, readErr
	}
	return nil, fmt.Errorf("%w: Không tìm thấy dòng tiêu đề có cột “Tên đăng nhập” và “Vai trò”. Hãy dùng bảng mẫu: cột Tên đăng nhập, Họ và tên, E-mail, Vai trò, Cơ quan.", ErrFile)
}

// columns are the indexes of the five columns (-1: absent).
type columns struct{ username, fullName, email, role, agency int }

// header finds the header row among the first ten.
func header(rows [][]string) (columns, int, bool) {
	for i := 0; i < len(rows) && i < 10; i++ {
		c := columns{-1, -1, -1, -1, -1}
		for j, cell := range rows[i] {
			t := vntext.Fold(cell)
			switch {
			case strings.Contains(t, "dang nhap") || t == "username" || t == "tai khoan":
				c.username = j
			case strings.Contains(t, "ho ten") || strings.Contains(t, "ho va ten") || t == "full name" || t == "ten":
				c.fullName = j
			case strings.Contains(t, "mail") || strings.Contains(t, "thu dien tu"):
				c.email = j
			case strings.Contains(t, "vai tro") || t == "role" || strings.Contains(t, "chuc danh"):
				c.role = j
			case strings.Contains(t, "co quan") || strings.Contains(t, "don vi") || t == "agency":
				c.agency = j
			}
		}
		if c.username >= 0 && c.role >= 0 {
			return c, i, true
		}
	}
	return columns{}, 0, false
}

// read turns the rows under the header into accounts.
func read(rows [][]string, c columns, at int, agencies []agency.Agency, today time.Time) ([]Row, error) {
	var out []Row
	for i := at + 1; i < len(rows); i++ {
		cells := rows[i]
		cell := func(j int) string {
			if j < 0 || j >= len(cells) {
				return ""
			}
			return strings.TrimSpace(vntext.NFC(cells[j]))
		}
		r := Row{Row: i + 1, Username: cell(c.username), FullName: cell(c.fullName), Email: cell(c.email),
			RoleText: cell(c.role), AgencyText: cell(c.agency), Errors: map[string]string{}}
		if r.Username == "" && r.FullName == "" && r.Email == "" && r.RoleText == "" && r.AgencyText == "" {
			continue
		}
		if len(out) == MaxRows {
			return nil, fmt.Errorf("%w: Bảng có hơn %d người dùng; hãy chia thành nhiều tệp.", ErrFile, MaxRows)
		}
		r.User = auth.User{Username: r.Username, FullName: r.FullName, Email: r.Email}
		if role, ok := auth.ParseRole(r.RoleText); ok {
			r.User.Role = role
		} else if r.RoleText == "" {
			r.Errors["role"] = "Thiếu vai trò."
		} else {
			r.Errors["role"] = fmt.Sprintf("Không hiểu vai trò “%s”; hãy ghi một trong: %s.", r.RoleText, roleNames())
		}
		if r.AgencyText != "" {
			id, msg := match(agencies, r.AgencyText, today)
			if msg != "" {
				r.Errors["agency_id"] = msg
			}
			r.User.AgencyID = id
		}
		auth.NormalizeAccount(&r.User)
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: Bảng không có dòng nào dưới dòng tiêu đề.", ErrFile)
	}
	return out, nil
}

// roleNames lists the roles' Vietnamese names.
func roleNames() string {
	names := make([]string, len(auth.Roles))
	for i, r := range auth.Roles {
		names[i] = r.Label()
	}
	return strings.Join(names, ", ")
}

// match finds the agency in existence on today that name names (or whose
// ID it is); a message when there is none or more than one.
func match(agencies []agency.Agency, name string, today time.Time) (int64, string) {
	if id, err := strconv.ParseInt(name, 10, 64); err == nil {
		for i := range agencies {
			if agencies[i].ID == id && agencies[i].ActiveOn(today) {
				return id, ""
			}
		}
		return 0, fmt.Sprintf("Không có cơ quan mã %d đang hoạt động.", id)
	}
	want := vntext.Fold(name)
	var found []*agency.Agency
	for i := range agencies {
		a := &agencies[i]
		if !a.ActiveOn(today) {
			continue
		}
		for _, n := range append([]string{a.Name, a.ShortName}, a.Aliases...) {
			if n != "" && vntext.Fold(n) == want {
				found = append(found, a)
				break
			}
		}
	}
	switch len(found) {
	case 0:
		return 0, fmt.Sprintf("Không có cơ quan “%s” đang hoạt động; hãy ghi đúng tên như trong danh mục cơ quan (trang Cơ quan, đơn vị).", name)
	case 1:
		return found[0].ID, ""
	}
	return 0, fmt.Sprintf("Tên “%s” ứng với %d cơ quan; hãy ghi tên đầy đủ.", name, len(found))
}

// Headers are the template's column headings, in order.
var Headers = []string{"Tên đăng nhập", "Họ và tên", "E-mail", "Vai trò", "Cơ quan"}

// WriteTemplate writes the template to fill: the sheet of accounts (its
// header, a drop-down of roles and one of the agencies), and a sheet
// listing the roles and the agencies in existence on today.
func WriteTemplate(w io.Writer, agencies []agency.Agency, today time.Time) error {
	var active []agency.Agency
	for _, a := range agencies {
		if a.ActiveOn(today) {
			active = append(active, a)
		}
	}
	vntext.Sort(active, func(a agency.Agency) string { return a.Name })
	users := xlsx.Sheet{Name: "Người dùng", Title: "DANH SÁCH NGƯỜI DÙNG CẦN TẠO (mỗi dòng một người; xem hướng dẫn ở trang Danh mục)",
		Columns: []xlsx.Column{{Header: Headers[0], Width: 20}, {Header: Headers[1], Width: 28}, {Header: Headers[2], Width: 30},
			{Header: Headers[3], Width: 22}, {Header: Headers[4], Width: 45}}}
	lists := xlsx.Sheet{Name: "Danh mục", Title: "VAI TRÒ VÀ CƠ QUAN ĐỂ CHỌN",
		Columns: []xlsx.Column{{Header: "Vai trò", Width: 22}, {Header: "Ý nghĩa", Width: 60}, {Header: "Cơ quan", Width: 50}, {Header: "Mã cơ quan", Kind: xlsx.Int}}}
	n := max(len(auth.Roles), len(active))
	for i := range n {
		row := []any{"", "", "", nil}
		if i < len(auth.Roles) {
			row[0], row[1] = auth.Roles[i].Label(), roleMeaning[auth.Roles[i]]
		}
		if i < len(active) {
			row[2], row[3] = active[i].Name, active[i].ID
		}
		lists.Rows = append(lists.Rows, row)
	}
	f, err := xlsx.Build(users, lists)
	if err != nil {
		return err
	}
	defer f.Close()
	const firstRow, lastRow = 3, MaxRows + 2 // the title and header rows come first
	roles := excelize.NewDataValidation(true)
	roles.SetSqref(fmt.Sprintf("D%d:D%d", firstRow, lastRow))
	roles.SetSqrefDropList(fmt.Sprintf("'Danh mục'!$A$3:$A$%d", 2+len(auth.Roles)))
	if err := f.AddDataValidation(users.Name, roles); err != nil {
		return err
	}
	if len(active) > 0 {
		ags := excelize.NewDataValidation(true)
		ags.SetSqref(fmt.Sprintf("E%d:E%d", firstRow, lastRow))
		ags.SetSqrefDropList(fmt.Sprintf("'Danh mục'!$C$3:$C$%d", 2+len(active)))
		if err := f.AddDataValidation(users.Name, ags); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// roleMeaning says what each role does, for the template's list.
var roleMeaning = map[auth.Role]string{
	auth.RoleAdmin:       "Quản lý tài khoản (không cần cơ quan)",
	auth.RoleCoordinator: "Cơ quan điều phối: tiếp nhận, trả lại báo cáo; sửa kế hoạch (không cần cơ quan)",
	auth.RoleHead:        "Lãnh đạo cơ quan: duyệt và gửi báo cáo của cơ quan (bắt buộc có cơ quan)",
	auth.RoleOfficer:     "Chuyên viên: soạn báo cáo của cơ quan (bắt buộc có cơ quan)",
	auth.RoleLeader:      "Lãnh đạo tỉnh: xem số liệu (không cần cơ quan)",
}
