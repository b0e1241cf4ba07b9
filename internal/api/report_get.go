package api

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// reportGet answers GET /reports/{id}: the report whole — entries (with the
// cooperating agencies' contributions inside), the agency's own
// contributions, indicator values, texts, file metadata, flow history and
// revisions — if the caller may read it (403 with the rule's message
// otherwise: another agency's report, or for a leader one not yet
// accepted). The ETag is the report's version, which flow steps may send
// back in If-Match.
func (a *api) reportGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rr, err := a.app.ReadReport(r.Context(), u, id, reporting.ActView)
	if err != nil {
		return err
	}
	return a.writeReport(w, http.StatusOK, rr)
}
