package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/notify"
	"tiendo/internal/store"
)

// One-time password links: a new account's setup link, an
// administrator's reset link, and the link "Quên mật khẩu?" e-mails. A
// link is a random token whose SHA-256 alone is stored; it works once,
// for auth.PasswordLinkTTL, and a newer link for the same person ends the
// older. Using it sets the password and — for a role that must sign in
// with a second factor and has none yet — enrols the authenticator in the
// same step: that is the only way to enrol at sign-in, so a password
// alone never gives a session to such an account (startSignIn).

// PasswordLinkPath is the web page a link opens: the path, then the token.
const PasswordLinkPath = "/login/link/"

// IssuedLink is a link just made: its token (shown or sent once), its path
// in the web UI, when it stops working, and whether it was e-mailed.
type IssuedLink struct {
	Token     string
	Path      string
	ExpiresAt time.Time
	Mailed    bool
}

// resetFloor is the least time RequestPasswordReset takes, whatever the
// name: known or not, with or without an address, the answer comes after
// the same wait, so its timing tells nothing.
const resetFloor = 300 * time.Millisecond

// resetEvery bounds the e-mails "Quên mật khẩu?" sends one account: one
// per quarter hour. A flood of requests neither fills the mailbox nor
// keeps ending the link the person is about to open.
const resetEvery = 15 * time.Minute

// Words of the links.
const (
	msgLinkGone   = "Đường dẫn này không còn dùng được: đã được dùng, đã hết hạn (sau 24 giờ) hoặc đã có đường dẫn mới hơn. Hãy nhờ quản trị viên cấp đường dẫn mới, hoặc dùng “Quên mật khẩu?” ở trang đăng nhập."
	msgLinkLocked = "Tài khoản đang bị khóa; hãy mở khóa trước khi cấp đường dẫn đặt mật khẩu."
)

// newLink makes a link's token and what it returns.
func (a *App) newLink() (IssuedLink, []byte) {
	token, hash := auth.NewToken()
	return IssuedLink{Token: token, Path: PasswordLinkPath + token,
		ExpiresAt: a.signIn.wall.Now().Add(auth.PasswordLinkTTL).UTC().Truncate(time.Microsecond)}, hash
}

// createAccounts stores list (checked) with a setup link each, in one
// transaction, and e-mails each link when e-mail is on and the account
// has an address.
func (a *App) createAccounts(ctx context.Context, by *auth.User, list []*auth.User) ([]IssuedLink, error) {
	links := make([]IssuedLink, len(list))
	accounts := make([]store.NewAccount, len(list))
	var expires time.Time
	for i, u := range list {
		l, hash := a.newLink()
		links[i], expires = l, l.ExpiresAt
		accounts[i] = store.NewAccount{User: u, LinkHash: hash}
	}
	if err := a.store.CreateAccounts(ctx, by.ID, accounts, expires); err != nil {
		if errors.Is(err, derrors.Duplicate) {
			return nil, derrors.New(derrors.Conflict, "Một tên đăng nhập vừa được người khác dùng; hãy tải lại và thử lại. Không có gì được lưu.")
		}
		return nil, err
	}
	var msgs []notify.Message
	for i, u := range list {
		if m, ok := a.linkMail(u, auth.LinkSetup, links[i]); ok {
			msgs, links[i].Mailed = append(msgs, m), true
		}
	}
	a.sendLater(msgs...)
	return links, nil
}

// mailLink e-mails l to u when e-mail is on and u has an address, and
// reports whether it did.
func (a *App) mailLink(u *auth.User, purpose auth.LinkPurpose, l IssuedLink) bool {
	m, ok := a.linkMail(u, purpose, l)
	if ok {
		a.sendLater(m)
	}
	return ok
}

// linkMail is the e-mail carrying l to u; false when e-mail is off or u
// has no address.
func (a *App) linkMail(u *auth.User, purpose auth.LinkPurpose, l IssuedLink) (notify.Message, bool) {
	if !a.MailOn() || u.Email == "" {
		return notify.Message{}, false
	}
	m, err := notify.PasswordLinkMail(u, purpose, a.url(l.Path), l.ExpiresAt, a.signIn.twoFactor[u.Role])
	if err != nil {
		a.log.Error("app: a password link's e-mail", "user", u.ID, "err", err)
		return notify.Message{}, false
	}
	return m, true
}

