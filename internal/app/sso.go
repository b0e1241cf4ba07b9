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
	// Name is that claim's value in the ID token.
	Name string
}

// SignInWithIdentity signs in the tiendo user of a provider account:
// the user linked to it, or, on its first sign-in, the user the claim
// names, then linked. Accounts are not created by signing in (agency and
// role are the admin's to give), a user linked once stays with that
// provider account, and disabled users are refused: each refusal is a
// Forbidden with the message to show. Then the sign-in goes on as any
// other (a second factor where the role requires one).
func (a *App) SignInWithIdentity(ctx context.Context, id SSOIdentity, next string) (_ SignInStep, err error) {
	defer derrors.Wrap(&err, "app.SignInWithIdentity")
	u, err := a.identityUser(ctx, id)
	if err != nil {
		return SignInStep{}, err
	}
	if u.Disabled {
		return SignInStep{}, derrors.New(derrors.Forbidden, "Tài khoản đã bị khóa. Hãy liên hệ quản trị viên.")
	}
	return a.startSignIn(ctx, u, next)
}

// identityUser finds the user of id: by its link, or by the claim (then
// linked).
func (a *App) identityUser(ctx context.Context, id SSOIdentity) (*auth.User, error) {
	u, err := a.store.UserByIdentity(ctx, id.Issuer, id.Subject)
	if !errors.Is(err, derrors.NotFound) {
		return u, err
	}
	name := strings.TrimSpace(id.Name)
	if name == "" {
		return nil, derrors.New(derrors.Forbidden, "Tài khoản đăng nhập một lần không có thông tin %s để đối chiếu. Hãy báo quản trị viên.", id.Claim)
	}
	if id.Claim == "email" {
		u, err = a.store.UserByEmail(ctx, name)
	} else {
		u, _, err = a.store.UserByName(ctx, name)
	}
	if errors.Is(err, derrors.NotFound) || errors.Is(err, derrors.Conflict) {
		return nil, derrors.New(derrors.Forbidden, "Tài khoản “%s” chưa có trong tiendo. Hãy nhờ quản trị viên tạo tài khoản (cơ quan, vai trò) rồi đăng nhập lại.", clipRunes(name, 80))
	}
	if err != nil {
		return nil, err
	}
	// A user linked once stays with that provider account: another account
	// now carrying the same name (a reused or renamed login) does not get in.
	if linked, err := a.store.UserHasIdentity(ctx, id.Issuer, u.ID); err != nil {
		return nil, err
	} else if linked {
		return nil, derrors.New(derrors.Forbidden, "Tài khoản tiendo “%s” đã liên kết với một tài khoản đăng nhập một lần khác. Hãy báo quản trị viên.", u.Username)
	}
	if err := a.store.LinkIdentity(ctx, id.Issuer, id.Subject, u.ID); err != nil {
		return nil, err
	}
	return u, nil
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
