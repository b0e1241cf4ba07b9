package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"tiendo/internal/figures"
)

// ErrFigureSettings is returned for figure settings that break the rules:
// 0 < Amber < Green, and a warning lag from 1 to 100 points.
var ErrFigureSettings = errors.New("store: invalid figure settings")

// FigureSettings is a plan's traffic-light thresholds and early-warning lag
// (issue 4, point 1) with the version of the stored row: Version 0 (and
// figures' defaults) for a plan whose coordinator never set them. Pass
// Thresholds as figures.Options.Lights and WarningLag as LagPoints.
type FigureSettings struct {
	PlanID int64
	figures.Thresholds
	WarningLag float64 // percentage points, figures.Options.LagPoints
	Version    int
	UpdatedAt  time.Time
	UpdatedBy  int64
}

// Options returns o with the settings' thresholds and warning lag.
func (f *FigureSettings) Options(o figures.Options) figures.Options {
	o.Lights, o.LagPoints = f.Thresholds, f.WarningLag
	return o
}

// DefaultFigureSettings are the settings of a plan without a stored row.
var DefaultFigureSettings = FigureSettings{
	Thresholds: figures.Thresholds{Green: figures.DefaultGreen, Amber: figures.DefaultAmber},
	WarningLag: figures.DefaultLagPoints,
}

// ValidateFigureSettings checks green > amber > 0 and a warning lag from 1
// to 100; the error wraps ErrFigureSettings.
func ValidateFigureSettings(f FigureSettings) error {
	switch {
	case !(f.Amber > 0) || !(f.Green > f.Amber):
		return fmt.Errorf("%w: need green > amber > 0 (%g, %g)", ErrFigureSettings, f.Green, f.Amber)
	case !(f.WarningLag >= 1 && f.WarningLag <= 100):
		return fmt.Errorf("%w: warning lag %g not in 1–100", ErrFigureSettings, f.WarningLag)
	}
	return nil
}

// FigureSettings reads the plan's figure settings, falling back to
// DefaultFigureSettings (Version 0). ErrNotFound when the plan does not
// exist.
func (s *Store) FigureSettings(ctx context.Context, planID int64) (f *FigureSettings, err error) {
	defer wrap(&err, "store.FigureSettings(%d)", planID)
	return s.readFigureSettings(ctx, s.r, planID)
}

func (s *Store) readFigureSettings(ctx context.Context, q querier, planID int64) (*FigureSettings, error) {
	r := FigureSettings{PlanID: planID}
	err := s.queryRow(ctx, q, `SELECT green, amber, warning_lag, version, updated_at, updated_by
		FROM figure_settings WHERE plan_id = ?`, planID).Scan(&r.Green, &r.Amber, &r.WarningLag, &r.Version,
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
	r.Thresholds, r.WarningLag = DefaultFigureSettings.Thresholds, DefaultFigureSettings.WarningLag
	return &r, nil
}

// SaveFigureSettings saves the plan's thresholds and warning lag (the other
// fields of f are ignored). version must be the version read (0 when the
// plan had none); ErrConflict otherwise. Settings that fail
// ValidateFigureSettings give an error wrapping ErrFigureSettings; a plan
// that does not exist gives ErrNotFound. The audit row is written in the
// same transaction. Returns the new version.
func (s *Store) SaveFigureSettings(ctx context.Context, actor, planID int64, f FigureSettings, version int) (newVersion int, err error) {
	defer wrap(&err, "store.SaveFigureSettings(plan %d)", planID)
	if err := ValidateFigureSettings(f); err != nil {
		return 0, err
	}
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
