package app

import (
	"context"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// Sessions and API tokens are random tokens handed to the browser or the
// program; the store keeps only their SHA-256 (auth.HashToken), so a copy
// of the database hands out no session.

// startSession stores a new session for u and returns its token, for the
// edge to set as a cookie.
func (a *App) startSession(ctx context.Context, u *auth.User) (string, error) {
	token, tokenHash := auth.NewToken()
	if err := a.store.StartSession(ctx, tokenHash, u.ID, a.clock.Now(), a.signIn.sessions, nil); err != nil {
		return "", err
	}
	return token, nil
}

// SessionUser returns the user of the live session with this token and
// keeps the session alive; NotFound when there is none (absent, past its
// idle or absolute limit, its user disabled).
func (a *App) SessionUser(ctx context.Context, token string) (*auth.User, error) {
	if token == "" {
		return nil, derrors.NotFound
	}
	return a.store.SessionUser(ctx, auth.HashToken(token), a.clock.Now())
}

// TokenUser returns the user of the live API token token and the token's
// scope, and records its use; NotFound when there is none (absent,
// expired, revoked, its user disabled).
func (a *App) TokenUser(ctx context.Context, token string) (*auth.User, auth.TokenScope, error) {
	if token == "" {
		return nil, "", derrors.NotFound
	}
	return a.store.TokenUserScope(ctx, auth.HashToken(token), a.clock.Now())
}

// SignOut ends the session with this token in the database, so that a
// copied cookie dies with it. Ending a session already gone is not an
// error.
func (a *App) SignOut(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return a.store.DeleteSession(ctx, auth.HashToken(token))
}

// SignOutEverywhere ends every session of by — this browser's and those
// on other devices (a PC left signed in elsewhere, a lost phone).
func (a *App) SignOutEverywhere(ctx context.Context, by *auth.User) error {
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return err
	}
	_, err := a.store.DeleteUserSessions(ctx, by.ID, by.ID, nil)
	return err
}
