package server

import (
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
// carries Origin and is refused by CrossOriginProtection).
func requireOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		if r.Header.Get("Origin") == "" && r.Header.Get("Sec-Fetch-Site") == "" && hasSessionCookie(r) &&
			!strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			forbidCrossSite(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
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
