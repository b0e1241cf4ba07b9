package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/reporting"
)

// UndoReorganisation undoes reorganisation id, with those applied in the
// same transaction (a province's mapping), in one transaction: every row
// they changed is written back as it was, and what they made is removed.
// It is refused — a *agency.ReorgError under "undo" that says why — once
// the next reporting period has started on day today, or when it was
// undone already (agency.ReorgRecord.CheckUndo), when a row it wrote
// changed since (a report entered, a task edited, a later
// reorganisation): writing the old rows back would lose that work, or
// when the agency it made is used elsewhere since. A report the successor
// was given since and never opened is removed with it. With dryRun nothing
// is kept. ErrNotFound for an unknown id.
func (s *Store) UndoReorganisation(ctx context.Context, actor, id int64, today time.Time, dryRun bool) (res *agency.UndoResult, err error) {
	defer wrap(&err, "store.UndoReorganisation(%d)", id)
	today = dayOrToday(today)
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		recs, err := s.reorgBatch(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if err := rec.CheckUndo(today); err != nil {
				return err
			}
		}
		res = &agency.UndoResult{}
		for _, rec := range recs {
			res.IDs = append(res.IDs, rec.ID)
			if err := s.undoOne(ctx, tx, &rec, res); err != nil {
				return err
			}
		}
		at := now()
		for _, rec := range recs {
			if _, err := s.texec(ctx, tx, `UPDATE reorganisations SET undone_at = ?, undone_by = ? WHERE id = ?`,
				tsArg(at), refArg(actor), rec.ID); err != nil {
				return err
			}
			if err := s.audit(ctx, tx, actor, "agency.reorganise.undo", "agency", rec.SuccessorID, map[string]any{
				"reorganisation": rec.ID, "kind": rec.Kind, "decision": rec.Decision, "label": rec.Label,
				"restored": res.Restored, "removed": res.Removed}); err != nil {
				return err
			}
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return res, nil
	}
	return res, err
}

// undoOne writes back what reorganisation rec changed. Order keeps every
// foreign key whole at each statement (PostgreSQL checks them at once):
// rows it removed come back parents first; rows it changed get their old
// values; rows it made go, children first; last, the ended agencies
// become current again (after a successor made under one of their names
// is gone: current names are unique).
func (s *Store) undoOne(ctx context.Context, tx *sql.Tx, rec *agency.ReorgRecord, res *agency.UndoResult) error {
	list, sc, maxIDs, err := s.reorgRows(ctx, tx, rec.ID)
	if err != nil {
		return err
	}
	var conflicts []agency.RowRef
	for _, c := range list {
		cur, err := s.currentRow(ctx, tx, c.table, c.pk)
		if err != nil {
			return err
		}
		if (cur == nil) != (c.after == nil) || cur != nil && !sameImage(cur, c.after) {
			conflicts = append(conflicts, rowRef(c.table, c.pk))
		}
	}
	// Reports the successors were given since: one never opened goes with
	// the undo; one written in means work that undo would lose.
	if c, args := in("period_id", sc.Periods); c != "" && len(sc.Successors) > 0 {
		ag, agArgs := in("agency_id", sc.Successors)
		reports, _ := tableNamed("reports")
		made, err := s.tableRows(ctx, tx, reports, c+" AND "+ag+" AND id > ?",
			append(append(args, agArgs...), maxIDs["reports"]))
		if err != nil {
			return err
		}
		for _, r := range made {
			if unopened(r.cols) {
				list = append(list, rowChange{table: r.table, pk: r.pk, after: r.cols})
			} else {
				conflicts = append(conflicts, rowRef(r.table, r.pk))
			}
		}
	}
	if len(conflicts) > 0 {
		return agency.UndoRefused(agency.Refusal{Code: agency.RefuseChanged, ID: rec.ID, Rows: conflicts})
	}
	var deferred []rowChange // ended agencies' valid_to, written last
	for _, c := range list { // removed rows back, parents first
		if c.after == nil {
			if err := s.insertImage(ctx, tx, c.table, c.before); err != nil {
				return err
			}
			res.Restored++
		}
	}
	for _, c := range list { // changed rows back
		if c.after == nil || c.before == nil {
			continue
		}
		set := map[string]string{}
		for col, v := range c.before {
			if c.after[col] != v {
				set[col] = v
			}
		}
		if v, ok := set["valid_to"]; ok && c.table == "agencies" {
			delete(set, "valid_to")
			deferred = append(deferred, rowChange{table: c.table, pk: c.pk, before: image{"valid_to": v}})
		}
		if err := s.updateImage(ctx, tx, c.table, c.pk, set); err != nil {
			return err
		}
		res.Restored++
	}
	for i := len(list) - 1; i >= 0; i-- { // made rows away, children first
		c := list[i]
		if c.before != nil {
			continue
		}
		err := s.deleteImage(ctx, tx, c.table, c.pk)
		if errors.Is(classify(err), ErrReference) && c.table == "agencies" {
			return agency.UndoRefused(agency.Refusal{Code: agency.RefuseSuccessorUsed, ID: rec.ID,
				Name: strings.TrimPrefix(c.after["name"], "s:")})
		}
		if err != nil {
			return err
		}
		res.Removed++
	}
	for _, c := range deferred {
		if err := s.updateImage(ctx, tx, c.table, c.pk, c.before); err != nil {
			return err
		}
	}
	return nil
}

