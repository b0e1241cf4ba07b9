package web

import (
	"net/http"
)

// taskEdit shows the form to assign and correct a task (app.EditableTask:
// not for a task of a plan replaced or closed).
func (h *handler) taskEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	t, p, sec, err := h.app.EditableTask(ctx, h.user(r), id)
	if err != nil {
		return err
	}
	choices, err := h.agencyChoices(ctx, h.app.Today(), append([]int64{t.LeadAgencyID}, t.CooperatingAgencyIDs...)...)
	if err != nil {
		return err
	}
	f := &taskForm{Plan: p, Section: sec, Agencies: choices}
	f.fill(t)
	return h.render(w, r, http.StatusOK, "task_form", &page{Title: "Sửa nhiệm vụ", Nav: "plans", PlanID: p.ID, Data: f})
}
