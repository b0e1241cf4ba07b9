// Package backup takes the scheduled backups of a SQLite database: one file
// per run in a directory, named by the time it was taken, keeping the
// newest few. The copy itself is store.Backup's (online, checked, atomic).
package backup

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"tiendo/internal/store"
)

// nameLayout names a backup file by its time (UTC), so that names sort in
// time order and two instances never pick the same name by chance.
const nameLayout = "tiendo-20060102-150405.db"

// ownName matches the files this package writes; retention deletes nothing else.
var ownName = regexp.MustCompile(`^tiendo-\d{8}-\d{6}\.db$`)

// Schedule is the backup job: Run is a jobs.Func.
type Schedule struct {
	Store *store.Store
	Dir   string // where backups go; created if absent
	Keep  int    // how many backups to keep (at least 1)
	Log   *slog.Logger
}

// Run takes one backup into Dir and then deletes the oldest of its own
// files beyond Keep. A failed backup deletes nothing.
func (b *Schedule) Run(ctx context.Context, now time.Time) error {
	if err := os.MkdirAll(b.Dir, 0o750); err != nil {
		return err
	}
	path := filepath.Join(b.Dir, now.UTC().Format(nameLayout))
	if err := b.Store.Backup(ctx, path, false); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	v, err := b.Store.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("backup: verify audit: %w", err)
	}
	info, _ := os.Stat(path)
	var size int64
	if info != nil {
		size = info.Size()
	}
	// The audit head goes to the log, outside the database, where a later
	// rewrite of the whole chain cannot reach it.
	b.Log.Info("backup written", "path", path, "bytes", size, "audit_entries", v.Entries, "audit_head", v.Head, "audit_intact", v.Broken == nil)
	removed, err := b.prune()
	for _, r := range removed {
		b.Log.Info("old backup removed", "path", r)
	}
	return err
}

// prune deletes the oldest backups beyond Keep and returns their paths.
func (b *Schedule) prune() (removed []string, err error) {
	entries, err := os.ReadDir(b.Dir)
	if err != nil {
		return nil, err
	}
	var own []string
	for _, e := range entries {
		if e.Type().IsRegular() && ownName.MatchString(e.Name()) {
			own = append(own, e.Name())
		}
	}
	slices.Sort(own)
	keep := max(b.Keep, 1)
	for len(own) > keep {
		p := filepath.Join(b.Dir, own[0])
		if err := os.Remove(p); err != nil {
			return removed, err
		}
		removed = append(removed, p)
		own = own[1:]
	}
	return removed, nil
}
