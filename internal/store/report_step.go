package store

import (
	"context"
	"database/sql"
	"errors"

	"tiendo/internal/notify"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// A step of a report's flow (submit, return, accept) reads the report
// once, before its transaction (ReadStepReport), and writes over that
// read: the rule and the version the person read are checked on it, and
// the step's UPDATE is guarded by the version read — every write to a
// report moves it — and by what else the rule depends on that can change
// without it (a submit: the plan's status), and returns the row as
// written, which is the step's answer. On PostgreSQL each statement is a
// round trip: the report used to be read before the transaction, again
// inside it with its plan's status in a second statement, and whole after
// it (issue 21).
//
// When the UPDATE touches no row the report changed since it was read.
// The transaction reads it again, to explain: the rule the report breaks
// now (or, for a submit, its plan's status); otherwise a step held to a
// version is refused with ErrConflict, and a step that takes the report as
// it is (version 0) is taken once more over the row just read, as when the
// transaction was the first to read the report — so an edit between the
// read and the transaction is serialised before the step, as it always
// was, and one that slips in again is refused.

// StepReport is a report as read for a step of its flow: its header and
// period, without entries, contributions, values or files, and its plan's
// status.
type StepReport struct {
	Report     *reporting.Report
	PlanStatus plan.PlanStatus
}

// stepReportQuery reads a report's header and period with its plan's status.
const stepReportQuery = `SELECT ` + reportCols + `, (SELECT pl.status FROM plans pl WHERE pl.id = r.plan_id)` +
	reportFrom + ` WHERE r.id = ?`

// ReadStepReport reads report id for a step of its flow (StepReport), in
// one statement.
func (s *Store) ReadStepReport(ctx context.Context, id int64) (x *StepReport, err error) {
	defer wrap(&err, "store.ReadStepReport(%d)", id)
	return s.readStepReport(ctx, s.r, id)
}

// readStepReport reads report id for a step on q.
func (s *Store) readStepReport(ctx context.Context, q querier, id int64) (*StepReport, error) {
	var status plan.PlanStatus
	r, err := scanReport(moreCols{s.qrow(ctx, q, stepReportQuery, id), []any{&status}})
	if err != nil {
		return nil, err
	}
	return &StepReport{Report: &r, PlanStatus: status}, nil
}

// canStep checks that a may take step act on the report as x holds it:
// the rule, then, for a submit or a correction, its plan's status — an
// agency no longer sends reports of a replaced or closed plan, while the
// coordinator may still decide on those already sent.
func canStep(a reporting.Actor, x *StepReport, act reporting.Action) error {
	if err := reporting.Can(a.User, x.Report, act, a.Today()); err != nil {
		return err
	}
	if act == reporting.ActSubmit || act == reporting.ActRevise {
		return writableStatus(x.PlanStatus)
	}
	return nil
}

// checkStep is canStep, then version when it is not 0: the checks of a
// step on the report as read before its transaction.
func checkStep(a reporting.Actor, x *StepReport, act reporting.Action, version int) error {
	if err := canStep(a, x, act); err != nil {
		return err
	}
	if version != 0 && version != x.Report.Version {
		return ErrConflict
	}
	return nil
}

// planOpen guards a submit's UPDATE of reports AS r: its plan is neither
// replaced nor closed.
const planOpen = `EXISTS (SELECT 1 FROM plans pl WHERE pl.id = r.plan_id AND pl.status NOT IN ('replaced', 'closed'))`

// flowStep is one step's write to the report's row.
type flowStep struct {
	act reporting.Action
	// update is the step's UPDATE reports AS r … WHERE r.id = ? AND
	// r.version = ? AND … RETURNING reportRowCols; its first parameters
	// are args, the last two the report's ID and the version written over.
	update string
	args   []any
	// check, when set, checks the person's input after the rule, before
	// the transaction (a return's reason).
	check func() error
	// before, when set, runs in the transaction before the UPDATE, on the
	// report as read (a submit's completeness check).
	before func(ctx context.Context, tx *sql.Tx, r *reporting.Report) error
}

// takeStep takes step w over x, the report as read, for a: it checks the
// rule and version (checkStep) and w's input, then in one transaction
// writes over x (stepOver), runs then — the step's own writes and audit
// row, given the report written over — and writes the step's notices. It
// returns the report as written.
func (s *Store) takeStep(ctx context.Context, a reporting.Actor, x *StepReport, version int, w *flowStep,
	notices []notify.FlowNotice, then func(tx *sql.Tx, old *reporting.Report) error) (*reporting.Report, error) {
	if err := checkStep(a, x, w.act, version); err != nil {
		return nil, err
	}
	if w.check != nil {
		if err := w.check(); err != nil {
			return nil, err
		}
	}
	var now *reporting.Report
	err := s.Transact(ctx, func(tx *sql.Tx) error {
		old, after, err := s.stepOver(ctx, tx, a, x, version, w)
		if err != nil {
			return err
		}
		now = after
		if err := then(tx, old); err != nil {
			return err
		}
		return s.addFlowNotices(ctx, tx, a, notices)
	})
	if err != nil {
		return nil, err
	}
	return now, nil
}

// stepOver takes step w in tx over x, the report as read and checked
// (checkStep), for a; version is the version the step is held to (0:
// none). It returns the report written over (x's, or the row read again:
// see above) and the report as written (its header and period).
func (s *Store) stepOver(ctx context.Context, tx *sql.Tx, a reporting.Actor, x *StepReport, version int, w *flowStep) (old, now *reporting.Report, err error) {
	for again := false; ; again = true {
		r := x.Report
		if w.before != nil {
			if err := w.before(ctx, tx, r); err != nil {
				return nil, nil, err
			}
		}
		out := *r // the period stays the one read: a report's never changes
		err := scanReportRow(s.tqueryRow(ctx, tx, w.update, append(w.args[:len(w.args):len(w.args)], r.ID, r.Version)...), &out)
		switch {
		case err == nil:
			return r, &out, nil
		case !errors.Is(err, sql.ErrNoRows):
			return nil, nil, err
		}
		if x, err = s.readStepReport(ctx, tx, r.ID); err != nil {
			return nil, nil, err
		}
		if err := canStep(a, x, w.act); err != nil {
			return nil, nil, err
		}
		if version != 0 || again {
			return nil, nil, ErrConflict
		}
	}
}
