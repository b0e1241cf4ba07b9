package web

import (
	"net/http"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/store"
)

// taskEdit shows the form to assign and correct a task.
func (h *handler) taskEdit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	t, p, sec, err := h.loadTask(r)
	if err != nil {
		return err
	}
	if p.Status == plan.PlanReplaced || p.Status == plan.PlanClosed {
		return store.ErrReadOnly
	}
	choices, _, err := h.agencyChoices(ctx, clock.Today(h.clock), append([]int64{t.LeadAgencyID}, t.CooperatingAgencyIDs...)...)
	if err != nil {
		return err
	}
	f := &taskForm{Plan: p, Section: sec, Agencies: choices}
	f.fill(t)
	return h.render(w, r, http.StatusOK, "task_form", &page{Title: "Sửa nhiệm vụ", Nav: "plans", PlanID: p.ID, Data: f})
}
