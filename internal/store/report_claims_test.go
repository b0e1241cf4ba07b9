package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

// entryClaims reads the claims of a plan's accepted reports of periods
// started by day from the entries themselves, a row each, with the
// status as stored: what report_claims must say.
func entryClaims(t *testing.T, s *Store, planID int64, day time.Time) []figures.Claim {
	t.Helper()
	var list []figures.Claim
	must(t, s.each(context.Background(), `SELECT r.period_id, e.task_id, r.revision, e.status, e.percent, e.completed_on
		FROM reports r JOIN periods p ON p.id = r.period_id JOIN report_entries e ON e.report_id = r.id
		WHERE r.plan_id = ? AND r.state = 'accepted' AND p.start_date <= ? AND e.status <> ''`,
		[]any{planID, dateArg(day)}, func(rows *sql.Rows) error {
			var c figures.Claim
			var status string
			err := rows.Scan(&c.PeriodID, &c.TaskID, &c.Revision, &status, &c.Percent, timeCol{&c.CompletedOn})
			c.Claim = plan.Claim(status)
			list = append(list, c)
			return err
		}))
	return sortedClaims(list)
}

func sortedClaims(list []figures.Claim) []figures.Claim {
	slices.SortFunc(list, func(a, b figures.Claim) int {
		return cmp.Or(cmp.Compare(a.PeriodID, b.PeriodID), cmp.Compare(a.TaskID, b.TaskID), cmp.Compare(a.Revision, b.Revision),
			cmp.Compare(a.Claim, b.Claim), cmp.Compare(a.Percent, b.Percent), a.CompletedOn.Compare(b.CompletedOn))
	})
	return list
}

// TestReportClaimsKept checks that what Facts reads of report_claims is,
// after every kind of write to reports and their entries, what the entries
// say: a report accepted, revised and accepted again; an accepted report's
// entry changed to each status (the status numbers of migration 00034
// against plan.Claims), emptied, deleted, added, moved to another report;
// a report reopened and accepted again, given another revision, moved to
// another period, deleted.
// The writes below the flow are plain SQL, as a reorganisation or its
// undo writes: the triggers keep the claims whatever the path. And no
// report but an accepted one has kept claims.
func TestReportClaimsKept(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		planID, asOf := f.d.Plan.ID, plan.Date(2025, 12, 31)
		step := func(what string, atLeast int) {
			t.Helper()
			want := entryClaims(t, s, planID, asOf)
			got, err := s.factClaims(ctx, planID, dateArg(asOf))
			must(t, err)
			if got := sortedClaims(got); !slices.Equal(got, want) {
				t.Fatalf("%s: Facts read\n%+v\nthe entries say\n%+v", what, got, want)
			}
			if len(want) < atLeast {
				t.Fatalf("%s: %d claims, want at least %d (is the step testing anything?)", what, len(want), atLeast)
			}
			var stray int
			must(t, s.queryRow(ctx, s.r, `SELECT count(*) FROM report_claims c LEFT JOIN reports r ON r.id = c.report_id
				WHERE r.id IS NULL OR r.state <> 'accepted' OR r.plan_id <> c.plan_id`).Scan(&stray))
			if stray != 0 {
				t.Fatalf("%s: %d kept claims of a report not accepted, gone or of another plan", what, stray)
			}
		}
		sqlDo := func(query string, args ...any) {
			t.Helper()
			must(t, s.Transact(ctx, func(tx *sql.Tx) error {
				_, err := s.exec(ctx, tx, query, args...)
				return err
			}))
		}
		step("no report accepted", 0)

		day := plan.Date(2025, 6, 5)
		khcn := f.submitFull(t, f.q2, "khcn", day)
		_, err := s.AcceptReport(ctx, f.at("coord", day), khcn.ID, 0)
		must(t, err)
		step("khcn's report accepted", 2)
		tc := f.submitFull(t, f.q2, "tc", day)
		_, err = s.AcceptReport(ctx, f.at("coord", day), tc.ID, 0)
		must(t, err)
		step("tc's report accepted", 3)

		// A correction: revision 2 as a draft (its entries copied), then
		// one claim changed in the flow and accepted.
		later := plan.Date(2025, 6, 20)
		rev, err := s.ReviseReport(ctx, f.at("head:khcn", later), khcn.ID)
		must(t, err)
		step("khcn's correction opened", 3)
		e := entryOf(t, rev, f.task(0))
		e.Status, e.Percent, e.CompletedOn, e.Result = plan.ClaimCompleted, 100, plan.Date(2025, 6, 18), "Đã xong"
		must(t, s.SaveEntry(ctx, f.at("officer:khcn", later), rev.ID, &e))
		_, err = s.SubmitReport(ctx, f.at("head:khcn", later), rev.ID, 0)
		must(t, err)
		_, err = s.AcceptReport(ctx, f.at("coord", later), rev.ID, 0)
		must(t, err)
		step("khcn's correction accepted", 5)

		// Below the flow, on the accepted revision 2.
		var entryID int64
		must(t, s.queryRow(ctx, s.r, `SELECT id FROM report_entries WHERE report_id = ? AND task_id = ?`,
			rev.ID, f.task(0)).Scan(&entryID))
		for _, c := range plan.Claims {
			done := dateArg(time.Time{})
			if c == plan.ClaimCompleted {
				done = dateArg(plan.Date(2025, 6, 19))
			}
			sqlDo(`UPDATE report_entries SET status = ?, percent = ?, completed_on = ? WHERE id = ?`, string(c), 40, done, entryID)
			step(fmt.Sprintf("an accepted entry changed to %s", c), 5)
		}
		sqlDo(`UPDATE report_entries SET result = 'Chỉ sửa lời' WHERE id = ?`, entryID)
		step("an accepted entry's text changed", 5)
		sqlDo(`UPDATE report_entries SET status = '', percent = 0, completed_on = NULL WHERE id = ?`, entryID)
		step("an accepted entry emptied", 4)
		sqlDo(`DELETE FROM report_entries WHERE id = ?`, entryID)
		step("an accepted entry deleted", 4)
		sqlDo(`INSERT INTO report_entries (report_id, task_id, status, percent, completed_on, updated_at)
			VALUES (?, ?, 'completed', 100, ?, ?)`, rev.ID, f.task(0), dateArg(plan.Date(2025, 6, 17)), tsArg(later))
		step("an entry added to an accepted report", 5)
		var moved int64 // a task of khcn's revision 2 that tc's report has no entry for
		must(t, s.queryRow(ctx, s.r, `SELECT min(task_id) FROM report_entries e WHERE report_id = ? AND status <> ''
			AND NOT EXISTS (SELECT 1 FROM report_entries WHERE report_id = ? AND task_id = e.task_id)`, rev.ID, tc.ID).Scan(&moved))
		sqlDo(`UPDATE report_entries SET report_id = ? WHERE report_id = ? AND task_id = ?`, tc.ID, rev.ID, moved)
		step("an accepted entry moved to another accepted report", 5)
		sqlDo(`DELETE FROM report_entries WHERE report_id = ? AND task_id = ?`, khcn.ID, moved)
		sqlDo(`UPDATE report_entries SET report_id = ? WHERE report_id = ? AND task_id = ?`, khcn.ID, tc.ID, moved)
		step("an accepted entry moved to a report no longer current", 4)

		// The report itself.
		sqlDo(`UPDATE reports SET state = 'returned' WHERE id = ?`, tc.ID)
		step("tc's report reopened", 3)
		sqlDo(`UPDATE reports SET state = 'accepted' WHERE id = ?`, tc.ID)
		step("tc's report accepted again", 4)
		sqlDo(`UPDATE reports SET revision = 300 WHERE id = ?`, tc.ID)
		step("tc's report given revision 300", 4)
		sqlDo(`UPDATE reports SET period_id = ?, is_current = FALSE WHERE id = ?`, f.q3.ID, tc.ID)
		step("tc's report moved to another period", 4)
		sqlDo(`DELETE FROM report_entries WHERE report_id = ?`, tc.ID)
		sqlDo(`DELETE FROM reports WHERE id = ?`, tc.ID)
		step("tc's report deleted", 3)
	})
}

