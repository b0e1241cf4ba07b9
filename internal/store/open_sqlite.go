package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"runtime"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver (pure Go, no cgo)
)

// openSQLite opens path (a file name or a file: URI) as two pools:
//
//   - a write pool of exactly one connection, so that writers queue in Go's
//     pool rather than contend for SQLite's lock (no "database is locked"
//     under load); its transactions begin IMMEDIATE so that a transaction
//     that reads before it writes cannot fail on the lock upgrade;
//   - a read pool of 2×GOMAXPROCS+2 query_only connections, which WAL lets
//     read a consistent snapshot while the writer writes.
//
// Every connection gets busy_timeout 5 s (another process — a CLI command
// beside the server — may hold the lock briefly), foreign_keys on (SQLite's
// default is off) and synchronous NORMAL (durable across application crashes
// in WAL mode; the last commits may be lost on power loss, which the backup
// regime covers). Migrations run on the write pool before the read pool
// opens. An in-memory database cannot be shared by two pools and is refused.
func openSQLite(ctx context.Context, path string) (*Store, error) {
	if path == ":memory:" || strings.Contains(path, "mode=memory") {
		return nil, fmt.Errorf("SQLite in memory is not supported: the read and write pools would see different databases")
	}
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := migrate(ctx, w, dialectSQLite); err != nil {
		w.Close()
		return nil, err
	}

	r, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		w.Close()
		return nil, err
	}
	n := 2*runtime.GOMAXPROCS(0) + 2
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	r.SetConnMaxLifetime(0)
	r.SetConnMaxIdleTime(0)
	if err := r.PingContext(ctx); err != nil {
		w.Close()
		r.Close()
		return nil, err
	}
	return &Store{dialect: dialectSQLite, w: w, r: r, wturn: make(chan struct{}, 1)}, nil
}

// sqliteDSN adds the connection settings to path as modernc.org/sqlite
// query parameters. The driver applies them in a fixed order on every new
// connection (busy_timeout first, query_only last).
func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_busy_timeout", "5000")
	q.Set("_foreign_keys", "1")
	q.Set("_synchronous", "NORMAL")
	// A page cache of 4 MiB per connection (the default is 2): every read
	// connection has its own, so 16 MiB each held 110 MiB on a national
	// dataset for no measurable gain (docs/PERFORMANCE.md, issue 6).
	q.Add("_pragma", "cache_size(-4000)")
	q.Add("_pragma", "temp_store(MEMORY)")
	if readOnly {
		q.Set("_query_only", "1")
	} else {
		q.Set("_journal_mode", "WAL")
		q.Set("_txlock", "immediate")
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + q.Encode()
}
