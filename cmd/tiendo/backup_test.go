package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupRestoreCommands(t *testing.T) {
	db := tempDB(t)
	add := func(name string) {
		t.Helper()
		if r := runCmd(t, "mat-khau-rat-dai-2026\n", "user", "add", "--db", db, "--username", name, "--role", "leader", "--password-stdin"); r.err != nil {
			t.Fatal(r.err)
		}
	}
	add("lan")
	out := filepath.Join(t.TempDir(), "sao-luu.db")
	r := runCmd(t, "", "backup", "--db", db, "--out", out)
	if r.err != nil || !strings.Contains(r.stdout, "đã sao lưu") || !strings.Contains(r.stdout, "đầu chuỗi") {
		t.Fatalf("backup: %v %q", r.err, r.stdout)
	}
	if r := runCmd(t, "", "backup", "--db", db, "--out", out); r.err == nil || !strings.Contains(r.err.Error(), "already exists") {
		t.Errorf("backup over an existing file: %v", r.err)
	}
	add("minh") // after the backup

	r = runCmd(t, "", "restore", out, "--db", db)
	if r.err != nil || !strings.Contains(r.stdout, "cơ sở dữ liệu cũ được giữ lại tại ") {
		t.Fatalf("restore: %v %q", r.err, r.stdout)
	}
	// The restored database has lan but not minh: adding minh again works.
	add("minh")
	if r := runCmd(t, "mat-khau-rat-dai-2026\n", "user", "add", "--db", db, "--username", "lan", "--role", "leader", "--password-stdin"); r.err == nil {
		t.Error("lan missing after restore")
	}
	kept, _ := filepath.Glob(db + ".truoc-khoi-phuc-*")
	if len(kept) != 1 {
		t.Errorf("kept copies: %v", kept)
	}

	junk := filepath.Join(t.TempDir(), "x.db")
	os.WriteFile(junk, []byte("not sqlite"), 0o600)
	if r := runCmd(t, "", "restore", junk, "--db", db); r.err == nil {
		t.Error("restored a file that is not a database")
	}
	for _, args := range [][]string{
		{"backup", "--db", "postgres:///tiendo?host=/x", "--out", out},
		{"restore", out, "--db", "postgres:///tiendo?host=/x"},
		{"serve", "--db", "postgres:///tiendo?host=/x", "--backup-dir", t.TempDir()},
	} {
		if r := runCmd(t, "", args...); r.err == nil || !strings.Contains(r.err.Error(), "pg_dump") {
			t.Errorf("%v: %v; want the pg_dump advice", args, r.err)
		}
	}
	if r := runCmd(t, "", "backup", "--db", db); r.err == nil || !strings.Contains(r.err.Error(), "--out") {
		t.Errorf("backup without --out: %v", r.err)
	}
}
