package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// querier is what a *sql.DB and a *sql.Tx have in common: the store's
// helpers run on either.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// exec runs a statement written with ? placeholders.
func (s *Store) exec(ctx context.Context, q querier, query string, args ...any) (sql.Result, error) {
	tally(ctx, query)
	return q.ExecContext(ctx, s.bind(query), args...)
}

// query runs a query written with ? placeholders.
func (s *Store) query(ctx context.Context, q querier, query string, args ...any) (*sql.Rows, error) {
	tally(ctx, query)
	if s.trace != nil {
		s.trace(query, args)
	}
	if st := s.readStmt(ctx, q, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return q.QueryContext(ctx, s.bind(query), args...)
}

// queryIDs runs a query written with ? placeholders whose rows are one
// integer each (IDs), and returns them in the rows' order.
func (s *Store) queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := s.query(ctx, q, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// queryRow runs a one-row query written with ? placeholders.
func (s *Store) queryRow(ctx context.Context, q querier, query string, args ...any) *sql.Row {
	tally(ctx, query)
	if s.trace != nil {
		s.trace(query, args)
	}
	if st := s.readStmt(ctx, q, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return q.QueryRowContext(ctx, s.bind(query), args...)
}

// queryOnce runs a read query written with ? placeholders on the read
// pool without preparing it: for queries built from filters, whose many
// shapes would crowd the statement cache.
func (s *Store) queryOnce(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	tally(ctx, query)
	if s.trace != nil {
		s.trace(query, args)
	}
	return s.r.QueryContext(ctx, s.bind(query), args...)
}

// maxReadStmts bounds the prepared-statement cache of the SQLite read pool.
// The store's read queries come in a few dozen shapes; a shape past the
// bound is simply run unprepared.
const maxReadStmts = 128

// readStmt returns the cached prepared statement for query on SQLite's
// read pool, preparing it on first use; nil when q is not that pool, on
// PostgreSQL (pgx caches prepared statements per connection itself), when
// the cache is full or the statement does not prepare (the unprepared run
// then reports the error).
//
// Why: modernc.org/sqlite compiles every statement afresh, which for the
// task list costs as much as reading a page of 50 tasks.
func (s *Store) readStmt(ctx context.Context, q querier, query string) *sql.Stmt {
	if s.dialect != dialectSQLite || q != querier(s.r) {
		return nil
	}
	s.stmtMu.Lock()
	st, ok := s.stmts[query]
	full := len(s.stmts) >= maxReadStmts
	s.stmtMu.Unlock()
	if ok {
		return st
	}
	if full {
		return nil
	}
	// Prepared without the lock held: preparing waits for a connection,
	// and a goroutine holding one may be waiting for the lock.
	st, err := s.r.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if prev, ok := s.stmts[query]; ok { // prepared meanwhile by another goroutine
		st.Close()
		return prev
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[query] = st
	return st
}

// insert runs an INSERT … RETURNING id and returns the id. Both SQLite
// (≥ 3.35) and PostgreSQL accept RETURNING; LastInsertId is not available
// with pgx.
func (s *Store) insert(ctx context.Context, q querier, query string, args ...any) (id int64, err error) {
	tally(ctx, query)
	err = q.QueryRowContext(ctx, s.bind(query), args...).Scan(&id)
	return id, err
}

// prepare prepares a statement written with ? placeholders on tx, for
// statements run many times in one transaction (CreatePlan).
func (s *Store) prepare(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	return tx.PrepareContext(ctx, s.bind(query))
}

// bind returns query in the dialect's placeholder form. SQLite takes ? as
// written; for PostgreSQL each text is rebound once and cached, so the
// cost per call is one map lookup.
func (s *Store) bind(query string) string {
	if s.dialect != dialectPostgres {
		return query
	}
	if q, ok := s.bound.Load(query); ok {
		return q.(string)
	}
	q := rebind(query)
	s.bound.Store(query, q)
	return q
}

// rebind turns ? placeholders into $1, $2, … leaving ? inside quoted
// strings and identifiers alone.
func rebind(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	var quote byte // the quote character we are inside, or 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// rowsOf returns "(?, ?), (?, ?)" with n rows of width marks, for
// multi-row INSERTs.
func rowsOf(n, width int) string {
	row := "(" + placeholders(width) + ")"
	return strings.Repeat(row+", ", n-1) + row
}

// placeholders returns "?, ?, …" with n marks, for IN lists.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// groupConcat is the dialect's aggregate joining integers with commas.
func (s *Store) groupConcat(col string) string {
	if s.dialect == dialectPostgres {
		return "string_agg(" + col + "::text, ',')"
	}
	return "group_concat(" + col + ", ',')"
}
