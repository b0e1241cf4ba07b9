package store

import (
	"context"
	"errors"
	"testing"

	"tiendo/internal/audit"
	"tiendo/internal/figures"
)

func TestFigureSettings(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		planID, coord := f.d.Plan.ID, f.users["coord"].ID

		// No row yet: figures' defaults, version 0.
		got, err := s.FigureSettings(ctx, planID)
		must(t, err)
		if got.Version != 0 || got.PlanID != planID || got.Green != figures.DefaultGreen ||
			got.Amber != figures.DefaultAmber || got.WarningLag != figures.DefaultLagPoints {
			t.Errorf("default settings %+v", got)
		}
		_, err = s.FigureSettings(ctx, planID+1000)
		wantErr(t, err, ErrNotFound)

		set := func(g, a, lag float64) FigureSettings {
			return FigureSettings{Thresholds: figures.Thresholds{Green: g, Amber: a}, WarningLag: lag}
		}
		// Invalid settings are refused, nothing stored.
		for _, bad := range []FigureSettings{set(80, 80, 25), set(70, 80, 25), set(100, 0, 25), set(100, -5, 25),
			set(100, 80, 0.5), set(100, 80, 101), set(0, 0, 0)} {
			if _, err := s.SaveFigureSettings(ctx, coord, planID, bad, 0); !errors.Is(err, ErrFigureSettings) {
				t.Errorf("settings %+v: %v", bad, err)
			}
		}

		// First save (version 0 → 1), decimals and the bounds allowed.
		ns := set(90.5, 60, 1)
		v, err := s.SaveFigureSettings(ctx, coord, planID, ns, 0)
		must(t, err)
		if v != 1 {
			t.Errorf("version %d after first save", v)
		}
		got, err = s.FigureSettings(ctx, planID)
		must(t, err)
		if got.Thresholds != ns.Thresholds || got.WarningLag != 1 || got.Version != 1 || got.UpdatedBy != coord || got.UpdatedAt.IsZero() {
			t.Errorf("read back %+v", got)
		}
		if o := got.Options(figures.Options{PeriodID: 7}); o.PeriodID != 7 || o.Lights != ns.Thresholds || o.LagPoints != 1 {
			t.Errorf("Options %+v", o)
		}

		// A stale version conflicts and changes nothing; the right one saves.
		_, err = s.SaveFigureSettings(ctx, coord, planID, set(120, 100, 50), 0)
		wantErr(t, err, ErrConflict)
		v, err = s.SaveFigureSettings(ctx, 0, planID, set(120, 100, 100), 1)
		must(t, err)
		got, err = s.FigureSettings(ctx, planID)
		must(t, err)
		if v != 2 || got.Version != 2 || got.Green != 120 || got.Amber != 100 || got.WarningLag != 100 || got.UpdatedBy != 0 {
			t.Errorf("after second save v%d %+v", v, got)
		}
		// A plan that does not exist.
		_, err = s.SaveFigureSettings(ctx, coord, planID+1000, set(100, 80, 25), 0)
		wantErr(t, err, ErrNotFound)

		// Each save left one audit row naming what changed.
		log, err := s.AuditFor(ctx, "plan", planID)
		must(t, err)
		var saves []audit.Entry
		for _, e := range log {
			if e.Action == "figure_settings.save" {
				saves = append(saves, e)
			}
		}
		if len(saves) != 2 || saves[0].UserID != coord || saves[1].UserID != 0 {
			t.Fatalf("audit rows %+v", saves)
		}
	})
}
