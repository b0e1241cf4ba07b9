package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// sectionList answers GET /plans/{id}/sections: the plan's tree in
// document order (parents before children), each with its task count.
func (a *api) sectionList(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	sections, err := a.app.PlanSections(r.Context(), u, id)
	if err != nil {
		return err
	}
	items := make([]sectionJSON, len(sections))
	for i := range sections {
		items[i] = sectionView(&sections[i])
	}
	return a.writeJSON(w, http.StatusOK, listJSON[sectionJSON]{Items: items, Total: len(items)})
}
