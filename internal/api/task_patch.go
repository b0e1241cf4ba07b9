package api

import (
	"errors"
	"net/http"
	"time"

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
// gap between our read and the write. A client that names no version asked
// for "last writer wins": a concurrent change between our read and our write
// is then retried on the fresh row instead of failing.
func (a *api) taskPatch(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in taskPatchBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	versioned := r.Header.Get("If-Match") != "" || in.Version.Set
	today := clock.Today(a.clock)
	for attempt := 1; ; attempt++ {
		t, err := a.patchOnce(r, u, id, &in, today)
		if errors.Is(err, store.ErrConflict) && !versioned && attempt < maxPatchAttempts {
			// Back off a little, growing with each attempt, so that the
			// writers queued on the same row spread out.
			time.Sleep(time.Duration(attempt*attempt) * 100 * time.Microsecond)
			continue
		}
		if errors.Is(err, store.ErrConflict) {
			return conflict("Nhiệm vụ vừa được người khác sửa; hãy đọc lại (GET %s/tasks/%d) rồi sửa tiếp.", Prefix, id)
		}
		if err != nil {
			return err
		}
		return a.writeTask(w, r, http.StatusOK, t, today)
	}
}

// maxPatchAttempts bounds the retries of an unversioned PATCH under contention.
const maxPatchAttempts = 25

// patchOnce reads the task, checks the client's version, applies the patch
// and saves it; store.ErrConflict means the row changed after the read.
func (a *api) patchOnce(r *http.Request, u *auth.User, id int64, in *taskPatchBody, today time.Time) (*plan.Task, error) {
	t, err := a.store.Task(r.Context(), id)
	if err != nil {
		return nil, notFoundAs(err, "Không có nhiệm vụ mã %d.", id)
	}
	if err := checkVersion(r.Header.Get("If-Match"), in.Version, t.Version); err != nil {
		return nil, err
	}
	p, err := a.store.Plan(r.Context(), t.PlanID)
	if err != nil {
		return nil, err
	}
	if err := writable(p); err != nil {
		return nil, err
	}
	if in.empty() {
		return t, nil
	}
	in.apply(t)
	if err := a.prepare(r.Context(), t, &in.taskFields, today); err != nil {
		return nil, err
	}
	if in.Text.Set {
		t.References = plan.FindReferences(t.Text)
	}
	if err := a.store.UpdateTask(r.Context(), u.ID, t); err != nil {
		return nil, err
	}
	return t, nil
}
