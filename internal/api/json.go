package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// MaxBody is the largest request body accepted: a task is at most about
// 25,000 characters, so 1 MiB is generous and still bounds memory.
const MaxBody = 1 << 20

// maxPooledBuffer keeps one unusually large response from pinning its
// buffer in the pool for good.
const maxPooledBuffer = 4 << 20

// writeJSON encodes v into a pooled buffer first, so an encoding failure can
// still become a clean 500 and the response carries a Content-Length.
func (a *api) writeJSON(w http.ResponseWriter, status int, v any) error {
	buf, _ := a.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			a.bufs.Put(buf)
		}
	}()
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false) // "Sở KH&CN" stays readable; the content type is JSON and nosniff is set
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("api: encoding response: %w", err)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // a failed write means the client left; nothing more to tell it
	return nil
}

// decodeJSON reads the request body into dst strictly: JSON media type,
// at most MaxBody bytes, one object, no unknown fields. Each failure says
// in Vietnamese what is wrong and where, so integrators can fix requests
// without reading our source.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	if err := checkMediaType(r.Header.Get("Content-Type")); err != nil {
		return err
	}
	if r.ContentLength > MaxBody {
		return &http.MaxBytesError{Limit: MaxBody}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return badRequest(nil, "Thân yêu cầu chỉ được chứa một đối tượng JSON (có dữ liệu thừa ở vị trí %d).", dec.InputOffset())
	}
	return nil
}

// checkMediaType accepts application/json and the JSON Merge Patch type
// (RFC 7396), which is what PATCH here means.
func checkMediaType(ct string) error {
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && (mt == "application/json" || mt == "application/merge-patch+json") {
		return nil
	}
	return &apiError{Status: http.StatusUnsupportedMediaType, Code: codeUnsupportedMedia,
		Message: "Thân yêu cầu phải là JSON: gửi tiêu đề \"Content-Type: application/json\"."}
}

// decodeError turns encoding/json's errors into 400s (413 for an oversize body).
func decodeError(err error) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		mbe *http.MaxBytesError
		ae  *apiError
	)
	switch {
	case errors.As(err, &mbe), errors.As(err, &ae):
		return err
	case errors.Is(err, io.EOF):
		return badRequest(nil, "Thân yêu cầu trống; hãy gửi một đối tượng JSON.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest(nil, "JSON không đầy đủ: thân yêu cầu kết thúc giữa chừng.")
	case errors.As(err, &syn):
		return badRequest(nil, "JSON không hợp lệ ở vị trí %d.", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return badRequest(nil, "Thân yêu cầu phải là một đối tượng JSON, không phải %s.", jsonKind(typ.Value))
		}
		// Field is a Go-side path ("taskFields.lead_agency_id" through an
		// embedded struct); the client knows only the last, JSON name.
		name := typ.Field[strings.LastIndexByte(typ.Field, '.')+1:]
		msg := fmt.Sprintf("Trường %q phải là %s, không phải %s.", name, goKind(typ.Type.String()), jsonKind(typ.Value))
		return badRequest(map[string]string{name: msg}, "%s", msg)
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if n, uerr := strconv.Unquote(name); uerr == nil {
			name = n
		}
		msg := fmt.Sprintf("Trường %q không có trong API này.", name)
		return badRequest(map[string]string{name: msg}, "%s", msg)
	}
	return badRequest(nil, "Không đọc được thân yêu cầu JSON.")
}

// jsonKind names, in Vietnamese, the kind of JSON value encoding/json found.
func jsonKind(v string) string {
	switch {
	case v == "string":
		return "chuỗi"
	case v == "bool":
		return "giá trị đúng/sai"
	case v == "array":
		return "mảng"
	case v == "object":
		return "đối tượng"
	case strings.HasPrefix(v, "number"):
		return "số " + strings.TrimSpace(strings.TrimPrefix(v, "number"))
	}
	return v
}

// goKind names, in Vietnamese, the kind of value a field expects.
func goKind(t string) string {
	switch t {
	case "string":
		return "chuỗi"
	case "int", "int64":
		return "số nguyên"
	case "[]int64":
		return "mảng số nguyên"
	case "float64":
		return "số"
	case "bool":
		return "giá trị đúng/sai (true hoặc false)"
	}
	return t
}
