package app

import (
	"context"

	"tiendo/internal/agency"
	"tiendo/internal/audit"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
)

// SearchAudit lists the audit entries that match f, newest first, at most
// f.Limit (1 to 100 000; 100 when unset), for those who read the audit
// log. A filter that cannot match (it ends before it starts) is an Invalid
// with the message to show.
func (a *App) SearchAudit(ctx context.Context, by *auth.User, f audit.Filter) ([]audit.Row, error) {
	if err := a.checkPermission(by, auth.ReadAudit); err != nil {
		return nil, err
	}
	if problem := f.Check(); problem != "" {
		return nil, derrors.New(derrors.Invalid, "%s", problem)
	}
	return a.store.AuditSearch(ctx, f)
}

// AuditChoices are what the audit page's filter offers: who may have
// acted, their agencies, and the kinds of object the log names.
type AuditChoices struct {
	Users    []auth.User
	Agencies []agency.Agency
	Objects  []string
}

// AuditFilterChoices reads the audit page's filter choices.
func (a *App) AuditFilterChoices(ctx context.Context, by *auth.User) (c AuditChoices, err error) {
	if err := a.checkPermission(by, auth.ReadAudit); err != nil {
		return c, err
	}
	if c.Users, err = a.store.Users(ctx); err != nil {
		return c, err
	}
	if c.Agencies, err = a.store.Agencies(ctx); err != nil {
		return c, err
	}
	c.Objects, err = a.store.AuditObjects(ctx)
	return c, err
}
