package api

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// guard wraps a handler with what every route needs: no caching of
// per-user data, authentication unless the route is public, the
// permission check, and the error edge.
func (a *api) guard(perm auth.Permission, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		var u *auth.User
		if perm != auth.Public {
			var err error
			var scope auth.TokenScope
			if u, scope, err = a.authenticate(r); err == nil {
				err = a.permit(u, perm)
			}
			if err == nil && !auth.ScopeAllows(scope, perm, r.Method) {
				err = &apiError{Status: http.StatusForbidden, Code: codeTokenScope,
					Message: "Mã truy cập này có phạm vi \"" + scope.Label() + "\", không đủ cho thao tác này. Hãy tạo mã có phạm vi rộng hơn tại trang Tài khoản → Mã truy cập API."}
			}
			if err == nil {
				err = a.allowWrite(w, r, u)
			}
			if err != nil {
				a.fail(w, r, err)
				return
			}
		}
		if err := h(w, r, u); err != nil {
			a.fail(w, r, err)
		}
	})
}

// authenticate finds the user behind the request: a bearer token for
// programs, or the web session cookie so that the UI's own scripts and a
// signed-in person's browser can read the API. A bearer header wins when
// both are sent. Each is one indexed lookup of the token's hash. The scope
// is the token's; a session acts with the user's full rights.
func (a *api) authenticate(r *http.Request) (*auth.User, auth.TokenScope, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, token, _ := strings.Cut(h, " ")
		token = strings.TrimSpace(token)
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			return nil, "", unauthorized(`Bearer error="invalid_request"`,
				"Tiêu đề Authorization phải có dạng \"Bearer <mã truy cập>\".")
		}
		u, scope, err := a.app.TokenUser(r.Context(), token)
		if errors.Is(err, derrors.NotFound) {
			return nil, "", unauthorized(`Bearer error="invalid_token"`,
				"Mã truy cập không đúng, đã hết hạn hoặc đã bị thu hồi.")
		}
		return u, scope, err
	}
	if c, err := r.Cookie(auth.SessionCookie); err == nil && c.Value != "" {
		u, err := a.app.SessionUser(r.Context(), c.Value)
		if errors.Is(err, derrors.NotFound) {
			return nil, "", unauthorized("Bearer", "Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.")
		}
		return u, auth.ScopeFull, err
	}
	return nil, "", unauthorized("Bearer",
		"Cần xác thực: gửi tiêu đề \"Authorization: Bearer <mã truy cập>\" (tạo bằng lệnh tiendo token create).")
}

// allowWrite applies the write rate limit to an unsafe request by u: past
// it, 429 rate_limited with Retry-After.
func (a *api) allowWrite(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	if a.writes == nil || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return nil
	}
	ok, retry := a.writes.Allow("u:" + strconv.FormatInt(u.ID, 10))
	if ok {
		return nil
	}
	secs := max(int(math.Ceil(retry.Seconds())), 1)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	return &apiError{Status: http.StatusTooManyRequests, Code: codeRateLimited,
		Message: "Quá nhiều yêu cầu ghi trong thời gian ngắn. Hãy đợi " + strconv.Itoa(secs) + " giây (tiêu đề Retry-After) rồi gửi lại."}
}
