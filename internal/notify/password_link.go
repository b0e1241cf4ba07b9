package notify

import (
	"strconv"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
)

// PasswordLinkData is what a password link's e-mail says.
type PasswordLinkData struct {
	Name      string // the person's full name, or username
	Username  string
	URL       string // the link, absolute
	Expires   string // "08:30 ngày 21/06/2025", in Vietnam's time
	TwoFactor bool   // the first sign-in also enrols a second factor
}

// PasswordLinkMail is the e-mail carrying a one-time password link to
// u: a new account's setup or a reset.
func PasswordLinkMail(u *auth.User, purpose auth.LinkPurpose, url string, expires time.Time, twoFactor bool) (Message, error) {
	name := u.FullName
	if name == "" {
		name = u.Username
	}
	kind := "password_reset"
	if purpose == auth.LinkSetup {
		kind = "password_setup"
	}
	r, err := render(kind, PasswordLinkData{Name: name, Username: u.Username, URL: url,
		Expires: expires.In(clock.Local).Format("15:04 ngày 02/01/2006"), TwoFactor: twoFactor})
	if err != nil {
		return Message{}, err
	}
	return Message{To: []Address{{Name: name, Email: u.Email}}, Subject: r.Subject, Body: r.Body,
		Rule: kind, Key: "user:" + strconv.FormatInt(u.ID, 10)}, nil
}
