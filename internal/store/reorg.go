package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/agency"
)

// ReorgError is a reorganisation the data refuses: an agency missing or
// not active on the day, a task of a split left without a successor, a
// successor whose report is already sent. Fields say which, in Vietnamese.
type ReorgError struct{ Fields map[string]string }

func (e *ReorgError) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for k, v := range e.Fields {
		parts = append(parts, k+": "+v)
	}
	return "store: reorganisation refused: " + strings.Join(parts, "; ")
}

// ReorgMove is one thing that moves to a successor: a task's lead, a
// cooperation, an indicator, an account or a report.
type ReorgMove struct {
	ID    int64
	Label string // title, code and name, username, or period
	From  int64  // agency
	// To is the agency it moves to; 0: none (a dissolution without
	// successor), or, on a dry run that makes a new agency, that agency.
	To int64
}

// ReorgResult is what a reorganisation moved — or, on a dry run, would move.
type ReorgResult struct {
	SuccessorID  int64 // the successor (Into, or the agency New made; 0 on a dry run that makes one, or none)
	Ended        []ReorgMove
	Tasks        []ReorgMove // lead agency changed
	Cooperations []ReorgMove // cooperating agency changed (ID: task)
	Indicators   []ReorgMove
	Users        []ReorgMove
	Reports      []ReorgMove // reports not yet sent, merged into the successor's report of the period
}

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("store: dry run")

// Reorganise applies r in one transaction: the agencies in r.From end on
// r.Effective with their successor; open tasks they lead or cooperate on,
// indicators they answer for and their accounts move to it (for a split,
// as r.Tasks and r.Indicators assign; the rest to r.Into); their reports
// not yet sent (not started, draft, returned) of periods not over by the
// effective day are merged into the successor's report of the same period
// — each entry to the report of its task's new lead — and removed, so
// that nobody is expected to report twice. Sent and accepted reports,
// completed tasks, rankings and the audit stay under the old agencies.
// With dryRun the same is done and rolled back: the result is the exact
// preview. A *ReorgError when the data refuses r.
func (s *Store) Reorganise(ctx context.Context, actor int64, r *agency.Reorganisation, dryRun bool) (res *ReorgResult, err error) {
	defer wrap(&err, "store.Reorganise(%s %v)", r.Kind, r.From)
	if fe := r.Validate(); len(fe) > 0 {
		return nil, &ReorgError{fe}
	}
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		res = &ReorgResult{}
		if err := s.reorganise(ctx, tx, actor, r, res); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		if r.New != nil {
			res.forget(res.SuccessorID)
		}
		return res, nil
	}
	return res, err
}

// forget replaces the ID of an agency made by a rolled-back dry run with 0
// (the ID was never kept, and may be given to another agency later).
func (res *ReorgResult) forget(id int64) {
	res.SuccessorID = 0
	for _, list := range [][]ReorgMove{res.Ended, res.Tasks, res.Cooperations, res.Indicators, res.Users, res.Reports} {
		for i := range list {
			if list[i].To == id {
				list[i].To = 0
			}
		}
	}
}

// ReorganiseAll applies several reorganisations — a province's whole
// mapping — in order, in one transaction: all or none. A refusal is a
// *ReorgError whose fields are prefixed with the reorganisation's index
// ("2.from"). With dryRun nothing is kept.
func (s *Store) ReorganiseAll(ctx context.Context, actor int64, list []*agency.Reorganisation, dryRun bool) (res []*ReorgResult, err error) {
	defer wrap(&err, "store.ReorganiseAll(%d)", len(list))
	for i, r := range list {
		if fe := r.Validate(); len(fe) > 0 {
			return nil, prefixed(i, &ReorgError{fe})
		}
	}
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		res = nil
		for i, r := range list {
			one := &ReorgResult{}
			if err := s.reorganise(ctx, tx, actor, r, one); err != nil {
				var re *ReorgError
				if errors.As(err, &re) {
					return prefixed(i, re)
				}
				return err
			}
			res = append(res, one)
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		for i, r := range list {
			if r.New != nil && i < len(res) {
				res[i].forget(res[i].SuccessorID)
			}
		}
		return res, nil
	}
	return res, err
}

