package store

import (
	"context"
	"database/sql"
	"errors"

	"tiendo/internal/reporting"
)

// partWrite is the write of one part of a report (a line, a contribution)
// over the report as read before the transaction: a first save's INSERT …
// SELECT (first set) or an UPDATE, with its guard (the WHERE that refuses
// what changed since the read) kept apart, so that PostgreSQL's
// one-statement write can add to it (writePart). Both return the part's id.
type partWrite struct {
	stmt, guard string
	args        []any
	first       bool
}

// sql is the write, its guard and more, returning the part's id.
func (w partWrite) sql(more string) string {
	return w.stmt + ` WHERE ` + w.guard + more + ` RETURNING id`
}

// editReportReadSQL is editReportRead's UPDATE (arguments: the time, the
// user, the report).
const editReportReadSQL = `UPDATE reports SET version = version + 1, updated_at = ?, updated_by = ?,
		state = CASE WHEN state = 'not_started' THEN 'draft' ELSE state END
		WHERE id = ? AND is_current AND state IN ('not_started', 'draft', 'returned')
		AND EXISTS (SELECT 1 FROM plans pl WHERE pl.id = reports.plan_id AND pl.status NOT IN ('replaced', 'closed'))
		RETURNING state`

// writePart writes a part of report id over the report as read by a, in
// tx: it bumps the report's version as editReportRead does, then runs w,
// and returns the report's state after and the part's id. A report no
// longer editable is refused as editReportRead refuses it (and w is not
// run); a first save whose guard refuses it is reporting.ErrNotAssigned,
// an update whose guard refuses it is explained by whyNot (read in tx),
// and a first save of a part that someone else saved meanwhile is
// ErrConflict.
//
// On PostgreSQL both writes are one statement (issue 21: a round trip
// less in every save): a writable CTE updates the report and, only when it
// did, writes the part, which waits for the report's row lock as before.
// A part updated meanwhile is still refused: PostgreSQL re-checks an
// UPDATE's WHERE on the row as committed (EvalPlanQual), and a first
// save's INSERT still meets the other's row in the unique index. The
// audit rows are not appended in it but after it (Transact): the
// statement's AFTER triggers and foreign-key checks run at its end, and
// would take their locks (the plan's reports_version, the agency's work
// version, a task's or a user's key) with the audit chain's head held —
// the other order from every other audited write. SQLite cannot write in
// a CTE: two statements, as editReportRead's and the part's.
func (s *Store) writePart(ctx context.Context, tx *sql.Tx, a reporting.Actor, id int64, w partWrite,
	whyNot func() error) (reporting.State, int64, error) {
	var state reporting.State
	var part sql.NullInt64
	var err error
	if s.dialect == dialectPostgres {
		args := append([]any{tsArg(actorTime(a)), refArg(a.UserID()), id}, w.args...)
		err = s.tqueryRow(ctx, tx, `WITH rep AS (`+editReportReadSQL+`),
			part AS (`+w.sql(` AND EXISTS (SELECT 1 FROM rep)`)+`)
			SELECT rep.state, part.id FROM rep LEFT JOIN part ON true`, args...).Scan(&state, &part)
		if errors.Is(err, sql.ErrNoRows) {
			return "", 0, s.whyNotEdit(ctx, tx, a, id)
		}
	} else {
		if state, err = s.editReportRead(ctx, tx, a, id); err != nil {
			return "", 0, err
		}
		err = s.tqueryRow(ctx, tx, w.sql(""), w.args...).Scan(&part)
		if errors.Is(err, sql.ErrNoRows) {
			err = nil // refused: part stays NULL
		}
	}
	switch {
	case errors.Is(classify(err), ErrDuplicate):
		return "", 0, ErrConflict
	case err != nil:
		return "", 0, err
	case !part.Valid && w.first:
		return "", 0, reporting.ErrNotAssigned
	case !part.Valid:
		return "", 0, whyNot()
	}
	return state, part.Int64, nil
}
