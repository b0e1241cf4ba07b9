package store

import (
	"context"
	"strings"

	"tiendo/internal/audit"
)

// AuditSearch lists the audit entries that match f, newest first, at most
// f.Limit (1 to 100 000; 100 when unset). Every condition is a bound
// parameter; none is built from the filter's text.
func (s *Store) AuditSearch(ctx context.Context, f audit.Filter) (list []audit.Row, err error) {
	defer wrap(&err, "store.AuditSearch")
	var where []string
	var args []any
	add := func(cond string, arg any) {
		where = append(where, cond)
		args = append(args, arg)
	}
	if f.UserID > 0 {
		add("a.user_id = ?", f.UserID)
	}
	if f.AgencyID > 0 {
		add("u.agency_id = ?", f.AgencyID)
	}
	if f.Object != "" {
		add("a.object = ?", f.Object)
		if f.ObjectID > 0 {
			add("a.object_id = ?", f.ObjectID)
		}
	}
	if !f.From.IsZero() {
		add("a.at >= ?", tsArg(f.From))
	}
	if !f.To.IsZero() {
		add("a.at < ?", tsArg(f.To.AddDate(0, 0, 1)))
	}
	if f.Before > 0 {
		add("a.id < ?", f.Before)
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	f.Limit = min(f.Limit, 100_000)
	q := `SELECT a.id, COALESCE(a.seq, 0), a.at, a.user_id, a.action, a.object, a.object_id, a.detail,
		COALESCE(u.username, ''), COALESCE(u.full_name, ''), COALESCE(g.name, '')
		FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN agencies g ON g.id = u.agency_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY a.id DESC LIMIT ?"
	args = append(args, f.Limit)
	rows, err := s.queryOnce(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e audit.Row
		if err := rows.Scan(&e.ID, &e.Seq, timeCol{&e.At}, idCol{&e.UserID}, &e.Action, &e.Object, idCol{&e.ObjectID}, &e.Detail,
			&e.Username, &e.FullName, &e.ActorAgency); err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, rows.Err()
}

// AuditObjects lists the kinds of object the audit log names, for the
// audit page's filter. The log grows without end and names a dozen kinds,
// so the kinds are found by one index seek each (the next object after the
// last one found) instead of reading the whole index as DISTINCT would.
func (s *Store) AuditObjects(ctx context.Context) (list []string, err error) {
	defer wrap(&err, "store.AuditObjects")
	rows, err := s.query(ctx, s.r, `WITH RECURSIVE kinds (object) AS (
			SELECT MIN(object) FROM audit_log
			UNION ALL
			SELECT (SELECT MIN(object) FROM audit_log WHERE object > kinds.object) FROM kinds WHERE kinds.object IS NOT NULL)
		SELECT object FROM kinds WHERE object IS NOT NULL ORDER BY object`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			return nil, err
		}
		list = append(list, o)
	}
	return list, rows.Err()
}
