package store

import (
	"context"
	"database/sql"

	"tiendo/internal/agency"
)

// The moves of a reorganisation (Reorganise): tasks, cooperations,
// indicators and accounts to the successors.

// openTask is the condition of a task still to do: not completed (a
// recurring or continuous task never is as a whole: its completions are
// its periods'), not cancelled by an accepted report.
const openTask = `(t.completed_on IS NULL OR ` + perPeriod + `) AND t.claim_status <> 'cancelled'`

// liveTask is an open task of a plan in force (active or draft): what a
// reorganisation moves. A replaced or closed plan is history and keeps its
// agencies.
const liveTask = openTask + ` AND t.plan_id IN (SELECT id FROM plans WHERE status IN ('active', 'draft'))`

// reorgTasks moves the open tasks' leads and cooperations.
func (s *Store) reorgTasks(ctx context.Context, tx *sql.Tx, r *agency.Reorganisation, in string, ids []any,
	succ int64, res *agency.ReorgResult) error {
	// The arrangements written below are those after this row.
	var last int64
	if err := s.tqueryRow(ctx, tx, `SELECT COALESCE(MAX(id), 0) FROM task_arrangements`).Scan(&last); err != nil {
		return err
	}
	// The arrangement of every open task that changes, as it was, for the
	// figures of earlier periods (reporting.TasksIn).
	if _, err := s.texec(ctx, tx, `INSERT INTO task_arrangements (plan_id, task_id, until, lead_agency_id, cooperating, decision)
		SELECT t.plan_id, t.id, ?, t.lead_agency_id, COALESCE((SELECT `+s.groupConcat("ta.agency_id")+` FROM task_agencies ta
			WHERE ta.task_id = t.id AND ta.role = 'coop'), ''), ?
		FROM tasks t WHERE `+liveTask+` AND (t.lead_agency_id IN `+in+` OR EXISTS (SELECT 1 FROM task_agencies ta
			WHERE ta.task_id = t.id AND ta.role = 'coop' AND ta.agency_id IN `+in+`))`,
		append(append([]any{dateArg(r.Effective), r.Decision}, ids...), ids...)...); err != nil {
		return err
	}
	var err error
	res.Tasks, err = s.readMoves(ctx, tx, `SELECT t.id, t.title, t.lead_agency_id FROM tasks t
		WHERE t.lead_agency_id IN `+in+` AND `+liveTask+` ORDER BY t.id`, ids)
	if err != nil {
		return err
	}
	if err := r.AssignTasks(res.Tasks, succ); err != nil {
		return err
	}
	for _, m := range res.Tasks {
		if _, err := s.texec(ctx, tx, `UPDATE tasks SET lead_agency_id = ?, version = version + 1, updated_at = ?
			WHERE id = ?`, refArg(m.To), tsArg(now()), m.ID); err != nil {
			return err
		}
		// A lead that cooperated on its own task does not cooperate any more.
		if _, err := s.texec(ctx, tx, `DELETE FROM task_agencies WHERE task_id = ? AND agency_id = ? AND role = 'coop'`,
			m.ID, m.To); err != nil {
			return err
		}
	}
	rows, err := s.tquery(ctx, tx, `SELECT ta.task_id, t.title, ta.agency_id, t.lead_agency_id FROM task_agencies ta
		JOIN tasks t ON t.id = ta.task_id WHERE ta.role = 'coop' AND ta.agency_id IN `+in+` AND `+liveTask+`
		ORDER BY ta.task_id`, ids...)
	if err != nil {
		return err
	}
	type coop struct {
		agency.ReorgMove
		lead int64
	}
	var coops []coop
	for rows.Next() {
		var c coop
		var lead sql.NullInt64
		if err := rows.Scan(&c.ID, &c.Label, &c.From, &lead); err != nil {
			rows.Close()
			return err
		}
		c.lead = lead.Int64
		c.To = r.TaskSuccessor(c.ID, succ)
		coops = append(coops, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range coops {
		if _, err := s.texec(ctx, tx, `DELETE FROM task_agencies WHERE task_id = ? AND agency_id = ? AND role = 'coop'`,
			c.ID, c.From); err != nil {
			return err
		}
		if c.To != 0 && c.To != c.lead {
			if _, err := s.texec(ctx, tx, `INSERT INTO task_agencies (task_id, agency_id, role, ord) VALUES (?, ?, 'coop', 0)
				ON CONFLICT DO NOTHING`, c.ID, c.To); err != nil {
				return err
			}
		}
		res.Cooperations = append(res.Cooperations, c.ReorgMove)
	}
	// What the reorganisation gave each task, kept with the arrangement it
	// ended: the history's "new", which later edits of the task do not
	// rewrite. Rows another transaction wrote have theirs set already.
	_, err = s.texec(ctx, tx, `UPDATE task_arrangements SET
		set_lead_agency_id = (SELECT t.lead_agency_id FROM tasks t WHERE t.id = task_arrangements.task_id),
		set_cooperating = COALESCE((SELECT `+s.groupConcat("ta.agency_id")+` FROM task_agencies ta
			WHERE ta.task_id = task_arrangements.task_id AND ta.role = 'coop'), '')
		WHERE id > ? AND set_cooperating IS NULL AND amendment_id IS NULL AND until = ? AND decision = ?`,
		last, dateArg(r.Effective), r.Decision)
	return err
}

// reorgRest moves indicators and accounts.
func (s *Store) reorgRest(ctx context.Context, tx *sql.Tx, r *agency.Reorganisation, in string, ids []any,
	succ int64, res *agency.ReorgResult) error {
	var err error
	res.Indicators, err = s.readMoves(ctx, tx, `SELECT id, code || ' ' || name, agency_id FROM indicators
		WHERE agency_id IN `+in+` ORDER BY id`, ids)
	if err != nil {
		return err
	}
	if err := r.AssignIndicators(res.Indicators, succ); err != nil {
		return err
	}
	for _, m := range res.Indicators {
		// Who answered for it until now, for the figures of earlier
		// periods and the yearly ranking (figures.InPeriod).
		if _, err := s.texec(ctx, tx, `INSERT INTO indicator_arrangements (plan_id, indicator_id, until, agency_id, decision)
			SELECT plan_id, id, ?, agency_id, ? FROM indicators WHERE id = ?`, dateArg(r.Effective), r.Decision, m.ID); err != nil {
			return err
		}
		if _, err := s.texec(ctx, tx, `UPDATE indicators SET agency_id = ?, updated_at = ? WHERE id = ?`,
			refArg(m.To), tsArg(now()), m.ID); err != nil {
			return err
		}
	}
	if succ == 0 {
		return nil // accounts of an agency dissolved without successor stay, to be moved or locked by hand
	}
	rows, err := s.tquery(ctx, tx, `SELECT id, username, agency_id FROM users WHERE agency_id IN `+in+` ORDER BY id`, ids...)
	if err != nil {
		return err
	}
	for rows.Next() {
		m := agency.ReorgMove{To: succ}
		if err := rows.Scan(&m.ID, &m.Label, &m.From); err != nil {
			rows.Close()
			return err
		}
		res.Users = append(res.Users, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(res.Users) > 0 {
		if _, err := s.texec(ctx, tx, `UPDATE users SET agency_id = ? WHERE agency_id IN `+in,
			append([]any{succ}, ids...)...); err != nil {
			return err
		}
	}
	return nil
}

// readMoves reads what may move — rows of ID, label and agency — in the
// order of the query; where each goes is agency's to say.
func (s *Store) readMoves(ctx context.Context, tx *sql.Tx, query string, args []any) ([]agency.ReorgMove, error) {
	rows, err := s.tquery(ctx, tx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []agency.ReorgMove
	for rows.Next() {
		var m agency.ReorgMove
		if err := rows.Scan(&m.ID, &m.Label, &m.From); err != nil {
			return nil, err
		}
		list = append(list, m)
	}
	return list, rows.Err()
}
