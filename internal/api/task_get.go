package api

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
)

// taskGet answers GET /tasks/{id}. The ETag is the task's version, which a
// client sends back in If-Match when it patches the task.
func (a *api) taskGet(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := a.store.Task(r.Context(), id)
	if err != nil {
		return notFoundAs(err, "Không có nhiệm vụ mã %d.", id)
	}
	w.Header().Set("ETag", etag(t.Version))
	return a.writeJSON(w, http.StatusOK, taskDetail(t, clock.Today(a.clock)))
}
