package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// taskList answers GET /plans/{id}/tasks: one page of the plan's tasks,
// filtered and sorted, with the total matching (app.PlanTaskList).
func (a *api) taskList(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := taskFilter(r.URL.Query())
	if err != nil {
		return err
	}
	f.PlanID = id
	tasks, total, now, err := a.app.PlanTaskList(r.Context(), u, f)
	if err != nil {
		return err
	}
	items := make([]taskJSON, len(tasks))
	for i := range tasks {
		taskView(&items[i], &tasks[i], now)
	}
	return a.writeJSON(w, http.StatusOK, listJSON[taskJSON]{Items: items, Total: total})
}
