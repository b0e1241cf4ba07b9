package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx" driver for the admin connection
)

// pgEnv names the variable that holds a PostgreSQL URL for the store
// tests, e.g. postgres:///tiendo_test?host=/var/run/postgresql. Each test
// gets its own schema in that database (CREATE SCHEMA, search_path in the
// URL), dropped when the test ends; the role needs CREATE on the database.
const pgEnv = "TIENDO_TEST_POSTGRES"

// newTestStore returns a fresh SQLite store in t.TempDir(), closed when the test ends.
func newTestStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "tiendo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newPGStore returns a store on a fresh schema of the TIENDO_TEST_POSTGRES
// database, dropped when the test ends; the test is skipped when the
// variable is not set.
func newPGStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), newPGSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() }) // runs before the schema is dropped
	return s
}

// newPGSchema makes a fresh PostgreSQL schema, dropped when the test ends,
// and returns the URL of the test database with that schema first on the
// search path: each Open of it is one more instance on one database.
func newPGSchema(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(pgEnv)
	if admin == "" {
		t.Skip(pgEnv + " not set: PostgreSQL store tests skipped")
	}
	ctx := context.Background()
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "tiendo_test_" + hex.EncodeToString(b)
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		db.Close()
		t.Fatalf("create test schema: %v", err)
	}
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
	return u.String()
}

// forEachDB runs fn on a fresh SQLite store and, when TIENDO_TEST_POSTGRES
// is set, on a fresh PostgreSQL schema.
func forEachDB(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, newTestStore(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, newPGStore(t)) })
}

// must fails the test on err.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantErr fails the test unless errors.Is(err, target).
func wantErr(t testing.TB, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("got error %v, want %v", err, target)
	}
}

func TestOpenSQLiteSettings(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if s.Dialect() != "sqlite" {
		t.Errorf("Dialect = %q", s.Dialect())
	}
	must(t, s.Ping(ctx))
	for _, c := range []struct {
		db     *sql.DB
		pragma string
		want   string
	}{
		{s.w, "journal_mode", "wal"},
		{s.w, "foreign_keys", "1"},
		{s.w, "busy_timeout", "5000"},
		{s.w, "synchronous", "1"}, // NORMAL
		{s.r, "foreign_keys", "1"},
		{s.r, "busy_timeout", "5000"},
		{s.r, "query_only", "1"},
		{s.r, "journal_mode", "wal"},
	} {
		var got string
		must(t, c.db.QueryRowContext(ctx, "PRAGMA "+c.pragma).Scan(&got))
		if got != c.want {
			t.Errorf("PRAGMA %s = %q, want %q", c.pragma, got, c.want)
		}
	}
	if n := s.w.Stats().MaxOpenConnections; n != 1 {
		t.Errorf("write pool MaxOpenConnections = %d, want 1", n)
	}
	if _, err := s.r.ExecContext(ctx, "DELETE FROM plans"); err == nil {
		t.Error("the read pool accepted a write")
	}
}

func TestOpenTwiceMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	ctx := context.Background()
	for range 2 {
		s, err := Open(ctx, "file:"+path)
		must(t, err)
		must(t, s.Ping(ctx))
		must(t, s.Close())
	}
}

func TestOpenRefusesMemory(t *testing.T) {
	if _, err := Open(context.Background(), ":memory:"); err == nil {
		t.Fatal("Open(:memory:) succeeded")
	}
	if _, err := Open(context.Background(), ""); err == nil {
		t.Fatal(`Open("") succeeded`)
	}
}

func TestOpenBoth(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		must(t, s.Ping(context.Background()))
		if d := s.Dialect(); d != "sqlite" && d != "postgres" {
			t.Errorf("Dialect = %q", d)
		}
	})
}

func TestRebind(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"x LIKE ? ESCAPE '\\' AND role = 'co?p' AND y = ?", "x LIKE $1 ESCAPE '\\' AND role = 'co?p' AND y = $2"},
		{`"we?ird" = ?`, `"we?ird" = $1`},
		{"f(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "f($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"},
	} {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTransactRollsBack(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := s.Transact(ctx, func(tx *sql.Tx) error {
			if _, err := s.exec(ctx, tx, `INSERT INTO plans (title, created_at, updated_at) VALUES (?, ?, ?)`,
				"x", tsArg(now()), tsArg(now())); err != nil {
				return err
			}
			return boom
		})
		wantErr(t, err, boom)
		plans, err := s.Plans(ctx)
		must(t, err)
		if len(plans) != 0 {
			t.Fatalf("rolled-back insert is visible: %v", plans)
		}
	})
}

// TestReadStmtCacheBound checks that read queries keep working once the
// prepared-statement cache is full.
func TestReadStmtCacheBound(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	for i := range maxReadStmts + 20 {
		var got int
		must(t, s.queryRow(ctx, s.r, fmt.Sprintf("SELECT ? + %d", i), 1).Scan(&got))
		if got != i+1 {
			t.Fatalf("query %d gave %d", i, got)
		}
	}
	if n := len(s.stmts); n != maxReadStmts {
		t.Errorf("%d statements cached, want %d", n, maxReadStmts)
	}
}
