package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

func TestRegimeAndPeriods(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		id := f.d.Plan.ID
		r, err := s.Regime(ctx, id)
		must(t, err)
		if r.Version != 0 || r.Frequency != reporting.Quarterly || r.DueDay != 10 || r.Text != f.d.Plan.ReportingRule {
			t.Errorf("default regime %+v", r)
		}
		periods, err := s.Periods(ctx, id)
		must(t, err)
		// Issued 20/5/2025, a continuous task: quarters II/2025 … IV/2030.
		if len(periods) != 23 || periods[0].Label != "Quý II/2025" || periods[22].Label != "Quý IV/2030" {
			t.Fatalf("%d periods, %s … %s", len(periods), periods[0].Label, periods[len(periods)-1].Label)
		}
		q2 := periods[0]
		if !q2.Due.Equal(plan.Date(2025, 6, 10)) || !q2.Start.Equal(plan.Date(2025, 4, 1)) || q2.ID == 0 {
			t.Errorf("Q2 %+v", q2)
		}
		again, err := s.Periods(ctx, id)
		must(t, err)
		if again[0].ID != q2.ID || len(again) != 23 {
			t.Error("periods are not stable")
		}
		p, err := s.PeriodAt(ctx, id, plan.Date(2025, 8, 15))
		must(t, err)
		if p.Label != "Quý III/2025" {
			t.Errorf("period at 15/8/2025: %s", p.Label)
		}
		_, err = s.PeriodAt(ctx, id, plan.Date(2040, 1, 1))
		wantErr(t, err, ErrNotFound)
		_, err = s.Periods(ctx, 9999)
		wantErr(t, err, ErrNotFound)

		// A stale version is refused.
		r.DueDay = 20
		r.Version = 3
		wantErr(t, s.SaveRegime(ctx, 0, r), ErrConflict)

		// A report holds quarter II; then the plan goes half-yearly: quarters
		// without reports are dropped, half-years appear.
		f.report(t, q2, "khcn")
		r.Version, r.Frequency, r.DueDay = 0, reporting.HalfYearly, 20
		must(t, s.SaveRegime(ctx, f.users["coord"].ID, r))
		if r.Version != 1 {
			t.Errorf("version %d", r.Version)
		}
		halves, err := s.Periods(ctx, id)
		must(t, err)
		if len(halves) != 12 || halves[0].Label != "6 tháng đầu năm 2025" || !halves[0].Due.Equal(plan.Date(2025, 6, 20)) {
			t.Errorf("%d half-years, first %+v", len(halves), halves[0])
		}
		var quarters int
		must(t, s.queryRow(ctx, s.r, `SELECT COUNT(*) FROM periods WHERE plan_id = ? AND frequency = 'quarter'`, id).Scan(&quarters))
		if quarters != 1 {
			t.Errorf("%d quarters kept, want the one with a report", quarters)
		}
		// Due day changes move the stored periods' due days, keeping IDs.
		r.DueDay = 25
		must(t, s.SaveRegime(ctx, 0, r))
		moved, err := s.Periods(ctx, id)
		must(t, err)
		if moved[0].ID != halves[0].ID || !moved[0].Due.Equal(plan.Date(2025, 6, 25)) {
			t.Errorf("after moving the due day: %+v", moved[0])
		}
		got, err := s.Regime(ctx, id)
		must(t, err)
		if got.Version != 2 || got.DueDay != 25 || !slices.Equal(got.RemindBefore, []int{7, 2}) || !got.RemindWeekly {
			t.Errorf("stored regime %+v", got)
		}
	})
}

