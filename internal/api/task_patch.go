package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// taskPatchBody is a PATCH body: any subset of the writable fields, and
// optionally the version read, for clients that cannot set If-Match.
type taskPatchBody struct {
	taskFields
	Version optional[int] `json:"version"`
}

// taskPatch answers PATCH /tasks/{id} with JSON Merge Patch semantics:
// absent fields stay, null clears. When the client names the version it read
// (If-Match: "3", or "version": 3) and the task has changed since, the answer
// is 409 and nothing is written. A client that names no version asked for
// "last writer wins" (app.UpdateTask retries on the fresh row).
func (a *api) taskPatch(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in taskPatchBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	read, err := readVersions(r.Header.Get("If-Match"), in.Version)
	if err != nil {
		return err
	}
	t, err := a.app.UpdateTask(r.Context(), u, id, in.change(), read)
	if err != nil {
		return err
	}
	return a.writeTask(w, r, u, http.StatusOK, t)
}
