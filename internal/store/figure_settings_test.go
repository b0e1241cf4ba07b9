package store

import (
	"context"
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

		set := func(g, a, lag float64) figures.Settings {
			return figures.Settings{Thresholds: figures.Thresholds{Green: g, Amber: a}, WarningLag: lag}
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

		if all, err := s.FigureSettingsOfPlans(ctx); err != nil || all[planID] != *got {
			t.Errorf("FigureSettingsOfPlans %+v (%v) after the first save", all, err) // kept on PostgreSQL until the next save
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

		// Every plan's stored settings at once: this plan's, as read alone.
		all, err := s.FigureSettingsOfPlans(ctx)
		must(t, err)
		if len(all) != 1 || all[planID] != *got {
			t.Errorf("FigureSettingsOfPlans %+v; want only plan %d's %+v", all, planID, *got)
		}

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
