package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// agencyList answers GET /agencies: every agency, past ones included (old
// tasks still name them), sorted by name in Vietnamese collation.
func (a *api) agencyList(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	agencies, err := a.app.Agencies(r.Context())
	if err != nil {
		return err
	}
	today := a.app.Today()
	items := make([]agencyJSON, len(agencies))
	for i := range agencies {
		items[i] = agencyView(&agencies[i], today)
	}
	return a.writeJSON(w, http.StatusOK, listJSON[agencyJSON]{Items: items, Total: len(items)})
}
