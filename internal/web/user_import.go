package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/download"
	"tiendo/internal/userimport"
)

// userImportView is the bulk creation page: the upload, then the preview
// of every row with its problems, and — only when no row has any — the
// accounts carried to the confirm step in a hidden field (nothing is
// stored before: confirming checks them all again).
type userImportView struct {
	Error    string // the file as a whole, or the confirm step's refusal
	Rows     []userImportRow
	Bad      int
	Accounts string // JSON of the accounts to create, when no row is wrong
	Created  []app.CreatedUser
	URLs     []string // the created accounts' links, absolute, in order
	MailOn   bool
}

// userImportRow is one row of the preview.
type userImportRow struct {
	userimport.Row
	RoleLabel string
	Agency    string
	Problems  []string // the row's problems, in the columns' order
}

// accountJSON is one account as the hidden field carries it.
type accountJSON struct {
	Row      int       `json:"row"`
	Username string    `json:"username"`
	FullName string    `json:"full_name"`
	Email    string    `json:"email"`
	Role     auth.Role `json:"role"`
	AgencyID int64     `json:"agency_id"`
}

const userImportTitle = "Thêm người dùng từ bảng Excel"

// userImportShow shows the upload form and the template to download.
func (h *handler) userImportShow(w http.ResponseWriter, r *http.Request) error {
	return h.render(w, r, http.StatusOK, "user_import", &page{Title: userImportTitle, Nav: "users", Data: &userImportView{MailOn: h.app.MailOn()}})
}

// userImportPreview reads an uploaded sheet and shows every row with its
// problems; nothing is stored.
func (h *handler) userImportPreview(w http.ResponseWriter, r *http.Request) error {
	v := &userImportView{MailOn: h.app.MailOn()}
	pg := &page{Title: userImportTitle, Nav: "users", Data: v}
	_, data, err := readUpload(w, r)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe) || err == nil && len(data) > userimport.MaxBytes:
		v.Error = "Tệp quá lớn (giới hạn 4 MB); bảng người dùng chỉ cần vài trăm dòng."
		return reshow(http.StatusRequestEntityTooLarge, "user_import", pg)
	case errors.Is(err, errNoFile):
		v.Error = "Hãy chọn tệp bảng người dùng (.xlsx) để tải lên."
		return reshow(http.StatusUnprocessableEntity, "user_import", pg)
	case err != nil:
		v.Error = "Không đọc được dữ liệu tải lên. Hãy chọn lại tệp và thử lần nữa."
		return reshow(http.StatusBadRequest, "user_import", pg)
	}
	sheet, err := h.app.ReadUserSheet(r.Context(), h.user(r), data)
	if errors.Is(err, derrors.Invalid) {
		v.Error = derrors.MessageOf(err)
		return reshow(http.StatusUnprocessableEntity, "user_import", pg)
	}
	if err != nil {
		return err
	}
	names, err := h.app.AgencyNames(r.Context())
	if err != nil {
		return err
	}
	v.Bad = sheet.Bad
	var list []accountJSON
	for _, row := range sheet.Rows {
		ir := userImportRow{Row: row, Agency: names[row.User.AgencyID]}
		if row.User.Role.Valid() {
			ir.RoleLabel = row.User.Role.Label()
		}
		for _, k := range []string{"username", "full_name", "email", "role", "agency_id"} {
			if msg := row.Errors[k]; msg != "" {
				ir.Problems = append(ir.Problems, msg)
			}
		}
		v.Rows = append(v.Rows, ir)
		u := row.User
		list = append(list, accountJSON{Row: row.Row, Username: u.Username, FullName: u.FullName, Email: u.Email, Role: u.Role, AgencyID: u.AgencyID})
	}
	if v.Bad > 0 {
		return reshow(http.StatusUnprocessableEntity, "user_import", pg)
	}
	b, err := json.Marshal(list)
	if err != nil {
		return err
	}
	v.Accounts = string(b)
	return h.render(w, r, http.StatusOK, "user_import", pg)
}

// userImportConfirm creates the previewed accounts, all or none
// (app.CreateUsers), and shows each one's setup link once.
func (h *handler) userImportConfirm(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	v := &userImportView{MailOn: h.app.MailOn()}
	pg := &page{Title: userImportTitle, Nav: "users", Data: v}
	var list []accountJSON
	if err := json.Unmarshal([]byte(r.PostFormValue("accounts")), &list); err != nil || len(list) == 0 {
		v.Error = "Danh sách gửi lên không đọc được; hãy tải tệp lên và xem trước lại. Chưa có gì được lưu."
		return reshow(http.StatusBadRequest, "user_import", pg)
	}
	in := make([]app.NewUser, len(list))
	for i, a := range list {
		in[i] = app.NewUser{Username: a.Username, FullName: a.FullName, Email: a.Email, Role: a.Role, AgencyID: a.AgencyID}
	}
	created, err := h.app.CreateUsers(r.Context(), h.user(r), in)
	if errors.Is(err, derrors.Invalid) || errors.Is(err, derrors.Conflict) {
		v.Error = importRefusal(list, derrors.FieldsOf(err), derrors.MessageOf(err))
		return reshow(http.StatusUnprocessableEntity, "user_import", pg)
	}
	if err != nil {
		return err
	}
	v.Created = created
	for _, c := range created {
		v.URLs = append(v.URLs, h.absURL(r, c.Link.Path))
	}
	return h.render(w, r, http.StatusOK, "user_import", pg)
}

// importRefusal says which rows the confirm step refused and why; fields
// are named "<i>.<field>" after the account's place in list.
func importRefusal(list []accountJSON, fields map[string]string, msg string) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := []string{"Chưa tạo tài khoản nào."}
	if len(fields) == 0 {
		parts = append(parts, msg)
	}
	for _, k := range keys {
		i, err := strconv.Atoi(k[:max(strings.Index(k, "."), 0)])
		if err == nil && i < len(list) {
			parts = append(parts, "Dòng "+strconv.Itoa(list[i].Row)+": "+fields[k])
		} else {
			parts = append(parts, fields[k])
		}
	}
	return strings.Join(parts, " ")
}

// userImportTemplate downloads the .xlsx to fill, with the roles and the
// agencies to choose from.
func (h *handler) userImportTemplate(w http.ResponseWriter, r *http.Request) error {
	var buf bytes.Buffer
	if err := h.app.WriteUserTemplate(r.Context(), h.user(r), &buf); err != nil {
		return err
	}
	download.SetHeaders(w.Header(), "mau-nguoi-dung.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Len())
	_, err := buf.WriteTo(w)
	return err
}
