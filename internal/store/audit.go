package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"

	"tiendo/internal/audit"
)

// audit records an audit row in tx, the transaction of the write it
// records, so that a write and its record commit or vanish together.
// detail is marshalled to JSON (nil gives {}). The row is chained to the
// one before it (audit_chain.go, by the rules of internal/audit).
func (s *Store) audit(ctx context.Context, tx *sql.Tx, actor int64, action, object string, objectID int64, detail any) error {
	return s.auditMany(ctx, tx, actor, []auditRow{{action, object, objectID, detail}})
}

// auditRow is one row for auditMany.
type auditRow struct {
	action, object string
	objectID       int64
	detail         any
}

// auditMany records several audit rows in tx, in order (accepting a report
// touches every task it reports on).
//
// The rows are queued with tx and appended to the chain by Transact just
// before it commits (appendAudit), not here: appending locks the chain's
// head until the commit on PostgreSQL, and a write that audited first and
// then ran its other statements held every other writer behind it for
// all of them (issue 21: half the deadline's writers were waiting on that
// lock). The details are marshalled now, so a bad one fails its caller.
func (s *Store) auditMany(ctx context.Context, tx *sql.Tx, actor int64, rows []auditRow) error {
	q, ok := s.auditQueue.Load(tx)
	if !ok {
		return errors.New("store: audit outside Transact")
	}
	queue := q.(*auditQueue)
	for _, r := range rows {
		d := []byte("{}")
		if r.detail != nil {
			var err error
			if d, err = json.Marshal(r.detail); err != nil {
				return err
			}
		}
		queue.rows = append(queue.rows, queuedAudit{actor, r.action, r.object, r.objectID, string(d)})
	}
	return nil
}

// auditQueue holds a transaction's audit rows until it commits.
type auditQueue struct{ rows []queuedAudit }

// queuedAudit is an audit row with its detail marshalled.
type queuedAudit struct {
	actor          int64
	action, object string
	objectID       int64
	detail         string
}

// appendAudit appends q's rows to the chain in tx, in order, 500 to an
// INSERT, and moves the head: the last statements of the transaction, so
// the head is locked (PostgreSQL) only for them and the commit. On
// PostgreSQL that is one statement (appendAuditPostgres), which also sends
// the writer's watch marker mark (its payload; "" for none).
func (s *Store) appendAudit(ctx context.Context, tx *sql.Tx, q *auditQueue, mark string) error {
	if len(q.rows) == 0 {
		return nil
	}
	if s.dialect == dialectPostgres {
		return s.appendAuditPostgres(ctx, tx, q, mark)
	}
	seq, hash, err := s.auditHead(ctx, tx)
	if err != nil {
		return err
	}
	at := now()
	for i, chunk := 0, []queuedAudit(nil); i < len(q.rows); i += len(chunk) {
		chunk = q.rows[i:min(i+500, len(q.rows))]
		args := make([]any, 0, 8*len(chunk))
		for _, r := range chunk {
			seq++
			hash = audit.Hash(hash, audit.Link{Seq: seq, At: at, UserID: r.actor, Action: r.action, Object: r.object, ObjectID: r.objectID, Detail: r.detail})
			args = append(args, seq, tsArg(at), refArg(r.actor), r.action, r.object, refArg(r.objectID), r.detail, hash)
		}
		last := i+len(chunk) == len(q.rows)
		if err := s.insertAudit(ctx, tx, args, len(chunk), last, seq, hash); err != nil {
			return err
		}
	}
	return nil
}

// appendAuditPostgres appends q's rows on PostgreSQL in one statement:
// audit_append (migration 00032) locks the head, chains the rows by
// audit.Hash's rules, inserts them and moves the head in the server. The
// head is then locked for that statement and the commit only, not across
// two round trips and the Go between them: every audited write waits on
// that lock (issue 21). A write with few rows sends that statement and its
// commit in one message (commitInBand); this is for the rest.
// TestAuditAppendMatchesHash holds audit_append to audit.Hash.
func (s *Store) appendAuditPostgres(ctx context.Context, tx *sql.Tx, q *auditQueue, mark string) error {
	stmt, args := s.auditAppendCall(q, mark)
	_, err := s.exec(ctx, tx, stmt, args...)
	return err
}

