package api

import (
	"net/http"
	"strconv"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// reportRevise answers POST /reports/{id}/revise: the agency starts a
// correction of its accepted report, a new revision in state draft that
// copies it; the accepted one stays as it was, viewable, no longer
// current. The answer is 201 with the new revision whole and its Location.
func (a *api) reportRevise(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rep, err := a.app.ReviseReport(r.Context(), u, id)
	if err != nil {
		return err
	}
	rr, err := a.app.ReadReport(r.Context(), u, rep.ID, reporting.ActView)
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/reports/"+strconv.FormatInt(rep.ID, 10))
	return a.writeReport(w, http.StatusCreated, rr)
}
