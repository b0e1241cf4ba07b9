package web

import (
	"net/http"
	"net/url"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"tiendo/internal/auth"
)

// oidcStart sends the browser to the provider's sign-in page with a fresh
// state, nonce and PKCE challenge; 404 when single sign-on is off.
func (h *handler) oidcStart(w http.ResponseWriter, r *http.Request) error {
	if h.oidc == nil {
		return errNotFound
	}
	oc, _, err := h.oidc.setup(r.Context())
	if err != nil {
		return h.oidcFail(w, r, err)
	}
	state, _ := auth.NewToken()
	nonce, _ := auth.NewToken()
	verifier := oauth2.GenerateVerifier()
	v := url.Values{"s": {state}, "n": {nonce}, "v": {verifier}, "next": {safeNext(r.URL.Query().Get("next"))}}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: v.Encode(), Path: "/login/oidc", MaxAge: 600,
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, oc.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), http.StatusFound)
	return nil
}
