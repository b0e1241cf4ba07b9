package dbtest

import (
	"context"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// SendDraft sends a draft report of plan planID's period holding today,
// as its agency's head at now: the head gives every blank entry a status
// (in progress, 10 %) and submits. It returns the report as sent. The
// tests of the caches above the store use it to move a plan's reports
// version on generated data (gen.Run).
func SendDraft(t testing.TB, st *store.Store, planID int64, today, now time.Time) *reporting.Report {
	t.Helper()
	ctx := context.Background()
	reports, _, err := st.Reports(ctx, reporting.ReportFilter{PlanID: planID, Today: today, Limit: 5000})
	if err != nil {
		t.Fatal(err)
	}
	var draft *reporting.Report
	for i := range reports {
		if r := &reports[i]; r.State == reporting.StateDraft && r.Period.Contains(today) {
			draft = r
			break
		}
	}
	if draft == nil {
		t.Fatalf("plan %d has no draft report in the period holding %s", planID, today.Format(time.DateOnly))
	}
	users, err := st.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var head *auth.User
	for i := range users {
		if users[i].AgencyID == draft.AgencyID && users[i].Role == auth.RoleHead {
			head = &users[i]
		}
	}
	if head == nil {
		t.Fatalf("agency %d has no head", draft.AgencyID)
	}
	as := reporting.Actor{User: head, Now: now}
	full, err := st.Report(ctx, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range full.Entries {
		if e.Status == "" {
			e.Status, e.Percent = "in_progress", 10
			if err := st.SaveEntry(ctx, as, draft.ID, &e); err != nil {
				t.Fatal(err)
			}
		}
	}
	if full, err = st.Report(ctx, draft.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SubmitReport(ctx, as, draft.ID, full.Version); err != nil {
		t.Fatal(err)
	}
	if full, err = st.Report(ctx, draft.ID); err != nil {
		t.Fatal(err)
	}
	return full
}
