package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/gen"
	"tiendo/internal/plan"
	"tiendo/internal/store"
)

// BenchmarkReorganise merges the first department of a national-size
// province (100 agencies, about 1,176 tasks, 24 quarters of reports) into
// the second: the preview (dry run), and the application with its undo
// record followed by the undo, which leaves the database as it was for
// the next iteration.
func BenchmarkReorganise(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "province.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	today := plan.Date(2026, 12, 4)
	if _, err := gen.Run(ctx, s, gen.Config{Provinces: 1, Agencies: 100, Tasks: 1176, Quarters: 24, Seed: 1,
		Today: today, Password: "Mật-khẩu-thử-nghiệm-42"}); err != nil {
		b.Fatal(err)
	}
	list, err := s.Agencies(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var deps []int64
	for _, a := range list {
		if a.Kind == agency.KindDepartment && len(deps) < 2 {
			deps = append(deps, a.ID)
		}
	}
	r := &agency.Reorganisation{Kind: agency.ReorgMerge, From: deps[:1], Into: deps[1],
		Effective: plan.Date(2026, 11, 15), Decision: "1/QĐ-UBND", Today: today}
	b.Run("dry_run", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Reorganise(ctx, 0, r, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("apply_undo", func(b *testing.B) {
		for b.Loop() {
			res, err := s.Reorganise(ctx, 0, r, false)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.UndoReorganisation(ctx, 0, res.ID, today, false); err != nil {
				b.Fatal(err)
			}
		}
	})
}
