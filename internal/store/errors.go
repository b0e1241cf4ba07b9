package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
	"tiendo/internal/derrors"
)

// Errors callers test with errors.Is. They are the kinds every layer
// speaks (internal/derrors), under the names the store's code has always
// used. The driver's error stays in the chain (for logs), but its text is
// not for people: callers map these to messages.
var (
	ErrNotFound = derrors.NotFound
	ErrConflict = derrors.Conflict // the row changed since it was read
	// ErrReadOnly: the plan was replaced or closed; its tasks no longer change.
	ErrReadOnly  = derrors.ReadOnly
	ErrDuplicate = derrors.Duplicate // a unique key (username, plan code, agency name) is taken
	// ErrReference: a referenced record (section, agency, plan, user) does
	// not exist or belongs elsewhere — a foreign key would be broken.
	ErrReference = derrors.Reference
)

// wrap prefixes *err with the operation and classifies driver errors into
// the store's errors. It is deferred at the top of every method:
//
//	defer wrap(&err, "store.UpdateTask(%d)", t.ID)
func wrap(err *error, format string, args ...any) {
	if *err == nil {
		return
	}
	*err = fmt.Errorf(format+": %w", append(args, classify(*err))...)
}

// classify adds the store error that matches a driver error, keeping the
// driver error in the chain.
func classify(err error) error {
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) ||
		errors.Is(err, ErrDuplicate) || errors.Is(err, ErrReference) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound // sql.ErrNoRows says nothing a caller needs
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %w", ErrDuplicate, err)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return fmt.Errorf("%w: %w", ErrReference, err)
		}
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505": // unique_violation
			return fmt.Errorf("%w: %w", ErrDuplicate, err)
		case "23503": // foreign_key_violation
			return fmt.Errorf("%w: %w", ErrReference, err)
		}
	}
	return err
}

// checkVersion turns an UPDATE … WHERE id = ? AND version = ? that touched
// no row into ErrConflict when the row exists (someone saved first) or
// ErrNotFound when it does not.
func (s *Store) checkVersion(ctx context.Context, q querier, res sql.Result, table string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	var one int
	err = s.queryRow(ctx, q, "SELECT 1 FROM "+table+" WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	return ErrConflict
}
