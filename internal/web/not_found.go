package web

import "net/http"

// notFound answers every address no route claims.
func (h *handler) notFound(w http.ResponseWriter, r *http.Request) error {
	return errNotFound
}
