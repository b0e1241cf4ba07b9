package api

import (
	"context"
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// reportSubmit answers POST /reports/{id}/submit: the agency's head
// approves and sends the report (draft, not started or returned) once its
// period has begun and every entry states the task's status (422 with
// fields "entries.<task id>" otherwise). After the due day it is accepted
// and marked late (on_time false).
func (a *api) reportSubmit(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in flowBody
	if err := decodeOptionalJSON(w, r, &in); err != nil {
		return err
	}
	version, err := a.flowVersion(r.Context(), r, id, in.Version)
	if err != nil {
		return err
	}
	return a.flowStep(w, r, u, id, version, func(ctx context.Context, act reporting.Actor) (*reporting.Report, error) {
		return a.store.SubmitReport(ctx, act, id, version)
	})
}
