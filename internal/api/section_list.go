package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// sectionList answers GET /plans/{id}/sections: the plan's tree in
// document order (parents before children), each with its task count.
func (a *api) sectionList(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	sections, err := a.store.Sections(r.Context(), id)
	if err != nil {
		return notFoundAs(err, "Không có kế hoạch mã %d.", id)
	}
	if len(sections) == 0 {
		// An empty tree and a missing plan look alike; only then ask which.
		if _, err := a.store.Plan(r.Context(), id); err != nil {
			return notFoundAs(err, "Không có kế hoạch mã %d.", id)
		}
	}
	items := make([]sectionJSON, len(sections))
	for i := range sections {
		items[i] = sectionView(&sections[i])
	}
	return a.writeJSON(w, http.StatusOK, listJSON[sectionJSON]{Items: items, Total: len(items)})
}
