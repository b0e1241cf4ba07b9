package web

import (
	"bytes"
	"net/http"
	"strconv"

	"tiendo/internal/auth"
)

// page is what the layout needs on every page, around the page's own Data.
type page struct {
	Title  string // the page's <title> and <h1>
	Nav    string // which header link is current: "plans", "agencies", "import", "users"
	Query  string // the header search box's text
	PlanID int64  // when set, the header search looks in this plan
	Data   any

	// Filled by render from the signed-in user.
	User            *auth.User
	CanEdit         bool
	CanManageAgency bool
	CanManageUsers  bool
	CanReadAudit    bool
	Unread          int // the user's unread notices, the number beside "Thông báo"
}

// render executes a page into a buffer and only then writes it, so that a
// template error becomes a clean 500 instead of half a page.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) error {
	a, err := h.assets()
	if err != nil {
		return err
	}
	t, ok := a.pages[name]
	if !ok {
		return errMissingTemplate(name)
	}
	u := userFrom(r.Context())
	p.User = u
	p.CanEdit = auth.Can(u, auth.EditPlan)
	p.CanManageAgency = auth.Can(u, auth.ManageAgency)
	p.CanManageUsers = auth.Can(u, auth.ManageUsers)
	p.CanReadAudit = auth.Can(u, auth.ReadAudit)
	p.Unread = h.unreadNotices(r, u)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	// Pages show data that may change any moment and may be private.
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err = buf.WriteTo(w)
	if err != nil {
		// The client went away; nothing more can be sent.
		h.log.Debug("web: writing response", "err", err)
	}
	return nil
}

// unreadNotices counts the signed-in user's unread notices for the header:
// one indexed count (notices_unread) per page. A failure only costs the
// number, never the page (the error page itself is rendered here too).
func (h *handler) unreadNotices(r *http.Request, u *auth.User) int {
	if u == nil {
		return 0
	}
	n, err := h.app.UnreadNotices(r.Context(), u)
	if err != nil {
		h.log.Warn("web: counting unread notices", "user", u.ID, "err", err)
		return 0
	}
	return n
}

type errMissingTemplate string

func (e errMissingTemplate) Error() string { return "web: no template " + string(e) }