func TestExpectedAgenciesStored(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		got, err := s.ExpectedAgencies(ctx, f.q2.ID)
		must(t, err)
		want := []int64{f.ag["khcn"], f.ag["tc"], f.ag["xa"]}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("Q2/2025: %v, want %v (mentioned MTTQ and unassigned tasks excluded)", got, want)
		}
		// Every expected report is listed from its period's start, with an ID.
		list, total, err := s.Reports(ctx, reporting.ReportFilter{PlanID: f.d.Plan.ID, Today: plan.Date(2025, 5, 1)})
		must(t, err)
		if total != 3 || len(list) != 3 {
			t.Fatalf("%d reports", total)
		}
		names := []int64{f.ag["khcn"], f.ag["tc"], f.ag["xa"]} // Sở Khoa học…, Sở Tài chính, UBND xã…
		for i, r := range list {
			if r.ID == 0 || r.State != reporting.StateNotStarted || r.AgencyID != names[i] || r.Period.ID != f.q2.ID || !r.Current {
				t.Errorf("report %d: %+v", i, r)
			}
		}
		// Listing again creates nothing; quarter III adds three more once started.
		_, total, err = s.Reports(ctx, reporting.ReportFilter{PlanID: f.d.Plan.ID, Today: plan.Date(2025, 6, 30)})
		must(t, err)
		if total != 3 {
			t.Errorf("%d reports before Q3", total)
		}
		_, total, err = s.Reports(ctx, reporting.ReportFilter{PlanID: f.d.Plan.ID, Today: plan.Date(2025, 7, 1)})
		must(t, err)
		if total != 6 {
			t.Errorf("%d reports in Q3", total)
		}
		list, _, err = s.Reports(ctx, reporting.ReportFilter{PlanID: f.d.Plan.ID, PeriodID: f.q3.ID, AgencyID: f.ag["tc"], Today: plan.Date(2025, 7, 1)})
		must(t, err)
		if len(list) != 1 || list[0].AgencyID != f.ag["tc"] {
			t.Errorf("filtered %+v", list)
		}
		// The due window keeps the periods due on its days or between them.
		for _, w := range []struct {
			from, to time.Time
			want     []int64 // periods
		}{
			{f.q2.Due, f.q2.Due, []int64{f.q2.ID}},
			{f.q2.Due.AddDate(0, 0, 1), time.Time{}, []int64{f.q3.ID}},
			{time.Time{}, f.q3.Due.AddDate(0, 0, -1), []int64{f.q2.ID}},
			{f.q2.Due, f.q3.Due, []int64{f.q2.ID, f.q3.ID}},
			{f.q3.Due.AddDate(0, 0, 1), time.Time{}, nil},
		} {
			list, _, err := s.Reports(ctx, reporting.ReportFilter{PlanID: f.d.Plan.ID, Today: plan.Date(2025, 7, 1), DueFrom: w.from, DueTo: w.to})
			must(t, err)
			var got []int64
			for _, r := range list {
				if !slices.Contains(got, r.PeriodID) {
					got = append(got, r.PeriodID)
				}
			}
			if !slices.Equal(got, w.want) || len(list) != 3*len(w.want) {
				t.Errorf("due from %s to %s: %d reports of periods %v, want 3 of each of %v", w.from.Format(time.DateOnly), w.to.Format(time.DateOnly), len(list), got, w.want)
			}
		}
		_, err = s.ReportFor(ctx, f.q2.ID, f.ag["mttq"])
		wantErr(t, err, reporting.ErrNotExpected)
		_, _, err = s.Reports(ctx, reporting.ReportFilter{PlanID: f.d.Plan.ID, State: "lost"})
		if err == nil {
			t.Error("unknown state accepted")
		}
		// A plan that is not active expects nothing.
		other := bigDraft(5, plan.Date(2025, 1, 1), f.ag["khcn"])
		otherID, err := s.CreatePlan(ctx, 0, other)
		must(t, err)
		_, total, err = s.Reports(ctx, reporting.ReportFilter{PlanID: otherID, Today: plan.Date(2025, 7, 1)})
		must(t, err)
		if total != 0 {
			t.Errorf("draft plan lists %d reports", total)
		}
	})
}

