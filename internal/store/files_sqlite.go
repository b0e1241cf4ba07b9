package store

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"strings"
)

// A SQLite database holds password hashes, TOTP secrets and session
// digests, so its files are the owner's alone: the database is created
// 0600 before SQLite opens it, and SQLite gives its -wal and -shm files the
// mode of the database file. Backups are made 0600 too (Backup, Restore).

// privateMode is the mode of every file that holds the database.
const privateMode fs.FileMode = 0o600

// sqliteFile is the file a SQLite DSN names: the path itself, or the path
// of a file: URI without its query; "" for what names no file.
func sqliteFile(dsn string) string {
	if strings.HasPrefix(dsn, "file:") {
		u, err := url.Parse(dsn)
		if err != nil {
			return ""
		}
		if u.Opaque != "" {
			return u.Opaque
		}
		return u.Path
	}
	if i := strings.IndexByte(dsn, '?'); i >= 0 {
		dsn = dsn[:i]
	}
	return dsn
}

// createPrivate creates the database file with privateMode when it does
// not exist yet, so that SQLite opens a file nobody else can read.
func createPrivate(dsn string) error {
	path := sqliteFile(dsn)
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, privateMode)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// ExposedFiles lists the files of the SQLite database named by dsn (the
// database, its -wal and -shm) that the group or others may read or
// write, so that serve can warn at start; nil for PostgreSQL and for files
// that are private or absent.
func ExposedFiles(dsn string) []string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return nil
	}
	path := sqliteFile(dsn)
	if path == "" {
		return nil
	}
	var out []string
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm()&0o077 != 0 {
			out = append(out, p)
		}
	}
	return out
}
