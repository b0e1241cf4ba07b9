package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"slices"

	"github.com/coreos/go-oidc/v3/oidc"
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
	id, refusal, err := h.oidcIdentity(r.Context(), tok, idt)
	if err != nil {
		return err
	}
	if refusal != "" {
		return h.oidcRefuse(w, r, refusal)
	}
	step, err := h.app.SignInWithIdentity(r.Context(), id, safeNext(saved.Get("next")))
	if errors.Is(err, derrors.Forbidden) {
		return h.oidcRefuse(w, r, derrors.MessageOf(err))
	}
	if err != nil {
		return err
	}
	return h.continueSignIn(w, r, step)
}

// oidcIdentity is the provider account of a verified ID token, with the
// claim that names the tiendo user (and, for "email", email_verified). A
// provider may keep those claims out of the ID token and give them only
// at its userinfo endpoint (OpenID Connect Core §5.4, as several do in the
// code flow): then they are asked for there with the access token, and
// the answer counts only if its sub is the ID token's (§5.3.2). refusal,
// when not empty, is the message to show.
func (h *handler) oidcIdentity(ctx context.Context, tok *oauth2.Token, idt *oidc.IDToken) (_ app.SSOIdentity, refusal string, _ error) {
	claim := h.oidc.cfg.Claim
	needed := []string{claim}
	if claim == "email" {
		needed = append(needed, "email_verified")
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return app.SSOIdentity{}, "", err
	}
	if slices.ContainsFunc(needed, func(k string) bool { return claims[k] == nil }) {
		ui, err := h.oidc.userInfo(ctx, tok)
		if err != nil {
			h.log.Warn("web: OIDC userinfo", "err", err)
			return app.SSOIdentity{}, "Không lấy được thông tin tài khoản từ hệ thống đăng nhập một lần. Hãy thử lại hoặc đăng nhập bằng mật khẩu.", nil
		}
		if subtle.ConstantTimeCompare([]byte(ui.Subject), []byte(idt.Subject)) != 1 {
			h.log.Warn("web: OIDC userinfo names another account", "id_token_sub", idt.Subject, "userinfo_sub", ui.Subject)
			return app.SSOIdentity{}, "Thông tin tài khoản từ hệ thống đăng nhập một lần không khớp với tài khoản vừa đăng nhập. Hãy thử lại.", nil
		}
		var more map[string]any
		if err := ui.Claims(&more); err != nil {
			return app.SSOIdentity{}, "", err
		}
		// The claims needed come together from one answer: an address and
		// its verification never from two.
		for _, k := range needed {
			if v, ok := more[k]; ok {
				claims[k] = v
			}
		}
	}
	id := app.SSOIdentity{Issuer: idt.Issuer, Subject: idt.Subject, Claim: claim}
	id.Name, _ = claims[claim].(string)
	// email_verified is a JSON boolean; a few providers send the string.
	switch v := claims["email_verified"].(type) {
	case bool:
		id.EmailVerified = v
	case string:
		id.EmailVerified = v == "true"
	}
	return id, "", nil
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