// auditAppendCall is the statement that appends q's rows on PostgreSQL,
// with its arguments: audit_append, and when audited transactions commit
// asynchronously the setting for that, and pg_notify when mark is not "".
func (s *Store) auditAppendCall(q *auditQueue, mark string) (string, []any) {
	at := now()
	n := len(q.rows)
	users, ids := make([]int64, n), make([]int64, n)
	actions, objects, details := make([]string, n), make([]string, n), make([]string, n)
	for i, r := range q.rows {
		users[i], actions[i], objects[i], ids[i], details[i] = r.actor, r.action, r.object, r.objectID, r.detail
	}
	stmt := `SELECT audit_append(?, ?, ?, ?, ?, ?, ?)`
	args := []any{tsArg(at), at.Format(audit.TimeLayout), users, actions, objects, ids, details}
	if s.asyncAudit {
		// The head is then released without waiting for the disk; Transact
		// flushes the WAL before it returns (commit_postgres.go).
		stmt += `, set_config('synchronous_commit', 'off', true)`
	}
	if mark != "" {
		stmt += `, pg_notify(?, ?)`
		args = append(args, *s.channel.Load(), mark)
	}
	return stmt, args
}

// insertAudit inserts n chained rows (args) and, when last, moves the head
// to seq and hash (SQLite: PostgreSQL appends with audit_append).
func (s *Store) insertAudit(ctx context.Context, tx *sql.Tx, args []any, n int, last bool, seq int64, hash string) error {
	ins := `INSERT INTO audit_log (seq, at, user_id, action, object, object_id, detail, hash) VALUES ` + rowsOf(n, 8)
	var err error
	if n == 1 {
		_, err = s.texec(ctx, tx, ins, args...)
	} else {
		_, err = s.exec(ctx, tx, ins, args...)
	}
	if err != nil || !last {
		return err
	}
	return s.setAuditHead(ctx, tx, seq, hash)
}

// AuditFor lists the audit history of one object ("task", "report",
// "plan", "extension", …) by its ID, oldest first. The history of a report
// includes its entries, contributions, values and files (they are audited
// under their report).
func (s *Store) AuditFor(ctx context.Context, object string, id int64) (entries []audit.Entry, err error) {
	defer wrap(&err, "store.AuditFor(%s %d)", object, id)
	rows, err := s.query(ctx, s.r,
		`SELECT id, at, user_id, action, object, object_id, detail FROM audit_log
		WHERE object = ? AND object_id = ? ORDER BY id`, object, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e audit.Entry
		if err := rows.Scan(&e.ID, timeCol{&e.At}, idCol{&e.UserID}, &e.Action, &e.Object, idCol{&e.ObjectID}, &e.Detail); err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	return entries, rows.Err()
}

// AuditEntries lists the latest audit entries, newest first.
func (s *Store) AuditEntries(ctx context.Context, limit int) (entries []audit.Entry, err error) {
	defer wrap(&err, "store.AuditEntries(%d)", limit)
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	rows, err := s.query(ctx, s.r,
		`SELECT id, at, user_id, action, object, object_id, detail FROM audit_log ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e audit.Entry
		if err := rows.Scan(&e.ID, timeCol{&e.At}, idCol{&e.UserID}, &e.Action, &e.Object, idCol{&e.ObjectID}, &e.Detail); err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	return entries, rows.Err()
}

// change is one changed field in an audit detail.
type change struct {
	Old any `json:"old"`
	New any `json:"new"`
}

// changes collects the fields an update changed, for its audit detail.
type changes map[string]change

// add records field when its value before and after differ. Values are
// compared as JSON, which is also how they are logged; values plainly
// equal (sameValue) are not marshalled: an edit compares a score of
// fields, most unchanged, inside its write transaction.
func (c changes) add(field string, before, after any) {
	if sameValue(before, after) {
		return
	}
	b, _ := json.Marshal(before)
	a, _ := json.Marshal(after)
	if string(b) != string(a) {
		c[field] = change{before, after}
	}
}

// sameValue reports whether a and b are the same value of one of the
// types changes.add mostly sees, so that their JSON is the same too. False
// says nothing: add compares the JSON then. A nil list and an empty one
// are not the same (null and []).
func sameValue(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case string:
		return same(a, b)
	case int:
		return same(a, b)
	case int64:
		return same(a, b)
	case bool:
		return same(a, b)
	case []int64:
		return sameList(a, b)
	case []string:
		return sameList(a, b)
	}
	return false
}

// same reports whether b is a T equal to a.
func same[T comparable](a T, b any) bool {
	v, ok := b.(T)
	return ok && a == v
}

// sameList reports whether b is a []T with a's elements, nil only when a is.
func sameList[T comparable](a []T, b any) bool {
	v, ok := b.([]T)
	return ok && (a == nil) == (v == nil) && slices.Equal(a, v)
}
