package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/audit"
)

// auditFixture writes a plan (many rows through auditMany) and agencies
// (one row each through audit) and returns the chain's length.
func auditFixture(t *testing.T, s *Store) int64 {
	t.Helper()
	seedPlan(t, s, seedAgencies(t, s))
	v, err := s.VerifyAudit(context.Background())
	must(t, err)
	if v.Broken != nil {
		t.Fatalf("fresh chain broken: %v", v.Broken)
	}
	if v.Entries < 5 || len(v.Head) != 64 {
		t.Fatalf("chain = %d entries, head %q; want several entries and a SHA-256 head", v.Entries, v.Head)
	}
	var rows int64
	must(t, s.r.QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&rows))
	if rows != v.Entries {
		t.Fatalf("verified %d entries of %d rows", v.Entries, rows)
	}
	return v.Entries
}

// dropAuditGuards removes the append-only triggers, as an attacker with
// write access to the database would before tampering.
func dropAuditGuards(t *testing.T, s *Store) {
	t.Helper()
	stmts := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	if s.dialect == dialectPostgres {
		stmts = []string{`DROP TRIGGER audit_log_no_update ON audit_log`, `DROP TRIGGER audit_log_no_delete ON audit_log`}
	}
	for _, q := range stmts {
		if _, err := s.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func wantBreak(t *testing.T, s *Store, seq int64, reason string) {
	t.Helper()
	v, err := s.VerifyAudit(context.Background())
	must(t, err)
	if v.Broken == nil {
		t.Fatalf("tampered chain verified (%d entries)", v.Entries)
	}
	if v.Broken.Seq != seq || !strings.Contains(v.Broken.Reason(), reason) {
		t.Fatalf("broken link = %v; want seq %d with %q", v.Broken, seq, reason)
	}
}

func TestAuditChainDetectsAlteredRow(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		n := auditFixture(t, s)
		dropAuditGuards(t, s)
		k := n / 2
		if _, err := s.w.Exec(s.bind(`UPDATE audit_log SET detail = '{"forged":true}' WHERE seq = ?`), k); err != nil {
			t.Fatal(err)
		}
		wantBreak(t, s, k, "mã băm không khớp")
	})
}

func TestAuditChainDetectsDeletedRow(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		n := auditFixture(t, s)
		dropAuditGuards(t, s)
		k := n / 2
		if _, err := s.w.Exec(s.bind(`DELETE FROM audit_log WHERE seq = ?`), k); err != nil {
			t.Fatal(err)
		}
		wantBreak(t, s, k, "đã bị xóa")
	})
}

func TestAuditChainDetectsCutTail(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		n := auditFixture(t, s)
		dropAuditGuards(t, s)
		if _, err := s.w.Exec(s.bind(`DELETE FROM audit_log WHERE seq > ?`), n-2); err != nil {
			t.Fatal(err)
		}
		wantBreak(t, s, n-1, "đầu chuỗi")
	})
}

func TestAuditChainDetectsInsertedRow(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		n := auditFixture(t, s)
		// An INSERT behind the store's back: no seq, no hash.
		if _, err := s.w.Exec(`INSERT INTO audit_log (at, action, object, detail) VALUES ('2026-01-01T00:00:00Z', 'x', 'y', '{}')`); err != nil {
			t.Fatal(err)
		}
		wantBreak(t, s, n+1, "ngoài chuỗi")
	})
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		auditFixture(t, s)
		for _, q := range []string{`UPDATE audit_log SET detail = '{}' WHERE seq = 1`, `DELETE FROM audit_log WHERE seq = 1`} {
			_, err := s.w.Exec(q)
			if err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: err = %v; want the append-only refusal", q, err)
			}
		}
		if s.dialect == dialectPostgres {
			if _, err := s.w.Exec(`TRUNCATE audit_log`); err == nil {
				t.Error("TRUNCATE audit_log succeeded")
			}
		}
	})
}

