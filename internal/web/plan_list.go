package web

import (
	"net/http"
)

// planList shows every plan in the register, newest first, with its task
// count (app.PlanCount rows).
func (h *handler) planList(w http.ResponseWriter, r *http.Request) error {
	rows, err := h.app.PlansWithTaskCounts(r.Context(), h.user(r))
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "plan_list", &page{Title: "Kế hoạch", Nav: "plans", Data: rows})
}
