package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"

	"tiendo/internal/audit"
)

// audit appends an audit row in tx, the transaction of the write it
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

// auditMany appends several audit rows in tx, chained in order, 500 to an
// INSERT (accepting a report touches every task it reports on).
func (s *Store) auditMany(ctx context.Context, tx *sql.Tx, actor int64, rows []auditRow) error {
	if len(rows) == 0 {
		return nil
	}
	seq, hash, err := s.auditHead(ctx, tx)
	if err != nil {
		return err
	}
	at := now()
	for chunk := range slices.Chunk(rows, 500) {
		args := make([]any, 0, 8*len(chunk))
		for _, r := range chunk {
			d := []byte("{}")
			if r.detail != nil {
				if d, err = json.Marshal(r.detail); err != nil {
					return err
				}
			}
			seq++
			hash = audit.Hash(hash, audit.Link{Seq: seq, At: at, UserID: actor, Action: r.action, Object: r.object, ObjectID: r.objectID, Detail: string(d)})
			args = append(args, seq, tsArg(at), refArg(actor), r.action, r.object, refArg(r.objectID), string(d), hash)
		}
		q := `INSERT INTO audit_log (seq, at, user_id, action, object, object_id, detail, hash) VALUES ` + rowsOf(len(chunk), 8)
		if len(chunk) == 1 {
			_, err = s.texec(ctx, tx, q, args...)
		} else {
			_, err = s.exec(ctx, tx, q, args...)
		}
		if err != nil {
			return err
		}
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
// compared as JSON, which is also how they are logged.
func (c changes) add(field string, before, after any) {
	b, _ := json.Marshal(before)
	a, _ := json.Marshal(after)
	if string(b) != string(a) {
		c[field] = change{before, after}
	}
}
