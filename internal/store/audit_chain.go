package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// The audit log is a hash chain. Row n (seq n, from 1) carries
//
//	hash_n = hex(SHA-256(hash_{n-1} ‖ field_1 ‖ … ‖ field_7))
//
// where hash_0 is the empty string and each field is written as its byte
// length (8 bytes, big-endian) followed by its UTF-8 bytes, in this order:
// seq (decimal), at (UTC, "2006-01-02T15:04:05.000000Z"), user_id (decimal,
// "" for the system), action, object, object_id (decimal, "" when none),
// detail (the stored JSON text). The length prefixes make the encoding
// unambiguous, so no two different rows hash alike; anyone can re-check the
// chain from a copy of the table with these rules (docs/security/audit.md).
// audit_head keeps the last seq and hash: without it, cutting rows off the
// end would leave a shorter chain that still verifies.

// auditTimeLayout is how at enters the hash: microseconds, as stored.
const auditTimeLayout = "2006-01-02T15:04:05.000000Z"

// chainLink is the part of an audit row that the chain covers.
type chainLink struct {
	seq            int64
	at             time.Time
	userID         int64
	action, object string
	objectID       int64
	detail         string
}

// auditHash returns the hash of link chained after prev.
func auditHash(prev string, l chainLink) string {
	h := sha256.New()
	var n [8]byte
	field := func(s string) {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	id := func(v int64) string {
		if v == 0 {
			return ""
		}
		return strconv.FormatInt(v, 10)
	}
	h.Write([]byte(prev))
	field(strconv.FormatInt(l.seq, 10))
	field(l.at.UTC().Format(auditTimeLayout))
	field(id(l.userID))
	field(l.action)
	field(l.object)
	field(id(l.objectID))
	field(l.detail)
	return hex.EncodeToString(h.Sum(nil))
}

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
			l  chainLink
		}
		var list []pendingRow
		for rows.Next() {
			var p pendingRow
			if err := rows.Scan(&p.id, timeCol{&p.l.at}, idCol{&p.l.userID}, &p.l.action, &p.l.object, idCol{&p.l.objectID}, &p.l.detail); err != nil {
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
			p.l.seq = seq
			hash = auditHash(hash, p.l)
			if _, err := s.exec(ctx, tx, `UPDATE audit_log SET seq = ?, hash = ? WHERE id = ?`, seq, hash, p.id); err != nil {
				return err
			}
		}
		return s.setAuditHead(ctx, tx, seq, hash)
	})
}

// AuditVerification is what VerifyAudit found.
type AuditVerification struct {
	Entries int64  // rows checked
	Head    string // the head hash (audit_head), to note down outside the database
	Broken  *AuditBreak
}

// AuditBreak is the first broken link of the chain.
type AuditBreak struct {
	Seq    int64 // the chain position where the check failed
	ID     int64 // the row's id, 0 when the row is missing
	Reason string
}

func (b *AuditBreak) String() string {
	if b.ID == 0 {
		return fmt.Sprintf("mắt xích %d: %s", b.Seq, b.Reason)
	}
	return fmt.Sprintf("mắt xích %d (bản ghi id %d): %s", b.Seq, b.ID, b.Reason)
}

// VerifyAudit recomputes the whole chain in seq order and reports the
// first broken link: a row whose fields no longer give its hash (altered),
// a gap or a row out of place (deleted or inserted), a row left unchained,
// or a head that does not match the last row (rows cut off the end).
func (s *Store) VerifyAudit(ctx context.Context) (v AuditVerification, err error) {
	defer wrap(&err, "store.VerifyAudit")
	var headSeq int64
	if err := s.r.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &v.Head); err != nil {
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
	prev := ""
	for rows.Next() {
		var id int64
		var l chainLink
		var hash sql.NullString
		if err := rows.Scan(&id, &l.seq, timeCol{&l.at}, idCol{&l.userID}, &l.action, &l.object, idCol{&l.objectID}, &l.detail, &hash); err != nil {
			return v, err
		}
		want := v.Entries + 1
		switch {
		case l.seq != want:
			v.Broken = &AuditBreak{Seq: want, Reason: fmt.Sprintf("thiếu bản ghi (tiếp theo là mắt xích %d) — bản ghi đã bị xoá", l.seq)}
		case !hash.Valid || auditHash(prev, l) != hash.String:
			v.Broken = &AuditBreak{Seq: l.seq, ID: id, Reason: "mã băm không khớp — bản ghi này hoặc bản ghi ngay trước đã bị sửa"}
		}
		if v.Broken != nil {
			return v, nil
		}
		prev = hash.String
		v.Entries++
	}
	if err := rows.Err(); err != nil {
		return v, err
	}
	switch {
	case headSeq != v.Entries || v.Head != prev:
		v.Broken = &AuditBreak{Seq: v.Entries + 1, Reason: fmt.Sprintf("đầu chuỗi ghi mắt xích %d nhưng chuỗi chỉ có %d — bản ghi cuối đã bị xoá hoặc đầu chuỗi bị sửa", headSeq, v.Entries)}
	case unchained > 0:
		v.Broken = &AuditBreak{Seq: v.Entries + 1, Reason: fmt.Sprintf("%d bản ghi nằm ngoài chuỗi (được chèn thẳng vào cơ sở dữ liệu)", unchained)}
	}
	return v, nil
}
