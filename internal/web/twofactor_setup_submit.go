package web

import (
	"net/http"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
)

// recoveryPage shows new recovery codes, once.
type recoveryPage struct {
	Codes []string
	Next  string
}

// twoFactorSetupSubmit checks the first code of a new authenticator,
// turns two-factor sign-in on, starts the session and shows the recovery
// codes once (they are stored hashed and cannot be shown again).
func (h *handler) twoFactorSetupSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	c, u, tokenHash, ok, err := h.challenge(r)
	if err != nil || !ok || c.Secret == "" {
		return backToLogin(w, r, err)
	}
	step, ok := auth.TOTPStep(strings.TrimSpace(r.PostFormValue("code")), c.Secret, h.totp.Now())
	if !ok {
		if err := h.store.RecordLoginFailure(r.Context(), u.Username, clientIP(r), "2fa enrolment", clock.System{}.Now()); err != nil {
			return err
		}
		f, err := enrolForm(u.Username, c.Secret)
		if err != nil {
			return err
		}
		f.Error = "Mã chưa đúng. Hãy kiểm tra giờ trên điện thoại là giờ tự động, quét lại mã QR nếu cần, rồi nhập mã 6 chữ số đang hiện."
		return reshow(http.StatusUnprocessableEntity, "login_2fa_setup", &page{Title: "Bật xác thực hai lớp", Data: f})
	}
	codes, hashes := auth.NewRecoveryCodes()
	if err := h.store.EnableTwoFactor(r.Context(), u.ID, u.ID, c.Secret, step, hashes); err != nil {
		return err
	}
	if err := h.endChallenge(w, r, tokenHash); err != nil {
		return err
	}
	if err := h.openSession(w, r, u); err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "recovery_codes", &page{Title: "Mã khôi phục", Data: recoveryPage{Codes: codes, Next: c.Next}})
}
