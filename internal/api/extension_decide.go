package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// decideBody is the body of POST /extensions/{id}/decide: approve is
// required; note is the coordinator's note, required when refusing.
type decideBody struct {
	Approve optional[bool] `json:"approve"`
	Note    string         `json:"note"`
}

// extensionDecide answers POST /extensions/{id}/decide: the coordinator
// approves or refuses a pending request (a refusal needs a note). An
// approval changes the task in the same transaction: its current deadline
// (deadline_text, due_date) or its content; the original deadline stays in
// original_deadline_text / original_due_date. The answer is the request as
// decided; a request already decided is 409 (rule decided).
func (a *api) extensionDecide(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in decideBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	// approve missing or null says neither: the use case's 422, judged
	// after the request's state (409 when already decided).
	var approve *bool
	if in.Approve.Set && !in.Approve.Null {
		approve = &in.Approve.Value
	}
	e, err := a.app.DecideExtension(r.Context(), u, id, approve, in.Note)
	if err != nil {
		return extensionError(err)
	}
	return a.writeExtension(w, r, http.StatusOK, e)
}
