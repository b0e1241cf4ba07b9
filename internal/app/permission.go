package app

import (
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// checkPermission refuses (Forbidden) a user whose role lacks perm. The
// edges check the same at the route; the use case checks again so that no
// caller (a job, a command, a new route) can forget it.
func (a *App) checkPermission(by *auth.User, perm auth.Permission) error {
	if by == nil || !auth.Can(by, perm) {
		return derrors.New(derrors.Forbidden, "Tài khoản của bạn không có quyền thực hiện thao tác này.")
	}
	return nil
}
