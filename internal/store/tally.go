package store

import (
	"context"
	"sync"
)

// Each statement the store sends is a round trip to the database, and on
// PostgreSQL round trips are where a write's CPU goes, on both sides
// (issue 21). A Tally counts them for one piece of work, so that a test
// can hold a use case to its number of statements and fail when it grows
// again. It counts what goes through the store's helpers (query,
// queryRow, queryOnce, exec, texec, tquery, tqueryRow, insert), the
// BEGIN and COMMIT of Transact and the WAL flush after it; a statement
// sent around them on the raw pools is not seen.

// Tally is the statements sent under one context (WithTally).
type Tally struct {
	mu    sync.Mutex
	stmts []string
}

type tallyKey struct{}

// WithTally returns ctx with a new Tally: every statement the store sends
// under the returned context is counted in it.
func WithTally(ctx context.Context) (context.Context, *Tally) {
	t := &Tally{}
	return context.WithValue(ctx, tallyKey{}, t), t
}

// Statements are the statements counted so far, in order, as written
// (with ? placeholders).
func (t *Tally) Statements() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.stmts...)
}

// Len is the number of statements counted so far.
func (t *Tally) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.stmts)
}

// tally counts query in ctx's Tally, if it has one.
func tally(ctx context.Context, query string) {
	t, ok := ctx.Value(tallyKey{}).(*Tally)
	if !ok {
		return
	}
	t.mu.Lock()
	t.stmts = append(t.stmts, query)
	t.mu.Unlock()
}