// TestReportFlow walks one report through the whole flow with every rule
// of issue 3 on the way.
func TestReportFlow(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		june5, june12 := plan.Date(2025, 6, 5), plan.Date(2025, 6, 12)
		officer, head, coord := f.at("officer:khcn", june5), f.at("head:khcn", june5), f.at("coord", june5)

		r := f.report(t, f.q2, "khcn")
		if len(r.Entries) != 2 || r.Entries[0].TaskID != f.task(0) || r.Entries[1].TaskID != f.task(2) {
			t.Fatalf("entries %+v", r.Entries)
		}
		if len(r.Contributions) != 1 || r.Contributions[0].TaskID != f.task(1) {
			t.Fatalf("contributions %+v", r.Contributions)
		}

		// The officer drafts, line by line.
		e0 := reporting.Entry{TaskID: f.task(0), Status: plan.ClaimInProgress, Percent: 50, Result: "Đã tổ chức 2 hội nghị",
			Evidence: "Công văn số 12/SKHCN ngày 03/6/2025"}
		must(t, s.SaveEntry(ctx, officer, r.ID, &e0))
		if e0.Version != 1 || e0.ID == 0 {
			t.Errorf("saved entry %+v", e0)
		}
		// Two people saving the same entry: the second gets a conflict and
		// the first one's text stays.
		other := reporting.Entry{TaskID: f.task(0), Status: plan.ClaimInProgress, Percent: 70, Result: "Bản của người thứ hai"}
		wantErr(t, s.SaveEntry(ctx, head, r.ID, &other), ErrConflict)
		if other.Result != "Bản của người thứ hai" || other.Version != 0 {
			t.Error("the refused input changed")
		}
		got, err := s.Report(ctx, r.ID)
		must(t, err)
		if e := entryOf(t, got, f.task(0)); e.Result != "Đã tổ chức 2 hội nghị" || e.Version != 1 {
			t.Errorf("stored entry %+v", e)
		}
		if got.State != reporting.StateDraft {
			t.Errorf("state %s after the first save", got.State)
		}
		// Nobody edits another agency's report; tasks of others are refused.
		wantErr(t, s.SaveEntry(ctx, f.at("head:tc", june5), r.ID, &reporting.Entry{TaskID: f.task(2), Status: plan.ClaimInProgress}), reporting.ErrOtherAgency)
		wantErr(t, s.SaveEntry(ctx, officer, r.ID, &reporting.Entry{TaskID: f.task(1), Status: plan.ClaimInProgress}), reporting.ErrNotAssigned)
		wantErr(t, s.SaveEntry(ctx, coord, r.ID, &reporting.Entry{TaskID: f.task(2)}), reporting.ErrForbidden)
		var ie *reporting.InvalidError
		if err := s.SaveEntry(ctx, officer, r.ID, &reporting.Entry{TaskID: f.task(2), Status: plan.ClaimCancelled}); !errors.As(err, &ie) || ie.Fields["reason"] == "" {
			t.Errorf("cancelled without reason: %v", err)
		}

		// Only the head submits, and only a complete report.
		_, err = s.SubmitReport(ctx, officer, r.ID, 0)
		wantErr(t, err, reporting.ErrHeadOnly)
		_, err = s.SubmitReport(ctx, head, r.ID, 0)
		wantErr(t, err, reporting.ErrIncomplete)
		e2 := reporting.Entry{TaskID: f.task(2), Status: plan.ClaimCompleted, CompletedOn: plan.Date(2025, 5, 30), Result: "Đã rà soát"}
		must(t, s.SaveEntry(ctx, officer, r.ID, &e2))

		// Sở Tài chính writes its part of task 0; the lead sees it in its entry.
		tc := f.report(t, f.q2, "tc")
		c := reporting.Contribution{TaskID: f.task(0), Text: "Đã bố trí 500 triệu đồng"}
		must(t, s.SaveContribution(ctx, f.at("officer:tc", june5), tc.ID, &c))
		wantErr(t, s.SaveContribution(ctx, f.at("officer:tc", june5), tc.ID, &reporting.Contribution{TaskID: f.task(2), Text: "x"}), reporting.ErrNotAssigned)
		got, err = s.Report(ctx, r.ID)
		must(t, err)
		if cs := entryOf(t, got, f.task(0)).Contributions; len(cs) != 1 || cs[0].Text != c.Text || cs[0].AgencyID != f.ag["tc"] || cs[0].State != reporting.StateDraft {
			t.Errorf("contributions seen by the lead: %+v", cs)
		}

		// Texts with a stale version conflict.
		_, err = s.SaveReportTexts(ctx, officer, r.ID, reporting.Texts{Summary: "x"}, got.Version-1)
		wantErr(t, err, ErrConflict)
		v, err := s.SaveReportTexts(ctx, officer, r.ID, reporting.Texts{Summary: "Kết quả chung quý II", NextTasks: "Tiếp tục"}, got.Version)
		must(t, err)
		if v != got.Version+1 {
			t.Errorf("version %d after texts, want %d", v, got.Version+1)
		}

		// Submitted on 5/6, before the due day 10/6: on time.
		sub, err := s.SubmitReport(ctx, head, r.ID, v)
		must(t, err)
		if sub.State != reporting.StateSubmitted || !sub.OnTime || sub.SubmittedBy != head.User.ID || !sub.SubmittedAt.Equal(head.Now) {
			t.Errorf("submitted %+v", sub)
		}
		wantErr(t, s.SaveEntry(ctx, officer, r.ID, &reporting.Entry{TaskID: f.task(0), Version: 1}), reporting.ErrSubmitted)
		_, err = s.SubmitReport(ctx, head, r.ID, 0)
		wantErr(t, err, reporting.ErrSubmitted)

		// Returning needs a reason.
		_, err = s.ReturnReport(ctx, coord, r.ID, "  ", 0)
		wantErr(t, err, reporting.ErrReasonRequired)
		_, err = s.ReturnReport(ctx, head, r.ID, "Tự trả", 0)
		wantErr(t, err, reporting.ErrReviewOnly)
		ret, err := s.ReturnReport(ctx, f.at("coord", plan.Date(2025, 6, 11)), r.ID, "Bổ sung số liệu nhiệm vụ 1", sub.Version)
		must(t, err)
		if ret.State != reporting.StateReturned || ret.ReturnReason != "Bổ sung số liệu nhiệm vụ 1" || ret.ReturnedBy != f.users["coord"].ID {
			t.Errorf("returned %+v", ret)
		}

		// The agency fixes and resubmits after the due day: allowed, late.
		e0.Percent, e0.Result = 60, "Đã tổ chức 3 hội nghị"
		must(t, s.SaveEntry(ctx, f.at("officer:khcn", june12), r.ID, &e0))
		got, err = s.Report(ctx, r.ID)
		must(t, err)
		if got.State != reporting.StateReturned {
			t.Errorf("state %s while fixing", got.State)
		}
		sub, err = s.SubmitReport(ctx, f.at("head:khcn", june12), r.ID, 0)
		must(t, err)
		if sub.OnTime || sub.State != reporting.StateSubmitted {
			t.Errorf("resubmitted late: %+v", sub)
		}

		// The coordinator accepts: the report locks and the tasks follow.
		_, err = s.AcceptReport(ctx, f.at("coord", june12), r.ID, sub.Version-1)
		wantErr(t, err, ErrConflict)
		acc, err := s.AcceptReport(ctx, f.at("coord", june12), r.ID, sub.Version)
		must(t, err)
		if acc.State != reporting.StateAccepted || acc.AcceptedBy != f.users["coord"].ID || acc.AcceptedAt.IsZero() {
			t.Errorf("accepted %+v", acc)
		}
		t0, err := s.Task(ctx, f.task(0))
		must(t, err)
		if t0.Claim != plan.ClaimInProgress || t0.Progress != 60 || t0.ReportedAt.IsZero() || t0.Completed() || t0.Version != 2 {
			t.Errorf("task 0 after acceptance: %+v", t0)
		}
		if st := plan.ComputeStatus(t0, plan.Date(2025, 6, 20), 0); st != plan.StatusInProgress {
			t.Errorf("task 0 status %s", st)
		}
		t2, err := s.Task(ctx, f.task(2))
		must(t, err)
		if t2.Claim != plan.ClaimCompleted || !t2.CompletedOn.Equal(plan.Date(2025, 5, 30)) || t2.Progress != 100 ||
			plan.ComputeStatus(t2, plan.Date(2025, 6, 20), 0) != plan.StatusDoneOnTime || !t2.ClaimPeriod.Equal(f.q2.Start) {
			t.Errorf("task 2 after acceptance: %+v", t2)
		}
		// Locked.
		wantErr(t, s.SaveEntry(ctx, officer, r.ID, &reporting.Entry{TaskID: f.task(0), Version: 2}), reporting.ErrLocked)
		_, err = s.ReturnReport(ctx, coord, r.ID, "muộn", 0)
		wantErr(t, err, reporting.ErrLocked)
		wantErr(t, s.AddReportFile(ctx, officer, r.ID, &reporting.File{Name: "a.pdf"}, []byte("%PDF-1.4")), reporting.ErrLocked)

		// A correction is a new revision; the accepted one stays as it was.
		rev, err := s.ReviseReport(ctx, f.at("officer:khcn", june12), r.ID)
		must(t, err)
		if rev.Revision != 2 || rev.State != reporting.StateDraft || !rev.Current || rev.ID == r.ID ||
			rev.Texts.Summary != "Kết quả chung quý II" || entryOf(t, rev, f.task(0)).Result != "Đã tổ chức 3 hội nghị" {
			t.Errorf("revision %+v", rev)
		}
		old, err := s.Report(ctx, r.ID)
		must(t, err)
		if old.Current || old.State != reporting.StateAccepted || len(old.Entries) != 2 {
			t.Errorf("old revision %+v", old)
		}
		wantErr(t, s.SaveEntry(ctx, officer, r.ID, &reporting.Entry{TaskID: f.task(0), Version: 2}), reporting.ErrOldRevision)
		_, err = s.ReviseReport(ctx, officer, r.ID)
		wantErr(t, err, reporting.ErrOldRevision)
		revs, err := s.ReportRevisions(ctx, rev.ID)
		must(t, err)
		if len(revs) != 2 || revs[0].ID != rev.ID || revs[1].ID != r.ID {
			t.Errorf("revisions %+v", revs)
		}
		fix := entryOf(t, rev, f.task(0))
		fix.Percent = 65
		must(t, s.SaveEntry(ctx, officer, rev.ID, &fix))
		if fix.Version != 2 {
			t.Errorf("revised entry version %d", fix.Version)
		}
		list, _, err := s.Reports(ctx, reporting.ReportFilter{PlanID: f.d.Plan.ID, AgencyID: f.ag["khcn"], Today: june12})
		must(t, err)
		if len(list) != 1 || list[0].ID != rev.ID {
			t.Errorf("current list %+v", list)
		}
		list, _, err = s.Reports(ctx, reporting.ReportFilter{PlanID: f.d.Plan.ID, AgencyID: f.ag["khcn"], Today: june12, AllRevisions: true})
		must(t, err)
		if len(list) != 2 || list[0].Revision != 2 {
			t.Errorf("all revisions %+v", list)
		}

		// The history: who did what, with before and after.
		hist, err := s.AuditFor(ctx, "report", r.ID)
		must(t, err)
		var actions []string
		for _, h := range hist {
			if len(actions) == 0 || actions[len(actions)-1] != h.Action {
				actions = append(actions, h.Action)
			}
		}
		want := []string{"report.entry", "report.texts", "report.submit", "report.return", "report.entry", "report.submit", "report.accept", "report.revise"}
		if !slices.Equal(actions, want) {
			t.Errorf("report history %v\nwant %v", actions, want)
		}
		if hist[0].UserID != officer.User.ID || !strings.Contains(hist[0].Detail, `"percent":{"old":0,"new":50}`) {
			t.Errorf("first line %+v", hist[0])
		}
		th, err := s.AuditFor(ctx, "task", f.task(0))
		must(t, err)
		last := th[len(th)-1]
		var detail struct {
			Changes map[string]change `json:"changes"`
		}
		must(t, json.Unmarshal([]byte(last.Detail), &detail))
		if last.Action != "task.claim" || detail.Changes["progress"].New != float64(60) || detail.Changes["claim"].New != "in_progress" {
			t.Errorf("task history %+v", last)
		}
	})
}

