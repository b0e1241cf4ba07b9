package store

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// TestPeriodsVersion keeps migration 00030's triggers whole, on the
// database's own catalogue: plans.periods_version must move on every
// write of a regime or a period (the tables periodsMemo keeps), and is
// moved from no other table (a task write must keep the memo).
func TestPeriodsVersion(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		covered := map[string]map[string]bool{}
		for _, x := range triggers(t, s) {
			if !strings.Contains(x.body, "periods_version") {
				continue
			}
			if covered[x.table] == nil {
				covered[x.table] = map[string]bool{}
			}
			for e, on := range x.events {
				covered[x.table][e] = covered[x.table][e] || on
			}
		}
		for _, table := range []string{"periods", "regimes"} {
			for _, e := range []string{OnInsert, OnUpdate, OnDelete} {
				if !covered[table][e] {
					t.Errorf("no trigger moves periods_version on %s of %s", e, table)
				}
			}
		}
		for table := range covered {
			if table != "periods" && table != "regimes" {
				t.Errorf("a trigger on %s moves periods_version: the memo is of the regime and periods only", table)
			}
		}
	})
}

// TestPeriodsMemo: a task judged from the memo is judged as a read of
// the regime and periods would judge it, after each kind of change of
// them — which must move the counter, or the memo would keep the old
// ones and this test fails — and a task write keeps the memo.
func TestPeriodsMemo(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		planID := f.d.Plan.ID
		day := plan.Date(2025, 12, 5)
		version := func() int64 {
			var v int64
			must(t, s.queryRow(ctx, s.r, `SELECT periods_version FROM plans WHERE id = ?`, planID).Scan(&v))
			return v
		}
		type answer struct {
			List []reporting.PeriodStatus
			Now  plan.Now
		}
		judge := func() answer {
			tk, err := s.Task(ctx, f.task(2))
			must(t, err)
			list, now, err := s.TaskPeriodStatusesNow(ctx, tk, day)
			must(t, err)
			return answer{list, now}
		}
		forget := func() {
			s.periodsMemo.mu.Lock()
			s.periodsMemo.byPlan = nil
			s.periodsMemo.mu.Unlock()
		}
		// check judges from the memo (warm) and from a fresh read, and
		// wants them equal; it returns the answer.
		check := func(step string) answer {
			t.Helper()
			kept := judge()
			forget()
			read := judge()
			if !reflect.DeepEqual(kept, read) {
				t.Fatalf("%s: from the memo %+v, read %+v", step, kept, read)
			}
			return read
		}
		before := check("start")
		if n := len(before.List); n != 3 || before.List[2].Status != plan.StatusDueSoon {
			t.Fatalf("start: %+v", before.List)
		}
		// A task write keeps the memo: it does not move the counter.
		v := version()
		tk, err := s.Task(ctx, f.task(0))
		must(t, err)
		tk.Product = "Báo cáo tổng kết"
		must(t, s.UpdateTask(ctx, 0, tk))
		if version() != v {
			t.Error("a task write moved periods_version")
		}
		judge()

		// The regime's due-soon window (an UPDATE of regimes).
		r, err := s.Regime(ctx, planID)
		must(t, err)
		r.DueSoonDays = 1
		must(t, s.SaveRegime(ctx, 0, r))
		after := check("due-soon window")
		if after.List[2].Status == plan.StatusDueSoon {
			t.Errorf("due-soon window of 1 day: still due soon on %v: %+v", day, after.List[2])
		}
		// Another frequency: the periods themselves change (periods
		// inserted, updated and deleted).
		judge()
		r, err = s.Regime(ctx, planID)
		must(t, err)
		r.Frequency, r.DueMonth = reporting.Monthly, reporting.DueLastMonth
		must(t, s.SaveRegime(ctx, 0, r))
		monthly := check("monthly")
		if reflect.DeepEqual(monthly, after) {
			t.Error("monthly reports judge the task as quarterly ones did")
		}
		// A period's due day changed alone (an UPDATE of periods).
		judge()
		v = version()
		cur := monthly.Now.Period
		must(t, s.Transact(ctx, func(tx *sql.Tx) error {
			_, err := s.exec(ctx, tx, `UPDATE periods SET due_date = ? WHERE plan_id = ? AND start_date = ?`,
				dateArg(cur.Due.AddDate(0, 0, 3)), planID, dateArg(cur.Start))
			return err
		}))
		if version() == v {
			t.Fatal("an update of a period did not move periods_version")
		}
		moved := check("period's due day")
		if moved.Now.Period.Due.Equal(cur.Due) {
			t.Errorf("the current period's due day stayed %v", cur.Due)
		}
		// The regime removed (DELETE of regimes): the default regime.
		judge()
		v = version()
		must(t, s.Transact(ctx, func(tx *sql.Tx) error {
			_, err := s.exec(ctx, tx, `DELETE FROM regimes WHERE plan_id = ?`, planID)
			return err
		}))
		if version() == v {
			t.Fatal("a regime's removal did not move periods_version")
		}
		check("default regime")
	})
}
