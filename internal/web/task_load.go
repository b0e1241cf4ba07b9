package web

import (
	"net/http"

	"tiendo/internal/plan"
)

// loadTask reads the task named by the {id} path value with its plan and
// section, which every task page shows.
func (h *handler) loadTask(r *http.Request) (*plan.Task, *plan.Plan, *plan.Section, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, nil, err
	}
	ctx := r.Context()
	t, err := h.store.Task(ctx, id)
	if err != nil {
		return nil, nil, nil, err
	}
	p, err := h.store.Plan(ctx, t.PlanID)
	if err != nil {
		return nil, nil, nil, err
	}
	sec, err := h.store.Section(ctx, t.SectionID)
	if err != nil {
		return nil, nil, nil, err
	}
	return t, p, sec, nil
}
