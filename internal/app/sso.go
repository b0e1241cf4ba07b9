package app

import (
	"context"
	"errors"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// SSOIdentity is an account of a single-sign-on provider whose ID token
// the edge has verified (signature, issuer, audience, expiry, nonce).
type SSOIdentity struct {
	Issuer, Subject string
	// Claim is the claim that names the tiendo user on the first sign-in:
	// "preferred_username" (matched to the username) or "email".
	Claim string
	// Name is that claim's value: from the ID token, or from the
	// provider's userinfo answer when the ID token does not carry it.
	Name string
	// EmailVerified is the provider's email_verified for that address
	// (Claim "email"): an address the provider has not verified never
	// names a tiendo user, or whoever typed it would take the account.
	EmailVerified bool
}

// SignInWithIdentity signs in the tiendo user of a provider account:
// the user linked to it, or, on its first sign-in, the user the claim
// names (an e-mail address only when the provider has verified it), then
// linked. Accounts are not created by signing in (agency and role are
// the admin's to give), a user linked once stays with that provider
// account, and disabled users are refused: each refusal is a Forbidden
// with the message to show, and a refused sign-in writes nothing — every
// check comes before the link is stored. Then the sign-in goes on as any
// other (a second factor where the role requires one).
func (a *App) SignInWithIdentity(ctx context.Context, id SSOIdentity, next string) (_ SignInStep, err error) {
	defer derrors.Wrap(&err, "app.SignInWithIdentity")
	u, link, err := a.identityUser(ctx, id)
	if err != nil {
		return SignInStep{}, err
	}
	if u.Disabled {
		return SignInStep{}, derrors.New(derrors.Forbidden, "Tài khoản đã bị khóa. Hãy liên hệ quản trị viên.")
	}
	if link {
		if err := a.store.LinkIdentity(ctx, id.Issuer, id.Subject, u.ID); err != nil {
			return SignInStep{}, err
		}
	}
	return a.startSignIn(ctx, u, next)
}

// identityUser finds the user of id: by its link, or by the claim, and
// then link says that the link is to be stored (once every check passed).
func (a *App) identityUser(ctx context.Context, id SSOIdentity) (_ *auth.User, link bool, _ error) {
	u, err := a.store.UserByIdentity(ctx, id.Issuer, id.Subject)
	if !errors.Is(err, derrors.NotFound) {
		return u, false, err
	}
	name := strings.TrimSpace(id.Name)
	if name == "" {
		return nil, false, derrors.New(derrors.Forbidden, "Tài khoản đăng nhập một lần không có thông tin %s để đối chiếu. Hãy báo quản trị viên.", id.Claim)
	}
	if id.Claim == "email" && !id.EmailVerified {
		return nil, false, derrors.New(derrors.Forbidden, "Địa chỉ e-mail %s chưa được hệ thống đăng nhập một lần xác minh, nên không dùng được để nhận ra tài khoản tiendo. Hãy xác minh địa chỉ ở hệ thống đó rồi đăng nhập lại, hoặc báo quản trị viên.", clipRunes(name, 80))
	}
	if id.Claim == "email" {
		u, err = a.store.UserByEmail(ctx, name)
	} else {
		u, _, err = a.store.UserByName(ctx, name)
	}
	if errors.Is(err, derrors.NotFound) || errors.Is(err, derrors.Conflict) {
		return nil, false, derrors.New(derrors.Forbidden, "Tài khoản “%s” chưa có trong tiendo. Hãy nhờ quản trị viên tạo tài khoản (cơ quan, vai trò) rồi đăng nhập lại.", clipRunes(name, 80))
	}
	if err != nil {
		return nil, false, err
	}
	// A user linked once stays with that provider account: another account
	// now carrying the same name (a reused or renamed login) does not get in.
	if linked, err := a.store.UserHasIdentity(ctx, id.Issuer, u.ID); err != nil {
		return nil, false, err
	} else if linked {
		return nil, false, derrors.New(derrors.Forbidden, "Tài khoản tiendo “%s” đã liên kết với một tài khoản đăng nhập một lần khác. Hãy báo quản trị viên.", u.Username)
	}
	return u, true, nil
}

// clipRunes shortens s to at most n characters, marking the cut with "…",
// so that a provider's claim cannot fill a message.
func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
