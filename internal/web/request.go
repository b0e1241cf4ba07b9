package web

import (
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

// parseForm reads a posted form of at most maxFormBytes: a bigger body
// fails instead of filling memory.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	return r.ParseForm()
}
