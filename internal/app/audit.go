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

// AuditLog is the audit page: the entries that match f, newest first (as
// SearchAudit), each said as a sentence with the names of what it points
// to, read in one query per kind of object.
func (a *App) AuditLog(ctx context.Context, by *auth.User, f audit.Filter) ([]audit.Line, error) {
	rows, err := a.SearchAudit(ctx, by, f)
	if err != nil {
		return nil, err
	}
	names, err := a.store.AuditNames(ctx, audit.Refs(rows))
	if err != nil {
		return nil, err
	}
	return audit.Lines(rows, names), nil
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
