package web

import "net/http"

// noticeRead marks one of the signed-in user's notices read and follows
// its link (back to the list when it has none, or one that leaves the
// application). Another user's notice is not found.
func (h *handler) noticeRead(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	link, err := h.app.ReadNotice(r.Context(), h.user(r), id)
	if err != nil {
		return err
	}
	to := "/notices"
	if l := localLink(link); l != "" {
		to = l
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
