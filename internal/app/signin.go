package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// Sign-in refusals. The first never says whether the username or the
// password was wrong, so that the form cannot be used to find out which
// accounts exist.
const (
	msgBadLogin = "Tên đăng nhập hoặc mật khẩu không đúng."
	msgBadCode  = "Mã xác thực không đúng, đã hết hạn hoặc đã được dùng. Hãy nhập mã 6 chữ số mới nhất trong ứng dụng xác thực, hoặc một mã khôi phục chưa dùng."
	msgEnrolBad = "Mã chưa đúng. Hãy kiểm tra giờ trên điện thoại là giờ tự động, quét lại mã QR nếu cần, rồi nhập mã 6 chữ số đang hiện."
	// msgNeedsLink answers a right password (or single sign-on) for an
	// account that must use a second factor and has not enrolled one.
	msgNeedsLink = "Vai trò của tài khoản này bắt buộc đăng nhập hai lớp nhưng tài khoản chưa thiết lập. Hãy mở đường dẫn thiết lập một lần mà quản trị viên gửi cho bạn (đặt mật khẩu và bật xác thực hai lớp); nếu chưa có hoặc đã hết hạn, hãy nhờ quản trị viên cấp đường dẫn mới."
)

// PasswordSignIn is a sign-in with a username and password.
type PasswordSignIn struct {
	Username, Password string
	IP                 string // the client's address: failures are counted under it too
	Next               string // where to go once signed in, already checked by the edge
}

// SignInStep is where a right credential leads: a session now, or the
// second-factor step first.
type SignInStep struct {
	User *auth.User
	// Session is the new session's token, for the edge to hand the
	// browser, once signed in; "" while a second factor is due.
	Session string
	// Challenge is the token of the second-factor step when one is due
	// (it lives ChallengeTTL).
	Challenge string
	// Next is where to go once signed in.
	Next string
	// RecoveryCodes are the new recovery codes after an enrolment through
	// a password link, shown once: only their hashes are stored.
	RecoveryCodes []string
}

// SignInWithPassword checks a username and password and starts a session,
// or the second-factor step. Failures are counted per account and per
// address (auth.LoginRule); past the limit sign-in is refused with an
// *auth.LockedError for a while, even with the right password. A wrong
// username or password is a Forbidden that does not say which; an unknown
// username costs the same time as a known one (a decoy hash is checked).
func (a *App) SignInWithPassword(ctx context.Context, in PasswordSignIn) (_ SignInStep, err error) {
	defer derrors.Wrap(&err, "app.SignInWithPassword")
	name := strings.TrimSpace(in.Username)
	if name == "" || in.Password == "" || len(name) > MaxCredential || len(in.Password) > MaxCredential {
		return SignInStep{}, derrors.New(derrors.Forbidden, msgBadLogin)
	}
	if err := a.checkSignInLock(ctx, name, in.IP); err != nil {
		return SignInStep{}, err
	}
	fail := func(reason string) (SignInStep, error) {
		if err := a.recordSignInFailure(ctx, name, in.IP, reason); err != nil {
			return SignInStep{}, err
		}
		return SignInStep{}, derrors.New(derrors.Forbidden, msgBadLogin)
	}
	u, hash, err := a.store.UserByName(ctx, name)
	if errors.Is(err, derrors.NotFound) {
		// Spend the same time as for a real account.
		_, _ = auth.VerifyPassword(in.Password, a.signIn.decoyHash())
		return fail("unknown user")
	}
	if err != nil {
		return SignInStep{}, err
	}
	if hash == "" {
		// Not set up yet: the setup link sets the first password.
		_, _ = auth.VerifyPassword(in.Password, a.signIn.decoyHash())
		return fail("no password")
	}
	ok, err := auth.VerifyPassword(in.Password, hash)
	if err != nil {
		return SignInStep{}, err
	}
	if !ok {
		return fail("password")
	}
	if u.Disabled {
		return fail("disabled")
	}
	if err := a.store.ClearLoginFailures(ctx, name); err != nil {
		return SignInStep{}, err
	}
	return a.startSignIn(ctx, u, in.Next)
}

// startSignIn is where every way of signing in (password, single sign-on,
// a password link) ends once it knows who u is. A user with TOTP is given
// a short-lived challenge for the second-factor step, which is not a
// session; everyone else gets a session now — except a user whose role
// requires a second factor and who has none yet: that person enrols
// through a password link from an administrator (UsePasswordLink), never
// from a password alone, so a Forbidden says so (msgNeedsLink).
func (a *App) startSignIn(ctx context.Context, u *auth.User, next string) (SignInStep, error) {
	tf, err := a.store.UserTwoFactor(ctx, u.ID)
	if err != nil {
		return SignInStep{}, err
	}
	if !tf.Enabled() {
		if a.signIn.twoFactor[u.Role] {
			return SignInStep{}, derrors.New(derrors.Forbidden, msgNeedsLink)
		}
		token, err := a.startSession(ctx, u)
		return SignInStep{User: u, Session: token, Next: next}, err
	}
	c := auth.LoginChallenge{UserID: u.ID, Next: next}
	token, tokenHash := auth.NewToken()
	if err := a.store.CreateLoginChallenge(ctx, tokenHash, c, a.clock.Now().Add(ChallengeTTL)); err != nil {
		return SignInStep{}, err
	}
	return SignInStep{User: u, Challenge: token, Next: next}, nil
}

