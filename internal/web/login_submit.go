package web

import (
	"errors"
	"net/http"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/store"
)

// msgBadLogin never says whether the username or the password was wrong,
// so that the form cannot be used to find out which accounts exist.
const msgBadLogin = "Tên đăng nhập hoặc mật khẩu không đúng."

// maxLoginField bounds the username and password read, so that a huge
// password cannot make Argon2id hash megabytes.
const maxLoginField = 256

// loginSubmit checks a username and password and starts a session.
func (h *handler) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	name := strings.TrimSpace(r.PostFormValue("username"))
	pw := r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	retry := func() error {
		return reshow(http.StatusUnauthorized, "login", &page{Title: "Đăng nhập",
			Data: loginForm{Username: name, Next: next, Error: msgBadLogin}})
	}
	if name == "" || pw == "" || len(name) > maxLoginField || len(pw) > maxLoginField {
		return retry()
	}
	u, hash, err := h.store.UserByName(r.Context(), name)
	if errors.Is(err, store.ErrNotFound) {
		// Spend the same time as for a real account.
		_, _ = auth.VerifyPassword(pw, h.decoyHash())
		return retry()
	}
	if err != nil {
		return err
	}
	ok, err := auth.VerifyPassword(pw, hash)
	if err != nil {
		return err
	}
	if !ok || u.Disabled {
		return retry()
	}
	return h.startSession(w, r, u, next)
}
