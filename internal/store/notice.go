package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"tiendo/internal/notify"
	"tiendo/internal/vntext"
)

// In-app notices are the system's messages to one user (reminders, and
// the report flow's notices: flow_notice.go). They are not audited: they change no plan,
// task or report, and the reminder ledger already records why each
// reminder notice exists.

const noticeCols = `id, user_id, created_at, kind, text, link, read_at`

func scanNotice(sc scanner) (notify.Notice, error) {
	var n notify.Notice
	err := sc.Scan(&n.ID, &n.UserID, timeCol{&n.CreatedAt}, &n.Kind, &n.Text, &n.Link, timeCol{&n.ReadAt})
	return n, err
}

// AddNotice stores a notice for n.UserID and sets n.ID (and n.CreatedAt
// when zero); ErrReference when the user does not exist.
func (s *Store) AddNotice(ctx context.Context, n *notify.Notice) (err error) {
	defer wrap(&err, "store.AddNotice(user %d)", n.UserID)
	return s.Transact(ctx, func(tx *sql.Tx) error { return s.addNotice(ctx, tx, n) })
}

// addNotice inserts n inside tx (the reminder ledger adds notices in its
// claim transaction).
func (s *Store) addNotice(ctx context.Context, tx *sql.Tx, n *notify.Notice) error {
	if n.CreatedAt.IsZero() {
		n.CreatedAt = now()
	}
	n.CreatedAt = n.CreatedAt.UTC().Truncate(time.Microsecond)
	n.Text = vntext.NFC(n.Text)
	return s.tqueryRow(ctx, tx, `INSERT INTO notices (user_id, created_at, kind, text, link) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		n.UserID, tsArg(n.CreatedAt), n.Kind, n.Text, n.Link).Scan(&n.ID)
}

// addNotices adds notice n (UserID aside) for each of users in one
// statement per hundred — a report sent tells every coordinator, inside
// the step's transaction, while the other writers wait (issue 21) — and
// returns the smallest ID given.
func (s *Store) addNotices(ctx context.Context, tx *sql.Tx, users []int64, n notify.Notice) (first int64, err error) {
	if n.CreatedAt.IsZero() {
		n.CreatedAt = now()
	}
	at := tsArg(n.CreatedAt.UTC().Truncate(time.Microsecond))
	text := vntext.NFC(n.Text)
	for part := range slices.Chunk(users, 100) {
		var q strings.Builder
		q.WriteString(`INSERT INTO notices (user_id, created_at, kind, text, link) VALUES `)
		args := make([]any, 0, 5*len(part))
		for i, u := range part {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, ?, ?)")
			args = append(args, u, at, n.Kind, text, n.Link)
		}
		q.WriteString(` RETURNING id`)
		rows, err := s.query(ctx, tx, q.String(), args...)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return 0, err
			}
			if first == 0 || id < first {
				first = id
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
	}
	return first, nil
}

// maxNotices bounds one notice list.
const maxNotices = 200

// Notices lists a user's notices, newest first: all of them or, with
// unreadOnly, the unread ones; at most limit (1–200, else 50).
func (s *Store) Notices(ctx context.Context, userID int64, unreadOnly bool, limit int) (list []notify.Notice, err error) {
	defer wrap(&err, "store.Notices(user %d)", userID)
	if limit <= 0 || limit > maxNotices {
		limit = 50
	}
	q := `SELECT ` + noticeCols + ` FROM notices WHERE user_id = ? ORDER BY id DESC LIMIT ?`
	if unreadOnly {
		q = `SELECT ` + noticeCols + ` FROM notices WHERE user_id = ? AND read_at IS NULL ORDER BY id DESC LIMIT ?`
	}
	rows, err := s.query(ctx, s.r, q, userID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		n, err := scanNotice(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, n)
	}
	return list, rows.Err()
}

// UnreadNotices counts a user's unread notices (the number on the bell).
func (s *Store) UnreadNotices(ctx context.Context, userID int64) (n int, err error) {
	defer wrap(&err, "store.UnreadNotices(user %d)", userID)
	err = s.queryRow(ctx, s.r, `SELECT COUNT(*) FROM notices WHERE user_id = ? AND read_at IS NULL`, userID).Scan(&n)
	return n, err
}

// CountNotices counts all of a user's notices.
func (s *Store) CountNotices(ctx context.Context, userID int64) (n int, err error) {
	defer wrap(&err, "store.CountNotices(user %d)", userID)
	err = s.queryRow(ctx, s.r, `SELECT COUNT(*) FROM notices WHERE user_id = ?`, userID).Scan(&n)
	return n, err
}

// MarkNoticeRead marks one of a user's notices read at at and returns its
// link. ErrNotFound when the notice does not exist or is another user's;
// reading a read notice again keeps its first reading time.
func (s *Store) MarkNoticeRead(ctx context.Context, userID, noticeID int64, at time.Time) (link string, err error) {
	defer wrap(&err, "store.MarkNoticeRead(user %d, notice %d)", userID, noticeID)
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		return s.queryRow(ctx, tx, `UPDATE notices SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ? RETURNING link`,
			tsArg(at), noticeID, userID).Scan(&link)
	})
	return link, err
}

// MarkAllNoticesRead marks every unread notice of a user read and returns how many.
func (s *Store) MarkAllNoticesRead(ctx context.Context, userID int64, at time.Time) (n int64, err error) {
	defer wrap(&err, "store.MarkAllNoticesRead(user %d)", userID)
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `UPDATE notices SET read_at = ? WHERE user_id = ? AND read_at IS NULL`, tsArg(at), userID)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// PurgeNotices deletes notices read before before and returns how many, for
// a periodic job that keeps the table small; unread notices stay.
func (s *Store) PurgeNotices(ctx context.Context, before time.Time) (n int64, err error) {
	defer wrap(&err, "store.PurgeNotices")
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `DELETE FROM notices WHERE read_at < ?`, tsArg(before))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