// IssuePasswordLink makes a one-time link for account id, for an
// administrator to hand over (and e-mails it when e-mail is on and the
// account has an address): a setup link for an account that has never
// set a password, a reset link otherwise. Earlier unused links of the
// account stop working. Invalid for a locked account; NotFound when there
// is none.
func (a *App) IssuePasswordLink(ctx context.Context, by *auth.User, id int64) (_ IssuedLink, err error) {
	defer derrors.Wrap(&err, "app.IssuePasswordLink(%d)", id)
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return IssuedLink{}, err
	}
	return a.issueLink(ctx, by.ID, id)
}

// IssuePasswordLinkByName is IssuePasswordLink for the command line
// (`tiendo user reset-password`), which acts as the system: whoever runs
// it already holds the database.
func (a *App) IssuePasswordLinkByName(ctx context.Context, username string) (*auth.User, IssuedLink, error) {
	u, _, err := a.store.UserByName(ctx, strings.TrimSpace(username))
	if err != nil {
		return nil, IssuedLink{}, err
	}
	l, err := a.issueLink(ctx, 0, u.ID)
	return u, l, err
}

func (a *App) issueLink(ctx context.Context, actor, id int64) (IssuedLink, error) {
	st, err := a.store.AccountState(ctx, id, a.signIn.wall.Now())
	if err != nil {
		return IssuedLink{}, notFoundAs(err, msgNoUser, id)
	}
	if st.Disabled {
		return IssuedLink{}, derrors.New(derrors.Invalid, msgLinkLocked)
	}
	purpose := auth.LinkReset
	if !st.HasPassword {
		purpose = auth.LinkSetup
	}
	l, hash := a.newLink()
	if err := a.store.CreatePasswordLink(ctx, actor, id, hash, purpose, a.signIn.wall.Now(), l.ExpiresAt); err != nil {
		return IssuedLink{}, notFoundAs(err, msgNoUser, id)
	}
	l.Mailed = a.mailLink(&st.User, purpose, l)
	return l, nil
}

// RequestPasswordReset is "Quên mật khẩu?": when e-mail is on, and
// username names an active account with an address that has not been
// sent a link in the last quarter hour, it e-mails a reset link. It
// answers the same — nil, after the same resetFloor — whatever the name,
// so that it tells nobody which accounts exist.
func (a *App) RequestPasswordReset(ctx context.Context, username string) error {
	start := time.Now()
	defer func() {
		t := time.NewTimer(resetFloor - time.Since(start))
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
		}
	}()
	name := strings.TrimSpace(username)
	if !a.MailOn() || name == "" || len(name) > MaxCredential {
		return nil
	}
	if err := a.requestReset(ctx, name); err != nil && !errors.Is(err, derrors.NotFound) {
		// Logged, not shown: the answer must not differ.
		a.log.Error("app: a password reset request", "err", err)
	}
	return nil
}

func (a *App) requestReset(ctx context.Context, name string) error {
	u, _, err := a.store.UserByName(ctx, name)
	if err != nil {
		return err
	}
	if u.Disabled || u.Email == "" {
		return nil
	}
	now := a.signIn.wall.Now()
	st, err := a.store.AccountState(ctx, u.ID, now)
	if err != nil {
		return err
	}
	if !st.LinkExpires.IsZero() && st.LinkExpires.Add(-auth.PasswordLinkTTL).After(now.Add(-resetEvery)) {
		return nil
	}
	purpose := auth.LinkReset
	if !st.HasPassword {
		purpose = auth.LinkSetup
	}
	l, hash := a.newLink()
	if err := a.store.CreatePasswordLink(ctx, 0, u.ID, hash, purpose, now, l.ExpiresAt); err != nil {
		return err
	}
	a.mailLink(u, purpose, l)
	return nil
}

// LinkInfo is what the page of a link shows before it is used.
type LinkInfo struct {
	User      *auth.User
	Purpose   auth.LinkPurpose
	ExpiresAt time.Time
	// Enrol: the role must sign in with a second factor and the account
	// has none, so the link also enrols an authenticator.
	Enrol bool
}

