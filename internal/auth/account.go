package auth

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// Accounts as an administrator makes and edits them: the rules for their
// fields, and the one-time links that set a password.

// Limits of an account's fields.
const (
	MaxUsername = 64
	MaxFullName = 200
	MaxEmail    = 254 // RFC 5321's path limit
)

// NormalizeAccount puts u's text fields in the form they are stored and
// compared in: NFC, trimmed; the e-mail address in lower case.
func NormalizeAccount(u *User) {
	u.Username = strings.TrimSpace(vntext.NFC(u.Username))
	u.FullName = strings.Join(strings.Fields(vntext.NFC(u.FullName)), " ")
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
}

// CheckAccount checks u's fields (normalised) by themselves — not
// whether the username is free or the agency exists, which need the
// database — and returns one Vietnamese message per field at fault, keyed
// by the API's field names; nil when all are right.
func CheckAccount(u *User) map[string]string {
	f := map[string]string{}
	if msg := checkUsername(u.Username); msg != "" {
		f["username"] = msg
	}
	if utf8.RuneCountInString(u.FullName) > MaxFullName {
		f["full_name"] = fmt.Sprintf("Họ tên dài quá %d ký tự.", MaxFullName)
	}
	if msg := CheckEmail(u.Email); msg != "" {
		f["email"] = msg
	}
	switch {
	case !u.Role.Valid():
		f["role"] = "Vai trò phải là một trong: " + roleList() + "."
	case u.Role.NeedsAgency() && u.AgencyID <= 0:
		f["agency_id"] = fmt.Sprintf("Vai trò %s phải thuộc một cơ quan; hãy chọn cơ quan.", u.Role.Label())
	case !u.Role.NeedsAgency() && u.AgencyID != 0:
		f["agency_id"] = fmt.Sprintf("Vai trò %s không thuộc cơ quan nào; hãy bỏ chọn cơ quan.", u.Role.Label())
	}
	if len(f) == 0 {
		return nil
	}
	return f
}

// checkUsername: 2–64 characters among letters without diacritics,
// digits and . _ - @, so that a username is typed the same on any
// keyboard and can be an e-mail address (single sign-on by e-mail).
func checkUsername(name string) string {
	const rule = "Tên đăng nhập dài 2–64 ký tự, chỉ gồm chữ không dấu, chữ số và các dấu . _ - @ (ví dụ: nguyenvana, nva.stc)."
	if name == "" {
		return "Hãy nhập tên đăng nhập."
	}
	if len(name) < 2 || len(name) > MaxUsername {
		return rule
	}
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-', r == '@':
		default:
			return rule
		}
	}
	return ""
}

// CheckEmail refuses an address that is not a plain mailbox
// (name@domain); "" (no address) is allowed: the person then gets in-app
// notices only.
func CheckEmail(email string) string {
	if email == "" {
		return ""
	}
	a, err := mail.ParseAddress(email)
	if len(email) > MaxEmail || err != nil || a.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		return "Địa chỉ e-mail không đúng dạng (ví dụ: nguyenvana@camau.gov.vn)."
	}
	return ""
}

// roleList names the roles as the API and the spreadsheet take them.
func roleList() string {
	parts := make([]string, len(Roles))
	for i, r := range Roles {
		parts[i] = string(r) + " (" + r.Label() + ")"
	}
	return strings.Join(parts, ", ")
}

// ParseRole reads a role as people write it in a spreadsheet: its code
// (admin, head…) or its Vietnamese name, with or without diacritics and in
// any case ("Chuyên viên cơ quan", "chuyen vien"); false when it names
// none or more than one.
func ParseRole(s string) (Role, bool) {
	t := vntext.Fold(strings.TrimSpace(s))
	if t == "" {
		return "", false
	}
	var found []Role
	for _, r := range Roles {
		label := vntext.Fold(r.Label())
		if t == string(r) || t == label {
			return r, true
		}
		if strings.HasPrefix(label, t) {
			found = append(found, r)
		}
	}
	for r, words := range roleWords {
		if t == words {
			return r, true
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// roleWords are other names people use for the roles.
var roleWords = map[Role]string{
	RoleAdmin:       "quan tri vien",
	RoleCoordinator: "dieu phoi vien",
	RoleHead:        "lanh dao",
	RoleOfficer:     "chuyen vien",
}

// LinkPurpose is why a one-time password link was made.
type LinkPurpose string

// The purposes of password links.
const (
	LinkSetup LinkPurpose = "setup" // a new account's first sign-in
	LinkReset LinkPurpose = "reset" // a forgotten password
)

// PasswordLinkTTL is how long a password link works: a day, so that a
// link sent in the morning still works after lunch but not next week.
const PasswordLinkTTL = 24 * time.Hour

// PasswordLink is a one-time link as the store keeps it (the token itself
// only as its hash, never here).
type PasswordLink struct {
	ID        int64
	UserID    int64
	Purpose   LinkPurpose
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero while unused
}

// Live reports whether the link still works at now.
func (l PasswordLink) Live(now time.Time) bool {
	return l.UsedAt.IsZero() && now.Before(l.ExpiresAt)
}

// AccountState is an account as the users list shows it: how the person
// signs in and what they hold.
type AccountState struct {
	User
	HasPassword bool      // false until a setup link is used (or for single sign-on only)
	TwoFactor   bool      // signs in with a second factor
	LastSignIn  time.Time // zero: never signed in
	Tokens      int       // live API tokens
	LinkExpires time.Time // an unused password link works until then; zero: none
}