// TestReportRules checks the rules that need the store: a period that has
// not started, a later period's claim winning, the leader's view.
func TestReportRules(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		june5 := plan.Date(2025, 6, 5)

		// Quarter III has not started on 5/6: no drafting, no submitting.
		q3 := f.report(t, f.q3, "khcn")
		wantErr(t, s.SaveEntry(ctx, f.at("officer:khcn", june5), q3.ID, &reporting.Entry{TaskID: f.task(0)}), reporting.ErrNotStarted)
		_, err := s.SubmitReport(ctx, f.at("head:khcn", june5), q3.ID, 0)
		wantErr(t, err, reporting.ErrNotStarted)

		// Accept Q3 (claims completion on 1/9) before Q2 (claims 40%):
		// the later period's claim wins whatever the order of acceptance.
		sept := plan.Date(2025, 9, 5)
		for _, e := range q3.Entries {
			e.Status, e.CompletedOn = plan.ClaimCompleted, plan.Date(2025, 9, 1)
			must(t, s.SaveEntry(ctx, f.at("officer:khcn", sept), q3.ID, &e))
		}
		_, err = s.SubmitReport(ctx, f.at("head:khcn", sept), q3.ID, 0)
		must(t, err)
		_, err = s.AcceptReport(ctx, f.at("coord", sept), q3.ID, 0)
		must(t, err)
		q2 := f.report(t, f.q2, "khcn")
		for _, e := range q2.Entries {
			e.Status, e.Percent = plan.ClaimInProgress, 40
			must(t, s.SaveEntry(ctx, f.at("officer:khcn", sept), q2.ID, &e))
		}
		_, err = s.SubmitReport(ctx, f.at("head:khcn", sept), q2.ID, 0)
		must(t, err)
		acc, err := s.AcceptReport(ctx, f.at("coord", sept), q2.ID, 0)
		must(t, err)
		t0, err := s.Task(ctx, f.task(0))
		must(t, err)
		if t0.Claim != plan.ClaimCompleted || !t0.CompletedOn.Equal(plan.Date(2025, 9, 1)) || !t0.ClaimPeriod.Equal(f.q3.Start) {
			t.Errorf("task 0: %+v", t0)
		}
		if st := plan.ComputeStatus(t0, sept, 0); st != plan.StatusDoneLate { // due 30/6/2025
			t.Errorf("status %s", st)
		}
		// The leader reads accepted reports only (the caller checks).
		if reporting.Can(f.users["leader"], acc, reporting.ActView, sept) != nil {
			t.Error("leader cannot read an accepted report")
		}
		tc := f.report(t, f.q2, "tc")
		if !errors.Is(reporting.Can(f.users["leader"], tc, reporting.ActView, sept), reporting.ErrForbidden) {
			t.Error("leader reads a draft")
		}
		// Per-period judgement of the continuous task 2: Q2 reported in
		// progress, Q3 completed.
		ps, err := s.TaskPeriodStatuses(ctx, f.task(2), sept)
		must(t, err)
		if len(ps) != 2 || ps[0].Status != plan.StatusInProgress || ps[0].ReportID != q2.ID || ps[1].Status != plan.StatusDoneOnTime {
			t.Errorf("periods of task 2: %+v", ps)
		}
		// SetReportSample marks every revision.
		must(t, s.SetReportSample(ctx, 0, q2.ID, true))
		got, err := s.Report(ctx, q2.ID)
		must(t, err)
		if !got.Sample {
			t.Error("not marked as sample")
		}
	})
}

