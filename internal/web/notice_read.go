package web

import "net/http"

// noticeLookup is how many of the user's newest notices noticeRead looks
// through for the one opened: the store's largest list.
const noticeLookup = 200

// noticeRead marks one of the signed-in user's notices read and follows
// its link (back to the list when it has none). Another user's notice is
// not found: the store matches the notice and the user together.
func (h *handler) noticeRead(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	if err := h.store.MarkNoticeRead(r.Context(), u.ID, id, h.clock.Now()); err != nil {
		return err
	}
	// The notice's link, from the store (not from the form), read now that
	// the notice is known to be this user's. The store has no read of one
	// notice: the user's newest ones hold it, since the list page shows
	// fewer (noticeLimit) than this reads (noticeLookup).
	to := "/notices"
	list, err := h.store.Notices(r.Context(), u.ID, false, noticeLookup)
	if err != nil {
		return err
	}
	for _, n := range list {
		if n.ID == id {
			if l := localLink(n.Link); l != "" {
				to = l
			}
			break
		}
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
