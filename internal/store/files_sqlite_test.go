package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestSQLiteFilesPrivate: a new database, its -wal and -shm files and its
// backups are the owner's alone, whatever the umask; a database file made
// readable by others is reported.
func TestSQLiteFilesPrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "tiendo.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Transact(ctx, func(tx *sql.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "copy.db")
	if err := s.Backup(ctx, backup, false); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", backup} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(p), st.Mode().Perm())
		}
	}
	if got := ExposedFiles(path); len(got) != 0 {
		t.Errorf("private files reported: %v", got)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := ExposedFiles("file:" + path + "?_busy_timeout=1"); len(got) != 1 || got[0] != path {
		t.Errorf("ExposedFiles = %v, want [%s]", got, path)
	}
	if got := ExposedFiles("postgres:///x"); got != nil {
		t.Errorf("PostgreSQL: %v", got)
	}
}
