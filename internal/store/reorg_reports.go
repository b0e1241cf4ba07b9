package store

import (
	"context"
	"database/sql"
	"errors"

	"tiendo/internal/agency"
	"tiendo/internal/reporting"
)

// The reports of a reorganisation (Reorganise): unsent reports of the
// ended agencies merged into their successors'.

// reorgReports merges the ended agencies' reports not yet sent, of periods
// not over by the effective day, into the successors' reports of the same
// period: each entry goes to the report of its task's lead (as moved), a
// contribution to the successor's, an indicator value to its indicator's
// agency's, a file with its entry (a file of the whole report to the
// successor's). What the successor's report already holds for a task or
// indicator is kept. The emptied reports are removed.
func (s *Store) reorgReports(ctx context.Context, tx *sql.Tx, r *agency.Reorganisation, in string, ids []any,
	succ int64, res *agency.ReorgResult) error {
	type old struct {
		id, plan, period, agency int64
		label                    string
	}
	rows, err := s.tquery(ctx, tx, `SELECT r.id, r.plan_id, r.period_id, r.agency_id, p.label FROM reports r
		JOIN periods p ON p.id = r.period_id WHERE r.agency_id IN `+in+` AND r.is_current
		AND r.state IN ('not_started', 'draft', 'returned') AND p.end_date >= ? ORDER BY r.id`,
		append(append([]any{}, ids...), dateArg(r.Effective))...)
	if err != nil {
		return err
	}
	var olds []old
	for rows.Next() {
		var o old
		if err := rows.Scan(&o.id, &o.plan, &o.period, &o.agency, &o.label); err != nil {
			rows.Close()
			return err
		}
		olds = append(olds, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, o := range olds {
		targets := map[int64]int64{} // agency → its report of the period
		target := func(ag int64) (int64, error) {
			if ag == 0 {
				return 0, nil
			}
			if id, ok := targets[ag]; ok {
				return id, nil
			}
			var id int64
			var state string
			err := s.tqueryRow(ctx, tx, `SELECT id, state FROM reports WHERE period_id = ? AND agency_id = ? AND is_current`,
				o.period, ag).Scan(&id, &state)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				id, err = s.insert(ctx, tx, `INSERT INTO reports (plan_id, period_id, agency_id, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?) RETURNING id`, o.plan, o.period, ag, tsArg(now()), tsArg(now()))
			case err == nil && reporting.State(state).Received():
				err = agency.Refused(agency.Refusal{Field: "reports", Code: agency.RefuseReportSent, ID: o.period, Name: o.label})
			}
			targets[ag] = id
			return id, err
		}
		// move re-parents one row of table to the report of agency ag
		// (0: none, the row goes), unless that report has one for the
		// same key already.
		move := func(table, key string, rowID, keyID, ag int64) error {
			to, err := target(ag)
			if err != nil {
				return err
			}
			var taken int
			if to != 0 {
				if err := s.tqueryRow(ctx, tx, `SELECT COUNT(*) FROM `+table+` WHERE report_id = ? AND `+key+` = ?`,
					to, keyID).Scan(&taken); err != nil {
					return err
				}
			}
			if to == 0 || taken > 0 {
				_, err = s.texec(ctx, tx, `DELETE FROM `+table+` WHERE id = ?`, rowID)
				return err
			}
			if _, err := s.texec(ctx, tx, `UPDATE `+table+` SET report_id = ? WHERE id = ?`, to, rowID); err != nil {
				return err
			}
			_, err = s.texec(ctx, tx, `UPDATE reports SET version = version + 1, updated_at = ?,
				state = CASE WHEN state = 'not_started' THEN 'draft' ELSE state END WHERE id = ?`, tsArg(now()), to)
			return err
		}
		type row struct{ id, key, ag int64 }
		collect := func(query string) ([]row, error) {
			rows, err := s.tquery(ctx, tx, query, o.id)
			if err != nil {
				return nil, err
			}
			defer rows.Close()
			var out []row
			for rows.Next() {
				var x row
				var ag sql.NullInt64
				if err := rows.Scan(&x.id, &x.key, &ag); err != nil {
					return nil, err
				}
				x.ag = ag.Int64
				out = append(out, x)
			}
			return out, rows.Err()
		}
		for _, part := range []struct{ table, key, query string }{
			{"report_entries", "task_id", `SELECT e.id, e.task_id, t.lead_agency_id FROM report_entries e
				JOIN tasks t ON t.id = e.task_id WHERE e.report_id = ?`},
			{"report_files", "id", `SELECT f.id, f.id, COALESCE(t.lead_agency_id, 0) FROM report_files f
				LEFT JOIN tasks t ON t.id = f.task_id WHERE f.report_id = ?`},
			{"report_contributions", "task_id", `SELECT c.id, c.task_id, 0 FROM report_contributions c WHERE c.report_id = ?`},
			{"report_indicator_values", "indicator_id", `SELECT v.id, v.indicator_id, i.agency_id FROM report_indicator_values v
				JOIN indicators i ON i.id = v.indicator_id WHERE v.report_id = ?`},
		} {
			list, err := collect(part.query)
			if err != nil {
				return err
			}
			for _, x := range list {
				if err := move(part.table, part.key, x.id, x.key, r.ReportPartTo(x.ag, succ)); err != nil {
					return err
				}
			}
		}
		if _, err := s.texec(ctx, tx, `DELETE FROM reports WHERE id = ?`, o.id); err != nil {
			return err
		}
		res.Reports = append(res.Reports, agency.ReorgMove{ID: o.id, Label: o.label, From: o.agency, To: succ})
	}
	return nil
}
