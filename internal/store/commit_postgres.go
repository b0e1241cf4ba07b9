package store

import (
	"context"
	"database/sql"
)

// On PostgreSQL every audited write holds the audit chain's head from its
// audit_append to the end of its commit, so that the chain never forks
// (audit_chain.go). A synchronous commit ends only when its WAL is on disk,
// and that flush (about 8 ms a write under the deadline mix) was spent with
// the head held: audited writes queued behind each other's fsync, one at a
// time, and their p99 was 2–3 times the reads' (issue 21).
//
// So an audited transaction commits asynchronously — synchronous_commit off
// for that transaction only, set by the statement that appends its audit
// rows — and the head is free as soon as the commit record is in the WAL.
// Then, before Transact returns and so before anyone is answered, flushWAL
// makes it durable: a second transaction writes one WAL record (a logical
// decoding message, which no subscriber of ours reads) and commits
// synchronously, which flushes the WAL up to its own commit record, past the
// write's. Writers flushing at once share one fsync (PostgreSQL's group
// commit) instead of taking turns.
//
// Nothing acknowledged can be lost: the WAL is one sequence, so a crash keeps
// a prefix of it — a write built on another's head is never kept without
// it, and a write is answered only once the WAL past it is flushed. What
// changes is that, for the length of a flush, other sessions may read a
// write that a crash would still take away (its writer then gets no answer,
// as with any commit cut off by a crash).
//
// A server where the logical message cannot be written (EXECUTE revoked
// from PUBLIC on pg_logical_emit_message) keeps synchronous commits:
// openPostgres tries it once (asyncAuditCommit).

// flushWALQuery writes one transactional WAL record and, run on its own,
// commits synchronously (the session's default), flushing the WAL past
// every commit made before it.
const flushWALQuery = `SELECT pg_logical_emit_message(true, 'tiendo', '')`

// asyncAuditCommit reports whether db can flush the WAL with flushWALQuery:
// only then may audited transactions commit asynchronously.
func asyncAuditCommit(ctx context.Context, db *sql.DB) bool {
	_, err := db.ExecContext(ctx, flushWALQuery)
	return err == nil
}

// flushWAL makes every commit made before it durable (see above). It runs
// after a commit that succeeded, whatever became of the request's context:
// the write is in, and its answer must wait for the disk, not be cut off.
func (s *Store) flushWAL(ctx context.Context) error {
	tally(ctx, flushWALQuery)
	_, err := s.w.ExecContext(context.WithoutCancel(ctx), flushWALQuery)
	return err
}
