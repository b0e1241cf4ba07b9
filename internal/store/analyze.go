package store

import (
	"context"
	"database/sql"
	"strings"
)

// PostgreSQL plans a query from its statistics of each table (row counts,
// common values), which only ANALYZE — by hand or autovacuum, minutes
// later — gathers. A table filled in bulk and not analyzed yet is planned
// as if nearly empty: right after `tiendo gen` the deadline mix ran at
// 75 req/s with a p99 of 1.4 s, and at 1,260 req/s after one ANALYZE
// (issue 21). So every bulk load analyzes what it filled before anyone
// reads it: gen (gen.Run), a plan import of many tasks (CreatePlan), a
// migration applied to a database that holds data (migrate), and — for
// loads tiendo does not do itself, such as pg_restore — Open analyzes any
// table holding rows that was never analyzed.
//
// SQLite needs none of this: without statistics it plans from the indexes
// alone, and TestExplain checks that every dashboard and list query is
// served by one.

// analyzeAfterTasks is the size of a plan import after which its tables
// are analyzed: a tenth of a province's register at national scale, where
// autovacuum's own threshold (a tenth of the table changed) may not fire.
const analyzeAfterTasks = 1000

// Analyze refreshes the planner's statistics of tables (every table when
// none is named) on PostgreSQL; on SQLite it does nothing (see above).
func (s *Store) Analyze(ctx context.Context, tables ...string) (err error) {
	defer wrap(&err, "store.Analyze")
	if s.dialect != dialectPostgres {
		return nil
	}
	return analyzePostgres(ctx, s.w, tables)
}

// VacuumAnalyze is Analyze after a load that filled the whole database
// (gen): on PostgreSQL it vacuums as well, so that the visibility map is
// set and the covering indexes the figures read (migration 00029) answer
// from the index alone — right after a load every row is fetched from the
// table too — and autovacuum does not come to do it under the first
// minutes of use. On SQLite it does nothing.
func (s *Store) VacuumAnalyze(ctx context.Context) (err error) {
	defer wrap(&err, "store.VacuumAnalyze")
	if s.dialect != dialectPostgres {
		return nil
	}
	tables, err := tableNames(ctx, s.w, `SELECT quote_ident(tablename) FROM pg_tables
		WHERE schemaname = current_schema() ORDER BY tablename`)
	if err != nil || len(tables) == 0 {
		return err
	}
	// The load moved each plan's facts version once per row it wrote, in
	// one transaction, which no pruning could reclaim: one province's gen
	// left the plans table 6 MB for two rows, and every read of the
	// register scanned all of it (1.2 ms instead of 0.03). Rewriting it
	// takes a moment while nobody reads.
	if _, err := s.w.ExecContext(ctx, "VACUUM (FULL) plans"); err != nil {
		return err
	}
	_, err = s.w.ExecContext(ctx, "VACUUM (ANALYZE) "+strings.Join(tables, ", "))
	return err
}

// analyzePostgres analyzes tables, or when none is named every table of
// the current schema (the database may hold other schemas: other
// instances' or, in tests, other tests').
func analyzePostgres(ctx context.Context, db *sql.DB, tables []string) error {
	if len(tables) == 0 {
		var err error
		if tables, err = tableNames(ctx, db, `SELECT quote_ident(tablename) FROM pg_tables
			WHERE schemaname = current_schema() ORDER BY tablename`); err != nil || len(tables) == 0 {
			return err
		}
	}
	_, err := db.ExecContext(ctx, "ANALYZE "+strings.Join(tables, ", "))
	return err
}

// tableNames runs a catalogue query that lists table names.
func tableNames(ctx context.Context, db *sql.DB, query string) ([]string, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, rows.Err()
}

// analyzeUnknown analyzes, on PostgreSQL, the tables of the current schema
// that hold rows and have never been analyzed (last_analyze and
// last_autoanalyze both unset): what a restore or any load from outside
// leaves. On a database that has been analyzed it is one catalogue query.
func analyzeUnknown(ctx context.Context, db *sql.DB) error {
	tables, err := tableNames(ctx, db, `SELECT quote_ident(relname) FROM pg_stat_user_tables
		WHERE schemaname = current_schema() AND n_live_tup > 0
		AND last_analyze IS NULL AND last_autoanalyze IS NULL ORDER BY relname`)
	if err != nil || len(tables) == 0 {
		return err
	}
	return analyzePostgres(ctx, db, tables)
}