// PasswordLinkInfo reads the link under token; NotFound (with the words
// to show) when it no longer works.
func (a *App) PasswordLinkInfo(ctx context.Context, token string) (LinkInfo, error) {
	if token == "" || len(token) > MaxCredential {
		return LinkInfo{}, derrors.New(derrors.NotFound, msgLinkGone)
	}
	l, u, err := a.store.PasswordLink(ctx, auth.HashToken(token), a.signIn.wall.Now())
	if errors.Is(err, derrors.NotFound) {
		return LinkInfo{}, derrors.New(derrors.NotFound, msgLinkGone)
	}
	if err != nil {
		return LinkInfo{}, err
	}
	tf, err := a.store.UserTwoFactor(ctx, u.ID)
	if err != nil {
		return LinkInfo{}, err
	}
	return LinkInfo{User: u, Purpose: l.Purpose, ExpiresAt: l.ExpiresAt,
		Enrol: a.signIn.twoFactor[u.Role] && !tf.Enabled()}, nil
}

// LinkUse is a link used: the new password twice and, when the link
// enrols (LinkInfo.Enrol), the secret shown with its first code. The link
// itself is the credential (256 random bits): there is nothing to guess
// on its page, so it neither counts toward nor waits for the sign-in lock
// — a lock someone caused by guessing the password does not keep the
// person from resetting it.
type LinkUse struct {
	Token, Password, Confirm string
	Secret, Code             string
}

// NewEnrolmentSecret is a fresh TOTP secret for a link's page to show
// (the page sends it back with the first code).
func NewEnrolmentSecret(username string) (string, error) {
	secret, _, err := auth.NewTOTPKey(username)
	return secret, err
}

// UsePasswordLink uses the link: it checks the new password (the password
// rules, typed twice) and, when the link enrols, the first code of the
// new authenticator; then in one transaction marks the link used, sets
// the password, ends the account's other sessions and turns the second
// factor on. It returns the next step of signing in: a session (with the
// recovery codes to show once after an enrolment), or — for an account
// that already has a second factor — that factor's step. Nothing is
// stored while a field is wrong (Invalid: "password", "confirm",
// "code"). NotFound when the link no longer works.
func (a *App) UsePasswordLink(ctx context.Context, in LinkUse) (_ SignInStep, err error) {
	defer derrors.Wrap(&err, "app.UsePasswordLink")
	info, err := a.PasswordLinkInfo(ctx, in.Token)
	if err != nil {
		return SignInStep{}, err
	}
	u := info.User
	fields := map[string]string{}
	if len(in.Password) > MaxCredential {
		fields["password"] = "Mật khẩu quá dài (tối đa 256 ký tự)."
	} else if err := auth.CheckNewPassword(in.Password, u.Username, u.FullName, u.Email); err != nil {
		fields["password"] = "Mật khẩu chưa dùng được: " + err.Error() + "."
	} else if in.Password != in.Confirm {
		fields["confirm"] = "Hai lần nhập mật khẩu không giống nhau."
	}
	var enrol *store.Enrolment
	if info.Enrol {
		secret := NormalizeTOTPSecret(in.Secret)
		step, ok := auth.TOTPStep(strings.TrimSpace(in.Code), secret, a.signIn.totp.Now())
		switch {
		case len(secret) < 16 || len(secret) > 64:
			fields["code"] = msgBadSecret
		case !ok:
			fields["code"] = msgEnrolBad
		default:
			enrol = &store.Enrolment{Secret: secret, Step: step}
		}
	}
	if len(fields) > 0 {
		return SignInStep{}, derrors.InvalidFields(fields, firstMessage(fields))
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return SignInStep{}, err
	}
	var codes []string
	if enrol != nil {
		codes, enrol.Recovery = auth.NewRecoveryCodes()
	}
	if _, err := a.store.RedeemPasswordLink(ctx, auth.HashToken(in.Token), a.signIn.wall.Now(), hash, enrol); err != nil {
		if errors.Is(err, derrors.NotFound) {
			return SignInStep{}, derrors.New(derrors.NotFound, msgLinkGone)
		}
		return SignInStep{}, err
	}
	if err := a.store.ClearLoginFailures(ctx, u.Username); err != nil {
		return SignInStep{}, err
	}
	if enrol != nil {
		token, err := a.startSession(ctx, u)
		return SignInStep{User: u, Session: token, Next: "/", RecoveryCodes: codes}, err
	}
	return a.startSignIn(ctx, u, "/")
}
