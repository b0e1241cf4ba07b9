package web

import "net/http"

// home sends people to the plan list, the register's front door.
func (h *handler) home(w http.ResponseWriter, r *http.Request) error {
	http.Redirect(w, r, "/plans", http.StatusSeeOther)
	return nil
}
