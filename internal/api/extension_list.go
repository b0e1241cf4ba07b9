package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// extensionList answers GET /extensions: requests for new deadlines and
// changed content, newest first, filtered by plan, task, agency (the
// requesting one) and state. The coordinator, admin and the province's
// leaders see every request; an agency's head and officers their agency's
// own (asking for another agency's is 403).
func (a *api) extensionList(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	f, err := extensionFilter(r.URL.Query())
	if err != nil {
		return err
	}
	list, err := a.app.Extensions(r.Context(), u, f)
	if err != nil {
		return extensionError(err)
	}
	names, err := a.app.AgencyNames(r.Context())
	if err != nil {
		return err
	}
	items := make([]extensionJSON, len(list))
	for i := range list {
		items[i] = extensionView(&list[i], names[list[i].AgencyID])
	}
	return a.writeJSON(w, http.StatusOK, listJSON[extensionJSON]{Items: items, Total: len(items)})
}
