package api

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
)

// taskGet answers GET /tasks/{id}: the task with its computed status, and
// its status in each reporting period. The ETag is the task's version,
// which a client sends back in If-Match when it patches the task.
func (a *api) taskGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := a.app.Task(r.Context(), u, id)
	if err != nil {
		return err
	}
	return a.writeTask(w, r, u, http.StatusOK, t)
}

// writeTask answers with t whole, its status today and in each reporting
// period included, and its version as ETag.
func (a *api) writeTask(w http.ResponseWriter, r *http.Request, u *auth.User, status int, t *plan.Task) error {
	periods, now, err := a.app.TaskPeriods(r.Context(), u, t)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(t.Version))
	return a.writeJSON(w, status, taskDetail(t, periods, now))
}
