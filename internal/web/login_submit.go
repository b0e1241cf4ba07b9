package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// loginSubmit checks a username and password and starts a session (or the
// second-factor step). Failures are counted per account and per address
// (auth.LoginRule); past the limit, sign-in is locked for a while, even
// with the right password, and the page says until when.
func (h *handler) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(w, r, 16<<10); err != nil {
		return err
	}
	form := loginForm{Username: strings.TrimSpace(r.PostFormValue("username")), Next: safeNext(r.PostFormValue("next"))}
	step, err := h.app.SignInWithPassword(r.Context(), app.PasswordSignIn{Username: form.Username,
		Password: r.PostFormValue("password"), IP: clientIP(r), Next: form.Next})
	if err != nil {
		return h.loginRefused(w, form, err)
	}
	return h.continueSignIn(w, r, step)
}

// loginRefused shows the sign-in form again with why a sign-in step was
// refused: a lock (429, with Retry-After and the time it ends) or wrong
// credentials (401, never saying which); other errors go to fail.
func (h *handler) loginRefused(w http.ResponseWriter, form loginForm, err error) error {
	var locked *auth.LockedError
	switch {
	case errors.As(err, &locked):
		w.Header().Set("Retry-After", retryAfter(locked.Lock.Until))
		form.Error = locked.Error()
		return reshow(http.StatusTooManyRequests, "login", &page{Title: "Đăng nhập", Data: h.loginData(form)})
	case errors.Is(err, derrors.Forbidden):
		form.Error = derrors.MessageOf(err)
		return reshow(http.StatusUnauthorized, "login", &page{Title: "Đăng nhập", Data: h.loginData(form)})
	}
	return err
}

// retryAfter is the Retry-After header for a lock ending at until.
func retryAfter(until time.Time) string {
	return itoa(max(int64(time.Until(until).Seconds())+1, 1))
}
