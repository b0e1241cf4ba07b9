package store

import (
	"context"
	"database/sql"
	"maps"

	"tiendo/internal/figures"
)

// FigureSettings reads the plan's figure settings, falling back to
// figures.DefaultSettings (Version 0). ErrNotFound when the plan does not
// exist.
func (s *Store) FigureSettings(ctx context.Context, planID int64) (f *figures.Settings, err error) {
	defer wrap(&err, "store.FigureSettings(%d)", planID)
	// Kept on PostgreSQL (watch.go): a change of the settings moves the
	// plan's facts version (migration 00011), which announces it.
	v, err := watched(s, watchKey{kind: watchSettings, id: planID}, func() (figures.Settings, error) {
		f, err := s.readFigureSettings(ctx, s.r, planID)
		if err != nil {
			return figures.Settings{}, err
		}
		return *f, nil
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// readFigureSettings reads the plan's settings row, if any, with the plan
// in one query (a dashboard read asks for them every time, and most plans
// have no row: two queries for those before).
func (s *Store) readFigureSettings(ctx context.Context, q querier, planID int64) (*figures.Settings, error) {
	r := figures.Settings{PlanID: planID}
	var green, amber, lag sql.NullFloat64
	var version sql.NullInt64
	err := s.queryRow(ctx, q, `SELECT fs.green, fs.amber, fs.warning_lag, fs.version, fs.updated_at, fs.updated_by
		FROM plans p LEFT JOIN figure_settings fs ON fs.plan_id = p.id WHERE p.id = ?`, planID).Scan(&green, &amber,
		&lag, &version, timeCol{&r.UpdatedAt}, idCol{&r.UpdatedBy})
	if err != nil {
		return nil, err
	}
	if !version.Valid {
		r.Thresholds, r.WarningLag = figures.DefaultSettings.Thresholds, figures.DefaultSettings.WarningLag
		return &r, nil
	}
	r.Green, r.Amber, r.WarningLag, r.Version = green.Float64, amber.Float64, lag.Float64, int(version.Int64)
	return &r, nil
}

// SaveFigureSettings saves the plan's thresholds and warning lag (the other
// fields of f are ignored), as given: the caller has checked them
// (figures.Settings.Validate). version must be the version read (0 when
// the plan had none); ErrConflict otherwise. A plan that does not exist
// gives ErrNotFound. The audit row is written in the same transaction.
// Returns the new version.
func (s *Store) SaveFigureSettings(ctx context.Context, actor, planID int64, f figures.Settings, version int) (newVersion int, err error) {
	defer wrap(&err, "store.SaveFigureSettings(plan %d)", planID)
	at := now()
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		old, err := s.readFigureSettings(ctx, tx, planID)
		if err != nil {
			return err
		}
		if old.Version != version {
			return ErrConflict
		}
		args := []any{f.Green, f.Amber, f.WarningLag, tsArg(at), refArg(actor), planID}
		if old.Version == 0 {
			_, err = s.exec(ctx, tx, `INSERT INTO figure_settings (green, amber, warning_lag, updated_at,
				updated_by, plan_id, version) VALUES (?, ?, ?, ?, ?, ?, 1)`, args...)
		} else {
			_, err = s.exec(ctx, tx, `UPDATE figure_settings SET green = ?, amber = ?, warning_lag = ?,
				updated_at = ?, updated_by = ?, version = version + 1 WHERE plan_id = ?`, args...)
		}
		if err != nil {
			return err
		}
		c := changes{}
		c.add("green", old.Green, f.Green)
		c.add("amber", old.Amber, f.Amber)
		c.add("warning_lag", old.WarningLag, f.WarningLag)
		if err := s.audit(ctx, tx, actor, "figure_settings.save", "plan", planID, c); err != nil {
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

// FigureSettingsOfPlans reads the stored figure settings of every plan
// that has some, by plan ID, in one query; a plan missing from the map
// uses figures.DefaultSettings. Kept on PostgreSQL with every plan's
// versions (watch.go): a change of settings moves its plan's facts version.
func (s *Store) FigureSettingsOfPlans(ctx context.Context) (m map[int64]figures.Settings, err error) {
	defer wrap(&err, "store.FigureSettingsOfPlans")
	m, err = watched(s, watchKey{kind: watchPlans, name: "settings"}, func() (map[int64]figures.Settings, error) {
		m := map[int64]figures.Settings{}
		err := s.each(ctx, `SELECT plan_id, green, amber, warning_lag, version, updated_at, updated_by FROM figure_settings`, nil,
			func(rows *sql.Rows) error {
				var r figures.Settings
				err := rows.Scan(&r.PlanID, &r.Green, &r.Amber, &r.WarningLag, &r.Version, timeCol{&r.UpdatedAt}, idCol{&r.UpdatedBy})
				m[r.PlanID] = r
				return err
			})
		return m, err
	})
	return maps.Clone(m), err
}
