package api

import (
	"context"
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// reportAccept answers POST /reports/{id}/accept: the coordinator accepts
// a submitted report, which locks it; its entries' claims become the
// tasks' (the computed status of GET /tasks/{id} follows).
func (a *api) reportAccept(w http.ResponseWriter, r *http.Request, u *auth.User) error {
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
		return a.store.AcceptReport(ctx, act, id, version)
	})
}
