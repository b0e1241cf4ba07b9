package api

import (
	"net/http"
	"strconv"

	"tiendo/internal/auth"
	"tiendo/internal/notify"
)

// noticeJSON is one of the caller's in-app notices. kind is one of
// notify.Kinds: the reminder job's kinds are all "reminder".
type noticeJSON struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	CreatedAt string `json:"created_at"`
	Read      bool   `json:"read"`
	Text      string `json:"text"`
	Link      string `json:"link"`
}

// maxNoticeLimit bounds one page of notices.
const maxNoticeLimit = 200

// noticeList answers GET /me/notices: the caller's own notices, newest
// first (unread=true: the unread ones), at most limit (50 unless given,
// up to 200); total counts all that match.
func (a *api) noticeList(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	q := r.URL.Query()
	fields := map[string]string{}
	unread := false
	switch q.Get("unread") {
	case "", "false":
	case "true":
		unread = true
	default:
		fields["unread"] = "unread phải là true hoặc false."
	}
	limit := 50
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxNoticeLimit {
			fields["limit"] = "limit phải là số từ 1 đến 200."
		}
		limit = n
	}
	if len(fields) > 0 {
		return badRequest(fields, "Tham số truy vấn không hợp lệ; xem từng tham số.")
	}
	list, total, err := a.app.NoticePage(r.Context(), u, unread, limit)
	if err != nil {
		return err
	}
	items := make([]noticeJSON, len(list))
	for i, n := range list {
		items[i] = noticeJSON{ID: n.ID, Kind: notify.PublicKind(n.Kind), CreatedAt: *nullTime(n.CreatedAt),
			Read: !n.Unread(), Text: n.Text, Link: n.Link}
	}
	return a.writeJSON(w, http.StatusOK, listJSON[noticeJSON]{Items: items, Total: total})
}

// noticeRead answers POST /me/notices/{id}/read: 204 once the notice is
// read (reading it again changes nothing); 404 for another user's notice.
func (a *api) noticeRead(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := a.app.ReadNotice(r.Context(), u, id); err != nil {
		return notFoundAs(err, "Không có thông báo mã %d của bạn.", id)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