func TestTaskPeriodStatusesOverdue(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		// Continuous task 2, nothing accepted: Q2/2025 overdue since 10/6,
		// Q3 overdue since 10/9, Q4 due soon on 5/12/2025.
		ps, err := s.TaskPeriodStatuses(ctx, f.task(2), plan.Date(2025, 12, 5))
		must(t, err)
		if len(ps) != 3 {
			t.Fatalf("%d periods", len(ps))
		}
		for i, want := range []struct {
			st   plan.Status
			days int
		}{{plan.StatusOverdue, 178}, {plan.StatusOverdue, 86}, {plan.StatusDueSoon, 0}} {
			if ps[i].Status != want.st || ps[i].OverdueDays != want.days {
				t.Errorf("%s: %s %d, want %s %d", ps[i].Period.Label, ps[i].Status, ps[i].OverdueDays, want.st, want.days)
			}
		}
	})
}

// TestPeriodsFollowDeadlines: a deadline extended past the plan's last
// period brings more periods on the next read.
func TestPeriodsFollowDeadlines(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		day := plan.Date(2025, 6, 20)
		e := reporting.Extension{TaskID: f.task(1), Kind: reporting.ExtendDeadline, DeadlineText: "31/3/2032", Reason: "Dự án kéo dài"}
		must(t, s.RequestExtension(ctx, f.at("head:tc", day), &e))
		_, err := s.DecideExtension(ctx, f.at("coord", day), e.ID, true, "")
		must(t, err)
		periods, err := s.Periods(ctx, f.d.Plan.ID)
		must(t, err)
		if last := periods[len(periods)-1]; last.Label != "Quý I/2032" || periods[0].ID != f.q2.ID {
			t.Errorf("last period %s", last.Label)
		}
	})
}
