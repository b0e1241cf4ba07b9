package web

import (
	"net/http"
	"net/url"
	"strings"
)

// loginForm is the sign-in page's data.
type loginForm struct {
	Username string
	Next     string
	Error    string
	SSO      string // the single-sign-on button's label; "" when off
}

// loginData fills what every rendering of the sign-in page shows.
func (h *handler) loginData(f loginForm) loginForm {
	if h.oidc != nil {
		f.SSO = h.oidc.cfg.Name
	}
	return f
}

// loginShow shows the sign-in form, or moves on when already signed in.
func (h *handler) loginShow(w http.ResponseWriter, r *http.Request) error {
	next := safeNext(r.URL.Query().Get("next"))
	if userFrom(r.Context()) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	return h.render(w, r, http.StatusOK, "login", &page{Title: "Đăng nhập", Data: h.loginData(loginForm{Next: next})})
}

// safeNext keeps a post-sign-in destination only when it is a path on this
// site, so that a crafted link cannot bounce a user to another site after
// sign-in (open redirect).
func safeNext(next string) string {
	const home = "/"
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return home
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return home
	}
	if u.Path == "/login" {
		return home
	}
	return u.RequestURI()
}
