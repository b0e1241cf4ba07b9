package store

import (
	"context"
	"fmt"
	"testing"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TestTaskResultsAndPriors: a task's accepted lines, one per period (the
// highest accepted revision), with their files, who accepted and when; a
// report's previous accepted line per task (an earlier period, or an
// earlier revision of the same one); lines of reports not accepted never
// count; the explanation is stored and copied into a revision.
func TestTaskResultsAndPriors(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		june5, june12, sept5 := plan.Date(2025, 6, 5), plan.Date(2025, 6, 12), plan.Date(2025, 9, 5)
		task := f.task(0) // led by khcn
		none, err := s.TaskResults(ctx, task)
		must(t, err)
		if len(none) != 0 {
			t.Fatalf("results before any report: %+v", none)
		}

		// Quarter II: 60 %, with a file, accepted; then revised to 70 % and accepted again.
		r := f.report(t, f.q2, "khcn")
		e := entryOf(t, r, task)
		e.Status, e.Percent, e.Result, e.Evidence = plan.ClaimInProgress, 60, "Đã tổ chức hội nghị", "Công văn số 1/SKHCN"
		must(t, s.SaveEntry(ctx, f.at("officer:khcn", june5), r.ID, &e))
		must(t, s.AddReportFile(ctx, f.at("officer:khcn", june5), r.ID, &reporting.File{Name: "bien-ban.pdf", TaskID: task},
			[]byte("%PDF-1.7\n%%EOF\n")))
		r = f.submitFull(t, f.q2, "khcn", june5)
		r, err = s.AcceptReport(ctx, f.at("coord", june5), r.ID, r.Version)
		must(t, err)
		rev, err := s.ReviseReport(ctx, f.at("officer:khcn", june12), r.ID)
		must(t, err)
		e = entryOf(t, rev, task)
		e.Percent, e.Explanation = 70, "Bổ sung kết quả tháng 6."
		must(t, s.SaveEntry(ctx, f.at("officer:khcn", june12), rev.ID, &e))
		prior, err := s.PriorResults(ctx, []int64{task}, rev.Period, rev.Revision)
		must(t, err)
		if p := prior[task]; p == nil || p.ReportID != r.ID || p.Entry.Percent != 60 || p.Revision != 1 {
			t.Errorf("prior of the revision: %+v", p)
		}
		samePrior(t, s, rev.ID, task, prior[task])
		rev, err = s.SubmitReport(ctx, f.at("head:khcn", june12), rev.ID, 0)
		must(t, err)
		rev, err = s.AcceptReport(ctx, f.at("coord", june12), rev.ID, rev.Version)
		must(t, err)

		// Quarter III: a line saved but the report only submitted.
		r3 := f.report(t, f.q3, "khcn")
		e = entryOf(t, r3, task)
		e.Status, e.Percent = plan.ClaimInProgress, 40
		must(t, s.SaveEntry(ctx, f.at("officer:khcn", sept5), r3.ID, &e))
		f.submitFull(t, f.q3, "khcn", sept5)

		list, err := s.TaskResults(ctx, task)
		must(t, err)
		if len(list) != 1 {
			t.Fatalf("results: %+v", list)
		}
		x := list[0]
		if x.Period.ID != f.q2.ID || x.ReportID != rev.ID || x.Revision != 2 || x.Entry.Percent != 70 ||
			x.Entry.Explanation != "Bổ sung kết quả tháng 6." || x.Entry.Result != "Đã tổ chức hội nghị" ||
			x.AcceptedBy != f.users["coord"].ID || x.AcceptedAt.IsZero() || x.AgencyID != f.ag["khcn"] || x.SubmittedAt.IsZero() {
			t.Errorf("result of quarter II: %+v", x)
		}
		if len(x.Files) != 1 || x.Files[0].Name != "bien-ban.pdf" {
			t.Errorf("files carried into the revision: %+v", x.Files)
		}
		prior, err = s.PriorResults(ctx, []int64{task, f.task(2)}, f.q3, 1)
		must(t, err)
		if p := prior[task]; p == nil || p.ReportID != rev.ID || p.Entry.Percent != 70 || p.Period.Label != f.q2.Label {
			t.Errorf("prior of quarter III: %+v", p)
		}
		samePrior(t, s, r3.ID, task, prior[task])
		samePrior(t, s, r3.ID, f.task(2), prior[f.task(2)])
		if p := prior[f.task(2)]; p != nil && p.Period.ID != f.q2.ID {
			t.Errorf("prior of another task: %+v", p)
		}
		prior, err = s.PriorResults(ctx, []int64{task}, f.q2, 1)
		must(t, err)
		if len(prior) != 0 {
			t.Errorf("prior of the first report: %+v", prior)
		}
		samePrior(t, s, r.ID, task, nil)
	})
}

// samePrior checks that ReadTaskReport reads, as the prior of report
// id's line of task, the one PriorResults found (want; nil: none): a
// line's save judges its warnings by the former.
func samePrior(t *testing.T, s *Store, id, task int64, want *reporting.TaskResult) {
	t.Helper()
	x, err := s.ReadTaskReport(context.Background(), id, task)
	must(t, err)
	if g, w := fmt.Sprintf("%+v", x.Prior), fmt.Sprintf("%+v", want); g != w {
		t.Errorf("ReadTaskReport(%d, task %d)'s prior:\n got %s\nwant %s", id, task, g, w)
	}
}
