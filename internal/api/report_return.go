package api

import (
	"context"
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// returnBody is the body of POST /reports/{id}/return.
type returnBody struct {
	Reason  string        `json:"reason"`
	Version optional[int] `json:"version"`
}

// reportReturn answers POST /reports/{id}/return: the coordinator sends a
// submitted report back to its agency with a reason, which is required
// (422 with fields.reason when empty). The agency fixes and resubmits.
func (a *api) reportReturn(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in returnBody
	if err := decodeOptionalJSON(w, r, &in); err != nil {
		return err
	}
	version, err := a.flowVersion(r.Context(), r, id, in.Version)
	if err != nil {
		return err
	}
	return a.flowStep(w, r, u, id, version, func(ctx context.Context, act reporting.Actor) (*reporting.Report, error) {
		return a.store.ReturnReport(ctx, act, id, in.Reason, version)
	})
}