// TestParseClaims reads report_claims values by hand-worked cases, and
// refuses what is not one.
func TestParseClaims(t *testing.T) {
	report := figures.Claim{PeriodID: 7, Revision: 2}
	var got []figures.Claim
	add := func(c figures.Claim) { got = append(got, c) }
	must(t, parseClaims("12:3:100:2025-06-18,40140:2:35,9:0:0", report, add))
	want := []figures.Claim{
		{PeriodID: 7, TaskID: 12, Revision: 2, PeriodClaim: plan.PeriodClaim{Claim: plan.ClaimCompleted, Percent: 100, CompletedOn: plan.Date(2025, 6, 18)}},
		{PeriodID: 7, TaskID: 40140, Revision: 2, PeriodClaim: plan.PeriodClaim{Claim: plan.ClaimInProgress, Percent: 35}},
		{PeriodID: 7, TaskID: 9, Revision: 2, PeriodClaim: plan.PeriodClaim{Claim: plan.ClaimNone}},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	for _, bad := range []string{"", "12", "12:3", "x:3:100", "12:3:cent", "12:3:100:2025-02-30", "12:3:100,",
		",12:3:100", "-12:3:100", "12:+3:100", "1234567890123456789:3:100", "12::100", "12:3:"} {
		if err := parseClaims(bad, report, func(figures.Claim) {}); err == nil {
			t.Errorf("%q read without an error", bad)
		}
	}
}

// BenchmarkParseClaims reads a report's kept claims of the national data's
// usual size: ten claims, two of them completed.
func BenchmarkParseClaims(b *testing.B) {
	v := "40101:2:35,40102:2:60,40107:3:100:2026-05-20,40110:1:0,40113:2:45," +
		"40118:4:20,40121:2:80,40125:3:100:2026-06-02,40130:5:0,40133:2:15"
	n := 0
	add := func(figures.Claim) { n++ }
	for b.Loop() {
		if err := parseClaims(v, figures.Claim{PeriodID: 9, Revision: 1}, add); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/claim")
}
