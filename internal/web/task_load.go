package web

import (
	"net/http"

	"tiendo/internal/plan"
)

// loadTask reads the task named by the {id} path value with its plan and
// section, which every task page shows (app.TaskInPlan).
func (h *handler) loadTask(r *http.Request) (*plan.Task, *plan.Plan, *plan.Section, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, nil, err
	}
	return h.app.TaskInPlan(r.Context(), h.user(r), id)
}
