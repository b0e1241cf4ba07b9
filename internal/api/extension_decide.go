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
	if !in.Approve.Set || in.Approve.Null {
		return noApprove()
	}
	e, err := a.app.DecideExtension(r.Context(), u, id, in.Approve.Value, in.Note)
	if err != nil {
		return extensionError(err)
	}
	return a.writeExtension(w, r, http.StatusOK, e)
}
