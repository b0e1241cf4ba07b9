package store

import (
	"context"

	"tiendo/internal/audit"
)

// AuditNames reads the names of what a page of audit rows points to
// (refs from audit.Refs): each report's agency, period and revision, each
// task's title and the start of its text, each plan's code and title, each
// agency's, user's and API token's name. An ID that no longer exists is
// left out; the page then names it by number.
func (s *Store) AuditNames(ctx context.Context, refs map[string][]int64) (n *audit.Names, err error) {
	defer wrap(&err, "store.AuditNames")
	n = &audit.Names{Reports: map[int64]audit.ReportName{}, Tasks: map[int64]audit.TaskName{}, Plans: map[int64]audit.PlanName{},
		Agencies: map[int64]string{}, Users: map[int64]string{}, Tokens: map[int64]string{}}
	type read struct {
		kind, query string
		scan        func(scan func(...any) error) error
	}
	reads := []read{
		{"report", `SELECT r.id, r.revision, g.name, p.label FROM reports r JOIN agencies g ON g.id = r.agency_id
			JOIN periods p ON p.id = r.period_id WHERE r.id IN `, func(scan func(...any) error) error {
			var id int64
			var rn audit.ReportName
			if err := scan(&id, &rn.Revision, &rn.Agency, &rn.Period); err != nil {
				return err
			}
			n.Reports[id] = rn
			return nil
		}},
		{"task", `SELECT id, title, SUBSTR(text, 1, 300) FROM tasks WHERE id IN `, func(scan func(...any) error) error {
			var id int64
			var title, text string
			if err := scan(&id, &title, &text); err != nil {
				return err
			}
			n.Tasks[id] = audit.TaskName{Title: title, Text: text}
			return nil
		}},
		{"plan", `SELECT id, code, title FROM plans WHERE id IN `, func(scan func(...any) error) error {
			var id int64
			var code, title string
			if err := scan(&id, &code, &title); err != nil {
				return err
			}
			n.Plans[id] = audit.PlanName{Code: code, Title: title}
			return nil
		}},
		{"agency", `SELECT id, name FROM agencies WHERE id IN `, func(scan func(...any) error) error {
			var id int64
			var name string
			if err := scan(&id, &name); err != nil {
				return err
			}
			n.Agencies[id] = name
			return nil
		}},
		{"user", `SELECT id, username, full_name FROM users WHERE id IN `, func(scan func(...any) error) error {
			var id int64
			var username, full string
			if err := scan(&id, &username, &full); err != nil {
				return err
			}
			n.Users[id] = username
			if full != "" {
				n.Users[id] = full + " (" + username + ")"
			}
			return nil
		}},
		{"token", `SELECT id, name FROM api_tokens WHERE id IN `, func(scan func(...any) error) error {
			var id int64
			var name string
			if err := scan(&id, &name); err != nil {
				return err
			}
			n.Tokens[id] = name
			return nil
		}},
	}
	for _, rd := range reads {
		ids := refs[rd.kind]
		if len(ids) == 0 {
			continue
		}
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		rows, err := s.query(ctx, s.r, rd.query+"("+placeholders(len(ids))+")", args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			if err := rd.scan(rows.Scan); err != nil {
				rows.Close()
				return nil, err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return n, nil
}
