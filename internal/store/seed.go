package store

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// Seeding writes a generated dataset (tiendo gen) in bulk: many rows to a
// statement and one audit line per call instead of one per row. It is for
// a database being filled from nothing; the reporting flow's own paths
// check and audit every change one at a time.

// SeedUsers stores generated accounts, all with one password hash, in one
// transaction, and sets their IDs. One audit line says how many.
func (s *Store) SeedUsers(ctx context.Context, actor int64, users []auth.User, passwordHash string) (err error) {
	defer wrap(&err, "store.SeedUsers(%d)", len(users))
	at := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		b := s.newBatch(tx, true)
		defer b.close()
		for i := range users {
			u := &users[i]
			normUser(u)
			if err := b.queryRow(ctx, `INSERT INTO users (username, full_name, email, role, agency_id, password_hash,
				disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, u.Username, u.FullName, u.Email,
				string(u.Role), refArg(u.AgencyID), passwordHash, u.Disabled, tsArg(at)).Scan(&u.ID); err != nil {
				return err
			}
			u.CreatedAt = at
		}
		return s.audit(ctx, tx, actor, "user.seed", "user", 0, map[string]any{"users": len(users)})
	})
}

// SeedReport is a generated report of one agency for one period, with its
// task entries and indicator values, as the reporting flow would have left
// it (revision 1).
type SeedReport struct {
	PeriodID, AgencyID int64
	State              reporting.State
	Summary            string
	CreatedAt          time.Time
	UpdatedAt          time.Time
	UpdatedBy          int64
	SubmittedAt        time.Time // zero when never submitted
	SubmittedBy        int64
	OnTime             bool
	AcceptedAt         time.Time
	AcceptedBy         int64
	ReturnedAt         time.Time
	ReturnedBy         int64
	ReturnReason       string
	Entries            []reporting.Entry // TaskID, Status, Percent, Result, CompletedOn, Reason
	Values             []SeedValue
}

// SeedValue is an indicator value of a SeedReport.
type SeedValue struct {
	IndicatorID int64
	Value       float64
}

// seedChunk is how many rows go in one INSERT: well under SQLite's 32,766
// and PostgreSQL's 65,535 bound parameters at the widest row (9 columns).
const seedChunk = 500

// SeedReports stores generated reports of one plan in one transaction and
// then gives each task the claim of its latest accepted entry, as
// accepting those reports one by one would have (the latest period wins;
// completed_on only with a completed claim). Periods and tasks must exist.
func (s *Store) SeedReports(ctx context.Context, actor, planID int64, reports []SeedReport) (err error) {
	defer wrap(&err, "store.SeedReports(plan %d, %d reports)", planID, len(reports))
	periods, err := s.periods(ctx, planID)
	if err != nil {
		return err
	}
	start := make(map[int64]time.Time, len(periods))
	for _, p := range periods {
		start[p.ID] = p.Start
	}
	return s.Transact(ctx, func(tx *sql.Tx) error {
		b := s.newBatch(tx, true)
		defer b.close()
		// Reports go in as drafts and take their state once their entries
		// and values are in: the facts-version triggers then fire once per
		// report, not once per entry of an accepted report.
		ids := make([]int64, len(reports))
		for i := range reports {
			r := &reports[i]
			if err := b.queryRow(ctx, `INSERT INTO reports (plan_id, period_id, agency_id, state, summary, created_at,
				updated_at, updated_by, submitted_at, submitted_by, on_time, accepted_at, accepted_by, returned_at,
				returned_by, return_reason) VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				planID, r.PeriodID, r.AgencyID, r.Summary, tsArg(r.CreatedAt), tsArg(r.UpdatedAt),
				refArg(r.UpdatedBy), tsArg(r.SubmittedAt), refArg(r.SubmittedBy), r.OnTime, tsArg(r.AcceptedAt),
				refArg(r.AcceptedBy), tsArg(r.ReturnedAt), refArg(r.ReturnedBy), r.ReturnReason).Scan(&ids[i]); err != nil {
				return err
			}
		}
		if err := s.seedEntries(ctx, tx, reports, ids); err != nil {
			return err
		}
		if err := s.seedValues(ctx, tx, reports, ids); err != nil {
			return err
		}
		for i := range reports {
			if st := reports[i].State; st != reporting.StateDraft {
				if _, err := b.exec(ctx, `UPDATE reports SET state = ? WHERE id = ?`, string(st), ids[i]); err != nil {
					return err
				}
			}
		}
		n, err := s.seedClaims(ctx, b, reports, start)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "report.seed", "plan", planID, map[string]any{"reports": len(reports), "claims": n})
	})
}

