package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
)

// apiError is a failure the client can act on: an HTTP status, a stable
// English code for programs, a Vietnamese message for people and, for
// validation, one message per JSON field.
type apiError struct {
	Status    int
	Code      string
	Message   string
	Fields    map[string]string
	Challenge string // WWW-Authenticate value for 401
	// Rule is the reporting rule that refused the request ("head_only",
	// "locked", "reason_required", …: reporting.ErrorCode), so programs can
	// tell apart refusals that share a status; empty for other errors.
	Rule string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// Error codes; clients branch on these, so they never change. Every code
// declared here is in errorCodes, the one list the OpenAPI document's enum
// of error.code is made from (TestErrorCodesListed parses this file to
// hold the two together).
const (
	codeBadRequest       = "bad_request"
	codeUnauthorized     = "unauthorized"
	codeForbidden        = "forbidden"
	codeTokenScope       = "token_scope"
	codeRateLimited      = "rate_limited"
	codeNotFound         = "not_found"
	codeMethodNotAllowed = "method_not_allowed"
	codeConflict         = "conflict"
	codeTooLarge         = "too_large"
	codeUnsupportedMedia = "unsupported_media_type"
	codeNotAcceptable    = "not_acceptable"
	codeInvalid          = "invalid"
	codeInternal         = "internal"
	// CodeCrossOrigin is answered, in this package's error shape, by the
	// server's guard against cross-site writes (package server), which
	// refuses before the API sees the request.
	CodeCrossOrigin = "cross_origin"
)

// errorCodes is every error code the API answers with, in the order the
// OpenAPI document lists them.
func errorCodes() []string {
	return []string{codeBadRequest, codeUnauthorized, codeForbidden, codeTokenScope, CodeCrossOrigin, codeNotFound,
		codeMethodNotAllowed, codeConflict, codeNotAcceptable, codeTooLarge, codeUnsupportedMedia, codeInvalid, codeRateLimited, codeInternal}
}

func badRequest(fields map[string]string, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: codeBadRequest, Message: fmt.Sprintf(format, args...), Fields: fields}
}

func notFound(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusNotFound, Code: codeNotFound, Message: fmt.Sprintf(format, args...)}
}

func conflict(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusConflict, Code: codeConflict, Message: fmt.Sprintf(format, args...)}
}

// invalid is the 422 for a well-formed request whose values break the rules.
func invalid(fields map[string]string) *apiError {
	return &apiError{Status: http.StatusUnprocessableEntity, Code: codeInvalid,
		Message: "Dữ liệu chưa hợp lệ; xem thông báo của từng trường.", Fields: fields}
}

// unauthorized carries the challenge RFC 6750 asks for: bare "Bearer" when
// no credentials came, error="invalid_token" when they were wrong.
func unauthorized(challenge, msg string) *apiError {
	return &apiError{Status: http.StatusUnauthorized, Code: codeUnauthorized, Message: msg, Challenge: challenge}
}

// forbidden is the 403 for a signed-in user whose role lacks the permission.
func forbidden() *apiError {
	return &apiError{Status: http.StatusForbidden, Code: codeForbidden,
		Message: "Tài khoản của bạn không có quyền thực hiện thao tác này."}
}

// notFoundAs turns a NotFound into a 404 that names what is
// missing; other errors pass through.
func notFoundAs(err error, format string, args ...any) error {
	if errors.Is(err, derrors.NotFound) {
		return notFound(format, args...)
	}
	return err
}

// classify maps any error a handler returns to the error the client sees.
// Unknown errors become a bare 500: their text may hold SQL or paths.
func classify(err error) *apiError {
	var ae *apiError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &mbe):
		return &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge,
			Message: fmt.Sprintf("Thân yêu cầu quá lớn (tối đa %d byte).", mbe.Limit)}
	case reporting.ErrorCode(err) != "":
		return ruleError(err)
	}
	e := kindError(err)
	if e == nil {
		return &apiError{Status: http.StatusInternalServerError, Code: codeInternal,
			Message: "Lỗi máy chủ. Vui lòng thử lại sau; nếu vẫn lỗi, hãy báo quản trị hệ thống."}
	}
	if msg := derrors.MessageOf(err); msg != "" {
		e.Message = msg
	}
	if fields := derrors.FieldsOf(err); fields != nil {
		e.Fields = fields
	}
	return e
}

