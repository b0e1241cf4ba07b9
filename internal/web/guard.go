package web

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// handlerFunc is the shape of every page handler: it returns an error and
// leaves the status code and message for it to fail.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// guard is a route's handler together with the permission it needs. routes.go
// wraps every handler in one (through can), which is what lets a test walk
// the route table and prove that no route was left without a permission.
type guard struct {
	h    *handler
	perm auth.Permission
	fn   handlerFunc
}

// can wraps fn so that it runs only for users holding perm. Anyone not
// signed in is sent to the sign-in page and brought back afterwards; a
// signed-in user without the permission sees the 403 page.
func (h *handler) can(perm auth.Permission, fn handlerFunc) *guard {
	return &guard{h: h, perm: perm, fn: fn}
}

func (g *guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := g.h
	u, err := h.sessionUser(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if u != nil {
		r = r.WithContext(context.WithValue(r.Context(), userKey{}, u))
	}
	if err := permit(u, g.perm); err != nil {
		if u == nil {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		h.fail(w, r, err)
		return
	}
	if !h.allowWrite(w, r, u) {
		return
	}
	if err := g.fn(w, r); err != nil {
		h.fail(w, r, err)
	}
}

// allowWrite applies the write rate limit to an unsafe request, keyed by
// the user or, signed out (the sign-in form), by the address; past it the
// answer is 429 with Retry-After and a message saying to wait.
func (h *handler) allowWrite(w http.ResponseWriter, r *http.Request, u *auth.User) bool {
	if h.writes == nil || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	key := "ip:" + clientIP(r)
	if u != nil {
		key = "u:" + strconv.FormatInt(u.ID, 10)
	}
	ok, retry := h.writes.Allow(key)
	if ok {
		return true
	}
	secs := max(int(math.Ceil(retry.Seconds())), 1)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	h.message(w, r, http.StatusTooManyRequests, "Bạn đang gửi quá nhiều thao tác trong thời gian ngắn. Hãy đợi "+strconv.Itoa(secs)+" giây rồi thử lại; dữ liệu đã lưu trước đó không bị mất.")
	return false
}

// userKey is the context key of the signed-in user.
type userKey struct{}

// userFrom returns the signed-in user, or nil.
func userFrom(ctx context.Context) *auth.User {
	u, _ := ctx.Value(userKey{}).(*auth.User)
	return u
}

// user is the signed-in user making this request, whom use cases act for.
func (h *handler) user(r *http.Request) *auth.User { return userFrom(r.Context()) }

// actorID is the user ID recorded in the audit log for a change.
func actorID(r *http.Request) int64 {
	if u := userFrom(r.Context()); u != nil {
		return u.ID
	}
	return 0
}

// sessionUser reads the session cookie and returns its user, or nil when
// there is no live session (a stale cookie is then cleared).
func (h *handler) sessionUser(w http.ResponseWriter, r *http.Request) (*auth.User, error) {
	c, err := r.Cookie(auth.SessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	u, err := h.app.SessionUser(r.Context(), c.Value)
	if errors.Is(err, derrors.NotFound) {
		h.clearSessionCookie(w)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return u, nil
}

// setSessionCookie hands the browser its session token: HttpOnly so scripts
// cannot read it, SameSite=Lax so other sites cannot post with it.
func (h *handler) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name:     auth.SessionCookie,
		Value:    token,
		Path:     "/",
		MaxAge:   int(h.app.SessionLimits().Max.Seconds()),
		HttpOnly: true,
		Secure:   h.secure,
		SameSite: http.SameSiteLaxMode,
	})
}

func (h *handler) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name:     auth.SessionCookie,
		Value:    "",
		Path:     "/",
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   h.secure,
		SameSite: http.SameSiteLaxMode,
	})
}