// keyOf is the condition on table's key for pk, with its arguments.
func keyOf(table, pk string) (string, []any, error) {
	t, _ := tableNamed(table)
	cols := t.key
	vals := strings.Split(pk, "|")
	if len(cols) == 0 || len(vals) != len(cols) {
		return "", nil, fmt.Errorf("store: bad undo row %s %q", table, pk)
	}
	conds := make([]string, len(cols))
	args := make([]any, len(cols))
	for i, c := range cols {
		v, err := decodeCell(vals[i])
		if err != nil {
			return "", nil, err
		}
		conds[i], args[i] = c+" = ?", v
	}
	return strings.Join(conds, " AND "), args, nil
}

// currentRow reads the row of table with key pk as it is now; nil when gone.
func (s *Store) currentRow(ctx context.Context, tx *sql.Tx, table, pk string) (image, error) {
	cond, args, err := keyOf(table, pk)
	if err != nil {
		return nil, err
	}
	t, _ := tableNamed(table)
	rows, err := s.tableRows(ctx, tx, t, cond, args)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return rows[0].cols, nil
}

func (s *Store) insertImage(ctx context.Context, tx *sql.Tx, table string, img image) error {
	cols := slices.Sorted(mapKeys(img))
	args := make([]any, len(cols))
	for i, c := range cols {
		v, err := decodeCell(img[c])
		if err != nil {
			return err
		}
		args[i] = v
	}
	_, err := s.exec(ctx, tx, `INSERT INTO `+table+` (`+strings.Join(cols, ", ")+`) VALUES (`+placeholders(len(cols))+`)`, args...)
	return err
}

func (s *Store) updateImage(ctx context.Context, tx *sql.Tx, table, pk string, set image) error {
	if len(set) == 0 {
		return nil
	}
	cond, keyArgs, err := keyOf(table, pk)
	if err != nil {
		return err
	}
	cols := slices.Sorted(mapKeys(set))
	sets := make([]string, len(cols))
	args := make([]any, 0, len(cols)+len(keyArgs))
	for i, c := range cols {
		v, err := decodeCell(set[c])
		if err != nil {
			return err
		}
		sets[i] = c + " = ?"
		args = append(args, v)
	}
	_, err = s.exec(ctx, tx, `UPDATE `+table+` SET `+strings.Join(sets, ", ")+` WHERE `+cond, append(args, keyArgs...)...)
	return err
}

func (s *Store) deleteImage(ctx context.Context, tx *sql.Tx, table, pk string) error {
	cond, args, err := keyOf(table, pk)
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, tx, `DELETE FROM `+table+` WHERE `+cond, args...)
	return err
}

func mapKeys(m image) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// rowRef is the row of table with key pk as agency names it: the table
// and the first key column's value (for a task's cooperation, the task).
func rowRef(table, pk string) agency.RowRef {
	first, _, _ := strings.Cut(pk, "|")
	id, _ := strconv.ParseInt(strings.TrimPrefix(first, "i:"), 10, 64)
	return agency.RowRef{Table: table, ID: id}
}

