package web

import (
	"net/http"

	"tiendo/internal/plan"
)

// planRow is one line of the plan list.
type planRow struct {
	plan.Plan
	Tasks int
}

// planList shows every plan in the register, newest first, with its task count.
func (h *handler) planList(w http.ResponseWriter, r *http.Request) error {
	plans, err := h.store.Plans(r.Context())
	if err != nil {
		return err
	}
	rows := make([]planRow, len(plans))
	for i, p := range plans {
		_, n, err := h.store.Tasks(r.Context(), plan.TaskFilter{PlanID: p.ID, Limit: 1})
		if err != nil {
			return err
		}
		rows[i] = planRow{Plan: p, Tasks: n}
	}
	return h.render(w, r, http.StatusOK, "plan_list", &page{Title: "Kế hoạch", Nav: "plans", Data: rows})
}
