package web

import "net/http"

// noticeReadAll marks every unread notice of the signed-in user read and
// goes back to the list.
func (h *handler) noticeReadAll(w http.ResponseWriter, r *http.Request) error {
	if _, err := h.app.ReadAllNotices(r.Context(), h.user(r)); err != nil {
		return err
	}
	http.Redirect(w, r, "/notices?done=read-all", http.StatusSeeOther)
	return nil
}
