package store

import (
	"context"
	"database/sql"
	"testing"
)

// TestTransactTurn checks SQLite's writers' queue (Store.wturn): a writer
// waiting for its turn gives up when its context ends, writing nothing, and
// the writers queued behind a finished one all get their turn.
func TestTransactTurn(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if s.wturn == nil {
		t.Fatal("a SQLite store has no writers' queue")
	}
	inside, release := make(chan struct{}), make(chan struct{})
	first := make(chan error, 1)
	go func() {
		first <- s.Transact(ctx, func(tx *sql.Tx) error {
			close(inside)
			<-release
			_, err := s.exec(ctx, tx, `INSERT INTO login_failures (at, username, ip) VALUES ('2026-01-01T00:00:00Z', 'first', '')`)
			return err
		})
	}()
	<-inside
	// The first writer holds the turn: a second one whose context ends
	// while it waits returns the context's error and runs nothing.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	ran := false
	if err := s.Transact(cctx, func(*sql.Tx) error { ran = true; return nil }); err != context.Canceled || ran {
		t.Fatalf("a writer cancelled while waiting: err %v, ran %v", err, ran)
	}
	// Writers queued behind the first all run once it is done.
	done := make(chan error, 3)
	for range 3 {
		go func() {
			done <- s.Transact(ctx, func(tx *sql.Tx) error {
				_, err := s.exec(ctx, tx, `INSERT INTO login_failures (at, username, ip) VALUES ('2026-01-01T00:00:00Z', 'next', '')`)
				return err
			})
		}()
	}
	close(release)
	must(t, <-first)
	for range 3 {
		must(t, <-done)
	}
	var n int
	must(t, s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_failures`).Scan(&n))
	if n != 4 {
		t.Errorf("%d rows written, want 4", n)
	}
}
