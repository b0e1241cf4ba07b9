package web

import (
	"net/http"
	"strings"

	"tiendo/internal/auth"
)

// accountTwoFactorShow starts enrolment for a signed-in user who has no
// second factor yet (optional for their role): a new secret, shown as a
// QR code; the form sends it back with the first code.
func (h *handler) accountTwoFactorShow(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	tf, err := h.store.UserTwoFactor(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if tf.Enabled() {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return nil
	}
	secret, _, err := auth.NewTOTPKey(u.Username)
	if err != nil {
		return err
	}
	f, err := enrolForm(u.Username, secret)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "login_2fa_setup", &page{Title: "Bật xác thực hai lớp", Nav: "account", Data: f})
}

// accountTwoFactorEnable turns two-factor sign-in on once the first code
// of the new secret checks, and shows the recovery codes once.
func (h *handler) accountTwoFactorEnable(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	u := userFrom(r.Context())
	secret := strings.ToUpper(strings.ReplaceAll(r.PostFormValue("secret"), " ", ""))
	if len(secret) < 16 || len(secret) > 64 {
		return h.accountFail(r, http.StatusUnprocessableEntity, "2fa", "Khóa bí mật không hợp lệ. Hãy mở lại trang bật xác thực hai lớp.")
	}
	step, ok := auth.TOTPStep(r.PostFormValue("code"), secret, h.totp.Now())
	if !ok {
		f, err := enrolForm(u.Username, secret)
		if err != nil {
			return h.accountFail(r, http.StatusUnprocessableEntity, "2fa", "Khóa bí mật không hợp lệ. Hãy mở lại trang bật xác thực hai lớp.")
		}
		f.Error = "Mã chưa đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng (giờ điện thoại phải là giờ tự động)."
		return reshow(http.StatusUnprocessableEntity, "login_2fa_setup", &page{Title: "Bật xác thực hai lớp", Nav: "account", Data: f})
	}
	codes, hashes := auth.NewRecoveryCodes()
	if err := h.store.EnableTwoFactor(r.Context(), u.ID, u.ID, secret, step, hashes); err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "recovery_codes", &page{Title: "Mã khôi phục", Nav: "account", Data: recoveryPage{Codes: codes, Next: "/account?done=2fa-on"}})
}

// accountTwoFactorDisable turns two-factor sign-in off, with a current
// code; refused for roles that must use it.
func (h *handler) accountTwoFactorDisable(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	u := userFrom(r.Context())
	if h.twoFactor[u.Role] {
		return h.accountFail(r, http.StatusForbidden, "2fa", "Vai trò "+u.Role.Label()+" bắt buộc đăng nhập hai lớp nên không tắt được. Nếu mất điện thoại, hãy nhờ quản trị viên đặt lại.")
	}
	tf, err := h.store.UserTwoFactor(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if !h.checkSecondFactor(r, u, tf, strings.TrimSpace(r.PostFormValue("code"))) {
		return h.accountFail(r, http.StatusUnprocessableEntity, "2fa", msgBadCode)
	}
	if err := h.store.DisableTwoFactor(r.Context(), u.ID, u.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/account?done=2fa-off", http.StatusSeeOther)
	return nil
}

// accountRecoveryCodes replaces the recovery codes (after a code from the
// app), for someone who used or lost the old ones.
func (h *handler) accountRecoveryCodes(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	u := userFrom(r.Context())
	tf, err := h.store.UserTwoFactor(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if !h.checkSecondFactor(r, u, tf, strings.TrimSpace(r.PostFormValue("code"))) {
		return h.accountFail(r, http.StatusUnprocessableEntity, "2fa", msgBadCode)
	}
	codes, hashes := auth.NewRecoveryCodes()
	if err := h.store.ReplaceRecoveryCodes(r.Context(), u.ID, u.ID, hashes); err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "recovery_codes", &page{Title: "Mã khôi phục", Nav: "account", Data: recoveryPage{Codes: codes, Next: "/account"}})
}
