package web

import (
	"net/http"

	"tiendo/internal/app"
)

// userRow is one account in the users list.
type userRow struct {
	app.UserAccount
	Self bool
}

// userListPage is the users page's data.
type userListPage struct {
	Rows []userRow
	Done string
}

// usersDone are the confirmations /users?done=… shows.
var usersDone = map[string]string{
	"disabled":  "Đã khóa tài khoản: các phiên đăng nhập của tài khoản này kết thúc và các mã API bị thu hồi ngay; mở khóa lại cũng không khôi phục chúng.",
	"enabled":   "Đã mở khóa tài khoản.",
	"2fa-reset": "Đã đặt lại xác thực hai lớp: lần đăng nhập tới, người dùng thiết lập lại (nếu vai trò bắt buộc).",
}

// userList shows every account with its role, agency, state and
// two-factor sign-in, for administrators, with the actions on each.
func (h *handler) userList(w http.ResponseWriter, r *http.Request) error {
	u := h.user(r)
	list, err := h.app.UserAccounts(r.Context(), u)
	if err != nil {
		return err
	}
	p := userListPage{Rows: make([]userRow, len(list)), Done: usersDone[r.URL.Query().Get("done")]}
	for i, acc := range list {
		p.Rows[i] = userRow{UserAccount: acc, Self: acc.ID == u.ID}
	}
	return h.render(w, r, http.StatusOK, "user_list", &page{Title: "Người dùng", Nav: "users", Data: p})
}