// SignInChallenge returns the sign-in waiting for its second factor under
// token, with its user; NotFound when there is none (expired, used, its
// user disabled, or no token at all). Challenges from before the password
// links, which enrolled at sign-in, are NotFound too.
func (a *App) SignInChallenge(ctx context.Context, token string) (auth.LoginChallenge, *auth.User, error) {
	if token == "" {
		return auth.LoginChallenge{}, nil, derrors.NotFound
	}
	c, err := a.store.LoginChallengeByHash(ctx, auth.HashToken(token), a.clock.Now())
	if err != nil {
		return c, nil, err
	}
	if c.Enrolment() {
		return c, nil, derrors.NotFound
	}
	u, err := a.store.User(ctx, c.UserID)
	if err != nil {
		return c, nil, err
	}
	return c, u, nil
}

// SecondFactor is the second step of a sign-in: the challenge's token, the
// code typed and the client's address.
type SecondFactor struct {
	Challenge, Code, IP string
}

// SignInSecondFactor checks the second factor — a TOTP code (each
// time-step accepted once) or a one-time recovery code — and starts the
// session. Wrong codes count toward the sign-in lock like wrong passwords
// and are a Forbidden with the message to show; a lock ends this attempt
// at signing in altogether (the challenge is deleted) with an
// *auth.LockedError. NotFound when there is no such challenge.
func (a *App) SignInSecondFactor(ctx context.Context, in SecondFactor) (_ SignInStep, err error) {
	defer derrors.Wrap(&err, "app.SignInSecondFactor")
	c, u, err := a.SignInChallenge(ctx, in.Challenge)
	if err != nil {
		return SignInStep{}, err
	}
	tokenHash := auth.HashToken(in.Challenge)
	if err := a.checkSignInLock(ctx, u.Username, in.IP); err != nil {
		if derr := a.store.DeleteLoginChallenge(ctx, tokenHash); derr != nil {
			return SignInStep{}, derr
		}
		return SignInStep{}, err
	}
	tf, err := a.store.UserTwoFactor(ctx, u.ID)
	if err != nil {
		return SignInStep{}, err
	}
	if !a.checkSecondFactor(ctx, u, tf, strings.TrimSpace(in.Code), a.signIn.totp.Now()) {
		if err := a.recordSignInFailure(ctx, u.Username, in.IP, "second factor"); err != nil {
			return SignInStep{}, err
		}
		return SignInStep{}, derrors.New(derrors.Forbidden, msgBadCode)
	}
	if err := a.store.DeleteLoginChallenge(ctx, tokenHash); err != nil {
		return SignInStep{}, err
	}
	if err := a.store.ClearLoginFailures(ctx, u.Username); err != nil {
		return SignInStep{}, err
	}
	token, err := a.startSession(ctx, u)
	return SignInStep{User: u, Session: token, Next: c.Next}, err
}

// checkSignInLock refuses (*auth.LockedError) a sign-in as username from
// ip while the throttle locks it.
func (a *App) checkSignInLock(ctx context.Context, username, ip string) error {
	f, err := a.store.LoginFailures(ctx, username, ip, a.signIn.wall.Now().Add(-a.signIn.logins.Window))
	if err != nil {
		return err
	}
	if lock := a.signIn.logins.Lock(f); lock.Locked() {
		return &auth.LockedError{Lock: lock}
	}
	return nil
}

// recordSignInFailure counts a failure toward the lock (on the real
// clock) and audits it with its reason.
func (a *App) recordSignInFailure(ctx context.Context, username, ip, reason string) error {
	return a.store.RecordLoginFailure(ctx, username, ip, reason, a.signIn.wall.Now())
}

// checkSecondFactor accepts a TOTP code of the time at not used before, or
// an unused recovery code (spent by the check). A failure to record the
// use is logged and refuses the code.
func (a *App) checkSecondFactor(ctx context.Context, u *auth.User, tf auth.TwoFactor, code string, at time.Time) bool {
	if code == "" || len(code) > 64 || !tf.Enabled() {
		return false
	}
	if step, ok := auth.TOTPStep(code, tf.Secret, at); ok {
		err := a.store.UseTOTPStep(ctx, u.ID, step)
		if err != nil && !errors.Is(err, derrors.Conflict) {
			a.log.Error("app: recording a TOTP step", "user", u.ID, "err", err)
		}
		return err == nil
	}
	err := a.store.UseRecoveryCode(ctx, u.ID, auth.HashRecoveryCode(code))
	if err != nil && !errors.Is(err, derrors.NotFound) {
		a.log.Error("app: spending a recovery code", "user", u.ID, "err", err)
	}
	return err == nil
}
