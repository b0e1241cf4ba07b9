package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/auth"
)

// pathID reads the {id} of the route; anything but a positive number is a
// page that does not exist.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

// canEdit reports whether the signed-in user may edit plans.
func canEdit(r *http.Request) bool { return auth.Can(userFrom(r.Context()), auth.EditPlan) }

// formID reads a positive ID from a form value; 0 when empty or not a number.
func formID(s string) int64 {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// parseForm reads a posted form of at most maxFormBytes (readForm).
func parseForm(w http.ResponseWriter, r *http.Request) error {
	return readForm(w, r, maxFormBytes)
}

// readForm reads a posted form of at most limit bytes: a bigger body fails
// instead of filling memory (a *http.MaxBytesError, 413). A body that is
// not a form Go will read — more than 10,000 fields (net/url's limit), a
// broken %-escape, a ";" separator — is a *badFormError, answered 400 with
// a message: the sender's fault, not the server's.
func readForm(w http.ResponseWriter, r *http.Request, limit int64) error {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	err := r.ParseForm()
	var mbe *http.MaxBytesError
	if err == nil || errors.As(err, &mbe) {
		return err
	}
	return &badFormError{err: err}
}

// badFormError is a posted form that could not be read.
type badFormError struct{ err error }

func (e *badFormError) Error() string { return "web: unreadable form: " + e.err.Error() }
func (e *badFormError) Unwrap() error { return e.err }

// msgBadForm answers a form that could not be read.
const msgBadForm = "Không đọc được dữ liệu gửi lên: biểu mẫu sai định dạng hoặc có quá nhiều ô (tối đa 10.000 ô). Hãy tải lại trang rồi gửi lại."
