package web

import (
	"errors"
	"net/http"

	"tiendo/internal/reporting"
)

// extensionDecide approves or refuses a pending request (the coordinator).
// Approval changes the task's current deadline or content at once; the
// original deadline is kept. A refusal needs a note, asked for beside the
// field.
func (h *handler) extensionDecide(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	approve := r.PostFormValue("decision") == "approve"
	note := r.PostFormValue("note")
	_, err = h.app.DecideExtension(r.Context(), h.user(r), id, &approve, note)
	if errors.Is(err, reporting.ErrNoteRequired) {
		v, verr := h.extensionPage(r)
		if verr != nil {
			return verr
		}
		for i := range v.Rows {
			if v.Rows[i].ID == id {
				v.Rows[i].NoteInput, v.Rows[i].NoteError = note, reporting.ErrNoteRequired.Error()
			}
		}
		return reshow(http.StatusUnprocessableEntity, "extension_list", extensionPageOf(v))
	}
	if err != nil {
		return err
	}
	done := "refused"
	if approve {
		done = "approved"
	}
	http.Redirect(w, r, "/extensions?done="+done, http.StatusSeeOther)
	return nil
}
