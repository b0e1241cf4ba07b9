package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/vntext"
)

// maxTokenName bounds a token's name, in characters.
const maxTokenName = 100

// Tokens lists by's own API tokens, newest first — never the tokens
// themselves, which exist only as hashes.
func (a *App) Tokens(ctx context.Context, by *auth.User) ([]auth.Token, error) {
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return nil, err
	}
	return a.store.Tokens(ctx, by.ID)
}

// TokenRequest is what a person asks of a new API token.
type TokenRequest struct {
	Name  string // to recognise it by: where it is used
	Scope auth.TokenScope
	Days  int // its lifetime, one of auth.TokenDays
}

// CreateToken makes an API token for by and returns it: the only time it
// is seen, since only its hash is stored. A person's token always expires
// (auth.TokenDays); an Invalid names the field at fault.
func (a *App) CreateToken(ctx context.Context, by *auth.User, in TokenRequest) (token string, err error) {
	defer derrors.Wrap(&err, "app.CreateToken")
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return "", err
	}
	name := strings.TrimSpace(vntext.NFC(in.Name))
	field, msg := "", ""
	switch {
	case name == "":
		field, msg = "name", "Hãy đặt tên cho mã (ví dụ: \"Phần mềm tổng hợp của Sở\") để sau này biết mã nào dùng ở đâu."
	case utf8.RuneCountInString(name) > maxTokenName:
		field, msg = "name", "Tên mã dài quá 100 ký tự."
	case !in.Scope.Valid():
		field, msg = "scope", "Hãy chọn phạm vi của mã."
	case !slices.Contains(auth.TokenDays, in.Days):
		field, msg = "days", "Hãy chọn thời hạn của mã (tối đa 365 ngày)."
	}
	if msg != "" {
		return "", derrors.InvalidFields(map[string]string{field: msg}, msg)
	}
	token, hash := auth.NewToken()
	expires := a.clock.Now().AddDate(0, 0, in.Days)
	if _, err := a.store.CreateScopedToken(ctx, by.ID, by.ID, hash, name, in.Scope, expires); errors.Is(err, derrors.Conflict) {
		return "", derrors.New(derrors.Forbidden, "Tài khoản đã bị khóa nên không tạo được mã truy cập.")
	} else if err != nil {
		return "", err
	}
	return token, nil
}

// RevokeToken revokes one of by's own tokens: programs using it are
// refused from now on. Another user's token, or one already revoked, is
// NotFound.
func (a *App) RevokeToken(ctx context.Context, by *auth.User, id int64) error {
	if err := a.checkPermission(by, auth.OwnAccount); err != nil {
		return err
	}
	return a.store.RevokeTokenID(ctx, by.ID, by.ID, id)
}
