package web

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
)

// accountPassword changes the user's own password: the current one first
// (a borrowed, still signed-in PC is not enough), the new one twice, by the
// password rules. The other sessions end; this one goes on with a new token.
func (h *handler) accountPassword(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	u := userFrom(r.Context())
	cur, pw, again := r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("confirm")
	if len(cur) > maxLoginField || len(pw) > maxLoginField {
		return h.accountFail(r, http.StatusUnprocessableEntity, "password", "Mật khẩu quá dài (tối đa 256 ký tự).")
	}
	_, hash, err := h.store.UserByName(r.Context(), u.Username)
	if err != nil {
		return err
	}
	if ok, err := auth.VerifyPassword(cur, hash); err != nil {
		return err
	} else if !ok {
		if err := h.store.RecordLoginFailure(r.Context(), u.Username, clientIP(r), "password change", clock.System{}.Now()); err != nil {
			return err
		}
		return h.accountFail(r, http.StatusUnprocessableEntity, "password", "Mật khẩu hiện tại không đúng.")
	}
	if err := auth.CheckNewPassword(pw, u.Username); err != nil {
		return h.accountFail(r, http.StatusUnprocessableEntity, "password", "Mật khẩu mới chưa dùng được: "+err.Error()+".")
	}
	if pw != again {
		return h.accountFail(r, http.StatusUnprocessableEntity, "password", "Hai lần nhập mật khẩu mới không giống nhau.")
	}
	newHash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	// SetPassword ends every session of the user, this one included; a
	// fresh one keeps this browser signed in.
	if err := h.store.SetPassword(r.Context(), u.ID, u.ID, newHash); err != nil {
		return err
	}
	if err := h.openSession(w, r, u); err != nil {
		return err
	}
	http.Redirect(w, r, "/account?done=password", http.StatusSeeOther)
	return nil
}
