package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tiendo/internal/agency"
)

// dumpTables reads every table of the SQLite database at path (listed from
// sqlite_master, not by hand) as sorted row texts.
func dumpTables(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var names []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		must(t, rows.Scan(&n))
		names = append(names, n)
	}
	rows.Close()
	out := map[string][]string{}
	for _, n := range names {
		rs, err := db.Query(`SELECT * FROM "` + n + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		list := []string{}
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			must(t, rs.Scan(ptrs...))
			var b strings.Builder
			for _, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%v\x1f", v)
			}
			list = append(list, b.String())
		}
		rs.Close()
		slices.Sort(list)
		out[n] = list
	}
	if len(out) < 20 {
		t.Fatalf("%s has %d tables; expected the whole schema", path, len(out))
	}
	return out
}

func TestBackupQuiescentIsExact(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "tiendo.db")
	s, err := Open(ctx, src)
	must(t, err)
	defer s.Close()
	seedPlan(t, s, seedAgencies(t, s))
	out := filepath.Join(dir, "backup.db")
	must(t, s.Backup(ctx, out, false))
	// The live database is read through a checkpoint-free read-only view;
	// what it holds must equal the backup table by table, row by row.
	want, got := dumpTables(t, src), dumpTables(t, out)
	for name, rows := range want {
		if !slices.Equal(rows, got[name]) {
			t.Errorf("table %s: backup has %d rows, source %d (or they differ)", name, len(got[name]), len(rows))
		}
	}
	if err := s.Backup(ctx, out, false); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second backup to the same file: %v; want a refusal", err)
	}
	must(t, s.Backup(ctx, out, true))
}

// TestBackupUnderLoadRoundTrip backs up while writers keep inserting, then
// restores the copy: the copy is one consistent snapshot (every row it
// holds is in the source unchanged, the audit chain and its head agree, no
// half-written write), and the restored database equals the backup.
func TestBackupUnderLoadRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "tiendo.db")
	s, err := Open(ctx, src)
	must(t, err)
	defer s.Close()
	seedPlan(t, s, seedAgencies(t, s))

	var wrote atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				a := &agency.Agency{Name: fmt.Sprintf("UBND xã Tải %d-%d", g, i), Kind: agency.KindCommune}
				if err := s.CreateAgency(ctx, 0, a); err != nil {
					errs <- err
					return
				}
				wrote.Add(1)
			}
		}()
	}
	for wrote.Load() < 50 {
		time.Sleep(time.Millisecond)
	}
	out := filepath.Join(dir, "backup.db")
	before := wrote.Load()
	must(t, s.Backup(ctx, out, false))
	for n := wrote.Load(); wrote.Load() < n+50; {
		time.Sleep(time.Millisecond)
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	source, backup := dumpTables(t, src), dumpTables(t, out)
	for name, rows := range backup {
		switch name {
		case "audit_head": // the one row writers update; checked by VerifyAudit below
			continue
		case "plans", "counters": // every agency written moves each plan's facts_version and the agencies counter
			if len(rows) != len(source[name]) {
				t.Errorf("backup holds %d plans, the source %d", len(rows), len(source[name]))
			}
			continue
		}
		have := map[string]bool{}
		for _, r := range source[name] {
			have[r] = true
		}
		for _, r := range rows {
			if !have[r] {
				t.Errorf("table %s: backup row not in the source: %q", name, r)
				break
			}
		}
	}
	if n := int64(len(backup["agencies"])); n < before || n >= int64(len(source["agencies"])) {
		t.Errorf("backup holds %d agencies; want a snapshot taken during the load (≥ %d, < %d)", n, before, len(source["agencies"]))
	}

	restored := filepath.Join(dir, "restored.db")
	kept, err := Restore(ctx, out, restored, time.Now())
	must(t, err)
	if kept != "" {
		t.Errorf("restore into a new path kept %q", kept)
	}
	back := dumpTables(t, restored)
	for name, rows := range backup {
		if !slices.Equal(rows, back[name]) {
			t.Errorf("table %s differs after the round trip", name)
		}
	}
	r, err := Open(ctx, restored)
	must(t, err)
	defer r.Close()
	v, err := r.VerifyAudit(ctx)
	must(t, err)
	if v.Broken != nil || v.Entries == 0 {
		t.Fatalf("restored audit chain: %d entries, broken %v", v.Entries, v.Broken)
	}
}

func TestRestoreKeepsCurrentDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := filepath.Join(dir, "a.db")
	s, err := Open(ctx, a)
	must(t, err)
	seedAgencies(t, s)
	backup := filepath.Join(dir, "a-backup.db")
	must(t, s.Backup(ctx, backup, false))
	must(t, s.CreateAgency(ctx, 0, &agency.Agency{Name: "Sở Y tế", Kind: agency.KindDepartment})) // after the backup
	must(t, s.Close())

	kept, err := Restore(ctx, backup, a, time.Date(2026, 12, 4, 1, 2, 3, 0, time.UTC))
	must(t, err)
	if !strings.HasSuffix(kept, ".truoc-khoi-phuc-20261204-010203") {
		t.Fatalf("kept %q", kept)
	}
	count := func(path string) int {
		s, err := Open(ctx, path)
		must(t, err)
		defer s.Close()
		list, err := s.Agencies(ctx)
		must(t, err)
		return len(list)
	}
	if n, m := count(a), count(kept); n != 4 || m != 5 {
		t.Fatalf("restored has %d agencies (want 4), kept has %d (want 5)", n, m)
	}

	// Not a database, a damaged one, and PostgreSQL are refused; nothing moves.
	junk := filepath.Join(dir, "junk.db")
	must(t, os.WriteFile(junk, []byte("không phải cơ sở dữ liệu"), 0o600))
	if _, err := Restore(ctx, junk, a, time.Now()); err == nil {
		t.Error("restored a text file")
	}
	if _, err := Restore(ctx, backup, "postgres:///x", time.Now()); !errors.Is(err, ErrBackupPostgres) {
		t.Errorf("PostgreSQL restore: %v", err)
	}
	if n := count(a); n != 4 {
		t.Errorf("a refused restore changed the database: %d agencies", n)
	}
}

func TestBackupPostgresRefused(t *testing.T) {
	s := newPGStore(t)
	if err := s.Backup(context.Background(), filepath.Join(t.TempDir(), "x.db"), false); !errors.Is(err, ErrBackupPostgres) {
		t.Fatalf("Backup on PostgreSQL: %v", err)
	}
}
