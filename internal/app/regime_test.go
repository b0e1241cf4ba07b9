package app_test

import (
	"context"
	"errors"
	"testing"

	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
)

func TestReportingRegime(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	// Never saved: the defaults, for every reader.
	r, err := f.app.ReportingRegime(ctx, f.leader, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != 0 || r.Frequency != reporting.Quarterly || r.DueDay != reporting.DefaultDueDay {
		t.Errorf("defaults %+v", r)
	}
	if _, err := f.app.ReportingRegime(ctx, f.leader, 999999); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unknown plan: %v", err)
	}

	// The preview of the defaults on 01/09/2025: quarter III first, current.
	p, err := f.app.Plan(ctx, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	pre := f.app.RegimePreview(p, *r)
	if len(pre) != 4 || pre[0].Label != "Quý III/2025" || !pre[0].Current || pre[1].Current {
		t.Errorf("preview %+v", pre)
	}

	// Only editors save; a blank due day is refused, not defaulted.
	half := *r
	half.Frequency, half.DueDay, half.DueMonth = reporting.HalfYearly, 15, reporting.DueNextMonth
	if err := f.app.SaveReportingRegime(ctx, f.head, &half); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("head saves: %v, want Forbidden", err)
	}
	blank := half
	blank.DueDay = 0
	if err := f.app.SaveReportingRegime(ctx, f.coordinator, &blank); derrors.FieldsOf(err)["due_day"] == "" {
		t.Errorf("blank due day: %v, want a field error", err)
	}
	unknown := half
	unknown.PlanID = 999999
	if err := f.app.SaveReportingRegime(ctx, f.coordinator, &unknown); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unknown plan: %v", err)
	}

	// Saved: versioned, and the plan's periods follow the new frequency.
	half.RemindBefore = []int{2, 7, 2}
	if err := f.app.SaveReportingRegime(ctx, f.coordinator, &half); err != nil {
		t.Fatal(err)
	}
	periods, err := f.app.Periods(ctx, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	if half.Version != 1 || len(half.RemindBefore) != 2 || len(periods) == 0 || periods[0].Frequency != reporting.HalfYearly {
		t.Errorf("saved v%d, reminders %v; periods %+v", half.Version, half.RemindBefore, periods)
	}

	// A second editor who read the defaults is told.
	stale := *r
	if err := f.app.SaveReportingRegime(ctx, f.admin, &stale); !errors.Is(err, derrors.Conflict) {
		t.Errorf("stale save: %v, want Conflict", err)
	}
}
