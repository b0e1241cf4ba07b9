// Package dbtest gives the tests of packages above the store (jobs,
// notify) real databases: a SQLite file in a temporary directory and, when
// TIENDO_TEST_POSTGRES holds a URL, a fresh PostgreSQL schema dropped when
// the test ends. A DB can be opened several times, each Store standing for
// one app instance on the shared database, which is what the
// multi-instance tests need.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx" driver for the admin connection

	"tiendo/internal/store"
)

// PostgresEnv names the variable that holds the PostgreSQL URL of the tests
// (the same as the store's tests), e.g. postgres:///postgres?host=/var/run/postgresql.
const PostgresEnv = "TIENDO_TEST_POSTGRES"

// DB is one test database that app instances share.
type DB struct {
	Name string // "sqlite" or "postgres"
	dsn  string
}

// Open opens a new Store (a new "instance") on the database, closed when
// the test ends. The first Open migrates.
func (d *DB) Open(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), d.dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// SQLite returns a new SQLite database in t.TempDir().
func SQLite(t testing.TB) *DB {
	return &DB{Name: "sqlite", dsn: filepath.Join(t.TempDir(), "tiendo.db")}
}

// Postgres returns a new schema in the TIENDO_TEST_POSTGRES database,
// dropped when the test ends (after the stores opened on it are closed);
// the test is skipped when the variable is not set.
func Postgres(t testing.TB) *DB {
	t.Helper()
	admin := os.Getenv(PostgresEnv)
	if admin == "" {
		t.Skip(PostgresEnv + " not set: PostgreSQL tests skipped")
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "tiendo_test_" + hex.EncodeToString(b)
	if _, err := db.ExecContext(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		db.Close()
		t.Fatalf("create test schema: %v", err)
	}
	// Registered first, so it runs last: after every Store opened later is closed.
	t.Cleanup(func() {
		if _, err := db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop test schema: %v", err)
		}
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return &DB{Name: "postgres", dsn: u.String()}
}

// ForEach runs fn on a new SQLite database and on a new PostgreSQL schema
// (skipped without TIENDO_TEST_POSTGRES), as subtests "sqlite" and "postgres".
func ForEach(t *testing.T, fn func(t *testing.T, db *DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// BackendEnv names the variable that moves the HTTP tests (api, web) from
// SQLite to PostgreSQL: TIENDO_TEST_BACKEND=postgres (with
// TIENDO_TEST_POSTGRES). .ci/run runs those packages a second time so.
const BackendEnv = "TIENDO_TEST_BACKEND"

// Default is the database the application-level tests run on: SQLite,
// or PostgreSQL when TIENDO_TEST_BACKEND=postgres.
func Default(t testing.TB) *DB {
	if os.Getenv(BackendEnv) == "postgres" {
		return Postgres(t)
	}
	return SQLite(t)
}
