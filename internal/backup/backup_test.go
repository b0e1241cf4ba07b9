package backup

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"tiendo/internal/store"
)

func TestScheduleKeepsNewest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := store.Open(ctx, filepath.Join(dir, "tiendo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := filepath.Join(dir, "backups")
	if err := os.MkdirAll(out, 0o750); err != nil {
		t.Fatal(err)
	}
	// Files that are not this job's own stay whatever their age.
	for _, n := range []string{"tiendo-manual.db", "notes.txt", "tiendo-20000101-000000.db.bak"} {
		if err := os.WriteFile(filepath.Join(out, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	b := &Schedule{Store: s, Dir: out, Keep: 3, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	start := time.Date(2026, 12, 1, 17, 0, 0, 0, time.UTC)
	for i := range 5 {
		if err := b.Run(ctx, start.Add(time.Duration(i)*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"notes.txt", "tiendo-20000101-000000.db.bak", "tiendo-20261203-170000.db", "tiendo-20261204-170000.db", "tiendo-20261205-170000.db", "tiendo-manual.db"}
	if !slices.Equal(names, want) {
		t.Fatalf("backup dir = %v\nwant %v", names, want)
	}
	if _, err := store.CheckBackup(ctx, filepath.Join(out, "tiendo-20261205-170000.db")); err != nil {
		t.Fatal(err)
	}
}
