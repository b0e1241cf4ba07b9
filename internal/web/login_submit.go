package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/store"
)

// msgBadLogin never says whether the username or the password was wrong,
// so that the form cannot be used to find out which accounts exist.
const msgBadLogin = "Tên đăng nhập hoặc mật khẩu không đúng."

// maxLoginField bounds the username and password read, so that a huge
// password cannot make Argon2id hash megabytes.
const maxLoginField = 256

// loginSubmit checks a username and password and starts a session (or the
// second-factor step). Failures are counted per account and per address
// (store.LoginRule); past the limit, sign-in is locked for a while, even
// with the right password, and the page says until when.
func (h *handler) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return err
	}
	name := strings.TrimSpace(r.PostFormValue("username"))
	pw := r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	form := loginForm{Username: name, Next: next, Error: msgBadLogin}
	if name == "" || pw == "" || len(name) > maxLoginField || len(pw) > maxLoginField {
		return reshow(http.StatusUnauthorized, "login", &page{Title: "Đăng nhập", Data: h.loginData(form)})
	}
	if locked, err := h.loginLocked(w, r, name, form); locked || err != nil {
		return err
	}
	fail := func(reason string) error {
		if err := h.store.RecordLoginFailure(r.Context(), name, clientIP(r), reason, clock.System{}.Now()); err != nil {
			return err
		}
		return reshow(http.StatusUnauthorized, "login", &page{Title: "Đăng nhập", Data: h.loginData(form)})
	}
	u, hash, err := h.store.UserByName(r.Context(), name)
	if errors.Is(err, store.ErrNotFound) {
		// Spend the same time as for a real account.
		_, _ = auth.VerifyPassword(pw, h.decoyHash())
		return fail("unknown user")
	}
	if err != nil {
		return err
	}
	ok, err := auth.VerifyPassword(pw, hash)
	if err != nil {
		return err
	}
	if !ok {
		return fail("password")
	}
	if u.Disabled {
		return fail("disabled")
	}
	if err := h.store.ClearLoginFailures(r.Context(), name); err != nil {
		return err
	}
	return h.startSession(w, r, u, next)
}

// loginLocked answers 429 with the time the lock ends when sign-in as name
// from this address is locked. Locks run on the real clock, like TOTP: a
// training day fixed by --clock must not lock someone out for good.
func (h *handler) loginLocked(w http.ResponseWriter, r *http.Request, name string, form loginForm) (bool, error) {
	lock, err := h.store.LoginLocked(r.Context(), name, clientIP(r), clock.System{}.Now(), h.logins)
	if err != nil || lock.Until.IsZero() {
		return false, err
	}
	form.Error = lockMessage(lock)
	w.Header().Set("Retry-After", retryAfter(lock.Until))
	return true, reshow(http.StatusTooManyRequests, "login", &page{Title: "Đăng nhập", Data: h.loginData(form)})
}

// lockMessage tells a locked-out person what happened and when to retry.
func lockMessage(lock store.LoginLock) string {
	at := lock.Until.In(clock.Local).Format("15:04 ngày 02/01/2006")
	if lock.ByIP {
		return "Máy của bạn đã đăng nhập sai quá nhiều lần nên tạm bị chặn đến " + at + ". Hãy thử lại sau thời điểm đó; nếu cần gấp, hãy liên hệ quản trị viên."
	}
	return "Tài khoản tạm bị khóa đăng nhập đến " + at + " vì nhập sai quá nhiều lần. Hãy thử lại sau thời điểm đó; nếu quên mật khẩu, hãy liên hệ quản trị viên để đặt lại."
}

// retryAfter is the Retry-After header for a lock ending at until.
func retryAfter(until time.Time) string {
	return itoa(max(int64(time.Until(until).Seconds())+1, 1))
}
