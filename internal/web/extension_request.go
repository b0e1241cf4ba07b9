package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/reporting"
)

// extensionRequest stores a request by the task's lead agency for a new
// deadline (words as plans write them, read with plan.ParseDeadline) or
// changed content, with a reason; the coordinator decides. Invalid input
// brings the task page back with the problems beside the fields.
func (h *handler) extensionRequest(w http.ResponseWriter, r *http.Request) error {
	t, p, sec, err := h.loadTask(r)
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	if err := reporting.CanRequestExtension(u, t); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := &extensionForm{Kind: reporting.ExtensionKind(r.PostFormValue("kind")), DeadlineText: r.PostFormValue("deadline_text"),
		Title: r.PostFormValue("title"), Text: r.PostFormValue("text"), Product: r.PostFormValue("product"), Reason: r.PostFormValue("reason")}
	e := &reporting.Extension{TaskID: t.ID, Kind: f.Kind, Reason: f.Reason, DeadlineText: f.DeadlineText, Title: f.Title, Text: f.Text, Product: f.Product}
	err = reporting.CheckExtension(e)
	if err == nil {
		err = h.store.RequestExtension(r.Context(), h.actor(r), e)
	}
	var ie *reporting.InvalidError
	if errors.As(err, &ie) {
		f.Errors = ie.Fields
		v, err := h.taskPage(r, t, p, sec)
		if err != nil {
			return err
		}
		v.ExtForm = f
		return reshow(http.StatusUnprocessableEntity, "task_show", taskPageOf(v))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/tasks/"+strconv.FormatInt(t.ID, 10)+"?requested=1#extensions", http.StatusSeeOther)
	return nil
}
