package api

import (
	"net/http"
	"strconv"

	"tiendo/internal/auth"
)

// taskCreate answers POST /plans/{id}/tasks: a new task at the end of its
// section. section_id and text are required; the answer is 201 with the
// task, its Location and its ETag. Nothing is stored unless every check passes.
func (a *api) taskCreate(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	planID, err := pathID(r)
	if err != nil {
		return err
	}
	var in taskFields
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	t, err := a.app.CreateTask(r.Context(), u, planID, in.change())
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/tasks/"+strconv.FormatInt(t.ID, 10))
	return a.writeTask(w, r, u, http.StatusCreated, t)
}
