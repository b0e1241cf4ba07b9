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
	// ID is the reorganisation's record (ReorgRecord), for its undo; 0 on
	// a dry run. UndoUntil is the day from which undo is refused.
	ID           int64
	UndoUntil    time.Time
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
		if dryRun {
			if err := s.reorganise(ctx, tx, actor, r, res); err != nil {
				return err
			}
			return errDryRun
		}
		var batch int64
		return s.reorganiseRecorded(ctx, tx, actor, r, res, &batch)
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
		var batch int64
		for i, r := range list {
			one := &ReorgResult{}
			apply := func() error { return s.reorganiseRecorded(ctx, tx, actor, r, one, &batch) }
			if dryRun {
				apply = func() error { return s.reorganise(ctx, tx, actor, r, one) }
			}
			if err := apply(); err != nil {
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
