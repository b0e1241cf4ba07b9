package store

import (
	"context"
	"database/sql"
	"errors"

	"tiendo/internal/figures"
)

// RankingWeights reads the plan's ranking weights, falling back to
// figures.DefaultWeights (Version 0). ErrNotFound when the plan does not
// exist.
func (s *Store) RankingWeights(ctx context.Context, planID int64) (w *figures.RankingSetting, err error) {
	defer wrap(&err, "store.RankingWeights(%d)", planID)
	return s.readRankingWeights(ctx, s.r, planID)
}

func (s *Store) readRankingWeights(ctx context.Context, q querier, planID int64) (*figures.RankingSetting, error) {
	r := figures.RankingSetting{PlanID: planID}
	err := s.queryRow(ctx, q, `SELECT on_time, timeliness, indicators, version, updated_at, updated_by
		FROM ranking_weights WHERE plan_id = ?`, planID).Scan(&r.OnTime, &r.Timeliness, &r.Indicators, &r.Version,
		timeCol{&r.UpdatedAt}, idCol{&r.UpdatedBy})
	if err == nil {
		return &r, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	var id int64
	if err := s.queryRow(ctx, q, `SELECT id FROM plans WHERE id = ?`, planID).Scan(&id); err != nil {
		return nil, err
	}
	r.Weights = figures.DefaultWeights
	return &r, nil
}

// SaveRankingWeights saves the plan's ranking weights as given: the
// caller has checked them (figures.Weights.Validate). version must be the
// version read (0 when the plan had none); ErrConflict otherwise. A plan
// that does not exist gives ErrNotFound. The audit row is written in the
// same transaction. Returns the new version.
func (s *Store) SaveRankingWeights(ctx context.Context, actor, planID int64, w figures.Weights, version int) (newVersion int, err error) {
	defer wrap(&err, "store.SaveRankingWeights(plan %d)", planID)
	at := now()
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		old, err := s.readRankingWeights(ctx, tx, planID)
		if err != nil {
			return err
		}
		if old.Version != version {
			return ErrConflict
		}
		args := []any{w.OnTime, w.Timeliness, w.Indicators, tsArg(at), refArg(actor), planID}
		if old.Version == 0 {
			_, err = s.exec(ctx, tx, `INSERT INTO ranking_weights (on_time, timeliness, indicators, updated_at,
				updated_by, plan_id, version) VALUES (?, ?, ?, ?, ?, ?, 1)`, args...)
		} else {
			_, err = s.exec(ctx, tx, `UPDATE ranking_weights SET on_time = ?, timeliness = ?, indicators = ?,
				updated_at = ?, updated_by = ?, version = version + 1 WHERE plan_id = ?`, args...)
		}
		if err != nil {
			return err
		}
		c := changes{}
		c.add("on_time", old.OnTime, w.OnTime)
		c.add("timeliness", old.Timeliness, w.Timeliness)
		c.add("indicators", old.Indicators, w.Indicators)
		if err := s.audit(ctx, tx, actor, "ranking_weights.save", "plan", planID, c); err != nil {
			return err
		}
		newVersion = old.Version + 1
		return nil
	})
	if err != nil {
		return 0, err
	}
	return newVersion, nil
}
