package web

import (
	"net/http"

	"tiendo/internal/notify"
)

// noticeLimit is how many notices the list shows, newest first.
const noticeLimit = 100

// noticeView is the notice list's data.
type noticeView struct {
	Rows       []noticeRow
	UnreadOnly bool
	Limited    bool   // the list stopped at noticeLimit
	Notice     string // confirmation of "mark all read"
}

// noticeRow is one notice with the link it may follow ("" for none, or
// for a link that does not stay inside the application). Its kind's label
// is notify.Notice's KindLabel.
type noticeRow struct {
	notify.Notice
	Link string
}

// KindClass colours a notice's kind as task statuses are coloured: a
// report returned or a deadline passed red, one due soon orange, one
// accepted green.
func (n noticeRow) KindClass() string {
	switch n.Kind {
	case "before":
		return "badge badge-orange"
	case "overdue", notify.KindReportReturned:
		return "badge badge-red"
	case notify.KindReportAccepted:
		return "badge badge-green"
	}
	return "badge badge-blue"
}

// noticeList lists the signed-in user's notices, newest first, the unread
// ones marked (or, with ?show=unread, only those). Opening one goes through
// noticeRead, which marks it read first.
func (h *handler) noticeList(w http.ResponseWriter, r *http.Request) error {
	v := &noticeView{UnreadOnly: r.URL.Query().Get("show") == "unread"}
	list, err := h.app.Notices(r.Context(), h.user(r), v.UnreadOnly, noticeLimit)
	if err != nil {
		return err
	}
	v.Limited = len(list) == noticeLimit
	for _, n := range list {
		v.Rows = append(v.Rows, noticeRow{Notice: n, Link: localLink(n.Link)})
	}
	if r.URL.Query().Get("done") == "read-all" {
		v.Notice = "Đã đánh dấu mọi thông báo là đã đọc."
	}
	return h.render(w, r, http.StatusOK, "notice_list", &page{Title: "Thông báo", Nav: "notices", Data: v})
}

// localLink returns link when it is a path inside the application (by the
// rule sign-in uses for its next page, safeNext), else "": a notice never
// sends anyone to another site.
func localLink(link string) string {
	if link == "" {
		return ""
	}
	if s := safeNext(link); s != "/" || link == "/" {
		return s
	}
	return ""
}
