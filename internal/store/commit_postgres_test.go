package store

import (
	"context"
	"database/sql"
	"testing"
)

// TestAuditedCommitFlushed: on PostgreSQL an audited transaction commits
// asynchronously (its audit head is released without waiting for the
// disk), so Transact must flush the WAL before it returns: right after it,
// the WAL is on disk past everything the transaction wrote before its
// audit rows. Without flushWAL the commit would still wait for the WAL
// writer (up to wal_writer_delay, 200 ms), and this fails on the first
// rounds.
func TestAuditedCommitFlushed(t *testing.T) {
	s := newPGStore(t)
	if !s.asyncAudit {
		t.Fatal("the test server refuses pg_logical_emit_message: audited writes commit synchronously")
	}
	ctx := context.Background()
	for i := range 30 {
		var written string
		must(t, s.Transact(ctx, func(tx *sql.Tx) error {
			if err := s.audit(ctx, tx, 0, "test.flush", "test", int64(i), nil); err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, `SELECT pg_current_wal_insert_lsn()::text`).Scan(&written)
		}))
		var flushed bool
		must(t, s.r.QueryRowContext(ctx, `SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn`, written).Scan(&flushed))
		if !flushed {
			t.Fatalf("round %d: Transact returned before the WAL past %s was flushed", i, written)
		}
		var sync string
		must(t, s.r.QueryRowContext(ctx, `SHOW synchronous_commit`).Scan(&sync))
		if sync != "on" {
			t.Fatalf("round %d: a pooled connection was left with synchronous_commit %s", i, sync)
		}
	}
	v, err := s.VerifyAudit(ctx)
	must(t, err)
	if v.Broken != nil {
		t.Fatalf("audit chain broken at %v", v.Broken)
	}
}
