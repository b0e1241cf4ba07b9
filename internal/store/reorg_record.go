package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/agency"
)

// reorganiseRecorded applies r in tx (reorganise) and keeps what it
// changed, row by row, with the reorganisation's record. batch is the
// record ID of the first reorganisation applied in the same transaction
// (0 for the first): it is set on return.
func (s *Store) reorganiseRecorded(ctx context.Context, tx *sql.Tx, actor int64, r *agency.Reorganisation,
	res *agency.ReorgResult, batch *int64) error {
	sc, err := s.reorgScopeOf(ctx, tx, r)
	if err != nil {
		return err
	}
	before, err := s.snapshot(ctx, tx, sc)
	if err != nil {
		return err
	}
	if err := s.reorganise(ctx, tx, actor, r, res); err != nil {
		return err
	}
	if r.New != nil && res.SuccessorID != 0 {
		sc.Agencies = append(sc.Agencies, res.SuccessorID)
		sc.Successors = append(sc.Successors, res.SuccessorID)
	}
	after, err := s.snapshot(ctx, tx, sc)
	if err != nil {
		return err
	}
	maxIDs := map[string]int64{}
	for _, t := range imageTables() {
		if len(t.key) == 1 {
			var n int64
			if err := s.tqueryRow(ctx, tx, `SELECT COALESCE(MAX(id), 0) FROM `+t.name).Scan(&n); err != nil {
				return err
			}
			maxIDs[t.name] = n
		}
	}
	from := r.UndoFrom(dayOrToday(r.Today))
	next, err := s.firstPeriodAfter(ctx, tx, sc.Plans, from)
	if err != nil {
		return err
	}
	until := agency.UndoUntil(from, next)
	label, err := s.reorgLabel(ctx, tx, r.From, res.SuccessorID)
	if err != nil {
		return err
	}
	summary := map[string]int{"tasks": len(res.Tasks), "cooperations": len(res.Cooperations),
		"indicators": len(res.Indicators), "users": len(res.Users), "reports": len(res.Reports)}
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	fromIDs := make([]string, len(r.From))
	for i, id := range r.From {
		fromIDs[i] = strconv.FormatInt(id, 10)
	}
	id, err := s.insert(ctx, tx, `INSERT INTO reorganisations (batch, kind, decision, effective, from_ids, successor_id,
		label, summary, scope, max_ids, applied_at, applied_by, undo_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`, *batch, string(r.Kind), r.Decision, dateArg(r.Effective), strings.Join(fromIDs, ","),
		refArg(res.SuccessorID), label, js(summary), js(sc), js(maxIDs), tsArg(now()), refArg(actor), dateArg(until))
	if err != nil {
		return err
	}
	if *batch == 0 {
		*batch = id
		if _, err := s.texec(ctx, tx, `UPDATE reorganisations SET batch = ? WHERE id = ?`, id, id); err != nil {
			return err
		}
	}
	res.ID, res.UndoUntil = id, until
	for i, c := range rowChanges(before, after) {
		b, err := marshalImage(c.before)
		if err != nil {
			return err
		}
		a, err := marshalImage(c.after)
		if err != nil {
			return err
		}
		if _, err := s.texec(ctx, tx, `INSERT INTO reorganisation_rows (reorganisation_id, seq, tbl, pk, before, after)
			VALUES (?, ?, ?, ?, ?, ?)`, id, i, c.table, c.pk, b, a); err != nil {
			return err
		}
	}
	return nil
}

func mapValues(m map[int64]int64) []int64 {
	out := make([]int64, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// reorgScopeOf is what r may write (reorgScope), read before applying it.
func (s *Store) reorgScopeOf(ctx context.Context, tx *sql.Tx, r *agency.Reorganisation) (*reorgScope, error) {
	sc := &reorgScope{Agencies: slices.Clone(r.From)}
	for _, id := range append(append([]int64{r.Into}, mapValues(r.Tasks)...), mapValues(r.Indicators)...) {
		if id != 0 && !slices.Contains(sc.Successors, id) {
			sc.Successors = append(sc.Successors, id)
		}
	}
	from, ids := inIDs(r.From)
	from = "IN " + from
	ids2 := append(slices.Clone(ids), ids...)
	var err error
	read := func(query string, args []any) []int64 {
		if err != nil {
			return nil
		}
		var out []int64
		err = s.eachOn(ctx, tx, query, args, func(rows *sql.Rows) error {
			var id int64
			if e := rows.Scan(&id); e != nil {
				return e
			}
			out = append(out, id)
			return nil
		})
		return out
	}
	eff := dateArg(r.Effective)
	sc.Tasks = read(`SELECT t.id FROM tasks t WHERE `+liveTask+` AND (t.lead_agency_id `+from+` OR EXISTS
		(SELECT 1 FROM task_agencies ta WHERE ta.task_id = t.id AND ta.role = 'coop' AND ta.agency_id `+from+`)) ORDER BY t.id`, ids2)
	sc.Indicators = read(`SELECT id FROM indicators WHERE agency_id `+from+` ORDER BY id`, ids)
	sc.Users = read(`SELECT id FROM users WHERE agency_id `+from+` ORDER BY id`, ids)
	sc.Plans = read(`SELECT DISTINCT plan_id FROM tasks t WHERE `+liveTask+` AND (t.lead_agency_id `+from+` OR EXISTS
		(SELECT 1 FROM task_agencies ta WHERE ta.task_id = t.id AND ta.role = 'coop' AND ta.agency_id `+from+`))
		UNION SELECT plan_id FROM indicators WHERE agency_id `+from+`
		UNION SELECT r.plan_id FROM reports r JOIN periods p ON p.id = r.period_id WHERE r.agency_id `+from+`
			AND p.end_date >= ?`, append(append(slices.Clone(ids2), ids...), append(slices.Clone(ids), eff)...))
	if err != nil {
		return nil, err
	}
	slices.Sort(sc.Plans)
	if c, args := in("plan_id", sc.Plans); c != "" {
		sc.Periods = read(`SELECT id FROM periods WHERE `+c+` AND end_date >= ? ORDER BY id`, append(args, eff))
	}
	return sc, err
}

// firstPeriodAfter is the first day of the first reporting period of
// plans that starts after day; zero when there is none (no plan, or none
// of their periods left).
func (s *Store) firstPeriodAfter(ctx context.Context, tx *sql.Tx, plans []int64, day time.Time) (time.Time, error) {
	var next time.Time
	if c, args := in("plan_id", plans); c != "" {
		err := s.queryRow(ctx, tx, `SELECT MIN(start_date) FROM periods WHERE `+c+` AND start_date > ?`,
			append(args, dateArg(day))...).Scan(timeCol{&next})
		if err != nil {
			return time.Time{}, err
		}
	}
	return next, nil
}

// reorgLabel names a reorganisation by its agencies' names as they are in
// tx (agency.ReorgLabel).
func (s *Store) reorgLabel(ctx context.Context, tx *sql.Tx, from []int64, succ int64) (string, error) {
	name := func(id int64) (string, error) {
		var n string
		err := s.tqueryRow(ctx, tx, `SELECT name FROM agencies WHERE id = ?`, id).Scan(&n)
		return n, err
	}
	names := make([]string, 0, len(from))
	for _, id := range from {
		n, err := name(id)
		if err != nil {
			return "", err
		}
		names = append(names, n)
	}
	var to string
	if succ != 0 {
		n, err := name(succ)
		if err != nil {
			return "", err
		}
		to = n
	}
	return agency.ReorgLabel(names, to), nil
}
