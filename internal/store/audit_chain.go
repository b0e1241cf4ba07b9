package store

import (
	"context"
	"database/sql"

	"tiendo/internal/audit"
)

// The audit log is a hash chain: each row carries its place (seq) and the
// hash of its fields chained after the row before (audit.Hash says how).
// audit_head keeps the last seq and hash, so that rows cut off the end are
// noticed. This file keeps the chain in the database; internal/audit holds
// its rules.

// auditHead reads the chain's head in tx. On PostgreSQL it locks the head
// row until tx ends, so concurrent writers append one after another and the
// chain never forks; SQLite's single writer already serialises them.
func (s *Store) auditHead(ctx context.Context, tx *sql.Tx) (seq int64, hash string, err error) {
	q := `SELECT seq, hash FROM audit_head WHERE id = 1`
	if s.dialect == dialectPostgres {
		q += ` FOR UPDATE`
	}
	err = s.tqueryRow(ctx, tx, q).Scan(&seq, &hash)
	return seq, hash, err
}

// setAuditHead moves the chain's head in tx.
func (s *Store) setAuditHead(ctx context.Context, tx *sql.Tx, seq int64, hash string) error {
	_, err := s.texec(ctx, tx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, seq, hash)
	return err
}

// chainOldAudit chains rows written before the chain existed (hash NULL),
// in id order, in one transaction. It runs at Open, once: after the chain
// has started, a row without a hash was put there behind the store's back
// and VerifyAudit reports it instead of adopting it.
func (s *Store) chainOldAudit(ctx context.Context) (err error) {
	defer wrap(&err, "store.chainOldAudit")
	var pending bool
	if err := s.w.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM audit_log WHERE hash IS NULL)`).Scan(&pending); err != nil || !pending {
		return err
	}
	return s.Transact(ctx, func(tx *sql.Tx) error {
		seq, hash, err := s.auditHead(ctx, tx)
		if err != nil || seq > 0 {
			return err
		}
		rows, err := s.query(ctx, tx, `SELECT id, at, user_id, action, object, object_id, detail
			FROM audit_log WHERE hash IS NULL ORDER BY id`)
		if err != nil {
			return err
		}
		type pendingRow struct {
			id int64
			l  audit.Link
		}
		var list []pendingRow
		for rows.Next() {
			var p pendingRow
			if err := rows.Scan(&p.id, timeCol{&p.l.At}, idCol{&p.l.UserID}, &p.l.Action, &p.l.Object, idCol{&p.l.ObjectID}, &p.l.Detail); err != nil {
				rows.Close()
				return err
			}
			list = append(list, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, p := range list {
			seq++
			p.l.Seq = seq
			hash = audit.Hash(hash, p.l)
			if _, err := s.exec(ctx, tx, `UPDATE audit_log SET seq = ?, hash = ? WHERE id = ?`, seq, hash, p.id); err != nil {
				return err
			}
		}
		return s.setAuditHead(ctx, tx, seq, hash)
	})
}

// VerifyAudit reads the whole chain in seq order, with its head and the
// count of rows outside it, and has audit.Verifier judge it: the result
// names the first broken link, if any.
func (s *Store) VerifyAudit(ctx context.Context) (v audit.Verification, err error) {
	defer wrap(&err, "store.VerifyAudit")
	var headSeq int64
	var head string
	if err := s.r.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &head); err != nil {
		return v, err
	}
	var unchained int64
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE seq IS NULL OR hash IS NULL`).Scan(&unchained); err != nil {
		return v, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, seq, at, user_id, action, object, object_id, detail, hash
		FROM audit_log WHERE seq IS NOT NULL ORDER BY seq`)
	if err != nil {
		return v, err
	}
	defer rows.Close()
	check := audit.NewVerifier(headSeq, head, unchained)
	for rows.Next() {
		var id int64
		var l audit.Link
		var hash sql.NullString
		if err := rows.Scan(&id, &l.Seq, timeCol{&l.At}, idCol{&l.UserID}, &l.Action, &l.Object, idCol{&l.ObjectID}, &l.Detail, &hash); err != nil {
			return v, err
		}
		if !check.Add(id, l, hash.String, hash.Valid) {
			return check.Result(), nil
		}
	}
	if err := rows.Err(); err != nil {
		return v, err
	}
	return check.Result(), nil
}
