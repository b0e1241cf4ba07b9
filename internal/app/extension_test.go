package app_test

import (
	"context"
	"errors"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/reporting"
)

// TestExtensions: the lead agency asks, the coordinator decides (an
// approval moves the task's deadline, the original stays), and each
// agency sees its own requests only.
func TestExtensions(t *testing.T) {
	f := newReportFix(t)
	ctx := context.Background()
	ask := reporting.Extension{Kind: reporting.ExtendDeadline, DeadlineText: "Quý IV/2025", Reason: "Vốn giao chậm."}

	if _, err := f.app.RequestExtension(ctx, f.coordinator, f.task2, ask); !errors.Is(err, reporting.ErrAgencyOnly) {
		t.Errorf("the coordinator asks: %v", err)
	}
	if _, err := f.app.RequestExtension(ctx, f.officer, f.task1, ask); !errors.Is(err, reporting.ErrNotAssigned) {
		t.Errorf("a task another agency leads: %v", err)
	}
	if _, err := f.app.RequestExtension(ctx, f.officer, 999999, ask); !errors.Is(err, derrors.NotFound) {
		t.Errorf("no such task: %v", err)
	}
	_, err := f.app.RequestExtension(ctx, f.officer, f.task2, reporting.Extension{Kind: reporting.ExtendDeadline, DeadlineText: "quý 9"})
	if fe := fieldsOf(err); fe["reason"] == "" || fe["deadline_text"] == "" {
		t.Errorf("no reason, an unreadable deadline: %v", err)
	}
	e, err := f.app.RequestExtension(ctx, f.officer, f.task2, ask)
	if err != nil || e.State != reporting.ExtensionPending || e.AgencyID != f.taichinh || e.OldDeadline.Text != "05/9/2025" {
		t.Fatalf("request %+v, %v", e, err)
	}

	if list, err := f.app.Extensions(ctx, f.head, reporting.ExtensionFilter{}); err != nil || len(list) != 1 {
		t.Errorf("the agency's own: %d, %v", len(list), err)
	}
	if list, err := f.app.Extensions(ctx, f.otherHead, reporting.ExtensionFilter{TaskID: f.task2}); err != nil || len(list) != 0 {
		t.Errorf("another agency sees %d, %v", len(list), err)
	}
	if _, err := f.app.Extensions(ctx, f.otherHead, reporting.ExtensionFilter{AgencyID: f.taichinh}); !errors.Is(err, reporting.ErrOtherAgency) {
		t.Errorf("asking for another agency's: %v", err)
	}
	if _, err := f.app.Extension(ctx, f.otherHead, e.ID); !errors.Is(err, reporting.ErrOtherAgency) {
		t.Errorf("another agency's request: %v", err)
	}
	if got, err := f.app.Extension(ctx, f.leader, e.ID); err != nil || got.ID != e.ID {
		t.Errorf("the leader reads it: %v", err)
	}

	yes, no := true, false
	if _, err := f.app.DecideExtension(ctx, f.coordinator, e.ID, nil, ""); !errors.Is(err, derrors.Invalid) || derrors.FieldsOf(err)["approve"] == "" {
		t.Errorf("a decision that says neither: %v", err)
	}
	if _, err := f.app.DecideExtension(ctx, f.head, e.ID, &yes, ""); !errors.Is(err, reporting.ErrReviewOnly) {
		t.Errorf("the head decides: %v", err)
	}
	if _, err := f.app.DecideExtension(ctx, f.coordinator, e.ID, &no, " "); !errors.Is(err, reporting.ErrNoteRequired) {
		t.Errorf("a refusal without a note: %v", err)
	}
	d, err := f.app.DecideExtension(ctx, f.coordinator, e.ID, &yes, "Đồng ý.")
	if err != nil || d.State != reporting.ExtensionApproved || d.DecidedBy != f.coordinator.ID {
		t.Fatalf("approve: %+v, %v", d, err)
	}
	task, err := f.app.Task(ctx, f.coordinator, f.task2)
	if err != nil || task.Deadline.Text != "Quý IV/2025" || task.OriginalDeadline.Text != "05/9/2025" {
		t.Errorf("the task after approval: %+v, %v", task.Deadline, err)
	}
	if _, err := f.app.DecideExtension(ctx, f.coordinator, e.ID, &no, "Đổi ý."); !errors.Is(err, reporting.ErrDecided) {
		t.Errorf("decided twice: %v", err)
	}
	// Its state is judged before what the decision says.
	if _, err := f.app.DecideExtension(ctx, f.coordinator, e.ID, nil, ""); !errors.Is(err, reporting.ErrDecided) {
		t.Errorf("decided, then a decision that says neither: %v", err)
	}

	// The task's history shows the request and its decision to those who
	// may read the request, and to nobody else; the change the approval
	// made to the task shows to everyone, as the task itself does.
	actions := func(by *auth.User) map[string]bool {
		rec, err := f.app.ReadTaskRecord(ctx, by, task)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, a := range rec.Audit {
			seen[a.Action] = true
		}
		return seen
	}
	for _, by := range []*auth.User{f.officer, f.coordinator, f.leader} {
		if got := actions(by); !got["extension.request"] || !got["extension.decide"] || !got["task.extension"] {
			t.Errorf("%s reads the task's history %v, want the request, decision and change", by.Username, got)
		}
	}
	if got := actions(f.otherHead); got["extension.request"] || got["extension.decide"] || !got["task.extension"] {
		t.Errorf("another agency reads the task's history %v, want only the change", got)
	}
}
