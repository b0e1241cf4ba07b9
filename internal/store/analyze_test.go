package store

import (
	"context"
	"database/sql"
	"testing"
)

// TestAnalyze checks, on PostgreSQL, that Open analyzes a table filled
// from outside and never analyzed (as pg_restore leaves it), and that
// Analyze gathers statistics of the tables named. SQLite needs none
// (analyze.go).
func TestAnalyze(t *testing.T) {
	s := newPGStore(t)
	ctx := context.Background()
	conn, err := s.w.Conn(ctx)
	must(t, err)
	defer conn.Close()
	analyzed := func(table string) bool {
		t.Helper()
		var n int
		must(t, s.w.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = current_schema()
			AND relname = $1 AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)`, table).Scan(&n))
		return n == 1
	}
	// A load from outside, its statistics flushed to the shared counters
	// at once (pg_stat_force_next_flush, PostgreSQL 15).
	_, err = conn.ExecContext(ctx, `CREATE TABLE outside_load (x integer)`)
	must(t, err)
	_, err = conn.ExecContext(ctx, `INSERT INTO outside_load SELECT generate_series(1, 500)`)
	must(t, err)
	_, err = conn.ExecContext(ctx, `SELECT pg_stat_force_next_flush()`)
	must(t, err)
	if analyzed("outside_load") {
		t.Fatal("outside_load analyzed before Open")
	}
	must(t, analyzeUnknown(ctx, s.w))
	if !analyzed("outside_load") {
		t.Error("the table loaded from outside was not analyzed")
	}
	if analyzed("report_entries") {
		t.Error("an empty table was analyzed: only tables holding rows need it")
	}
	must(t, s.Analyze(ctx, "report_entries"))
	if !analyzed("report_entries") {
		t.Error("Analyze(report_entries) left it without statistics")
	}
	must(t, s.Analyze(ctx)) // every table of the schema, as after gen
	if !analyzed("tasks") || !analyzed("reports") {
		t.Error("Analyze() left the schema's tables without statistics")
	}
	// A load moves the plans' facts versions row by row in one
	// transaction, as gen does: the plans table swells.
	newRepFix(t, s)
	must(t, s.Transact(ctx, func(tx *sql.Tx) error {
		_, err := s.exec(ctx, tx, `UPDATE plans SET facts_version = facts_version + 1`)
		for i := 0; i < 2000 && err == nil; i++ {
			_, err = s.exec(ctx, tx, `UPDATE plans SET facts_version = facts_version + 1`)
		}
		return err
	}))
	size := func() (n int64) {
		must(t, s.w.QueryRowContext(ctx, `SELECT pg_relation_size('plans')`).Scan(&n))
		return n
	}
	swollen := size()
	must(t, s.VacuumAnalyze(ctx)) // what gen does
	if after := size(); after > 2*8192 || after >= swollen {
		t.Errorf("plans: %d bytes after the load, %d after VacuumAnalyze; want at most two pages", swollen, after)
	}
	var n int
	must(t, s.w.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = current_schema()
		AND relname IN ('tasks', 'report_entries') AND last_vacuum IS NOT NULL`).Scan(&n))
	if n != 2 {
		t.Errorf("VacuumAnalyze vacuumed %d of tasks and report_entries; want both", n)
	}
}
