package app_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
)

// TestReportFlow: submit, return, submit again, accept, revise — each by
// whom the rule names, each refused over a stale page — and the report
// read whole afterwards with its history, as both edges show it.
func TestReportFlow(t *testing.T) {
	f := newReportFix(t)
	ctx := context.Background()
	version := func() []int {
		t.Helper()
		v, err := f.app.ReportVersion(ctx, f.head, f.report)
		if err != nil {
			t.Fatal(err)
		}
		return []int{v}
	}

	if _, err := f.app.SubmitReport(ctx, f.head, f.report, nil); !errors.Is(err, reporting.ErrIncomplete) {
		t.Errorf("a report with a line without status: %v, want ErrIncomplete", err)
	}
	if _, err := f.app.SaveReportEntry(ctx, f.officer, f.report, line(f.task2, "in_progress", 60), nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.SubmitReport(ctx, f.officer, f.report, nil); !errors.Is(err, reporting.ErrHeadOnly) {
		t.Errorf("the officer submits: %v, want ErrHeadOnly", err)
	}
	if _, err := f.app.SubmitReport(ctx, f.head, f.report, []int{1}); !errors.Is(err, derrors.Conflict) {
		t.Errorf("a stale page: %v, want Conflict", err)
	}
	rep, err := f.app.SubmitReport(ctx, f.head, f.report, version())
	if err != nil || rep.State != reporting.StateSubmitted || !rep.OnTime {
		t.Fatalf("submit: %+v, %v", rep, err)
	}

	if _, err := f.app.ReturnReport(ctx, f.head, f.report, "x", nil); !errors.Is(err, reporting.ErrReviewOnly) {
		t.Errorf("the head returns: %v, want ErrReviewOnly", err)
	}
	if _, err := f.app.ReturnReport(ctx, f.coordinator, f.report, "  ", version()); !errors.Is(err, reporting.ErrReasonRequired) {
		t.Errorf("no reason: %v, want ErrReasonRequired", err)
	}
	if _, err := f.app.ReturnReport(ctx, f.coordinator, f.report, "Thiếu số liệu chỉ tiêu CT01.", version()); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.SubmitReport(ctx, f.head, f.report, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.AcceptReport(ctx, f.officer, f.report, nil); !errors.Is(err, reporting.ErrReviewOnly) {
		t.Errorf("the officer accepts: %v, want ErrReviewOnly", err)
	}
	if _, err := f.app.AcceptReport(ctx, f.coordinator, f.report, version()); err != nil {
		t.Fatal(err)
	}

	rr, err := f.app.ReadReport(ctx, f.leader, f.report, reporting.ActView)
	if err != nil {
		t.Fatal(err)
	}
	var acts []reporting.Action
	for _, s := range rr.Steps {
		acts = append(acts, s.Action)
	}
	if !slices.Equal(acts, []reporting.Action{reporting.ActSubmit, reporting.ActReturn, reporting.ActSubmit, reporting.ActAccept}) {
		t.Fatalf("steps %v", acts)
	}
	if s := rr.Steps[0]; s.State != reporting.StateSubmitted || s.By != f.head.ID || s.OnTime == nil || !*s.OnTime || !s.At.Equal(testNow) {
		t.Errorf("submission %+v", s)
	}
	if s := rr.Steps[1]; s.Reason != "Thiếu số liệu chỉ tiêu CT01." || s.State != reporting.StateReturned {
		t.Errorf("return %+v", s)
	}
	if rr.Users[f.head.ID] != f.head.FullName || rr.Users[f.coordinator.ID] != f.coordinator.FullName {
		t.Errorf("names %v", rr.Users)
	}
	if len(rr.Changes) == 0 || rr.Changes[0].Action != "report.entry" {
		t.Errorf("other saves %+v", rr.Changes)
	}
	if rr.Plan.ID != f.plan || rr.Tasks[f.task2] == nil || rr.Tasks[f.task1] == nil || rr.Indicators[f.ind] == nil ||
		rr.Agencies[f.taichinh] == nil || len(rr.Revisions) != 1 || len(rr.Allowed) != 1 || rr.Allowed[0] != reporting.ActView {
		t.Errorf("read %+v", rr)
	}
	if _, err := f.app.ReadReport(ctx, f.officer, f.report, reporting.ActEdit); !errors.Is(err, reporting.ErrLocked) {
		t.Errorf("the form of an accepted report: %v, want ErrLocked", err)
	}

	// A correction is a new revision; the accepted one stays.
	if _, err := f.app.ReviseReport(ctx, f.otherHead, f.report); !errors.Is(err, reporting.ErrOtherAgency) {
		t.Errorf("another agency revises: %v", err)
	}
	next, err := f.app.ReviseReport(ctx, f.officer, f.report)
	if err != nil || next.Revision != 2 || next.State != reporting.StateDraft || !next.Current {
		t.Fatalf("revise: %+v, %v", next, err)
	}
}

// TestReportRead: the view rule decides who reads a report, and the
// agency's report for a period is opened for its own people only.
func TestReportRead(t *testing.T) {
	f := newReportFix(t)
	ctx := context.Background()
	if _, err := f.app.Report(ctx, f.otherHead, f.report); !errors.Is(err, reporting.ErrOtherAgency) {
		t.Errorf("another agency's head: %v", err)
	}
	if _, err := f.app.Report(ctx, f.leader, f.report); !errors.Is(err, reporting.ErrAcceptedOnly) {
		t.Errorf("the leader before acceptance: %v", err)
	}
	if _, err := f.app.Report(ctx, f.coordinator, f.report); err != nil {
		t.Errorf("the coordinator: %v", err)
	}
	// An agency's people find their own agency's, whatever they name.
	pr, err := f.app.PeriodReport(ctx, f.head, f.period, f.noivu)
	if err != nil || pr.Report == nil || pr.Report.ID != f.report {
		t.Fatalf("the head's report: %+v, %v", pr, err)
	}
	rep := pr.Report
	if _, err := f.app.PeriodReport(ctx, f.coordinator, f.period, 0); !errors.Is(err, derrors.NotFound) {
		t.Errorf("no agency named: %v", err)
	}
	if _, err := f.app.PeriodReport(ctx, f.coordinator, f.period, f.noivu); !errors.Is(err, reporting.ErrNotExpected) {
		t.Errorf("an agency with nothing to report: %v", err)
	}
	if _, err := f.app.StartReport(ctx, f.otherHead, f.period); !errors.Is(err, reporting.ErrNotExpected) {
		t.Errorf("an agency with nothing to report starts one: %v", err)
	}
	if _, err := f.app.StartReport(ctx, f.coordinator, f.period); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("the coordinator starts an agency's report: %v", err)
	}
	if !slices.Contains(f.app.AllowedOnReport(f.officer, rep), reporting.ActEdit) ||
		slices.Contains(f.app.AllowedOnReport(f.officer, rep), reporting.ActSubmit) {
		t.Errorf("the officer may %v", f.app.AllowedOnReport(f.officer, rep))
	}
}

// TestReports: lists are narrowed by the view rule; asking for what one
// may not read is refused, not answered with an empty list.
func TestReports(t *testing.T) {
	f := newReportFix(t)
	ctx := context.Background()
	list, total, err := f.app.Reports(ctx, f.officer, reporting.ReportFilter{PlanID: f.plan})
	if err != nil || total == 0 {
		t.Fatalf("the officer's list: %d, %v", total, err)
	}
	for _, r := range list {
		if r.AgencyID != f.taichinh {
			t.Errorf("the officer sees report %d of agency %d", r.ID, r.AgencyID)
		}
	}
	if _, _, err := f.app.Reports(ctx, f.otherHead, reporting.ReportFilter{PlanID: f.plan, AgencyID: f.taichinh}); !errors.Is(err, reporting.ErrOtherAgency) {
		t.Errorf("another agency's: %v", err)
	}
	if _, _, err := f.app.Reports(ctx, f.leader, reporting.ReportFilter{PlanID: f.plan, State: reporting.StateDraft}); !errors.Is(err, reporting.ErrAcceptedOnly) {
		t.Errorf("the leader asks for drafts: %v", err)
	}
	if list, _, err := f.app.Reports(ctx, f.leader, reporting.ReportFilter{PlanID: f.plan}); err != nil || len(list) != 0 {
		t.Errorf("the leader sees %d reports before any is accepted (%v)", len(list), err)
	}
	if _, total, err := f.app.Reports(ctx, f.coordinator, reporting.ReportFilter{PlanID: f.plan}); err != nil || total < 2 {
		t.Errorf("the coordinator sees %d, %v", total, err)
	}
	if _, _, err := f.app.Reports(ctx, f.coordinator, reporting.ReportFilter{PlanID: 999999}); !errors.Is(err, derrors.NotFound) {
		t.Errorf("no such plan: %v", err)
	}
}
