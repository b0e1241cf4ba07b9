// Package store is the one place that holds SQL. It persists the domain
// types of plan, agency, indicator and auth on SQLite (embedded, the
// default) and on PostgreSQL (many app instances behind a load balancer),
// with the same SQL text for both: statements are written with ?
// placeholders and rebound to $1… for PostgreSQL.
//
// Every write runs in one transaction (Transact) and appends a row to the
// audit log in that transaction. Errors are wrapped with the operation and
// classified, so callers test them with errors.Is against ErrNotFound,
// ErrConflict, ErrDuplicate and ErrReference.
package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
)

// Dialect names returned by Store.Dialect.
const (
	dialectSQLite   = "sqlite"
	dialectPostgres = "postgres"
)

// Store is the one place that holds SQL. It works on SQLite and PostgreSQL.
// It is safe for concurrent use.
type Store struct {
	dialect string
	// w takes every write. On SQLite it has one connection, so writers queue
	// in Go instead of failing with "database is locked"; on PostgreSQL it
	// is the one pool, and r == w.
	w *sql.DB
	// wturn, on SQLite, is the writers' queue for w's one connection:
	// Transact takes a turn first, in the order writers arrive.
	// database/sql hands a freed connection to a random waiter, so under
	// load a writer could lose that draw again and again: the deadline
	// mix's write p99 was six times its median (issue 21). Nil on
	// PostgreSQL, whose writers do not share one connection.
	wturn chan struct{}
	// r takes reads outside transactions. On SQLite it is a separate pool of
	// query_only connections, which WAL lets run beside the writer.
	r *sql.DB
	// bound caches PostgreSQL's form ($1…) of each SQL text, keyed by the
	// ? form. Unused on SQLite.
	bound sync.Map
	// stmts caches prepared read statements on SQLite's read pool (see readStmt).
	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt
	// wstmts caches prepared statements on SQLite's one write connection
	// for the hot writes (submitting a report); wwant queues statements to
	// prepare once the connection is free (see txStmt).
	// ensured holds, per plan, when its expected reports were last found
	// complete (ensuredKey, EnsureReports).
	ensured sync.Map
	// agencyMemo keeps the agencies in Vietnamese order (agency_cache.go).
	agencyMemo agencyCache
	// periodsMemo keeps each plan's regime and periods (periods_memo.go).
	periodsMemo periodsMemo
	wstmts      map[string]*sql.Stmt
	wwant       map[string]bool
	// auditQueue holds each open transaction's audit rows (*sql.Tx →
	// *auditQueue), appended to the chain as it commits (audit.go).
	auditQueue sync.Map
	// trace, when set, is handed every read run through query and queryRow
	// (its ? form and arguments), so that the EXPLAIN test can check the
	// plan of each dashboard and list query. Nil outside that test.
	trace func(query string, args []any)
	// asyncAudit, on PostgreSQL, lets audited transactions commit
	// asynchronously and flushes the WAL before Transact returns
	// (commit_postgres.go).
	asyncAudit bool
	// inBand, on PostgreSQL, lets a write with few audit rows append them
	// and commit in one message (commitInBand).
	inBand bool
	// watch keeps, on PostgreSQL, reads of the rows that announce their
	// changes (watch.go); nil on SQLite. channel is its listener's, set
	// once it listens; stopListen stops the listener.
	watch      *watch
	channel    atomic.Pointer[string]
	stopListen func()
}

// Open opens (creating and migrating as needed) the database named by dsn:
// a file path or file: URI for SQLite, or a postgres:// (postgresql://) URL.
// It runs pending migrations before returning.
func Open(ctx context.Context, dsn string) (s *Store, err error) {
	defer wrap(&err, "store.Open")
	switch {
	case dsn == "":
		return nil, errors.New("no database given")
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		s, err = openPostgres(ctx, dsn)
	default:
		s, err = openSQLite(ctx, dsn)
	}
	if err != nil {
		return nil, err
	}
	// Rows written before the audit chain existed are chained once.
	if err := s.chainOldAudit(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if s.stopListen != nil {
		s.stopListen()
	}
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	for _, st := range s.wstmts {
		st.Close()
	}
	s.stmts, s.wstmts, s.wwant = nil, nil, nil
	s.stmtMu.Unlock()
	err := s.w.Close()
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// Ping checks that the database answers (for /healthz): a real query on the
// read pool, and on SQLite on the write connection too, since a wedged
// writer is what a health check should notice.
func (s *Store) Ping(ctx context.Context) (err error) {
	defer wrap(&err, "store.Ping")
	var one int
	if err := s.r.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return err
	}
	if s.r != s.w {
		return s.w.PingContext(ctx)
	}
	return nil
}

// Dialect is "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect }

// Transact runs fn in one transaction on the write pool: committed when fn
// returns nil, rolled back when it returns an error or panics. On SQLite
// the transaction begins IMMEDIATE, taking the write lock at once, so it
// never fails half-way with a lock upgrade error.
//
// It is the store's own: SQL lives in this package, and statements run on
// tx go through exec, query and queryRow, which rebind ? placeholders for
// PostgreSQL.
func (s *Store) Transact(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	if s.wturn != nil {
		// Blocked senders on a channel are woken first come, first served.
		select {
		case s.wturn <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		defer func() { <-s.wturn }()
	}
	tally(ctx, "BEGIN")
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			tally(ctx, "ROLLBACK")
			_ = tx.Rollback()
		}
	}()
	q := &auditQueue{}
	s.auditQueue.Store(tx, q)
	defer s.auditQueue.Delete(tx)
	if err = fn(tx); err != nil {
		return err
	}
	// An audited write on PostgreSQL sends its watch marker (listen_postgres.go)
	// with its audit rows, in the transaction, whose commit does not wait for
	// the disk: a marker sent after the commit, with the WAL flush, held
	// PostgreSQL's one lock on the notification queue through that flush,
	// and every other committing writer waited for it (issue 21).
	flush := s.asyncAudit && len(q.rows) > 0 // commits without the disk; flushed below
	var mark marker
	marked := false
	if flush {
		mark, marked = s.watch.expect()
	}
	if flush && s.inBand && len(q.rows) <= inBandRows {
		committed, cerr := s.commitInBand(ctx, tx, q, markOf(mark, marked))
		if marked {
			s.watch.await(mark, committed)
		} else if committed {
			s.markCommitted(ctx)
		}
		if err = cerr; err != nil {
			return err
		}
		s.prepareWanted(ctx)
		return nil
	}
	if err = s.appendAudit(ctx, tx, q, markOf(mark, marked)); err != nil {
		if marked {
			s.watch.forget(mark)
		}
		return err
	}
	tally(ctx, "COMMIT")
	if err = tx.Commit(); err != nil {
		if marked {
			s.watch.await(mark, false) // committed or not: no one knows
		}
		return err
	}
	if !marked {
		s.markCommitted(ctx)
	}
	if flush {
		err = s.flushWAL(ctx)
	}
	if marked {
		s.watch.await(mark, true)
	}
	if err != nil {
		return err
	}
	s.prepareWanted(ctx)
	return nil
}

// PoolStats returns the connection pools' statistics, for metrics: the
// write pool, and on SQLite the read pool ("write" only on PostgreSQL,
// where one pool does both).
func (s *Store) PoolStats() map[string]sql.DBStats {
	out := map[string]sql.DBStats{"write": s.w.Stats()}
	if s.r != s.w {
		out["read"] = s.r.Stats()
	}
	return out
}
