package web

import (
	"context"
	"errors"
	"net/http"

	"tiendo/internal/agency"
	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/vntext"
)

// userForm is the data of the account form, for a new account and an edit.
type userForm struct {
	ID       int64 // 0 for a new account
	Username string
	FullName string
	Email    string
	Role     auth.Role
	AgencyID int64
	Self     bool // the administrator's own account: the role is not theirs to change

	Roles    []auth.Role
	Agencies []agency.Agency // active agencies, in Vietnamese collation
	Errors   map[string]string
	Error    string
	MailOn   bool // a new account's link is also e-mailed
}

// newUserForm returns a form with its choices: the roles and the agencies
// in existence today.
func (h *handler) newUserForm(ctx context.Context) (*userForm, error) {
	list, err := h.app.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	today := h.app.Today()
	var active []agency.Agency
	for _, a := range list {
		if a.ActiveOn(today) {
			active = append(active, a)
		}
	}
	vntext.Sort(active, func(a agency.Agency) string { return a.Name })
	return &userForm{Roles: auth.Roles, Agencies: active, Role: auth.RoleOfficer, MailOn: h.app.MailOn()}, nil
}

// read copies the posted fields into the form.
func (f *userForm) read(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f.Username = r.PostFormValue("username")
	f.FullName = r.PostFormValue("full_name")
	f.Email = r.PostFormValue("email")
	f.Role = auth.Role(r.PostFormValue("role"))
	f.AgencyID = formID(r.PostFormValue("agency_id"))
	if !f.Role.NeedsAgency() {
		f.AgencyID = 0 // the agency list stays on the page whatever the role
	}
	return nil
}

// fill sets the form's fields from a stored account.
func (f *userForm) fill(u *auth.User) {
	f.ID, f.Username, f.FullName, f.Email, f.Role, f.AgencyID = u.ID, u.Username, u.FullName, u.Email, u.Role, u.AgencyID
}

// refused shows the form again with a use case's refusal, field by
// field; other errors go to fail.
func (f *userForm) refused(err error, title string) error {
	if !errors.Is(err, derrors.Invalid) {
		return err
	}
	f.Errors = derrors.FieldsOf(err)
	if len(f.Errors) == 0 {
		f.Error = derrors.MessageOf(err)
	}
	return reshow(http.StatusUnprocessableEntity, "user_form", &page{Title: title, Nav: "users", Data: f})
}

// userLinkPage shows a one-time password link, once: just made for a new
// account, or issued for an existing one.
type userLinkPage struct {
	Account *app.UserAccount
	URL     string // absolute
	Expires string // dd/mm/yyyy hh:mm
	Mailed  bool
	New     bool // the account was just created
}

// linkPage is the page showing link l for account acc.
func (h *handler) linkPage(r *http.Request, acc *app.UserAccount, l app.IssuedLink, isNew bool) *page {
	title := "Đường dẫn đặt mật khẩu"
	if isNew {
		title = "Đã tạo tài khoản"
	}
	return &page{Title: title, Nav: "users", Data: userLinkPage{Account: acc, URL: h.absURL(r, l.Path),
		Expires: formatDateTime(l.ExpiresAt), Mailed: l.Mailed, New: isNew}}
}

// absURL is path on this site as people reach it: the configured base
// address (serve --base-url), else the address this request came to. The
// administrator reads it on their own screen, so the request's Host is
// safe here; e-mails use the base address only.
func (h *handler) absURL(r *http.Request, path string) string {
	if base := h.app.BaseURL(); base != "" {
		return base + path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}