func (s *Store) seedEntries(ctx context.Context, tx *sql.Tx, reports []SeedReport, ids []int64) error {
	var rows [][]any
	for i := range reports {
		r := &reports[i]
		for _, e := range r.Entries {
			rows = append(rows, []any{ids[i], e.TaskID, string(e.Status), e.Percent, e.Result,
				dateArg(e.CompletedOn), e.Reason, tsArg(r.UpdatedAt), refArg(r.UpdatedBy)})
		}
	}
	return s.insertRows(ctx, tx, `INSERT INTO report_entries (report_id, task_id, status, percent, result,
		completed_on, reason, updated_at, updated_by) VALUES `, 9, rows)
}

func (s *Store) seedValues(ctx context.Context, tx *sql.Tx, reports []SeedReport, ids []int64) error {
	var rows [][]any
	for i := range reports {
		r := &reports[i]
		for _, v := range r.Values {
			rows = append(rows, []any{ids[i], v.IndicatorID, v.Value, tsArg(r.UpdatedAt), refArg(r.UpdatedBy)})
		}
	}
	return s.insertRows(ctx, tx, `INSERT INTO report_indicator_values (report_id, indicator_id, value, updated_at,
		updated_by) VALUES `, 5, rows)
}

// insertRows runs head with rows of width values each, seedChunk rows to
// a statement.
func (s *Store) insertRows(ctx context.Context, tx *sql.Tx, head string, width int, rows [][]any) error {
	for chunk := range slices.Chunk(rows, seedChunk) {
		args := make([]any, 0, width*len(chunk))
		for _, r := range chunk {
			args = append(args, r...)
		}
		if _, err := s.exec(ctx, tx, head+rowsOf(len(chunk), width), args...); err != nil {
			return err
		}
	}
	return nil
}

// seedClaims gives each task the claim of its latest accepted entry with a
// status, and returns how many tasks got one.
func (s *Store) seedClaims(ctx context.Context, b *batch, reports []SeedReport, start map[int64]time.Time) (int, error) {
	type claim struct {
		e     reporting.Entry
		start time.Time
		at    time.Time
	}
	latest := map[int64]claim{}
	var order []int64
	for i := range reports {
		r := &reports[i]
		if r.State != reporting.StateAccepted {
			continue
		}
		for _, e := range r.Entries {
			if e.Status == plan.ClaimNone {
				continue
			}
			old, ok := latest[e.TaskID]
			if !ok {
				order = append(order, e.TaskID)
			}
			if !ok || start[r.PeriodID].After(old.start) {
				latest[e.TaskID] = claim{e, start[r.PeriodID], r.AcceptedAt}
			}
		}
	}
	for _, id := range order {
		c := latest[id]
		var done time.Time
		if c.e.Status == plan.ClaimCompleted {
			done = c.e.CompletedOn
		}
		if _, err := b.exec(ctx, `UPDATE tasks SET claim_status = ?, claim_reason = ?, progress = ?, completed_on = ?,
			reported_at = ?, claim_period_start = ?, updated_at = ? WHERE id = ?`, string(c.e.Status), c.e.Reason,
			c.e.Percent, dateArg(done), tsArg(c.at), dateArg(c.start), tsArg(c.at), id); err != nil {
			return 0, err
		}
	}
	return len(order), nil
}
