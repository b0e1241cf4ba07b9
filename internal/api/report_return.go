package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// returnBody is the body of POST /reports/{id}/return.
type returnBody struct {
	Reason  string        `json:"reason"`
	Version optional[int] `json:"version"`
}

// reportReturn answers POST /reports/{id}/return: the coordinator sends a
// submitted report back to its agency with a reason, which is required
// (422 with fields.reason when empty). The agency fixes and resubmits.
// Versions as for submit.
func (a *api) reportReturn(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in returnBody
	if err := decodeOptionalJSON(w, r, &in); err != nil {
		return err
	}
	read, err := readVersions(r.Header.Get("If-Match"), in.Version)
	if err != nil {
		return err
	}
	rep, err := a.app.ReturnReport(r.Context(), u, id, in.Reason, read)
	if err != nil {
		return err
	}
	return a.writeStep(w, r, u, rep)
}
