package web

import (
	"net"
	"net/http"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/store"
)

// challengeCookie carries a sign-in that still needs its second factor.
const challengeCookie = "tiendo_login"

// challengeTTL is how long the second-factor step may take.
const challengeTTL = 5 * time.Minute

// startSession is where every way of signing in (password, single sign-on)
// ends once it knows who u is. A user with TOTP, or whose role requires it,
// is sent to the second-factor step (enrolment first when the role requires
// it and there is none yet) with a short-lived challenge that is not a
// session; everyone else gets a session now. next is already checked by
// safeNext.
func (h *handler) startSession(w http.ResponseWriter, r *http.Request, u *auth.User, next string) error {
	tf, err := h.store.UserTwoFactor(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if !tf.Enabled() && !h.twoFactor[u.Role] {
		return h.finishSession(w, r, u, next)
	}
	c := store.LoginChallenge{UserID: u.ID, Next: next}
	to := "/login/2fa"
	if !tf.Enabled() {
		if c.Secret, _, err = auth.NewTOTPKey(u.Username); err != nil {
			return err
		}
		to = "/login/2fa/setup"
	}
	token, tokenHash := auth.NewToken()
	if err := h.store.CreateLoginChallenge(r.Context(), tokenHash, c, h.clock.Now().Add(challengeTTL)); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: challengeCookie, Value: token, Path: "/login", MaxAge: int(challengeTTL.Seconds()),
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// finishSession stores a new session for u, hands the browser its cookie
// and goes on to next.
func (h *handler) finishSession(w http.ResponseWriter, r *http.Request, u *auth.User, next string) error {
	if err := h.openSession(w, r, u); err != nil {
		return err
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// openSession stores a new session for u and sets its cookie.
func (h *handler) openSession(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	token, tokenHash := auth.NewToken()
	if err := h.store.StartSession(r.Context(), tokenHash, u.ID, h.clock.Now(), h.limits, nil); err != nil {
		return err
	}
	h.setSessionCookie(w, token)
	return nil
}

// challenge returns the sign-in waiting for its second factor, with its
// user, and the hash of its token; ok is false when there is none (expired,
// or the page was opened directly).
func (h *handler) challenge(r *http.Request) (c store.LoginChallenge, u *auth.User, tokenHash []byte, ok bool, err error) {
	ck, cerr := r.Cookie(challengeCookie)
	if cerr != nil || ck.Value == "" {
		return c, nil, nil, false, nil
	}
	tokenHash = auth.HashToken(ck.Value)
	c, err = h.store.LoginChallengeByHash(r.Context(), tokenHash, h.clock.Now())
	if err != nil {
		if isNotFound(err) {
			return c, nil, nil, false, nil
		}
		return c, nil, nil, false, err
	}
	if u, err = h.store.User(r.Context(), c.UserID); err != nil {
		return c, nil, nil, false, err
	}
	return c, u, tokenHash, true, nil
}

// endChallenge forgets the challenge in the database and the browser.
func (h *handler) endChallenge(w http.ResponseWriter, r *http.Request, tokenHash []byte) error {
	http.SetCookie(w, &http.Cookie{Name: challengeCookie, Value: "", Path: "/login", MaxAge: -1,
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode})
	return h.store.DeleteLoginChallenge(r.Context(), tokenHash)
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