// prefixed names the fields of reorganisation i's refusal "i.field".
func prefixed(i int, e *ReorgError) *ReorgError {
	out := &ReorgError{Fields: map[string]string{}}
	for k, v := range e.Fields {
		out.Fields[strconv.Itoa(i)+"."+k] = v
	}
	return out
}

func (s *Store) reorganise(ctx context.Context, tx *sql.Tx, actor int64, r *agency.Reorganisation, res *ReorgResult) error {
	day := dateArg(r.Effective)
	at := now()
	fe := map[string]string{}
	from := map[int64]*agency.Agency{}
	for _, id := range r.From {
		a, err := scanAgency(s.tqueryRow(ctx, tx, `SELECT `+agencyCols+` FROM agencies WHERE id = ?`, id))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			fe["from"] = fmt.Sprintf("Không có cơ quan mã %d.", id)
			continue
		case err != nil:
			return err
		case !a.ActiveOn(r.Effective):
			fe["from"] = fmt.Sprintf("%s không còn hoạt động vào ngày có hiệu lực.", a.Name)
		}
		from[id] = &a
	}
	active := func(field string, id int64) {
		a, err := scanAgency(s.tqueryRow(ctx, tx, `SELECT `+agencyCols+` FROM agencies WHERE id = ?`, id))
		switch {
		case err != nil:
			fe[field] = fmt.Sprintf("Không có cơ quan mã %d.", id)
		case !a.ActiveOn(r.Effective):
			fe[field] = fmt.Sprintf("%s không hoạt động vào ngày có hiệu lực.", a.Name)
		}
	}
	if r.Into != 0 {
		active("into", r.Into)
	}
	for _, to := range r.Tasks {
		if from[to] != nil {
			fe["tasks"] = "Không thể giao nhiệm vụ cho chính cơ quan bị chia tách."
		} else {
			active("tasks", to)
		}
	}
	for _, to := range r.Indicators {
		if from[to] != nil {
			fe["indicators"] = "Không thể giao chỉ tiêu cho chính cơ quan bị chia tách."
		} else {
			active("indicators", to)
		}
	}
	if len(fe) > 0 {
		return &ReorgError{fe}
	}
	// The agencies end first, so that a new name may be an old one's
	// (agency names are unique among agencies in existence).
	ids := make([]any, 0, len(r.From))
	for _, id := range r.From {
		ids = append(ids, id)
		if _, err := s.texec(ctx, tx, `UPDATE agencies SET valid_to = ?, version = version + 1, updated_at = ?
			WHERE id = ?`, day, tsArg(at), id); err != nil {
			return err
		}
	}
	succ := r.Into
	if r.New != nil {
		first := from[r.From[0]]
		n := *r.New
		if n.Kind == "" {
			n.Kind = first.Kind
		}
		if n.ParentID == 0 {
			n.ParentID = first.ParentID
		}
		n.ValidFrom, n.ValidTo, n.SuccessorID = r.Effective, time.Time{}, 0
		normAgency(&n)
		id, err := s.insert(ctx, tx, `INSERT INTO agencies (parent_id, name, short_name, aliases, kind, valid_from,
			name_folded, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
			refArg(n.ParentID), n.Name, n.ShortName, strings.Join(n.Aliases, "\n"), string(n.Kind), day,
			agencyFolded(&n), tsArg(at), tsArg(at))
		if errors.Is(err, ErrDuplicate) {
			return &ReorgError{map[string]string{"new.name": "Đã có cơ quan đang hoạt động mang tên này; hãy chọn tên khác hoặc nêu cơ quan đó ở into."}}
		}
		if err != nil {
			return err
		}
		succ = id
		if err := s.audit(ctx, tx, actor, "agency.create", "agency", id, n); err != nil {
			return err
		}
	}
	res.SuccessorID = succ
	for _, id := range r.From {
		res.Ended = append(res.Ended, ReorgMove{ID: id, Label: from[id].Name, From: id, To: succ})
		if _, err := s.texec(ctx, tx, `UPDATE agencies SET successor_id = ? WHERE id = ?`, refArg(succ), id); err != nil {
			return err
		}
	}
	in := "(" + placeholders(len(ids)) + ")"
	moveTo := func(assigned map[int64]int64, id int64) int64 {
		if to, ok := assigned[id]; ok {
			return to
		}
		return succ
	}
	if err := s.reorgTasks(ctx, tx, r, in, ids, moveTo, res); err != nil {
		return err
	}
	if err := s.reorgRest(ctx, tx, r, in, ids, moveTo, succ, res); err != nil {
		return err
	}
	if err := s.reorgReports(ctx, tx, r, in, ids, succ, res); err != nil {
		return err
	}
	return s.audit(ctx, tx, actor, "agency.reorganise", "agency", succ, map[string]any{
		"kind": r.Kind, "decision": r.Decision, "effective": day, "from": r.From, "successor": succ,
		"tasks": res.Tasks, "cooperations": res.Cooperations, "indicators": res.Indicators,
		"users": res.Users, "reports": res.Reports,
	})
}

// openTask is the condition of a task still to do: not completed, not
// cancelled by an accepted report.
const openTask = `t.completed_on IS NULL AND t.claim_status <> 'cancelled'`

// liveTask is an open task of a plan in force (active or draft): what a
// reorganisation moves. A replaced or closed plan is history and keeps its
// agencies.
const liveTask = openTask + ` AND t.plan_id IN (SELECT id FROM plans WHERE status IN ('active', 'draft'))`

// reorgTasks moves the open tasks' leads and cooperations.
func (s *Store) reorgTasks(ctx context.Context, tx *sql.Tx, r *agency.Reorganisation, in string, ids []any,
	moveTo func(map[int64]int64, int64) int64, res *ReorgResult) error {
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
	rows, err := s.tquery(ctx, tx, `SELECT t.id, t.title, t.lead_agency_id FROM tasks t
		WHERE t.lead_agency_id IN `+in+` AND `+liveTask+` ORDER BY t.id`, ids...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var m ReorgMove
		if err := rows.Scan(&m.ID, &m.Label, &m.From); err != nil {
			rows.Close()
			return err
		}
		m.To = moveTo(r.Tasks, m.ID)
		res.Tasks = append(res.Tasks, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	moved := map[int64]bool{}
	for _, m := range res.Tasks {
		moved[m.ID] = true
	}
	for id := range r.Tasks {
		if !moved[id] {
			return &ReorgError{map[string]string{"tasks": fmt.Sprintf(
				"Nhiệm vụ mã %d không phải nhiệm vụ chưa hoàn thành do cơ quan bị chia tách chủ trì.", id)}}
		}
	}
	for _, m := range res.Tasks {
		if m.To == 0 && r.Kind == agency.ReorgSplit {
			return &ReorgError{map[string]string{"tasks": fmt.Sprintf(
				"Nhiệm vụ mã %d (%s) chưa được giao cho cơ quan kế thừa nào; hãy nêu trong tasks hoặc into.", m.ID, m.Label)}}
		}
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
	rows, err = s.tquery(ctx, tx, `SELECT ta.task_id, t.title, ta.agency_id, t.lead_agency_id FROM task_agencies ta
		JOIN tasks t ON t.id = ta.task_id WHERE ta.role = 'coop' AND ta.agency_id IN `+in+` AND `+liveTask+`
		ORDER BY ta.task_id`, ids...)
	if err != nil {
		return err
	}
	type coop struct {
		ReorgMove
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
		c.To = moveTo(r.Tasks, c.ID)
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
	return nil
}

// reorgRest moves indicators and accounts.
func (s *Store) reorgRest(ctx context.Context, tx *sql.Tx, r *agency.Reorganisation, in string, ids []any,
	moveTo func(map[int64]int64, int64) int64, succ int64, res *ReorgResult) error {
	rows, err := s.tquery(ctx, tx, `SELECT id, code || ' ' || name, agency_id FROM indicators WHERE agency_id IN `+in+
		` ORDER BY id`, ids...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var m ReorgMove
		if err := rows.Scan(&m.ID, &m.Label, &m.From); err != nil {
			rows.Close()
			return err
		}
		m.To = moveTo(r.Indicators, m.ID)
		res.Indicators = append(res.Indicators, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	owned := map[int64]bool{}
	for _, m := range res.Indicators {
		owned[m.ID] = true
	}
	for id := range r.Indicators {
		if !owned[id] {
			return &ReorgError{map[string]string{"indicators": fmt.Sprintf(
				"Chỉ tiêu mã %d không do cơ quan bị chia tách phụ trách.", id)}}
		}
	}
	for _, m := range res.Indicators {
		if _, err := s.texec(ctx, tx, `UPDATE indicators SET agency_id = ?, updated_at = ? WHERE id = ?`,
			refArg(m.To), tsArg(now()), m.ID); err != nil {
			return err
		}
	}
	if succ == 0 {
		return nil // accounts of an agency dissolved without successor stay, to be moved or locked by hand
	}
	rows, err = s.tquery(ctx, tx, `SELECT id, username, agency_id FROM users WHERE agency_id IN `+in+` ORDER BY id`, ids...)
	if err != nil {
		return err
	}
	for rows.Next() {
		m := ReorgMove{To: succ}
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

// reorgReports merges the ended agencies' reports not yet sent, of periods
// not over by the effective day, into the successors' reports of the same
// period: each entry goes to the report of its task's lead (as moved), a
// contribution to the successor's, an indicator value to its indicator's
// agency's, a file with its entry (a file of the whole report to the
// successor's). What the successor's report already holds for a task or
// indicator is kept. The emptied reports are removed.
func (s *Store) reorgReports(ctx context.Context, tx *sql.Tx, r *agency.Reorganisation, in string, ids []any,
	succ int64, res *ReorgResult) error {
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
	ended := map[int64]bool{}
	for _, id := range ids {
		ended[id.(int64)] = true
	}
	for _, o := range olds {
		targets := map[int64]int64{} // agency → its report of the period
		target := func(ag int64) (int64, error) {
			if ag == 0 || ended[ag] {
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
			case err == nil && (state == "submitted" || state == "accepted"):
				err = &ReorgError{map[string]string{"reports": fmt.Sprintf(
					"Báo cáo %s của cơ quan kế thừa đã gửi; hãy trả lại báo cáo đó trước khi sắp xếp, để nhận phần của cơ quan cũ.", o.label)}}
			}
			targets[ag] = id
			return id, err
		}
		// move re-parents one row of table to the report of agency ag,
		// unless that report has one for the same key already.
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
				ag := x.ag
				if ag == 0 { // a contribution, or a file of the whole report: the successor's
					ag = succ
				}
				if err := move(part.table, part.key, x.id, x.key, ag); err != nil {
					return err
				}
			}
		}
		if _, err := s.texec(ctx, tx, `DELETE FROM reports WHERE id = ?`, o.id); err != nil {
			return err
		}
		res.Reports = append(res.Reports, ReorgMove{ID: o.id, Label: o.label, From: o.agency, To: succ})
	}
	return nil
}

// groupConcat is the dialect's aggregate joining integers with commas.
func (s *Store) groupConcat(col string) string {
	if s.dialect == dialectPostgres {
		return "string_agg(" + col + "::text, ',')"
	}
	return "group_concat(" + col + ", ',')"
}