// kindError is the answer for an error of a derrors kind, in the kind's
// own words (classify puts the use case's message over them); nil for an
// error of no kind.
func kindError(err error) *apiError {
	switch {
	case errors.Is(err, derrors.NotFound):
		return notFound("Không tìm thấy dữ liệu yêu cầu.")
	case errors.Is(err, derrors.Forbidden):
		return forbidden()
	case errors.Is(err, derrors.Invalid):
		return invalid(nil)
	case errors.Is(err, derrors.Conflict):
		return conflict("Dữ liệu đã được người khác thay đổi; hãy tải lại rồi thử lại.")
	case errors.Is(err, derrors.ReadOnly):
		return conflict("Kế hoạch đã được thay thế hoặc đã kết thúc nên chỉ còn để xem; không sửa, không gửi được.")
	case errors.Is(err, derrors.Reference):
		// Our own checks name the field first; this is the store catching a
		// record that vanished between the check and the write.
		return &apiError{Status: http.StatusUnprocessableEntity, Code: codeInvalid,
			Message: "Mục hoặc cơ quan được chọn không còn tồn tại; hãy tải lại và chọn lại."}
	case errors.Is(err, derrors.Duplicate):
		return conflict("Dữ liệu trùng với một bản ghi đã có.")
	}
	return nil
}

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error errorJSON `json:"error"`
}

type errorJSON struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields"`
	Rule    string            `json:"rule,omitempty"` // only when a reporting rule refused the request
}

// fail answers a request whose handler returned err. It is the one place
// that decides status codes; 5xx are logged with the real cause.
func (a *api) fail(w http.ResponseWriter, r *http.Request, err error) {
	e := classify(err)
	if e.Status >= 500 {
		if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
			a.log.InfoContext(r.Context(), "api: client went away", "method", r.Method, "path", r.URL.Path)
		} else {
			a.log.ErrorContext(r.Context(), "api: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
	}
	h := w.Header()
	h.Del("ETag") // set by a handler before it failed; they describe a success
	h.Del("Location")
	if e.Status == http.StatusUnauthorized {
		h.Set("WWW-Authenticate", e.Challenge)
	}
	a.writeError(w, r, e)
}

// writeError writes e as JSON; fields is always an object so clients need no null check.
func (a *api) writeError(w http.ResponseWriter, r *http.Request, e *apiError) {
	fields := e.Fields
	if fields == nil {
		fields = map[string]string{}
	}
	if err := a.writeJSON(w, e.Status, errorBody{Error: errorJSON{Code: e.Code, Message: e.Message, Fields: fields, Rule: e.Rule}}); err != nil {
		a.log.ErrorContext(r.Context(), "api: writing error response", "err", err)
	}
}

// unrouted answers requests that match no route: 405 (keeping ServeMux's
// Allow header) when the path exists under another method, 404 otherwise.
func (a *api) unrouted(w http.ResponseWriter, r *http.Request, muxHandler http.Handler) {
	probe := &statusProbe{header: http.Header{}}
	muxHandler.ServeHTTP(probe, r)
	switch probe.status {
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", probe.header.Get("Allow"))
		a.writeError(w, r, &apiError{Status: http.StatusMethodNotAllowed, Code: codeMethodNotAllowed,
			Message: "Phương thức " + r.Method + " không dùng được cho đường dẫn này; dùng: " + probe.header.Get("Allow") + "."})
	case http.StatusMovedPermanently, http.StatusPermanentRedirect, http.StatusTemporaryRedirect, http.StatusFound:
		muxHandler.ServeHTTP(w, r) // path cleaning; let the client follow
	default:
		a.writeError(w, r, notFound("API không có đường dẫn %s; xem %s/openapi.json.", r.URL.Path, Prefix))
	}
}

// statusProbe records what ServeMux's own not-found / not-allowed handler
// would answer, without sending it.
type statusProbe struct {
	header http.Header
	status int
}

func (p *statusProbe) Header() http.Header         { return p.header }
func (p *statusProbe) Write(b []byte) (int, error) { return len(b), nil }
func (p *statusProbe) WriteHeader(status int)      { p.status = status }
