package web

import (
	"net/http"
	"strings"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/vntext"
)

// userRow is one account in the users list.
type userRow struct {
	app.UserAccount
	Self bool
}

// userListPage is the users page's data.
type userListPage struct {
	Rows  []userRow
	Total int // accounts in all, before the filter
	Done  string
	Q     string    // the search box: username, name, e-mail or agency, without diacritics
	Role  auth.Role // "" for all
	Roles []auth.Role
}

// usersDone are the confirmations /users?done=… shows.
var usersDone = map[string]string{
	"disabled":  "Đã khóa tài khoản: các phiên đăng nhập của tài khoản này kết thúc và các mã API bị thu hồi ngay; mở khóa lại cũng không khôi phục chúng.",
	"enabled":   "Đã mở khóa tài khoản.",
	"2fa-reset": "Đã đặt lại xác thực hai lớp. Nếu vai trò bắt buộc, hãy cấp cho người dùng đường dẫn đặt mật khẩu để thiết lập lại.",
	"updated":   "Đã lưu tài khoản. Nếu vai trò thay đổi, các phiên đăng nhập của người đó đã kết thúc.",
}

// userList shows every account with its role, agency, state, last
// sign-in, second factor and API tokens, for administrators, with the
// actions on each; ?q= and ?role= narrow it.
func (h *handler) userList(w http.ResponseWriter, r *http.Request) error {
	u := h.user(r)
	list, err := h.app.UserAccounts(r.Context(), u)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p := userListPage{Total: len(list), Done: usersDone[q.Get("done")], Q: strings.TrimSpace(q.Get("q")),
		Role: auth.Role(q.Get("role")), Roles: auth.Roles}
	if !p.Role.Valid() {
		p.Role = ""
	}
	for _, acc := range list {
		if p.Role != "" && acc.Role != p.Role {
			continue
		}
		if p.Q != "" && !vntext.Contains(strings.Join([]string{acc.Username, acc.FullName, acc.Email, acc.Agency}, " "), p.Q) {
			continue
		}
		p.Rows = append(p.Rows, userRow{UserAccount: acc, Self: acc.ID == u.ID})
	}
	return h.render(w, r, http.StatusOK, "user_list", &page{Title: "Người dùng", Nav: "users", Data: p})
}
