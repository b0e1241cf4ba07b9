package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrBackupPostgres is returned by the SQLite-only backup and restore
// functions for a PostgreSQL store: PostgreSQL is backed up with its own
// tools (pg_dump, pg_restore), which docs/security/backup.md describes.
var ErrBackupPostgres = errors.New("backup and restore by tiendo are for SQLite; back up PostgreSQL with pg_dump")

// Backup writes a consistent copy of the SQLite database to path while the
// application keeps serving: VACUUM INTO reads one snapshot (WAL lets the
// writer go on meanwhile) into a temporary file beside path, which is
// checked (CheckBackup) and only then renamed into place, so a failed or
// interrupted backup never leaves a file that looks like a good one.
// An existing path is refused unless overwrite is set.
func (s *Store) Backup(ctx context.Context, path string, overwrite bool) (err error) {
	defer wrap(&err, "store.Backup(%s)", path)
	if s.dialect != dialectSQLite {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(path); err == nil && !overwrite {
		return fmt.Errorf("%s already exists", path)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	b := make([]byte, 6)
	rand.Read(b)
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-"+hex.EncodeToString(b))
	defer os.Remove(tmp) // gone after the rename; cleans up on failure
	conn, err := s.r.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// The read pool is query_only; VACUUM INTO writes only the new file,
	// but SQLite counts it as a write, so lift the flag on this connection
	// for the statement and put it back before the connection returns.
	if _, err := conn.ExecContext(ctx, `PRAGMA query_only = 0`); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA query_only = 1`); rerr != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn }) // drop it from the pool
		err = errors.Join(err, rerr)
	}
	if err != nil {
		return err
	}
	// VACUUM INTO creates the file with the process's umask; the copy holds
	// the same secrets as the database.
	if err := os.Chmod(tmp, privateMode); err != nil {
		return err
	}
	if _, err := CheckBackup(ctx, tmp); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// CheckBackup checks that path is an intact tiendo SQLite database this
// program can open: SQLite's integrity_check passes and its schema version
// is not newer than this program's. It returns the schema version.
func CheckBackup(ctx context.Context, path string) (version int64, err error) {
	defer wrap(&err, "store.CheckBackup(%s)", path)
	if _, err := os.Stat(path); err != nil {
		return 0, err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return 0, fmt.Errorf("not a readable SQLite database: %w", err)
	}
	if res != "ok" {
		return 0, fmt.Errorf("integrity check failed: %s", res)
	}
	if err := db.QueryRowContext(ctx, `SELECT MAX(version_id) FROM goose_db_version WHERE is_applied`).Scan(&version); err != nil {
		return 0, fmt.Errorf("not a tiendo database (no migration table): %w", err)
	}
	latest, err := latestMigration(dialectSQLite)
	if err != nil {
		return 0, err
	}
	if version > latest {
		return 0, fmt.Errorf("schema version %d is newer than this program's %d: restore it with a newer tiendo", version, latest)
	}
	return version, nil
}

// Restore replaces the SQLite database at dbPath with the backup at from.
// The server must be stopped (an open database cannot be swapped under
// it). The current database is kept beside it, renamed with the time, and
// its name returned; the backup is copied to a temporary file and renamed
// into place, then opened once so that an older backup is migrated.
func Restore(ctx context.Context, from, dbPath string, now time.Time) (kept string, err error) {
	defer wrap(&err, "store.Restore(%s)", from)
	if strings.HasPrefix(dbPath, "postgres://") || strings.HasPrefix(dbPath, "postgresql://") {
		return "", ErrBackupPostgres
	}
	if _, err := CheckBackup(ctx, from); err != nil {
		return "", err
	}
	b := make([]byte, 6)
	rand.Read(b)
	tmp := filepath.Join(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".restore-"+hex.EncodeToString(b))
	defer os.Remove(tmp)
	if err := copyFile(from, tmp); err != nil {
		return "", err
	}
	if _, err := os.Stat(dbPath); err == nil {
		// Fold the old database's WAL into it before keeping it, so that
		// the kept copy is one self-contained file.
		if err := checkpoint(ctx, dbPath); err != nil {
			return "", fmt.Errorf("the current database %s: %w", dbPath, err)
		}
		kept = dbPath + ".truoc-khoi-phuc-" + now.UTC().Format("20060102-150405")
		if err := os.Rename(dbPath, kept); err != nil {
			return "", err
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return kept, err
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return kept, err
	}
	s, err := Open(ctx, dbPath)
	if err != nil {
		return kept, err
	}
	return kept, s.Close()
}

// checkpoint writes a SQLite database's WAL back into its main file.
func checkpoint(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

// copyFile copies from to a new file to, synced to disk.
func copyFile(from, to string) (err error) {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, privateMode)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, out.Close()) }()
	if _, err := out.ReadFrom(in); err != nil {
		return err
	}
	return out.Sync()
}