// unopened reports whether a report row (its image) was never opened:
// nothing saved in it since it was made.
func unopened(report image) bool {
	return report["state"] == "s:"+string(reporting.StateNotStarted) && report["version"] == "i:1"
}

// reorgBatch reads the reorganisations applied with id, last applied first.
func (s *Store) reorgBatch(ctx context.Context, q querier, id int64) ([]agency.ReorgRecord, error) {
	list, err := s.readReorgs(ctx, q, `WHERE batch = (SELECT batch FROM reorganisations WHERE id = ?) ORDER BY id DESC`, id)
	if err == nil && len(list) == 0 {
		err = ErrNotFound
	}
	return list, err
}

// Reorganisations lists the reorganisations applied, last first.
func (s *Store) Reorganisations(ctx context.Context) (list []agency.ReorgRecord, err error) {
	defer wrap(&err, "store.Reorganisations")
	return s.readReorgs(ctx, s.r, `ORDER BY id DESC`)
}

// Reorganisation reads one applied reorganisation.
func (s *Store) Reorganisation(ctx context.Context, id int64) (r *agency.ReorgRecord, err error) {
	defer wrap(&err, "store.Reorganisation(%d)", id)
	list, err := s.readReorgs(ctx, s.r, `WHERE id = ?`, id)
	if err == nil && len(list) == 0 {
		err = ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return &list[0], nil
}

func (s *Store) readReorgs(ctx context.Context, q querier, where string, args ...any) ([]agency.ReorgRecord, error) {
	var list []agency.ReorgRecord
	err := s.eachOn(ctx, q, `SELECT id, batch, kind, decision, effective, from_ids, successor_id, label, summary,
		applied_at, applied_by, undo_until, undone_at, undone_by FROM reorganisations `+where, args, func(rows *sql.Rows) error {
		var r agency.ReorgRecord
		var kind, from, summary string
		if err := rows.Scan(&r.ID, &r.Batch, &kind, &r.Decision, timeCol{&r.Effective}, &from, idCol{&r.SuccessorID},
			&r.Label, &summary, timeCol{&r.AppliedAt}, idCol{&r.AppliedBy}, timeCol{&r.UndoUntil}, timeCol{&r.UndoneAt},
			idCol{&r.UndoneBy}); err != nil {
			return err
		}
		r.Kind = agency.ReorgKind(kind)
		for _, f := range strings.Split(from, ",") {
			if id, err := strconv.ParseInt(f, 10, 64); err == nil {
				r.From = append(r.From, id)
			}
		}
		if err := json.Unmarshal([]byte(summary), &r.Summary); err != nil {
			return err
		}
		list = append(list, r)
		return nil
	})
	return list, err
}

// reorgRows reads what reorganisation id changed, in the order it was
// kept (table order, then key), with its scope and largest IDs.
func (s *Store) reorgRows(ctx context.Context, tx *sql.Tx, id int64) ([]rowChange, *reorgScope, map[string]int64, error) {
	var scope, maxIDs string
	if err := s.tqueryRow(ctx, tx, `SELECT scope, max_ids FROM reorganisations WHERE id = ?`, id).Scan(&scope, &maxIDs); err != nil {
		return nil, nil, nil, err
	}
	sc := &reorgScope{}
	max := map[string]int64{}
	if err := json.Unmarshal([]byte(scope), sc); err != nil {
		return nil, nil, nil, err
	}
	if err := json.Unmarshal([]byte(maxIDs), &max); err != nil {
		return nil, nil, nil, err
	}
	var list []rowChange
	err := s.eachOn(ctx, tx, `SELECT tbl, pk, before, after FROM reorganisation_rows WHERE reorganisation_id = ? ORDER BY seq`,
		[]any{id}, func(rows *sql.Rows) error {
			var c rowChange
			var b, a sql.NullString
			if err := rows.Scan(&c.table, &c.pk, &b, &a); err != nil {
				return err
			}
			var err error
			if c.before, err = unmarshalImage(b); err != nil {
				return err
			}
			if c.after, err = unmarshalImage(a); err != nil {
				return err
			}
			list = append(list, c)
			return nil
		})
	return list, sc, max, err
}
