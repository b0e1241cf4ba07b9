package app_test

import (
	"context"
	"errors"
	"testing"

	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
)

// TestCoordinatorInbox: what waits on the coordinator is gathered across
// periods — a report sent, then returned, shows in the right list each
// time — and only the coordinator and admin have an inbox.
func TestCoordinatorInbox(t *testing.T) {
	f := newReportFix(t)
	ctx := context.Background()
	in, err := f.app.CoordinatorInbox(ctx, f.coordinator)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Review) != 0 || len(in.Returned) != 0 {
		t.Fatalf("before anything is sent: %+v", in.Inbox)
	}
	if _, err := f.app.SaveReportEntry(ctx, f.officer, f.report, line(f.task2, "in_progress", 60), nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.SubmitReport(ctx, f.head, f.report, nil); err != nil {
		t.Fatal(err)
	}
	if in, err = f.app.CoordinatorInbox(ctx, f.admin); err != nil || len(in.Review) != 1 || in.Review[0].ID != f.report {
		t.Fatalf("after sending: %+v, %v", in, err)
	}
	if in.Agencies[in.Review[0].AgencyID].Name == "" {
		t.Error("the inbox does not name the report's agency")
	}
	if _, err := f.app.ReturnReport(ctx, f.coordinator, f.report, "Thiếu minh chứng.", nil); err != nil {
		t.Fatal(err)
	}
	if in, err = f.app.CoordinatorInbox(ctx, f.coordinator); err != nil || len(in.Review) != 0 || len(in.Returned) != 1 ||
		in.Returned[0].State != reporting.StateReturned {
		t.Fatalf("after returning: %+v, %v", in, err)
	}
	if _, err := f.app.CoordinatorInbox(ctx, f.head); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("the head's inbox: %v", err)
	}
	if _, err := f.app.CoordinatorInbox(ctx, f.leader); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("the leader's inbox: %v", err)
	}
}

// TestLeaderHome: each active plan with its figures through the cache.
func TestLeaderHome(t *testing.T) {
	f := newReportFix(t)
	plans, err := f.app.LeaderHome(context.Background(), f.leader)
	if err != nil || len(plans) == 0 {
		t.Fatalf("LeaderHome: %v, %v", plans, err)
	}
	p := plans[0]
	if p.Work == nil || p.Dashboard == nil || p.Dashboard.Figures.Status.Total() == 0 || len(p.Dashboard.Figures.Trend) == 0 {
		t.Fatalf("plan %d: work %v, dashboard %+v", p.Plan.ID, p.Work, p.Dashboard)
	}
	if _, err := f.app.LeaderHome(context.Background(), f.officer); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("an officer's leader home: %v", err)
	}
}
