package web

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/store"
)

// accountPage is the data of the user's own account page.
type accountPage struct {
	User        *auth.User
	Agency      string
	TwoFactor   store.TwoFactor
	Required    bool   // the role must use two-factor sign-in
	Done        string // what was just done, to confirm it
	Error       string // what is wrong with the last form
	ErrorOf     string // which form: "password", "2fa"
	MinPassword int
}

// accountDone are the confirmations /account?done=… shows.
var accountDone = map[string]string{
	"password":  "Đã đổi mật khẩu. Các phiên đăng nhập trên thiết bị khác đã được đăng xuất.",
	"2fa-off":   "Đã tắt xác thực hai lớp.",
	"2fa-on":    "Đã bật xác thực hai lớp.",
	"elsewhere": "Đã đăng xuất mọi phiên khác.",
}

// accountShow shows who the user is and lets them manage their own
// sign-in: password, two-factor, sessions (and API tokens, where built).
func (h *handler) accountShow(w http.ResponseWriter, r *http.Request) error {
	p, err := h.accountData(r)
	if err != nil {
		return err
	}
	p.Done = accountDone[r.URL.Query().Get("done")]
	return h.render(w, r, http.StatusOK, "account", &page{Title: "Tài khoản của tôi", Nav: "account", Data: p})
}

func (h *handler) accountData(r *http.Request) (*accountPage, error) {
	u := userFrom(r.Context())
	tf, err := h.store.UserTwoFactor(r.Context(), u.ID)
	if err != nil {
		return nil, err
	}
	p := &accountPage{User: u, TwoFactor: tf, Required: h.twoFactor[u.Role], MinPassword: auth.MinPasswordLen}
	if u.AgencyID != 0 {
		if a, err := h.store.Agency(r.Context(), u.AgencyID); err == nil {
			p.Agency = a.DisplayName()
		}
	}
	return p, nil
}

// accountFail shows the account page again with a form's problem.
func (h *handler) accountFail(r *http.Request, status int, form, msg string) error {
	p, err := h.accountData(r)
	if err != nil {
		return err
	}
	p.Error, p.ErrorOf = msg, form
	return reshow(status, "account", &page{Title: "Tài khoản của tôi", Nav: "account", Data: p})
}
