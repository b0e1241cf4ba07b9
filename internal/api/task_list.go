package api

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
)

// taskList answers GET /plans/{id}/tasks: one page of the plan's tasks,
// filtered and sorted, with the total matching. It is the API's hot path
// (dashboards poll it), so it makes one store call in the usual case and
// asks whether the plan exists only when nothing matched.
func (a *api) taskList(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := taskFilter(r.URL.Query())
	if err != nil {
		return err
	}
	f.PlanID = id
	f.Today = clock.Today(a.clock)
	tasks, total, err := a.store.Tasks(r.Context(), f)
	if err != nil {
		return notFoundAs(err, "Không có kế hoạch mã %d.", id)
	}
	if total == 0 {
		if _, err := a.store.Plan(r.Context(), id); err != nil {
			return notFoundAs(err, "Không có kế hoạch mã %d.", id)
		}
	}
	items := make([]taskJSON, len(tasks))
	for i := range tasks {
		taskView(&items[i], &tasks[i], f.Today)
	}
	return a.writeJSON(w, http.StatusOK, listJSON[taskJSON]{Items: items, Total: total})
}
