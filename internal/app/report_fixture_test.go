package app_test

import (
	"context"
	"testing"

	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// reportFix is the fixture's province in its quarter III/2025 (started
// 1/7, today 1/9): Sở Tài chính's report, which holds the line of task2,
// the value of indicator CT01, and its part of task1, on which it
// cooperates.
type reportFix struct {
	*fixture
	period int64 // Quý III/2025
	report int64 // Sở Tài chính's
	ind    int64 // CT01, Sở Tài chính's
}

func newReportFix(t *testing.T) *reportFix {
	t.Helper()
	ctx := context.Background()
	f := &reportFix{fixture: newFixture(t)}
	// Sở Tài chính cooperates on task1 and answers for an indicator.
	if _, err := f.app.UpdateTask(ctx, f.coordinator, f.task1, taskCoop(f.taichinh), nil); err != nil {
		t.Fatal(err)
	}
	ind := &indicator.Indicator{PlanID: f.plan, Code: "CT01", Name: "Tỷ lệ hồ sơ trực tuyến", Unit: "%",
		Direction: indicator.Increase, Aggregation: indicator.Latest, AgencyID: f.taichinh}
	if err := f.store.CreateIndicator(ctx, 0, ind); err != nil {
		t.Fatal(err)
	}
	f.ind = ind.ID
	periods, err := f.app.Periods(ctx, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range periods {
		if p.Started(f.app.Today()) && !p.End.Before(f.app.Today()) {
			f.period = p.ID
		}
	}
	if f.period == 0 {
		t.Fatalf("no period holds today among %+v", periods)
	}
	rep, err := f.app.StartReport(ctx, f.officer, f.period)
	if err != nil {
		t.Fatal(err)
	}
	f.report = rep.ID
	return f
}

// line is an entry of task with a status, as an agency types it.
func line(task int64, status string, percent int) reporting.Entry {
	return reporting.Entry{TaskID: task, Status: claim(status), Percent: percent, Result: "Đã triển khai tại 12 sở."}
}

// taskCoop is the change that makes agencies a task's cooperating ones.
func taskCoop(agencies ...int64) plan.TaskChange {
	return plan.TaskChange{CooperatingAgencyIDs: &agencies}
}

// claim is a status claim by its code.
func claim(code string) plan.Claim { return plan.Claim(code) }
