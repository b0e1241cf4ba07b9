package server

import (
	"context"
	"net/http"
	"strings"

	"tiendo/internal/api"
	"tiendo/internal/auth"
)

// requireOrigin closes the gap http.CrossOriginProtection leaves open on
// purpose: a request with neither Origin nor Sec-Fetch-Site passes it, as
// non-browser clients send neither. Every browser of the last years sends
// Origin on a POST, so a request that rides on a session cookie without
// either header is not a browser we know; it is refused. Bearer-token
// clients (scripts, integrations) send no cookie and are not affected; nor
// is the sign-in form, which has no session yet (a cross-site sign-in form
// carries Origin and is refused by CrossOriginProtection). A request that
// carries the cookie and an Authorization header is let through only on
// an API route (where the token, not the cookie, authenticates) and only
// when liveToken says the token is live: web routes ignore the header and
// would act on the cookie, and a dead token must not open the door.
func requireOrigin(liveToken func(ctx context.Context, token string) bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		if r.Header.Get("Origin") == "" && r.Header.Get("Sec-Fetch-Site") == "" && hasSessionCookie(r) &&
			!bearerOnAPI(r, liveToken) {
			forbidCrossSite(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// bearerOnAPI reports whether r is an API request authenticated by a live
// bearer token (the API prefers the token to the cookie when both come).
func bearerOnAPI(r *http.Request, liveToken func(ctx context.Context, token string) bool) bool {
	if !strings.HasPrefix(r.URL.Path, api.Prefix+"/") {
		return false
	}
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	return strings.EqualFold(scheme, "Bearer") && token != "" && liveToken(r.Context(), token)
}

func hasSessionCookie(r *http.Request) bool {
	_, err := r.Cookie(auth.SessionCookie)
	return err == nil
}

// forbidCrossSite answers a refused cross-site or origin-less request (for
// requireOrigin and for CrossOriginProtection), in JSON under the API, in
// the API's error shape, and as text elsewhere.
func forbidCrossSite(w http.ResponseWriter, r *http.Request) {
	const msg = "Yêu cầu bị từ chối vì không rõ nguồn gửi (bảo vệ chống giả mạo yêu cầu). Hãy tải lại trang trong trình duyệt rồi thử lại."
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasPrefix(r.URL.Path, "/api/") {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`{"error":{"code":"` + api.CodeCrossOrigin + `","message":"` + msg + `","fields":{}}}` + "\n"))
		return
	}
	http.Error(w, msg, http.StatusForbidden)
}
