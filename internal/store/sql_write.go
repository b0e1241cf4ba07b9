package store

import (
	"context"
	"database/sql"
)

// maxWriteStmts bounds the write-statement cache: the reporting writes come
// in a few dozen shapes.
const maxWriteStmts = 128

// txStmt returns, on SQLite, tx's handle on the cached prepared statement
// for query on the write connection; nil on PostgreSQL (pgx caches
// statements per connection itself) and when the statement is not cached
// yet. A statement not cached yet is queued and prepared after the
// transaction commits (Transact calls prepareWanted): it cannot be
// prepared on the pool during the transaction, which holds the pool's one
// connection.
//
// Why: modernc.org/sqlite compiles every statement afresh, and a submit
// runs under the single writer, so each compile delays every other writer.
// database/sql reuses a DB-prepared statement inside a Tx when it was
// prepared on the Tx's connection, which it always is here.
func (s *Store) txStmt(ctx context.Context, tx *sql.Tx, query string) *sql.Stmt {
	if s.dialect != dialectSQLite {
		return nil
	}
	s.stmtMu.Lock()
	st := s.wstmts[query]
	if st == nil && len(s.wstmts)+len(s.wwant) < maxWriteStmts {
		if s.wwant == nil {
			s.wwant = map[string]bool{}
		}
		s.wwant[query] = true
	}
	s.stmtMu.Unlock()
	if st == nil {
		return nil
	}
	return tx.StmtContext(ctx, st)
}

// prepareWanted prepares the queued write statements; errors leave a
// statement unprepared (it then runs unprepared and reports its error).
func (s *Store) prepareWanted(ctx context.Context) {
	if s.dialect != dialectSQLite {
		return
	}
	s.stmtMu.Lock()
	want := s.wwant
	s.wwant = nil
	s.stmtMu.Unlock()
	for q := range want {
		st, err := s.w.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		s.stmtMu.Lock()
		if s.wstmts == nil {
			s.wstmts = map[string]*sql.Stmt{}
		}
		if _, ok := s.wstmts[q]; ok {
			st.Close()
		} else {
			s.wstmts[q] = st
		}
		s.stmtMu.Unlock()
	}
}

// texec runs a statement in tx through the write-statement cache.
func (s *Store) texec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	tally(ctx, query)
	if st := s.txStmt(ctx, tx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, s.bind(query), args...)
}

// tquery runs a query in tx through the write-statement cache.
func (s *Store) tquery(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	tally(ctx, query)
	if st := s.txStmt(ctx, tx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return tx.QueryContext(ctx, s.bind(query), args...)
}

// tqueryRow runs a one-row query in tx through the write-statement cache.
func (s *Store) tqueryRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	tally(ctx, query)
	if st := s.txStmt(ctx, tx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, s.bind(query), args...)
}

// qrow runs a one-row query on q: through the write-statement cache when
// q is a transaction, the read-statement cache when it is the read pool.
func (s *Store) qrow(ctx context.Context, q querier, query string, args ...any) *sql.Row {
	if tx, ok := q.(*sql.Tx); ok {
		return s.tqueryRow(ctx, tx, query, args...)
	}
	return s.queryRow(ctx, q, query, args...)
}

// qrows runs a query on q, as qrow.
func (s *Store) qrows(ctx context.Context, q querier, query string, args ...any) (*sql.Rows, error) {
	if tx, ok := q.(*sql.Tx); ok {
		return s.tquery(ctx, tx, query, args...)
	}
	return s.query(ctx, q, query, args...)
}
