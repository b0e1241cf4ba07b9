package web

import (
	"net/http"
	"strconv"
)

// taskCreate stores a task typed by the coordinator at the end of the
// chosen section (app.CreateTask); invalid input shows the form again.
func (h *handler) taskCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f, err := h.newTaskForm(ctx, r)
	if err != nil {
		return err
	}
	if err := readTaskForm(w, r, f); err != nil {
		return err
	}
	t, err := h.app.CreateTask(ctx, h.user(r), f.Plan.ID, f.change(true))
	if f.Errors = invalidFields(err); f.Errors != nil {
		f.previewDue()
		return reshow(http.StatusUnprocessableEntity, "task_form", &page{Title: "Thêm nhiệm vụ", Nav: "plans", PlanID: f.Plan.ID, Data: f})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/tasks/"+strconv.FormatInt(t.ID, 10)+"?saved=1", http.StatusSeeOther)
	return nil
}
