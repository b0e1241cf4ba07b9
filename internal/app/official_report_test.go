package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"tiendo/internal/derrors"
	"tiendo/internal/plan"
)

func TestOfficialReport(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	// Never saved: the first draft of the period holding today, for any reader.
	rep, err := f.app.OfficialReport(ctx, f.officer, f.plan, 0)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Period().Label != "Quý III/2025" || rep.Draft.Version != 0 || rep.Plan().ID != f.plan ||
		len(rep.Draft.Results) != 2 || rep.Figures.Status.Total() != 3 {
		t.Fatalf("first draft: %s v%d, %d groups, %d tasks", rep.Period().Label, rep.Draft.Version,
			len(rep.Draft.Results), rep.Figures.Status.Total())
	}

	// Unknown plans and other plans' periods are refused.
	if _, err := f.app.OfficialReport(ctx, f.leader, 999999, 0); !errors.Is(err, derrors.NotFound) || derrors.MessageOf(err) == "" {
		t.Errorf("unknown plan: %v", err)
	}
	if _, err := f.app.OfficialReport(ctx, f.leader, f.plan, 999999); !errors.Is(err, derrors.Invalid) || derrors.FieldsOf(err)["period"] == "" {
		t.Errorf("foreign period: %v", err)
	}
	if _, err := f.app.OfficialReport(ctx, nil, f.plan, 0); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("nobody signed in: %v", err)
	}
}

func TestSaveOfficialReport(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	rep, err := f.app.OfficialReport(ctx, f.coordinator, f.plan, 0)
	if err != nil {
		t.Fatal(err)
	}
	d := *rep.Draft
	d.Number, d.Issuer, d.Date = "12/BC-SKHCN", "  SỞ KHOA HỌC VÀ CÔNG NGHỆ ", plan.Date(2025, 9, 5)

	// Only editors save.
	if err := f.app.SaveOfficialReport(ctx, f.head, &d); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("head saves: %v, want Forbidden", err)
	}

	// The draft's own rules, one message per field, nothing stored.
	bad := d
	bad.Summary, bad.Date = " ", time.Time{} // a date the form could not read
	err = f.app.SaveOfficialReport(ctx, f.coordinator, &bad)
	if fe := derrors.FieldsOf(err); !errors.Is(err, derrors.Invalid) || fe["summary"] == "" || fe["date"] == "" {
		t.Errorf("invalid draft: %v", err)
	}

	// Saved, normalised, versioned; the report reads it back.
	if err := f.app.SaveOfficialReport(ctx, f.coordinator, &d); err != nil {
		t.Fatal(err)
	}
	if d.Version != 1 || d.Issuer != "SỞ KHOA HỌC VÀ CÔNG NGHỆ" {
		t.Errorf("saved v%d, issuer %q", d.Version, d.Issuer)
	}
	again, err := f.app.OfficialReport(ctx, f.leader, f.plan, d.PeriodID)
	if err != nil {
		t.Fatal(err)
	}
	if again.Draft.Version != 1 || again.Draft.Number != "12/BC-SKHCN" {
		t.Errorf("read back v%d %q", again.Draft.Version, again.Draft.Number)
	}

	// A second editor who read version 0 is told, and nothing changes.
	stale := *rep.Draft
	stale.Version, stale.Number = 0, "99/BC-SKHCN"
	if err := f.app.SaveOfficialReport(ctx, f.admin, &stale); !errors.Is(err, derrors.Conflict) || derrors.MessageOf(err) == "" {
		t.Errorf("stale save: %v, want Conflict", err)
	}
	if kept, _ := f.store.OfficialReport(ctx, f.plan, d.PeriodID); kept.Version != 1 || kept.Number != "12/BC-SKHCN" {
		t.Errorf("after the stale save: v%d %q", kept.Version, kept.Number)
	}
}
