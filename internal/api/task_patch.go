package api

import (
	"errors"
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/store"
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
// is 409 and nothing is written; the store's own version check closes the
// gap between our read and the write.
func (a *api) taskPatch(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := a.store.Task(r.Context(), id)
	if err != nil {
		return notFoundAs(err, "Không có nhiệm vụ mã %d.", id)
	}
	var in taskPatchBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := checkVersion(r.Header.Get("If-Match"), in.Version, t.Version); err != nil {
		return err
	}
	p, err := a.store.Plan(r.Context(), t.PlanID)
	if err != nil {
		return err
	}
	if err := writable(p); err != nil {
		return err
	}
	today := clock.Today(a.clock)
	if !in.empty() {
		in.apply(t)
		if err := a.prepare(r.Context(), t, &in.taskFields, today); err != nil {
			return err
		}
		if in.Text.Set {
			t.References = plan.FindReferences(t.Text)
		}
		if err := a.store.UpdateTask(r.Context(), u.ID, t); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return conflict("Nhiệm vụ vừa được người khác sửa; hãy đọc lại (GET %s/tasks/%d) rồi sửa tiếp.", Prefix, id)
			}
			return err
		}
	}
	w.Header().Set("ETag", etag(t.Version))
	return a.writeJSON(w, http.StatusOK, taskDetail(t, today))
}
