package web

import "net/http"

// noticeReadAll marks every unread notice of the signed-in user read and
// goes back to the list.
func (h *handler) noticeReadAll(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	if _, err := h.store.MarkAllNoticesRead(r.Context(), u.ID, h.clock.Now()); err != nil {
		return err
	}
	http.Redirect(w, r, "/notices?done=read-all", http.StatusSeeOther)
	return nil
}
