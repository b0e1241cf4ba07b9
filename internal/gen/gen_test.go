package gen_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tiendo/internal/gen"
	"tiendo/internal/store"

	_ "modernc.org/sqlite"
)

var today = time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)

func config(seed uint64) gen.Config {
	return gen.Config{Provinces: 2, Agencies: 60, Tasks: 300, Quarters: 8, Seed: seed, Today: today,
		Password: "Mật-khẩu-thử-nghiệm-42"}
}

// generate runs gen into a new SQLite file and returns its path and result.
func generate(t *testing.T, c gen.Config) (string, *gen.Result) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "gen.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := gen.Run(context.Background(), st, c)
	if err != nil {
		t.Fatal(err)
	}
	return path, res
}

// content is a digest of what was generated — every name, task, deadline,
// claim, report state and time, entry and value — leaving out only the
// columns stamped with the wall clock when written (created_at, updated_at
// of rows the store's normal paths write) and password hashes (salted).
var content = []string{
	`SELECT id, name, short_name, kind, parent_id FROM agencies ORDER BY id`,
	`SELECT id, username, full_name, role, agency_id FROM users ORDER BY id`,
	`SELECT id, code, issued_on, issuer, title, status, task_count FROM plans ORDER BY id`,
	`SELECT id, plan_id, label, title, body FROM sections ORDER BY id`,
	`SELECT id, plan_id, section_id, title, text, product, lead_agency_id, deadline_kind, deadline_text, due_date,
		deadline_start, claim_status, claim_reason, progress, completed_on, reported_at, claim_period_start FROM tasks ORDER BY id`,
	`SELECT task_id, agency_id, role FROM task_agencies ORDER BY task_id, role, agency_id`,
	`SELECT id, plan_id, code, name, aggregation, baseline, agency_id FROM indicators ORDER BY id`,
	`SELECT indicator_id, year, value FROM indicator_targets ORDER BY indicator_id, year`,
	`SELECT id, plan_id, label, start_date, due_date FROM periods ORDER BY id`,
	`SELECT id, period_id, agency_id, state, on_time, submitted_at, accepted_at, returned_at, summary, return_reason,
		created_at, updated_at FROM reports ORDER BY id`,
	`SELECT report_id, task_id, status, percent, result, completed_on, reason FROM report_entries ORDER BY id`,
	`SELECT report_id, indicator_id, value FROM report_indicator_values ORDER BY id`,
}

func digest(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h := sha256.New()
	for _, q := range content {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(h, vals...)
		}
		rows.Close()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestDeterministic: the same seed and day give the same data, row for
// row; another seed gives other data.
func TestDeterministic(t *testing.T) {
	a, _ := generate(t, config(1))
	b, _ := generate(t, config(1))
	c, _ := generate(t, config(2))
	if digest(t, a) != digest(t, b) {
		t.Error("two runs with seed 1 differ")
	}
	if digest(t, a) == digest(t, c) {
		t.Error("seeds 1 and 2 gave the same data")
	}
}

// TestRealistic checks the shape of what is generated: the counts asked
// for, Vietnamese names, every deadline form, reports in every state,
// late and missing ones, and task claims equal to the latest accepted
// entry of each task.
func TestRealistic(t *testing.T) {
	path, res := generate(t, config(1))
	if res.Plans != 2 || res.Agencies != 60 || res.Tasks != 300 || res.Indicators != 16 || res.Users != 1+2*2+2*58 {
		t.Errorf("result %+v: want 2 plans, 60 agencies, 300 tasks, 16 indicators, 121 users", res)
	}
	if res.Entries < 300*4 {
		t.Errorf("%d report entries for 300 tasks over 8 quarters: too few", res.Entries)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	one := func(q string) int {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	for _, q := range []string{
		`SELECT COUNT(*) FROM agencies WHERE name LIKE 'Sở Khoa học và Công nghệ %'`,
		`SELECT COUNT(*) FROM agencies WHERE name LIKE 'Ủy ban nhân dân xã %' OR name LIKE 'Ủy ban nhân dân phường %'`,
	} {
		if one(q) == 0 {
			t.Errorf("none: %s", q)
		}
	}
	for _, kind := range []string{"date", "month", "quarter", "half", "year", "range", "recurring", "continuous"} {
		if one(`SELECT COUNT(*) FROM tasks WHERE deadline_kind = '`+kind+`'`) == 0 {
			t.Errorf("no task with a %s deadline", kind)
		}
	}
	for _, state := range []string{"not_started", "draft", "submitted", "returned", "accepted"} {
		if one(`SELECT COUNT(*) FROM reports WHERE state = '`+state+`'`) == 0 {
			t.Errorf("no %s report", state)
		}
	}
	if one(`SELECT COUNT(*) FROM reports WHERE submitted_at IS NOT NULL AND on_time = 0`) == 0 {
		t.Error("no late report")
	}
	for _, claim := range []string{"not_started", "in_progress", "completed", "paused", "cancelled"} {
		if one(`SELECT COUNT(*) FROM tasks WHERE claim_status = '`+claim+`'`) == 0 {
			t.Errorf("no task claimed %s", claim)
		}
	}
	// A task's claim is the entry of its latest accepted report (by period start) that has a status.
	bad := one(`SELECT COUNT(*) FROM tasks t WHERE t.claim_status <> COALESCE((
		SELECT e.status FROM report_entries e JOIN reports r ON r.id = e.report_id JOIN periods p ON p.id = r.period_id
		WHERE e.task_id = t.id AND r.state = 'accepted' AND e.status <> '' ORDER BY p.start_date DESC LIMIT 1), '')`)
	if bad != 0 {
		t.Errorf("%d tasks whose claim is not their latest accepted entry", bad)
	}
	if n := one(`SELECT COUNT(*) FROM reports WHERE submitted_at > '2026-12-04' OR accepted_at > '2026-12-04' OR updated_at > '2026-12-04'`); n != 0 {
		t.Errorf("%d reports stamped after today", n)
	}
}

// TestCheck: a config out of range says what to change.
func TestCheck(t *testing.T) {
	c := config(1)
	c.Provinces, c.Quarters, c.Password = 40, 0, "ngắn"
	err := c.Check()
	if err == nil {
		t.Fatal("accepted 40 provinces, 0 quarters and a short password")
	}
	for _, want := range []string{"--provinces must be 1–34", "--quarters must be 1–40", "password"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	c = config(1)
	c.Agencies = 20
	if err := c.Check(); err == nil || !strings.Contains(err.Error(), "--agencies") {
		t.Errorf("20 agencies for 2 provinces: %v", err)
	}
}

// TestRefusesUsedDatabase: gen never mixes generated data into a register.
func TestRefusesUsedDatabase(t *testing.T) {
	path, _ := generate(t, config(1))
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := gen.Run(context.Background(), st, config(1)); err == nil || !strings.Contains(err.Error(), "new database") {
		t.Errorf("second run: %v", err)
	}
}
