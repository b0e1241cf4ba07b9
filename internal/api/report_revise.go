package api

import (
	"net/http"
	"strconv"

	"tiendo/internal/auth"
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
	act := a.actor(u)
	rep, err := a.store.ReviseReport(r.Context(), act, id)
	if err != nil {
		return notFoundReport(err, id)
	}
	c, err := a.reportContext(r.Context(), rep)
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/reports/"+strconv.FormatInt(rep.ID, 10))
	w.Header().Set("ETag", etag(rep.Version))
	return a.writeJSON(w, http.StatusCreated, reportDetail(rep, c, u, act.Today()))
}
