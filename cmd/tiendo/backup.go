package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"tiendo/internal/store"
)

// isPostgres reports whether a --db value names a PostgreSQL database.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// pgBackupHelp tells how to back up and restore PostgreSQL with its tools.
func pgBackupHelp(db string) error {
	return fmt.Errorf("với PostgreSQL, hãy sao lưu bằng pg_dump và khôi phục bằng pg_restore:\n"+
		"  pg_dump --format=custom --file=tiendo-$(date +%%Y%%m%%d-%%H%%M%%S).dump '%s'\n"+
		"  pg_restore --clean --if-exists --no-owner --dbname='%s' FILE.dump\n"+
		"(xem docs/SECURITY.md, mục Sao lưu)", db, db)
}

// cmdBackup writes an online, checked copy of the SQLite database; it may
// run while the server is serving.
func cmdBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("backup", stderr)
	db := dbFlag(fs)
	out := fs.String("out", "", "the backup file to write")
	force := fs.Bool("force", false, "overwrite --out if it exists")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	if *out == "" {
		return errors.New("--out is required: the backup file to write")
	}
	if isPostgres(*db) {
		return pgBackupHelp(*db)
	}
	if _, err := os.Stat(*db); err != nil {
		return fmt.Errorf("no database at %s: %w", *db, err)
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(ctx, *out, *force); err != nil {
		return err
	}
	v, err := s.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	info, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "đã sao lưu %s → %s (%d byte); nhật ký kiểm toán: %d bản ghi, đầu chuỗi %s\n",
		*db, *out, info.Size(), v.Entries, v.Head)
	return nil
}

// cmdRestore replaces the SQLite database with a backup, keeping the
// current one beside it. The server must be stopped first.
func cmdRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("restore", stderr)
	db := dbFlag(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil || len(pos) != 1 {
		return errUsage
	}
	if isPostgres(*db) {
		return pgBackupHelp(*db)
	}
	kept, err := store.Restore(ctx, pos[0], *db, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "đã khôi phục %s từ %s\n", *db, pos[0])
	if kept != "" {
		fmt.Fprintf(stdout, "cơ sở dữ liệu cũ được giữ lại tại %s\n", kept)
	}
	return nil
}

// backupConfig is serve's scheduled-backup settings.
type backupConfig struct {
	dir   *string
	every *time.Duration
	keep  *int
}

// backupFlags registers serve's --backup-dir, --backup-every and --backup-keep.
func backupFlags(fs interface {
	String(name, value, usage string) *string
	Duration(name string, value time.Duration, usage string) *time.Duration
	Int(name string, value int, usage string) *int
}) backupConfig {
	every, err := time.ParseDuration(envOr("TIENDO_BACKUP_EVERY", "24h"))
	if err != nil {
		every = 24 * time.Hour
	}
	keep := 14
	fmt.Sscan(envOr("TIENDO_BACKUP_KEEP", "14"), &keep)
	return backupConfig{
		dir:   fs.String("backup-dir", envOr("TIENDO_BACKUP_DIR", ""), "write a backup of the SQLite database into this directory on a schedule (env TIENDO_BACKUP_DIR)"),
		every: fs.Duration("backup-every", every, "time between scheduled backups (env TIENDO_BACKUP_EVERY)"),
		keep:  fs.Int("backup-keep", keep, "how many scheduled backups to keep (env TIENDO_BACKUP_KEEP)"),
	}
}

// check validates the settings against the database.
func (c backupConfig) check(db string) error {
	if *c.dir == "" {
		return nil
	}
	switch {
	case isPostgres(db):
		return errors.New("--backup-dir is for SQLite; for PostgreSQL schedule pg_dump (see docs/SECURITY.md)")
	case *c.every < time.Minute:
		return fmt.Errorf("--backup-every %s: at least 1m", *c.every)
	case *c.keep < 1:
		return fmt.Errorf("--backup-keep %d: keep at least 1", *c.keep)
	}
	return nil
}