// TestAuditChainBackfill: rows from before the chain (hash NULL) are
// chained once at Open; afterwards an unchained row is reported, not adopted.
func TestAuditChainBackfill(t *testing.T) {
	path := t.TempDir() + "/old.db"
	ctx := context.Background()
	s, err := Open(ctx, path)
	must(t, err)
	// Make the database look as it did before migration 7.
	for _, q := range []string{
		`INSERT INTO audit_log (at, user_id, action, object, object_id, detail) VALUES ('2025-10-01T08:00:00.5Z', NULL, 'plan.create', 'plan', 1, '{"a":1}')`,
		`INSERT INTO audit_log (at, user_id, action, object, object_id, detail) VALUES ('2025-10-02T09:00:00Z', NULL, 'task.update', 'task', 2, '{}')`,
	} {
		if _, err := s.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	s, err = Open(ctx, path)
	must(t, err)
	defer s.Close()
	v, err := s.VerifyAudit(ctx)
	must(t, err)
	if v.Broken != nil || v.Entries != 2 {
		t.Fatalf("after backfill: %d entries, broken %v; want 2 chained", v.Entries, v.Broken)
	}
	// The chain continues from the backfilled rows.
	must(t, s.CreateAgency(ctx, 0, &agency.Agency{Name: "Sở Nội vụ", Kind: agency.KindDepartment}))
	if v, _ = s.VerifyAudit(ctx); v.Broken != nil || v.Entries != 3 {
		t.Fatalf("after a write: %d entries, broken %v", v.Entries, v.Broken)
	}
	if _, err := s.w.Exec(`INSERT INTO audit_log (at, action, object, detail) VALUES ('2026-01-01T00:00:00Z', 'x', 'y', '{}')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	must(t, err)
	if v, _ = s.VerifyAudit(ctx); v.Broken == nil {
		t.Fatal("a row inserted after the chain started was adopted at Open")
	}
}

// TestAuditChainConcurrentWriters: many writers on PostgreSQL's pool still
// give one chain without forks.
func TestAuditChainConcurrentWriters(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 15 {
					a := &agency.Agency{Name: fmt.Sprintf("Cơ quan %d-%d", g, i), Kind: agency.KindDepartment}
					if err := s.CreateAgency(ctx, 0, a); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		v, err := s.VerifyAudit(ctx)
		must(t, err)
		if v.Broken != nil || v.Entries != 120 {
			t.Fatalf("%d entries, broken %v; want 120 chained", v.Entries, v.Broken)
		}
	})
}

// TestAuditAppendMatchesHash: the rows a transaction appends carry, row by
// row, the hash audit.Hash gives — on PostgreSQL computed in the server by
// audit_append (migration 00032), on SQLite in Go — for fields that test
// the encoding: Vietnamese text (multi-byte UTF-8), empty strings, no user
// and no object (hashed as ""), several rows chained in one transaction.
func TestAuditAppendMatchesHash(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		users := seedUsers(t, s, 2)
		var seeded int64 // the rows seeding wrote, before ours
		must(t, s.r.QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&seeded))
		rows := []auditRow{
			{"plan.create", "plan", 7, map[string]any{"title": "Kế hoạch số 60/KH-UBND — đổi mới, sáng tạo"}},
			{"system.job", "", 0, nil},
			{"x", "y", 123456789012, "ắ\u0301 \"quoted\" \\ \n tab\t"},
		}
		must(t, s.Transact(ctx, func(tx *sql.Tx) error {
			if err := s.auditMany(ctx, tx, 0, rows[:2]); err != nil {
				return err
			}
			return s.auditMany(ctx, tx, users[0], rows[2:])
		}))
		must(t, s.Transact(ctx, func(tx *sql.Tx) error { return s.audit(ctx, tx, users[1], "one", "more", 1, nil) }))
		q, err := s.r.Query(`SELECT seq, at, user_id, action, object, object_id, detail, hash FROM audit_log ORDER BY seq`)
		must(t, err)
		defer q.Close()
		prev, n := "", 0
		for q.Next() {
			var l audit.Link
			var hash string
			must(t, q.Scan(&l.Seq, timeCol{&l.At}, idCol{&l.UserID}, &l.Action, &l.Object, idCol{&l.ObjectID}, &l.Detail, &hash))
			if want := audit.Hash(prev, l); hash != want {
				t.Fatalf("row seq %d (%+v): hash %s, audit.Hash gives %s", l.Seq, l, hash, want)
			}
			prev, n = hash, n+1
		}
		must(t, q.Err())
		if n != int(seeded)+4 {
			t.Fatalf("%d rows; want %d", n, seeded+4)
		}
		var head string
		must(t, s.r.QueryRow(`SELECT hash FROM audit_head WHERE id = 1`).Scan(&head))
		if head != prev {
			t.Fatalf("head %s; want the last row's hash %s", head, prev)
		}
	})
}

// TestAuditFieldInlined: on PostgreSQL, audit_field is inlined into the
// expressions that call it (migration 00035): its call does not appear in
// the plan of a query passing it a parameter, as audit_append's loop does.
// Declared IMMUTABLE over a STABLE body, it was called through the
// SQL-function executor seven times a row, with the chain's head held.
func TestAuditFieldInlined(t *testing.T) {
	s := newPGStore(t)
	tx, err := s.w.Begin()
	must(t, err)
	defer tx.Rollback()
	_, err = tx.Exec(`PREPARE field_of(text) AS SELECT audit_field($1)`)
	must(t, err)
	_, err = tx.Exec(`SET LOCAL plan_cache_mode = force_generic_plan`)
	must(t, err)
	var plan strings.Builder
	rows, err := tx.Query(`EXPLAIN (VERBOSE) EXECUTE field_of('Sở KH&CN')`)
	must(t, err)
	defer rows.Close()
	for rows.Next() {
		var line string
		must(t, rows.Scan(&line))
		plan.WriteString(line + "\n")
	}
	must(t, rows.Err())
	if p := plan.String(); strings.Contains(p, "audit_field") || !strings.Contains(p, "convert_to") {
		t.Errorf("audit_field is not inlined:\n%s", p)
	}
}
