package store

import (
	"context"
	"fmt"
	"testing"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TestReportForTask checks that the report a part's save reads
// (ReadTaskReport's) is Report's, cut to the task: the same header, and the
// same line or contribution of that task — saved, blank, or none — while
// the report is a draft and once it is accepted (frozen: no blank lines).
func TestReportForTask(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		june5 := plan.Date(2025, 6, 5)
		khcn, tc := f.report(t, f.q2, "khcn"), f.report(t, f.q2, "tc")
		xa := f.report(t, f.q2, "xa")
		e0 := reporting.Entry{TaskID: f.task(0), Status: plan.ClaimInProgress, Percent: 40, Result: "Đã làm một phần"}
		must(t, s.SaveEntry(ctx, f.at("officer:khcn", june5), khcn.ID, &e0))
		c0 := reporting.Contribution{TaskID: f.task(0), Text: "Đã bố trí kinh phí"}
		must(t, s.SaveContribution(ctx, f.at("officer:tc", june5), tc.ID, &c0))
		c1 := reporting.Contribution{TaskID: f.task(1), Text: "Đã góp ý dự thảo"}
		must(t, s.SaveContribution(ctx, f.at("officer:khcn", june5), khcn.ID, &c1))

		tasks := []int64{f.task(0), f.task(1), f.task(2), f.task(3), f.task(3) + 1000}
		check := func(when string, ids ...int64) {
			t.Helper()
			for _, id := range ids {
				whole, err := s.Report(ctx, id)
				must(t, err)
				for _, task := range tasks {
					got, err := reportForTask(ctx, s, id, task)
					must(t, err)
					want := *whole
					want.Values, want.Files = nil, nil
					want.Entries = keep(whole.Entries, func(e reporting.Entry) bool { return e.TaskID == task })
					want.Contributions = keep(whole.Contributions, func(c reporting.Contribution) bool { return c.TaskID == task })
					// %+v: an empty list and none read the same.
					if g, w := fmt.Sprintf("%+v", *got), fmt.Sprintf("%+v", want); g != w {
						t.Errorf("%s: report %d, task %d:\n got %s\nwant %s", when, id, task, g, w)
					}
				}
			}
		}
		check("draft", khcn.ID, tc.ID, xa.ID)

		e2 := reporting.Entry{TaskID: f.task(2), Status: plan.ClaimCompleted, CompletedOn: plan.Date(2025, 5, 30), Result: "Đã rà soát"}
		must(t, s.SaveEntry(ctx, f.at("officer:khcn", june5), khcn.ID, &e2))
		sub, err := s.SubmitReport(ctx, f.at("head:khcn", june5), khcn.ID, 0)
		must(t, err)
		_, err = s.AcceptReport(ctx, f.at("coord", june5), khcn.ID, sub.Version)
		must(t, err)
		check("accepted", khcn.ID, tc.ID)

		_, err = reportForTask(ctx, s, khcn.ID+1000, f.task(0))
		wantErr(t, err, ErrNotFound)
	})
}

// keep is the elements of list for which ok holds; nil when none.
func keep[T any](list []T, ok func(T) bool) []T {
	var out []T
	for _, v := range list {
		if ok(v) {
			out = append(out, v)
		}
	}
	return out
}

// reportForTask is the report ReadTaskReport reads.
func reportForTask(ctx context.Context, s *Store, id, task int64) (*reporting.Report, error) {
	x, err := s.ReadTaskReport(ctx, id, task)
	if err != nil {
		return nil, err
	}
	return x.Report, nil
}
