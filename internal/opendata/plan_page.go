package opendata

import "net/http"

// servePlan answers /open/plans/{id}: the plan's public dashboard.
func (h *handler) servePlan(w http.ResponseWriter, r *http.Request) {
	id, ok := planID(w, r)
	if !ok {
		return
	}
	p, err := h.app.PublishedDashboard(r.Context(), id)
	if err != nil {
		h.failOrNotFound(w, r, err)
		return
	}
	v := newPlanView(p)
	h.render(w, r, "plan", v.Name, v)
}
