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
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := &extensionForm{Kind: reporting.ExtensionKind(r.PostFormValue("kind")), DeadlineText: r.PostFormValue("deadline_text"),
		Title: r.PostFormValue("title"), Text: r.PostFormValue("text"), Product: r.PostFormValue("product"), Reason: r.PostFormValue("reason")}
	ctx := r.Context()
	_, err = h.app.RequestExtension(ctx, h.user(r), id, reporting.Extension{Kind: f.Kind, Reason: f.Reason,
		DeadlineText: f.DeadlineText, Title: f.Title, Text: f.Text, Product: f.Product})
	var ie *reporting.InvalidError
	if errors.As(err, &ie) {
		f.Errors = ie.Fields
		t, err := h.app.Task(ctx, h.user(r), id)
		if err != nil {
			return err
		}
		p, err := h.app.Plan(ctx, t.PlanID)
		if err != nil {
			return err
		}
		sec, err := h.app.Section(ctx, t.SectionID)
		if err != nil {
			return err
		}
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
	http.Redirect(w, r, "/tasks/"+strconv.FormatInt(id, 10)+"?requested=1#extensions", http.StatusSeeOther)
	return nil
}
