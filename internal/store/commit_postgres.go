package store

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
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
// A write with a request's few audit rows does all of this in two round
// trips (commitInBand): the append, its commit and the WAL message in one,
// then the commit that flushes.
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

// inBandRows bounds the audit rows a write may append in its commit's own
// round trip (commitInBand): the rows travel as literals in the SQL text,
// which suits a request's few rows, not an import's thousands.
const inBandRows = 64

// literalsSafe reports whether db's sessions read string literals as
// written (standard_conforming_strings on, PostgreSQL's default since 9.1):
// pgx quotes commitInBand's arguments into its SQL text only then, and
// refuses the statement otherwise. Without it, audited writes keep the
// path of three round trips.
func literalsSafe(ctx context.Context, db *sql.DB) bool {
	var on bool
	err := db.QueryRowContext(ctx, `SELECT current_setting('standard_conforming_strings') = 'on'`).Scan(&on)
	return err == nil && on
}

// commitInBand appends q's rows and commits tx in one round trip on
// PostgreSQL, then makes the commit durable: an audited write's last
// steps used to be three round trips — audit_append, COMMIT, then
// flushWAL on another connection — and the chain's head stayed locked
// from the first to the end of the second, with a round trip to Go
// between them (issue 21).
//
// It sends one simple-protocol message of four statements:
//
//	SELECT audit_append(…), set_config('synchronous_commit', 'off', true) [, pg_notify(…)];
//	COMMIT; SELECT pg_logical_emit_message(…); BEGIN
//
// The COMMIT runs in the server right after the append, so the head is
// held for the append and the commit only. The WAL message after it runs
// in a new transaction, which the BEGIN makes explicit (a BEGIN takes the
// statements before it in the same message into its block); tx.Commit
// then commits that one synchronously, and its flush carries the write's
// commit record to disk, as flushWAL's does. Nothing is answered before
// that flush: the durability argument above stands as it is.
//
// committed reports whether tx's writes are in. It is false when the
// message failed: then the append or the commit failed, and tx is rolled
// back. (A failure of the two statements after COMMIT would leave the write
// in but reported as failed, and as unknown to the watch; the WAL message
// is tried at startup, asyncAuditCommit, so that is a lost connection.)
// When the last commit fails — the request's context ended, say — the
// write is in: flushWAL flushes it on another connection.
func (s *Store) commitInBand(ctx context.Context, tx *sql.Tx, q *auditQueue, mark string) (committed bool, err error) {
	stmt, args := s.auditAppendCall(q, mark)
	stmt += `; COMMIT; ` + flushWALQuery + `; BEGIN`
	tally(ctx, stmt)
	// Without cancel: once sent, the message runs to its end; a cancel
	// arriving after its COMMIT could only cut off the flush's start.
	if _, err := tx.ExecContext(context.WithoutCancel(ctx), s.bind(stmt), append([]any{pgx.QueryExecModeSimpleProtocol}, args...)...); err != nil {
		return false, err
	}
	tally(ctx, "COMMIT")
	if tx.Commit() != nil {
		return true, s.flushWAL(ctx)
	}
	return true, nil
}
