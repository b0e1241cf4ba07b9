package store

import (
	"context"
	"testing"

	"tiendo/internal/audit"
	"tiendo/internal/figures"
)

func TestRankingWeights(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		planID, coord := f.d.Plan.ID, f.users["coord"].ID

		// No row yet: the defaults, version 0.
		w, err := s.RankingWeights(ctx, planID)
		must(t, err)
		if w.Version != 0 || w.Weights != figures.DefaultWeights || w.PlanID != planID {
			t.Errorf("default weights %+v", w)
		}
		_, err = s.RankingWeights(ctx, planID+1000)
		wantErr(t, err, ErrNotFound)

		// First save (version 0 → 1), decimals allowed.
		nw := figures.Weights{OnTime: 40.5, Timeliness: 39.5, Indicators: 20}
		v, err := s.SaveRankingWeights(ctx, coord, planID, nw, 0)
		must(t, err)
		if v != 1 {
			t.Errorf("version %d after first save", v)
		}
		got, err := s.RankingWeights(ctx, planID)
		must(t, err)
		if got.Weights != nw || got.Version != 1 || got.UpdatedBy != coord || got.UpdatedAt.IsZero() {
			t.Errorf("read back %+v", got)
		}

		// A stale version conflicts and changes nothing; the right one saves.
		_, err = s.SaveRankingWeights(ctx, coord, planID, figures.DefaultWeights, 0)
		wantErr(t, err, ErrConflict)
		v, err = s.SaveRankingWeights(ctx, 0, planID, figures.Weights{OnTime: 100}, 1)
		must(t, err)
		got, err = s.RankingWeights(ctx, planID)
		must(t, err)
		if v != 2 || got.Version != 2 || got.Weights != (figures.Weights{OnTime: 100}) || got.UpdatedBy != 0 {
			t.Errorf("after second save v%d %+v", v, got)
		}
		// A plan that does not exist.
		_, err = s.SaveRankingWeights(ctx, coord, planID+1000, figures.DefaultWeights, 0)
		wantErr(t, err, ErrNotFound)

		// Each save left one audit row naming what changed.
		log, err := s.AuditFor(ctx, "plan", planID)
		must(t, err)
		var saves []audit.Entry
		for _, e := range log {
			if e.Action == "ranking_weights.save" {
				saves = append(saves, e)
			}
		}
		if len(saves) != 2 || saves[0].UserID != coord || saves[1].UserID != 0 {
			t.Fatalf("audit rows %+v", saves)
		}
	})
}
