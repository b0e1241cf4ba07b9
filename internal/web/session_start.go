package web

import (
	"errors"
	"net"
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// challengeCookie carries a sign-in that still needs its second factor.
const challengeCookie = "tiendo_login"

// continueSignIn hands the browser what a sign-in step gave: its session
// cookie and the page it asked for, or — a second factor being due — the
// short-lived challenge cookie (not a session) and the second-factor step.
func (h *handler) continueSignIn(w http.ResponseWriter, r *http.Request, step app.SignInStep) error {
	if step.Session != "" {
		h.setSessionCookie(w, step.Session)
		http.Redirect(w, r, step.Next, http.StatusSeeOther)
		return nil
	}
	http.SetCookie(w, &http.Cookie{Name: challengeCookie, Value: step.Challenge, Path: "/login", MaxAge: int(app.ChallengeTTL.Seconds()),
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/login/2fa", http.StatusSeeOther)
	return nil
}

// challenge returns the sign-in waiting for its second factor, with its
// user, and its token; ok is false when there is none (expired, or the
// page was opened directly).
func (h *handler) challenge(r *http.Request) (c auth.LoginChallenge, u *auth.User, token string, ok bool, err error) {
	ck, cerr := r.Cookie(challengeCookie)
	if cerr != nil || ck.Value == "" {
		return c, nil, "", false, nil
	}
	c, u, err = h.app.SignInChallenge(r.Context(), ck.Value)
	if errors.Is(err, derrors.NotFound) {
		return c, nil, "", false, nil
	}
	if err != nil {
		return c, nil, "", false, err
	}
	return c, u, ck.Value, true, nil
}

// clearChallenge forgets the challenge in the browser; the use case that
// ended it has forgotten it in the database.
func (h *handler) clearChallenge(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: challengeCookie, Value: "", Path: "/login", MaxAge: -1,
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode})
}

// clientIP is the address sign-in failures are counted under: the peer of
// the connection. Behind a reverse proxy that is the proxy, so every
// visitor shares one count; docs/SECURITY.md says how to deploy for that.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
