package store

import (
	"context"
	"errors"
	"sync"
	"testing"

	"tiendo/internal/audit"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TestSaveEntryOverGuards: SaveEntryOver writes over a report read before
// its transaction and does not read it again, so each thing its checks
// rest on may change between the read and the write. Each case changes
// one, then saves over the stale read: the save is refused as it would
// have been on a fresh read, and nothing of it is stored — or, for a
// change that does not concern the line (another line saved), it goes
// through.
func TestSaveEntryOverGuards(t *testing.T) {
	june5 := plan.Date(2025, 6, 5)
	for _, c := range []struct {
		name   string
		saved  bool                                               // the line is saved before the read
		change func(t *testing.T, f *repFix, r *reporting.Report) // between the read and the write
		want   error                                              // nil: saved
	}{
		{name: "the line saved meanwhile", saved: true, want: ErrConflict,
			change: func(t *testing.T, f *repFix, r *reporting.Report) { f.saveLine(t, r, 0, 70) }},
		{name: "a first save meanwhile", want: ErrConflict,
			change: func(t *testing.T, f *repFix, r *reporting.Report) { f.saveLine(t, r, 0, 70) }},
		{name: "the task given to another agency", saved: true, want: reporting.ErrNotAssigned,
			change: func(t *testing.T, f *repFix, _ *reporting.Report) { f.giveTask(t, 0, "tc") }},
		{name: "the task given to another agency before a first save", want: reporting.ErrNotAssigned,
			change: func(t *testing.T, f *repFix, _ *reporting.Report) { f.giveTask(t, 0, "tc") }},
		{name: "the report submitted", saved: true, want: reporting.ErrSubmitted,
			change: func(t *testing.T, f *repFix, r *reporting.Report) {
				f.saveLine(t, r, 2, 10)
				_, err := f.s.SubmitReport(context.Background(), f.at("head:khcn", june5), r.ID, 0)
				must(t, err)
			}},
		{name: "the plan closed", saved: true, want: ErrReadOnly,
			change: func(t *testing.T, f *repFix, _ *reporting.Report) {
				ctx := context.Background()
				p, err := f.s.Plan(ctx, f.d.Plan.ID)
				must(t, err)
				p.Status = plan.PlanClosed
				must(t, f.s.UpdatePlan(ctx, 0, p))
			}},
		{name: "another line saved", saved: true,
			change: func(t *testing.T, f *repFix, r *reporting.Report) { f.saveLine(t, r, 2, 10) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			forEachDB(t, func(t *testing.T, s *Store) {
				ctx := context.Background()
				f := newRepFix(t, s)
				r := f.report(t, f.q2, "khcn")
				if c.saved {
					f.saveLine(t, r, 0, 40)
				}
				x, err := s.ReadTaskReport(ctx, r.ID, f.task(0))
				must(t, err)
				c.change(t, f, r)
				before, err := s.ReadTaskReport(ctx, r.ID, f.task(0))
				must(t, err)
				e := reporting.Entry{TaskID: f.task(0), Status: plan.ClaimInProgress, Percent: 90, Result: "Qua bản đọc cũ",
					Version: entryOf(t, x.Report, f.task(0)).Version}
				err = s.SaveEntryOver(ctx, f.at("officer:khcn", june5), x, &e)
				after, rerr := s.ReadTaskReport(ctx, r.ID, f.task(0))
				must(t, rerr)
				if c.want == nil {
					must(t, err)
					if got := after.Report.Entries[0]; got.Percent != 90 || got.Version != e.Version {
						t.Errorf("line after the save: %+v", got)
					}
					if after.Report.Version != before.Report.Version+1 {
						t.Errorf("report version %d, want %d", after.Report.Version, before.Report.Version+1)
					}
					return
				}
				if !errors.Is(err, c.want) {
					t.Fatalf("save over a stale read: %v, want %v", err, c.want)
				}
				if after.Report.Version != before.Report.Version || len(after.Report.Entries) > 0 &&
					after.Report.Entries[0].Percent == 90 {
					t.Errorf("a refused save changed the report: version %d → %d, %+v", before.Report.Version,
						after.Report.Version, after.Report.Entries)
				}
			})
		})
	}
}

// saveLine saves report r's line of sample task i at percent, as its officer.
func (f *repFix) saveLine(t *testing.T, r *reporting.Report, i, percent int) {
	t.Helper()
	ctx := context.Background()
	x, err := f.s.ReadTaskReport(ctx, r.ID, f.task(i))
	must(t, err)
	e := reporting.Entry{TaskID: f.task(i), Status: plan.ClaimInProgress, Percent: percent, Result: "Đang làm",
		Version: entryOf(t, x.Report, f.task(i)).Version}
	must(t, f.s.SaveEntry(ctx, f.at("officer:"+f.agencyKey(r.AgencyID), r.Period.Start), r.ID, &e))
}

// agencyKey is the fixture's key of agency id.
func (f *repFix) agencyKey(id int64) string {
	for k, v := range f.ag {
		if v == id {
			return k
		}
	}
	return ""
}

// giveTask makes agency key the lead of sample task i.
func (f *repFix) giveTask(t *testing.T, i int, key string) {
	t.Helper()
	ctx := context.Background()
	task, err := f.s.Task(ctx, f.task(i))
	must(t, err)
	task.LeadAgencyID = f.ag[key]
	must(t, f.s.UpdateTask(ctx, 0, task))
}

// TestSaveContributionOverGuards is TestSaveEntryOverGuards for the
// agency's contribution to a task it cooperates on (sample task 1, the
// Sở KH&CN's).
func TestSaveContributionOverGuards(t *testing.T) {
	june5 := plan.Date(2025, 6, 5)
	for _, c := range []struct {
		name   string
		saved  bool
		change func(t *testing.T, f *repFix, r *reporting.Report)
		want   error
	}{
		{name: "the part saved meanwhile", saved: true, want: ErrConflict,
			change: func(t *testing.T, f *repFix, r *reporting.Report) { f.saveContribution(t, r, "Khác") }},
		{name: "a first save meanwhile", want: ErrConflict,
			change: func(t *testing.T, f *repFix, r *reporting.Report) { f.saveContribution(t, r, "Khác") }},
		{name: "the agency no longer cooperates", saved: true, want: reporting.ErrNotAssigned,
			change: func(t *testing.T, f *repFix, _ *reporting.Report) { f.dropCooperation(t, 1) }},
		{name: "the agency no longer cooperates before a first save", want: reporting.ErrNotAssigned,
			change: func(t *testing.T, f *repFix, _ *reporting.Report) { f.dropCooperation(t, 1) }},
		{name: "another line saved", saved: true,
			change: func(t *testing.T, f *repFix, r *reporting.Report) { f.saveLine(t, r, 2, 10) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			forEachDB(t, func(t *testing.T, s *Store) {
				ctx := context.Background()
				f := newRepFix(t, s)
				r := f.report(t, f.q2, "khcn")
				if c.saved {
					f.saveContribution(t, r, "Đã góp ý")
				}
				x, err := s.ReadTaskReport(ctx, r.ID, f.task(1))
				must(t, err)
				c.change(t, f, r)
				before, err := s.ReadTaskReport(ctx, r.ID, f.task(1))
				must(t, err)
				p := reporting.Contribution{TaskID: f.task(1), Text: "Qua bản đọc cũ", Version: x.Report.Contributions[0].Version}
				err = s.SaveContributionOver(ctx, f.at("officer:khcn", june5), x, &p)
				after, rerr := s.ReadTaskReport(ctx, r.ID, f.task(1))
				must(t, rerr)
				if c.want == nil {
					must(t, err)
					if got := after.Report.Contributions[0]; got.Text != p.Text || got.Version != p.Version || p.State != reporting.StateDraft {
						t.Errorf("part after the save: %+v (saved %+v)", got, p)
					}
					return
				}
				if !errors.Is(err, c.want) {
					t.Fatalf("save over a stale read: %v, want %v", err, c.want)
				}
				if after.Report.Version != before.Report.Version || len(after.Report.Contributions) > 0 &&
					after.Report.Contributions[0].Text == p.Text {
					t.Errorf("a refused save changed the report: version %d → %d, %+v", before.Report.Version,
						after.Report.Version, after.Report.Contributions)
				}
			})
		})
	}
}

// saveContribution saves report r's contribution to sample task 1 as its officer.
func (f *repFix) saveContribution(t *testing.T, r *reporting.Report, text string) {
	t.Helper()
	ctx := context.Background()
	x, err := f.s.ReadTaskReport(ctx, r.ID, f.task(1))
	must(t, err)
	c := reporting.Contribution{TaskID: f.task(1), Text: text, Version: x.Report.Contributions[0].Version}
	must(t, f.s.SaveContribution(ctx, f.at("officer:"+f.agencyKey(r.AgencyID), r.Period.Start), r.ID, &c))
}

// dropCooperation leaves sample task i with no cooperating agency.
func (f *repFix) dropCooperation(t *testing.T, i int) {
	t.Helper()
	ctx := context.Background()
	task, err := f.s.Task(ctx, f.task(i))
	must(t, err)
	task.CooperatingAgencyIDs = nil
	must(t, f.s.UpdateTask(ctx, 0, task))
}

// TestConcurrentSavesOverOneRead: many people save the same line, or a
// first save of it, over one read at once (SaveEntryOver), so that every
// write reaches the database with the same stale version: exactly one
// wins, the others get ErrConflict, and the report's version and the
// audit log move once. On PostgreSQL the report's and the line's writes
// are one statement, whose snapshot is taken before it waits for the
// report's row lock: the line's guard must still see the winner's write.
func TestConcurrentSavesOverOneRead(t *testing.T) {
	for _, saved := range []bool{true, false} {
		t.Run(map[bool]string{true: "a saved line", false: "a first save"}[saved], func(t *testing.T) {
			forEachDB(t, func(t *testing.T, s *Store) {
				ctx := context.Background()
				f := newRepFix(t, s)
				r := f.report(t, f.q2, "khcn")
				if saved {
					f.saveLine(t, r, 0, 40)
				}
				x, err := s.ReadTaskReport(ctx, r.ID, f.task(0))
				must(t, err)
				audited, read := len(auditOf(t, s, r.ID)), entryOf(t, x.Report, f.task(0)).Version
				const n = 8
				var wg sync.WaitGroup
				start := make(chan struct{})
				errs := make([]error, n)
				for i := range n {
					wg.Add(1)
					go func() {
						defer wg.Done()
						e := reporting.Entry{TaskID: f.task(0), Status: plan.ClaimInProgress, Percent: 50 + i, Version: read}
						<-start
						errs[i] = s.SaveEntryOver(ctx, f.at("officer:khcn", plan.Date(2025, 6, 5)), x, &e)
					}()
				}
				close(start)
				wg.Wait()
				oneWins(t, errs)
				after, err := s.ReadTaskReport(ctx, r.ID, f.task(0))
				must(t, err)
				if v, want := after.Report.Version, x.Report.Version+1; v != want {
					t.Errorf("report version %d, want %d", v, want)
				}
				if v := entryOf(t, after.Report, f.task(0)).Version; v != read+1 {
					t.Errorf("line version %d, want %d", v, read+1)
				}
				if got := len(auditOf(t, s, r.ID)); got != audited+1 {
					t.Errorf("%d audit rows added, want 1", got-audited)
				}
			})
		})
	}
}

// auditOf is report id's audit history.
func auditOf(t *testing.T, s *Store, id int64) []audit.Entry {
	t.Helper()
	list, err := s.AuditFor(context.Background(), "report", id)
	must(t, err)
	return list
}
