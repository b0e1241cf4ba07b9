package store

import (
	"context"
	"runtime"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// openPostgres opens a PostgreSQL URL through pgx's database/sql driver as
// one pool for reads and writes (PostgreSQL has no single-writer limit).
//
// Pool settings, chosen for several app instances sharing one server whose
// max_connections defaults to 100:
//
//   - at most max(8, 4×GOMAXPROCS) open connections per instance (8 on this
//     2-core machine), all of them kept idle between bursts;
//   - idle connections closed after 5 minutes, every connection after
//     30 minutes, so that instances rebalance after a server failover;
//   - pgx caches prepared statements per connection (its default exec mode),
//     so each SQL text is parsed once per connection. A transaction-mode
//     connection pooler (PgBouncer) in front must support prepared
//     statements, or the URL must set default_query_exec_mode=exec.
//
// Connection parameters (host, sslmode, search_path, …) come from the URL
// as libpq reads them: postgres:///tiendo?host=/var/run/postgresql works.
//
// Each connection runs without parallel query workers
// (max_parallel_workers_per_gather = 0, unless the URL sets it): the store
// already reads in parallel itself — a plan's facts on several connections,
// as many plans at once as CPUs (figcache) — and a worker PostgreSQL starts
// for a 20,000-row read costs more to start and feed than it saves, on
// cores those reads already share (issue 21: a province's claims 55 → 40 ms,
// one process instead of two).
func openPostgres(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	if _, set := cfg.RuntimeParams[parallelGather]; !set {
		cfg.RuntimeParams[parallelGather] = "0"
	}
	db := stdlib.OpenDB(*cfg)
	n := max(8, 4*runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	db.SetConnMaxIdleTime(5 * time.Minute)
	db.SetConnMaxLifetime(30 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := migrate(ctx, db, dialectPostgres); err != nil {
		db.Close()
		return nil, err
	}
	// Tables filled from outside (pg_restore) are analyzed before the
	// first query is planned (analyze.go).
	if err := analyzeUnknown(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	s := &Store{dialect: dialectPostgres, w: db, r: db, asyncAudit: asyncAuditCommit(ctx, db), watch: newWatch()}
	s.inBand = s.asyncAudit && literalsSafe(ctx, db)
	s.stopListen = s.startListener(cfg)
	return s, nil
}

// parallelGather is PostgreSQL's setting of the parallel workers one query
// may start (see openPostgres).
const parallelGather = "max_parallel_workers_per_gather"
