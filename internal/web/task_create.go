package web

import (
	"net/http"
	"strconv"

	"tiendo/internal/plan"
)

// taskCreate stores a task typed by the coordinator at the end of the chosen section.
func (h *handler) taskCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f, err := h.newTaskForm(ctx, r)
	if err != nil {
		return err
	}
	if err := readTaskForm(w, r, f); err != nil {
		return err
	}
	t := &plan.Task{PlanID: f.Plan.ID, SectionID: f.SectionID}
	f.Errors = f.apply(t)
	if f.SectionID != 0 && sectionIn(f.Sections, f.SectionID) == nil {
		if f.Errors == nil {
			f.Errors = plan.FieldErrors{}
		}
		f.Errors["section_id"] = "Mục đã chọn không thuộc kế hoạch này."
	}
	if f.Errors != nil {
		return reshow(http.StatusUnprocessableEntity, "task_form", &page{Title: "Thêm nhiệm vụ", Nav: "plans", PlanID: f.Plan.ID, Data: f})
	}
	if err := h.store.CreateTask(ctx, actorID(r), t); err != nil {
		return err
	}
	http.Redirect(w, r, "/tasks/"+strconv.FormatInt(t.ID, 10)+"?saved=1", http.StatusSeeOther)
	return nil
}
