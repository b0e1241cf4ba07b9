package web

import (
	"net/http"

	"tiendo/internal/auth"
)

// userRow is one account in the users list.
type userRow struct {
	auth.User
	Agency    string
	TwoFactor bool
	Self      bool
}

// userListPage is the users page's data.
type userListPage struct {
	Rows []userRow
	Done string
}

// usersDone are the confirmations /users?done=… shows.
var usersDone = map[string]string{
	"disabled":  "Đã khóa tài khoản: các phiên đăng nhập và mã API của tài khoản này ngừng hoạt động ngay.",
	"enabled":   "Đã mở khóa tài khoản.",
	"2fa-reset": "Đã đặt lại xác thực hai lớp: lần đăng nhập tới, người dùng thiết lập lại (nếu vai trò bắt buộc).",
}

// userList shows every account with its role, agency, state and
// two-factor sign-in, for administrators, with the actions on each.
func (h *handler) userList(w http.ResponseWriter, r *http.Request) error {
	users, err := h.store.Users(r.Context())
	if err != nil {
		return err
	}
	list, err := h.store.Agencies(r.Context())
	if err != nil {
		return err
	}
	names := agencyIndex(list)
	p := userListPage{Rows: make([]userRow, len(users)), Done: usersDone[r.URL.Query().Get("done")]}
	for i, u := range users {
		p.Rows[i] = userRow{User: u, Self: u.ID == actorID(r)}
		if a := names[u.AgencyID]; a != nil {
			p.Rows[i].Agency = a.DisplayName()
		}
		tf, err := h.store.UserTwoFactor(r.Context(), u.ID)
		if err != nil {
			return err
		}
		p.Rows[i].TwoFactor = tf.Enabled()
	}
	return h.render(w, r, http.StatusOK, "user_list", &page{Title: "Người dùng", Nav: "users", Data: p})
}
