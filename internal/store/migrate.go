package store

import (
	"context"
	"database/sql"
	"embed"
	"io/fs"
	"strconv"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrations holds the schema, one folder per dialect: the SQL differs in
// types only, and each folder is read and reviewed on its own.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// migrate brings db's schema to the newest version with goose's Provider
// (no goose global state). On PostgreSQL a session advisory lock makes
// instances that start together migrate one at a time; on SQLite the single
// write connection and IMMEDIATE transactions serialise them.
func migrate(ctx context.Context, db *sql.DB, dialect string) error {
	dir, gd := "migrations/sqlite", goose.DialectSQLite3
	var opts []goose.ProviderOption
	if dialect == dialectPostgres {
		dir, gd = "migrations/postgres", goose.DialectPostgres
		// Probe every second for up to two minutes (the default probes
		// every five seconds, slow for tests and rolling restarts).
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 120))
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	fsys, err := fs.Sub(migrations, dir)
	if err != nil {
		return err
	}
	opts = append(opts, goose.WithDisableGlobalRegistry(true))
	p, err := goose.NewProvider(gd, db, fsys, opts...)
	if err != nil {
		return err
	}
	applied, err := p.Up(ctx)
	if err != nil {
		return err
	}
	// A migration applied to a database that was already in use may have
	// moved its rows: the planner's statistics are analyzed again
	// (analyze.go). A new database (migrated from the first version) is
	// empty and needs none.
	if dialect == dialectPostgres && len(applied) > 0 && applied[0].Source.Version > 1 {
		return analyzePostgres(ctx, db, nil)
	}
	return nil
}

// latestMigration is the newest schema version this program carries for
// dialect: the number that starts the last migration file's name.
func latestMigration(dialect string) (int64, error) {
	entries, err := fs.ReadDir(migrations, "migrations/"+dialect)
	if err != nil {
		return 0, err
	}
	var latest int64
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		if !ok {
			continue
		}
		if v, err := strconv.ParseInt(num, 10, 64); err == nil && v > latest {
			latest = v
		}
	}
	return latest, nil
}
