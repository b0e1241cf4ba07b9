package app_test

import (
	"context"
	"errors"
	"testing"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TestSaveReportEntry: the one rule every edge saves a line by — the
// version read guards against overwriting someone else's save (the refusal
// holds what is saved now), none means the last writer wins, every problem
// is told at once, and only the report's agency writes it.
func TestSaveReportEntry(t *testing.T) {
	f := newReportFix(t)
	ctx := context.Background()

	e, err := f.app.SaveReportEntry(ctx, f.officer, f.report, line(f.task2, "in_progress", 60), []int{0}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if e.Version != 1 || e.UpdatedBy != f.officer.ID || e.Status != plan.ClaimInProgress {
		t.Errorf("first save %+v", e)
	}

	// A second person who read version 0 is refused with the line as saved.
	_, err = f.app.SaveReportEntry(ctx, f.head, f.report, line(f.task2, "completed", 100), []int{0}, nil)
	var conflict *app.ReportPartConflict
	if !errors.As(err, &conflict) || !errors.Is(err, derrors.Conflict) || derrors.MessageOf(err) == "" {
		t.Fatalf("stale save: %v, want a ReportPartConflict", err)
	}
	if conflict.Version != 1 || conflict.By != f.officer.ID || conflict.Entry == nil || conflict.Entry.Percent != 60 {
		t.Errorf("conflict %+v entry %+v", conflict, conflict.Entry)
	}
	if got := entryIn(t, f, f.task2); got.Version != 1 || got.Percent != 60 {
		t.Errorf("after the refused save the line is %+v", got)
	}

	// Naming no version: the last writer wins.
	e, err = f.app.SaveReportEntry(ctx, f.head, f.report, line(f.task2, "in_progress", 70), nil, nil)
	if err != nil || e.Version != 2 || e.Percent != 70 {
		t.Fatalf("unversioned save: %+v, %v", e, err)
	}

	// What did not read and what the rules refuse, together.
	done := line(f.task2, "completed", 100)
	_, err = f.app.SaveReportEntry(ctx, f.officer, f.report, done, []int{2}, plan.FieldErrors{"percent": "Tiến độ không đọc được."})
	var ie *reporting.InvalidError
	if !errors.As(err, &ie) || ie.Fields["percent"] != "Tiến độ không đọc được." || ie.Fields["completed_on"] == "" {
		t.Errorf("invalid save: %v", err)
	}

	// Only the lead agency's own line, by its own people.
	if _, err := f.app.SaveReportEntry(ctx, f.officer, f.report, line(f.t3, "in_progress", 10), nil, nil); !errors.Is(err, reporting.ErrNotAssigned) {
		t.Errorf("a task nobody leads: %v, want ErrNotAssigned", err)
	}
	if _, err := f.app.SaveReportEntry(ctx, f.otherHead, f.report, line(f.task2, "in_progress", 10), nil, nil); !errors.Is(err, reporting.ErrOtherAgency) {
		t.Errorf("another agency's head: %v, want ErrOtherAgency", err)
	}
	if _, err := f.app.SaveReportEntry(ctx, f.coordinator, f.report, line(f.task2, "in_progress", 10), nil, nil); !errors.Is(err, reporting.ErrAgencyOnly) {
		t.Errorf("the coordinator: %v, want ErrAgencyOnly", err)
	}
	if _, err := f.app.SaveReportEntry(ctx, f.officer, 999999, line(f.task2, "in_progress", 10), nil, nil); !errors.Is(err, derrors.NotFound) {
		t.Errorf("no such report: %v, want NotFound", err)
	}
}

// TestSaveReportParts: a contribution, an indicator value and the free
// texts are saved by the same rule, each under its own version (the
// texts under the report's).
func TestSaveReportParts(t *testing.T) {
	f := newReportFix(t)
	ctx := context.Background()

	c, err := f.app.SaveReportContribution(ctx, f.officer, f.report, reporting.Contribution{TaskID: f.task1, Text: "  Đã bố trí kinh phí.  "}, []int{0})
	if err != nil || c.Version != 1 || c.Text != "Đã bố trí kinh phí." || c.AgencyID != f.taichinh {
		t.Fatalf("contribution %+v, %v", c, err)
	}
	_, err = f.app.SaveReportContribution(ctx, f.head, f.report, reporting.Contribution{TaskID: f.task1, Text: "Khác"}, []int{0})
	var conflict *app.ReportPartConflict
	if !errors.As(err, &conflict) || conflict.Contribution == nil || conflict.Contribution.Text != "Đã bố trí kinh phí." {
		t.Errorf("stale contribution: %v", err)
	}
	if _, err := f.app.SaveReportContribution(ctx, f.officer, f.report, reporting.Contribution{TaskID: f.task2, Text: "x"}, nil); !errors.Is(err, reporting.ErrNotAssigned) {
		t.Errorf("a task it leads is not a contribution: %v", err)
	}

	v85 := 85.5
	v, err := f.app.SaveReportValue(ctx, f.officer, f.report, reporting.IndicatorValue{IndicatorID: f.ind, Value: &v85}, []int{0}, nil)
	if err != nil || v.Version != 1 || *v.Value != 85.5 {
		t.Fatalf("value %+v, %v", v, err)
	}
	_, err = f.app.SaveReportValue(ctx, f.officer, f.report, reporting.IndicatorValue{IndicatorID: f.ind}, []int{1},
		plan.FieldErrors{"value": "Số không hợp lệ."})
	if fe := fieldsOf(err); fe["value"] != "Số không hợp lệ." {
		t.Errorf("unreadable value: %v", err)
	}
	_, err = f.app.SaveReportValue(ctx, f.officer, f.report, reporting.IndicatorValue{IndicatorID: 999999}, nil, nil)
	if !errors.Is(err, reporting.ErrIndicatorNotAssigned) || !errors.Is(err, reporting.ErrNotAssigned) {
		t.Errorf("an indicator not the agency's: %v", err)
	}

	rep, err := f.app.Report(ctx, f.officer, f.report)
	if err != nil {
		t.Fatal(err)
	}
	texts := reporting.Texts{Summary: "Hoàn thành cơ bản các nhiệm vụ của quý."}
	version, err := f.app.SaveReportTexts(ctx, f.officer, f.report, texts, []int{rep.Version})
	if err != nil || version != rep.Version+1 {
		t.Fatalf("texts: version %d, %v (report was %d)", version, err, rep.Version)
	}
	_, err = f.app.SaveReportTexts(ctx, f.head, f.report, reporting.Texts{Summary: "Bản cũ"}, []int{rep.Version})
	if !errors.As(err, &conflict) || conflict.Texts == nil || conflict.Texts.Summary != texts.Summary || conflict.Version != version {
		t.Errorf("stale texts: %v", err)
	}
	if got, err := f.app.ReportVersion(ctx, f.head, f.report); err != nil || got != version {
		t.Errorf("ReportVersion = %d, %v; want %d", got, err, version)
	}
}

// entryIn is the stored line of task in the fixture's report.
func entryIn(t *testing.T, f *reportFix, task int64) reporting.Entry {
	t.Helper()
	rep, err := f.store.Report(context.Background(), f.report)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rep.Entries {
		if e.TaskID == task {
			return e
		}
	}
	t.Fatalf("no line for task %d", task)
	return reporting.Entry{}
}

// fieldsOf are the field errors of a reporting rule's refusal.
func fieldsOf(err error) plan.FieldErrors {
	var ie *reporting.InvalidError
	if errors.As(err, &ie) {
		return ie.Fields
	}
	return nil
}
