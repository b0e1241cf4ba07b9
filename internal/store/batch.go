package store

import (
	"context"
	"database/sql"

	"tiendo/internal/plan"
)

// batch runs the statements of one transaction, either directly or, for
// work that repeats a statement many times (importing a plan), prepared
// once on first use and reused.
type batch struct {
	s       *Store
	tx      *sql.Tx
	prepare bool
	stmts   map[string]*sql.Stmt
	docs    map[string]plan.Reference // documents stored in this batch, by number
}

func (s *Store) newBatch(tx *sql.Tx, prepare bool) *batch {
	return &batch{s: s, tx: tx, prepare: prepare, stmts: map[string]*sql.Stmt{}}
}

func (b *batch) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := b.stmts[query]; ok {
		return st, nil
	}
	st, err := b.s.prepare(ctx, b.tx, query)
	if err != nil {
		return nil, err
	}
	b.stmts[query] = st
	return st, nil
}

// exec runs a statement written with ? placeholders.
func (b *batch) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if !b.prepare {
		return b.s.exec(ctx, b.tx, query, args...)
	}
	st, err := b.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// queryRow runs a one-row query written with ? placeholders; errors
// surface from Scan.
func (b *batch) queryRow(ctx context.Context, query string, args ...any) scanner {
	if !b.prepare {
		// Through the write-statement cache: the one-row statements here
		// (a task, a document) have one shape each.
		return b.s.tqueryRow(ctx, b.tx, query, args...)
	}
	st, err := b.stmt(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}

// close releases the prepared statements.
func (b *batch) close() {
	for _, st := range b.stmts {
		st.Close()
	}
}

// errRow is a row whose statement could not be prepared.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }
