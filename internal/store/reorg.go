package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/derrors"
)

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
// What may be done and what goes where is agency's to decide
// (Reorganisation.CheckRegister, AssignTasks…), over the data read here in
// the transaction. With dryRun the same is done and rolled back: the
// result is the exact preview. A *agency.ReorgError when the data refuses
// r; an Invalid error when r itself is malformed (Reorganisation.Validate,
// which the caller is expected to have checked).
func (s *Store) Reorganise(ctx context.Context, actor int64, r *agency.Reorganisation, dryRun bool) (res *agency.ReorgResult, err error) {
	defer wrap(&err, "store.Reorganise(%s %v)", r.Kind, r.From)
	if fe := r.Validate(); len(fe) > 0 {
		return nil, derrors.InvalidFields(fe, "")
	}
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		res = &agency.ReorgResult{}
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
			res.Forget(res.SuccessorID)
		}
		return res, nil
	}
	return res, err
}

// ReorganiseAll applies several reorganisations — a province's whole
// mapping — in order, in one transaction: all or none. A refusal is a
// *agency.ReorgError whose Index is the reorganisation's position in list
// (a malformed one: an Invalid error with fields "i.field"). With dryRun
// nothing is kept.
func (s *Store) ReorganiseAll(ctx context.Context, actor int64, list []*agency.Reorganisation, dryRun bool) (res []*agency.ReorgResult, err error) {
	defer wrap(&err, "store.ReorganiseAll(%d)", len(list))
	for i, r := range list {
		if fe := r.Validate(); len(fe) > 0 {
			named := make(map[string]string, len(fe))
			for k, v := range fe {
				named[strconv.Itoa(i)+"."+k] = v
			}
			return nil, derrors.InvalidFields(named, "")
		}
	}
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		res = nil
		var batch int64
		for i, r := range list {
			one := &agency.ReorgResult{}
			apply := func() error { return s.reorganiseRecorded(ctx, tx, actor, r, one, &batch) }
			if dryRun {
				apply = func() error { return s.reorganise(ctx, tx, actor, r, one) }
			}
			if err := apply(); err != nil {
				var re *agency.ReorgError
				if errors.As(err, &re) {
					re.Index = i
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
				res[i].Forget(res[i].SuccessorID)
			}
		}
		return res, nil
	}
	return res, err
}

// namedAgencies reads the agencies r names (Reorganisation.Agencies) that
// exist, as they are in tx.
func (s *Store) namedAgencies(ctx context.Context, tx *sql.Tx, r *agency.Reorganisation) (map[int64]*agency.Agency, error) {
	out := map[int64]*agency.Agency{}
	for _, id := range r.Agencies() {
		a, err := scanAgency(s.tqueryRow(ctx, tx, `SELECT `+agencyCols+` FROM agencies WHERE id = ?`, id))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			continue
		case err != nil:
			return nil, err
		}
		out[id] = &a
	}
	return out, nil
}

func (s *Store) reorganise(ctx context.Context, tx *sql.Tx, actor int64, r *agency.Reorganisation, res *agency.ReorgResult) error {
	day := dateArg(r.Effective)
	at := now()
	named, err := s.namedAgencies(ctx, tx, r)
	if err != nil {
		return err
	}
	if err := r.CheckRegister(named); err != nil {
		return err
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
		first := named[r.From[0]]
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
			return agency.NameTaken()
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
		res.Ended = append(res.Ended, agency.ReorgMove{ID: id, Label: named[id].Name, From: id, To: succ})
		if _, err := s.texec(ctx, tx, `UPDATE agencies SET successor_id = ? WHERE id = ?`, refArg(succ), id); err != nil {
			return err
		}
	}
	in := "(" + placeholders(len(ids)) + ")"
	if err := s.reorgTasks(ctx, tx, r, in, ids, succ, res); err != nil {
		return err
	}
	if err := s.reorgRest(ctx, tx, r, in, ids, succ, res); err != nil {
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
