package web

import (
	"net/http"

	"tiendo/internal/auth"
)

// accountPage is the data of the user's own account page.
type accountPage struct {
	User        *auth.User
	Agency      string
	TwoFactor   auth.TwoFactor
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
	acc, err := h.app.Account(r.Context(), h.user(r))
	if err != nil {
		return nil, err
	}
	return &accountPage{User: acc.User, Agency: acc.Agency, TwoFactor: acc.TwoFactor, Required: acc.TwoFactorRequired,
		MinPassword: auth.MinPasswordLen}, nil
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

// accountRefused shows the account page again with why a use case refused
// the form (403 for a rule, 422 for input to correct, 429 with
// Retry-After while the sign-in lock holds); other errors go to fail.
func (h *handler) accountRefused(w http.ResponseWriter, r *http.Request, form string, err error) error {
	if status, msg, ok := proofFailure(w, err); ok {
		return h.accountFail(r, status, form, msg)
	}
	status, msg, ok := kindFailure(err)
	if !ok || (status != http.StatusForbidden && status != http.StatusUnprocessableEntity) {
		return err
	}
	return h.accountFail(r, status, form, msg)
}
