package api

import (
	"net/http"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
)

// taskGet answers GET /tasks/{id}: the task with its computed status, and
// its status in each reporting period. The ETag is the task's version,
// which a client sends back in If-Match when it patches the task.
func (a *api) taskGet(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := a.store.Task(r.Context(), id)
	if err != nil {
		return notFoundAs(err, "Không có nhiệm vụ mã %d.", id)
	}
	return a.writeTask(w, r, http.StatusOK, t, clock.Today(a.clock))
}

// writeTask answers with t whole, its status in each reporting period
// included, and its version as ETag.
func (a *api) writeTask(w http.ResponseWriter, r *http.Request, status int, t *plan.Task, today time.Time) error {
	periods, err := a.store.TaskPeriodStatuses(r.Context(), t.ID, today)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(t.Version))
	return a.writeJSON(w, status, taskDetail(t, periods, today))
}
