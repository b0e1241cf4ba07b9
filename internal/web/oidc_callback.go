package web

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"

	"golang.org/x/oauth2"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
)

// oidcCallback takes the provider's answer: the state must match the
// cookie's, the code is exchanged with the PKCE verifier, the ID token's
// signature, issuer, audience, expiry and nonce are checked, and the
// account it names must be a tiendo user (app.SignInWithIdentity: linked
// by subject, or found by the configured claim and then linked). Then the
// sign-in goes on as any other (two-factor where the role requires it).
func (h *handler) oidcCallback(w http.ResponseWriter, r *http.Request) error {
	if h.oidc == nil {
		return errNotFound
	}
	ck, err := r.Cookie(oidcCookie)
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: "", Path: "/login/oidc", MaxAge: -1, HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode})
	if err != nil {
		return h.oidcRefuse(w, r, "Phiên đăng nhập một lần đã hết hạn hoặc trình duyệt chặn cookie. Hãy bấm lại nút đăng nhập một lần.")
	}
	saved, _ := url.ParseQuery(ck.Value)
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		return h.oidcRefuse(w, r, "Hệ thống đăng nhập một lần từ chối: "+truncateRunes(e, 80)+". Hãy thử lại hoặc đăng nhập bằng mật khẩu.")
	}
	if st := q.Get("state"); st == "" || subtle.ConstantTimeCompare([]byte(st), []byte(saved.Get("s"))) != 1 {
		return h.oidcRefuse(w, r, "Yêu cầu đăng nhập một lần không khớp (có thể bị giả mạo hoặc đã dùng). Hãy bấm lại nút đăng nhập một lần.")
	}
	oc, verifier, err := h.oidc.setup(r.Context())
	if err != nil {
		return h.oidcFail(w, r, err)
	}
	tok, err := oc.Exchange(r.Context(), q.Get("code"), oauth2.VerifierOption(saved.Get("v")))
	if err != nil {
		h.log.Warn("web: OIDC code exchange", "err", err)
		return h.oidcRefuse(w, r, "Không xác nhận được với hệ thống đăng nhập một lần. Hãy thử lại.")
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := verifier.Verify(r.Context(), raw)
	if err != nil || subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(saved.Get("n"))) != 1 {
		h.log.Warn("web: OIDC ID token refused", "err", err)
		return h.oidcRefuse(w, r, "Thông tin đăng nhập một lần không hợp lệ (chữ ký, hạn dùng hoặc mã dùng một lần không đúng). Hãy thử lại.")
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return err
	}
	name, _ := claims[h.oidc.cfg.Claim].(string)
	step, err := h.app.SignInWithIdentity(r.Context(), app.SSOIdentity{Issuer: idt.Issuer, Subject: idt.Subject,
		Claim: h.oidc.cfg.Claim, Name: name}, safeNext(saved.Get("next")))
	if errors.Is(err, derrors.Forbidden) {
		return h.oidcRefuse(w, r, derrors.MessageOf(err))
	}
	if err != nil {
		return err
	}
	return h.continueSignIn(w, r, step)
}

// oidcRefuse shows the sign-in page with why single sign-on did not work.
func (h *handler) oidcRefuse(w http.ResponseWriter, r *http.Request, msg string) error {
	return reshow(http.StatusUnauthorized, "login", &page{Title: "Đăng nhập", Data: h.loginData(loginForm{Next: "/", Error: msg})})
}

// oidcFail is the answer when the provider cannot be reached.
func (h *handler) oidcFail(w http.ResponseWriter, r *http.Request, err error) error {
	if !errors.Is(err, errOIDCDown) {
		return err
	}
	h.log.Warn("web: OIDC provider", "err", err)
	return reshow(http.StatusBadGateway, "login", &page{Title: "Đăng nhập", Data: h.loginData(loginForm{Next: "/",
		Error: "Hệ thống đăng nhập một lần đang không truy cập được. Hãy đăng nhập bằng mật khẩu hoặc thử lại sau."})})
}
