package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/notify"
	"tiendo/internal/reporting"
)

// Notices of the report flow (notify/flow.go): written by the flow's own
// store methods in their transaction, so a step tells its people exactly
// once and a refused step tells nobody. With an e-mail, the message goes to
// mail_outbox and one pending row per addressee to the reminder ledger,
// due at once; the mail job (notify.Reminder.SendOutbox) sends it.

// addFlowNotices writes ns for a step taken by a inside tx. The notices
// carry the step's time (a training day under serve --clock, as the
// report's history does); the ledger rows the real time, which the mail
// job runs on.
func (s *Store) addFlowNotices(ctx context.Context, tx *sql.Tx, a reporting.Actor, ns []notify.FlowNotice) error {
	at, queued := actorTime(a), now()
	actor := a.UserID()
	for _, n := range ns {
		people, err := s.audience(ctx, tx, actor, n.To)
		if err != nil {
			return err
		}
		if len(people) == 0 {
			continue
		}
		var mailed []int64
		users := make([]int64, len(people))
		for i, p := range people {
			users[i] = p.UserID
			if p.Email != "" {
				mailed = append(mailed, p.UserID)
			}
		}
		first, err := s.addNotices(ctx, tx, users, notify.Notice{CreatedAt: at, Kind: n.Kind, Text: n.Text, Link: n.Link})
		if err != nil {
			return err
		}
		if n.Subject == "" || len(mailed) == 0 {
			continue
		}
		key := n.Key + ":n" + strconv.FormatInt(first, 10)
		if _, err := s.exec(ctx, tx, `INSERT INTO mail_outbox (rule, obligation_key, subject, body, link, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, n.Kind, key, normText(n.Subject), n.Body, n.Link, tsArg(queued)); err != nil {
			return err
		}
		if err := s.queueMail(ctx, tx, n.Kind, key, mailed, queued); err != nil {
			return err
		}
	}
	return nil
}

// queueMail adds the ledger's pending rows of e-mail key (rule kind) for
// users, due at queued, a hundred to a statement: one round trip for a
// step's addressees, not one each.
func (s *Store) queueMail(ctx context.Context, tx *sql.Tx, kind, key string, users []int64, queued time.Time) error {
	const row = `(?, ?, ?, 'pending', '', 0, ?, ?)`
	for part := range slices.Chunk(users, 100) {
		args := make([]any, 0, 5*len(part))
		for _, u := range part {
			args = append(args, kind, key, u, tsArg(queued), tsArg(queued))
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO reminder_sends (rule, obligation_key, user_id, state, holder, attempts,
			created_at, retry_at) VALUES `+strings.Repeat(row+", ", len(part)-1)+row, args...); err != nil {
			return err
		}
	}
	return nil
}

// audience reads who a is, inside tx: active users only, never the actor,
// each once, by ID.
func (s *Store) audience(ctx context.Context, tx *sql.Tx, actor int64, a notify.Audience) ([]notify.Recipient, error) {
	var list []notify.Recipient
	read := func(query string, args ...any) error {
		rows, err := s.query(ctx, tx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r notify.Recipient
			if err := rows.Scan(&r.UserID, &r.Email, &r.Role); err != nil {
				return err
			}
			list = append(list, r)
		}
		return rows.Err()
	}
	if a.AgencyID != 0 {
		if err := read(`SELECT id, email, role FROM users WHERE agency_id = ? AND NOT disabled AND role IN ('head', 'officer')`, a.AgencyID); err != nil {
			return nil, err
		}
	}
	if a.Coordinators {
		if err := read(`SELECT id, email, role FROM users WHERE role = 'coordinator' AND NOT disabled`); err != nil {
			return nil, err
		}
	}
	for _, id := range a.Users {
		if err := read(`SELECT id, email, role FROM users WHERE id = ? AND NOT disabled`, id); err != nil {
			return nil, err
		}
	}
	list = slices.DeleteFunc(list, func(r notify.Recipient) bool { return r.UserID == actor })
	slices.SortFunc(list, func(a, b notify.Recipient) int { return int(a.UserID - b.UserID) })
	return slices.CompactFunc(list, func(a, b notify.Recipient) bool { return a.UserID == b.UserID }), nil
}

// PendingMail lists the queued flow e-mails with the addressees whose
// ledger rows are pending and due at now, oldest first; at most limit
// e-mails. It implements notify.Outbox.
func (s *Store) PendingMail(ctx context.Context, now time.Time, limit int) (list []notify.OutboxMail, err error) {
	defer wrap(&err, "store.PendingMail")
	rows, err := s.query(ctx, s.r, `SELECT m.rule, m.obligation_key, m.subject, m.body, m.link,
		u.id, u.username, u.full_name, u.email, u.role
		FROM mail_outbox m
		JOIN reminder_sends r ON r.rule = m.rule AND r.obligation_key = m.obligation_key
		JOIN users u ON u.id = r.user_id
		WHERE r.state = 'pending' AND r.retry_at <= ?
		ORDER BY m.created_at, m.rule, m.obligation_key, u.id`, tsArg(now))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var m notify.OutboxMail
		var p notify.Recipient
		var username string
		if err := rows.Scan(&m.Rule, &m.Key, &m.Subject, &m.Body, &m.Link, &p.UserID, &username, &p.Name, &p.Email, &p.Role); err != nil {
			return nil, err
		}
		if p.Name == "" {
			p.Name = username
		}
		if n := len(list); n > 0 && list[n-1].Rule == m.Rule && list[n-1].Key == m.Key {
			list[n-1].To = append(list[n-1].To, p)
			continue
		}
		if len(list) == limit {
			break
		}
		m.Kind, m.To = m.Rule, []notify.Recipient{p}
		list = append(list, m)
	}
	return list, rows.Err()
}
