package web

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/oauth2"

	"tiendo/internal/auth"
	"tiendo/internal/store"
)

// oidcCallback takes the provider's answer: the state must match the
// cookie's, the code is exchanged with the PKCE verifier, the ID token's
// signature, issuer, audience, expiry and nonce are checked, and the
// account it names must be a tiendo user (linked by subject, or found by
// the configured claim and then linked). Then the sign-in goes on as any
// other (startSession: two-factor where the role requires it).
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
	u, err := h.oidcUser(r, idt.Issuer, idt.Subject, func(v any) error { return idt.Claims(v) })
	if err != nil {
		var msg *oidcMessage
		if errors.As(err, &msg) {
			return h.oidcRefuse(w, r, msg.text)
		}
		return err
	}
	return h.startSession(w, r, u, safeNext(saved.Get("next")))
}

// oidcMessage is a refusal to show on the sign-in page.
type oidcMessage struct{ text string }

func (m *oidcMessage) Error() string { return m.text }

// oidcUser finds the tiendo user of a provider account: by its link, or by
// the claim (then linked). Disabled users are refused.
func (h *handler) oidcUser(r *http.Request, issuer, subject string, claims func(any) error) (*auth.User, error) {
	ctx := r.Context()
	u, err := h.store.UserByIdentity(ctx, issuer, subject)
	if errors.Is(err, store.ErrNotFound) {
		var c map[string]any
		if err := claims(&c); err != nil {
			return nil, err
		}
		name, _ := c[h.oidc.cfg.Claim].(string)
		name = strings.TrimSpace(name)
		if name == "" {
			return nil, &oidcMessage{"Tài khoản đăng nhập một lần không có thông tin " + h.oidc.cfg.Claim + " để đối chiếu. Hãy báo quản trị viên."}
		}
		if h.oidc.cfg.Claim == "email" {
			u, err = h.store.UserByEmail(ctx, name)
		} else {
			u, _, err = h.store.UserByName(ctx, name)
		}
		if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrConflict) {
			return nil, &oidcMessage{"Tài khoản “" + truncateRunes(name, 80) + "” chưa có trong tiendo. Hãy nhờ quản trị viên tạo tài khoản (cơ quan, vai trò) rồi đăng nhập lại."}
		}
		if err != nil {
			return nil, err
		}
		// A user linked once stays with that provider account: another
		// account now carrying the same name (a reused or renamed login)
		// does not get in.
		if linked, err := h.store.UserHasIdentity(ctx, issuer, u.ID); err != nil {
			return nil, err
		} else if linked {
			return nil, &oidcMessage{"Tài khoản tiendo “" + u.Username + "” đã liên kết với một tài khoản đăng nhập một lần khác. Hãy báo quản trị viên."}
		}
		if err := h.store.LinkIdentity(ctx, issuer, subject, u.ID); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, &oidcMessage{"Tài khoản đã bị khóa. Hãy liên hệ quản trị viên."}
	}
	return u, nil
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
