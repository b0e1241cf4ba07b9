package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"tiendo/internal/auth"
)

// TestGen generates a small national dataset from the command line: the
// progress lines (one per province when not on a terminal), the summary,
// the one password, which signs in; and a second run into the same file
// is refused.
func TestGen(t *testing.T) {
	db := tempDB(t)
	r := runCmd(t, "", "gen", "--db", db, "--provinces", "3", "--agencies", "90", "--tasks", "240", "--quarters", "4", "--today", "2026-12-04")
	if r.err != nil {
		t.Fatalf("gen: %v\n%s", r.err, r.stderr)
	}
	if lines := strings.Count(r.stderr, " tỉnh "); lines != 3 || !strings.Contains(r.stderr, "3/3 tỉnh") {
		t.Errorf("progress: %d lines, want 3 ending at 3/3:\n%s", lines, r.stderr)
	}
	for _, want := range []string{"3 kế hoạch", "90 cơ quan", "240 nhiệm vụ", "dieuphoi.hn", "Chương trình quốc gia: 140 nhiệm vụ"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	pw := regexp.MustCompile(`mật khẩu: (\S+)`).FindStringSubmatch(r.stdout)
	if pw == nil {
		t.Fatalf("no password in the output:\n%s", r.stdout)
	}
	s := openStore(t, db)
	_, hash, err := s.UserByName(context.Background(), "ld.hue.001")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := auth.VerifyPassword(pw[1], hash); !ok || err != nil {
		t.Errorf("the printed password does not open ld.hue.001 (%v)", err)
	}
	s.Close()

	r = runCmd(t, "", "gen", "--db", db, "--provinces", "1", "--agencies", "30", "--tasks", "10")
	if r.err == nil || !strings.Contains(r.err.Error(), "new database") {
		t.Errorf("second gen into %s: %v", db, r.err)
	}
	r = runCmd(t, "", "gen", "--db", tempDB(t), "--provinces", "35")
	if r.err == nil || !strings.Contains(r.err.Error(), "--provinces") {
		t.Errorf("35 provinces: %v", r.err)
	}
}
