package app_test

import (
	"context"
	"errors"
	"testing"

	"tiendo/internal/audit"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
)

// TestSearchAudit: coordinators and admins read the audit log; agencies'
// people do not; a filter that ends before it starts is Invalid.
func TestSearchAudit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.app.UpdateTask(ctx, f.coordinator, f.task1, plan.TaskChange{Product: ptr("Báo cáo rà soát")}, nil); err != nil {
		t.Fatal(err)
	}
	rows, err := f.app.SearchAudit(ctx, f.coordinator, audit.Filter{Object: "task", ObjectID: f.task1, UserID: f.coordinator.ID})
	if err != nil || len(rows) != 1 || rows[0].Action != "task.update" || rows[0].Actor() != "dieuphoi (dieuphoi)" || rows[0].Seq == 0 {
		t.Fatalf("rows = %+v, %v", rows, err)
	}
	if _, err := f.app.SearchAudit(ctx, f.head, audit.Filter{}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("head reads the audit log: %v", err)
	}
	_, err = f.app.SearchAudit(ctx, f.admin, audit.Filter{From: plan.Date(2025, 9, 2), To: plan.Date(2025, 9, 1)})
	if !errors.Is(err, derrors.Invalid) || derrors.MessageOf(err) == "" {
		t.Errorf("backwards dates: %v", err)
	}
	c, err := f.app.AuditFilterChoices(ctx, f.admin)
	if err != nil || len(c.Users) != 6 || len(c.Agencies) != 5 || len(c.Objects) == 0 {
		t.Errorf("choices = %d users, %d agencies, %v; %v", len(c.Users), len(c.Agencies), c.Objects, err)
	}
	if _, err := f.app.AuditFilterChoices(ctx, f.officer); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("officer reads the choices: %v", err)
	}
}
