package store

import (
	"context"
	"database/sql"
	"net/url"
	"strings"
	"testing"
)

// TestAuditedCommitFlushed: on PostgreSQL an audited transaction commits
// asynchronously (its audit head is released without waiting for the
// disk), so Transact must flush the WAL before it returns: right after it,
// the WAL is on disk past everything the transaction wrote before its
// audit rows. Without flushWAL the commit would still wait for the WAL
// writer (up to wal_writer_delay, 200 ms), and this fails on the first
// rounds. The rounds append one row (commitInBand) and more rows than
// inBandRows (appendAudit, COMMIT, flushWAL) in turn.
func TestAuditedCommitFlushed(t *testing.T) {
	s := newPGStore(t)
	if !s.asyncAudit {
		t.Fatal("the test server refuses pg_logical_emit_message: audited writes commit synchronously")
	}
	ctx := context.Background()
	for i := range 30 {
		var written string
		rows := 1
		if i%2 == 1 {
			rows = inBandRows + 1
		}
		must(t, s.Transact(ctx, func(tx *sql.Tx) error {
			for range rows {
				if err := s.audit(ctx, tx, 0, "test.flush", "test", int64(i), nil); err != nil {
					return err
				}
			}
			return tx.QueryRowContext(ctx, `SELECT pg_current_wal_insert_lsn()::text`).Scan(&written)
		}))
		var flushed bool
		must(t, s.r.QueryRowContext(ctx, `SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn`, written).Scan(&flushed))
		if !flushed {
			t.Fatalf("round %d: Transact returned before the WAL past %s was flushed", i, written)
		}
		var sync string
		must(t, s.r.QueryRowContext(ctx, `SHOW synchronous_commit`).Scan(&sync))
		if sync != "on" {
			t.Fatalf("round %d: a pooled connection was left with synchronous_commit %s", i, sync)
		}
	}
	chainHolds(t, s)
}

// TestCommitInBandTexts: commitInBand sends its audit rows as literals in
// the SQL text (the simple protocol), so texts that mean something to SQL
// — quotes, backslashes, placeholders, comments, semicolons — must arrive
// as written, and the chain must still verify.
func TestCommitInBandTexts(t *testing.T) {
	s := newPGStore(t)
	ctx := context.Background()
	texts := []string{
		`it's`, `'); DROP TABLE plans; --`, `C:\thư mục\báo cáo`, `$1 $2 ?`, "dòng một\ndòng hai",
		`/* chú thích */ -- cuối dòng`, `E'\x41'`, `"{a,b}"`, `{1,2}`, "Nhiệm vụ số 5; Điều 3",
	}
	for i, text := range texts {
		must(t, s.Transact(ctx, func(tx *sql.Tx) error {
			return s.audit(ctx, tx, 0, "test."+text, "test", int64(i+1), map[string]string{"text": text})
		}))
		got, err := s.AuditFor(ctx, "test", int64(i+1))
		must(t, err)
		if len(got) != 1 || got[0].Action != "test."+text {
			t.Fatalf("%q: audit rows %+v", text, got)
		}
		if detail := auditText(t, s, int64(i+1)); detail != text {
			t.Errorf("detail %q, want %q", detail, text)
		}
	}
	chainHolds(t, s)
}

// TestCommitInBandFails: when the append fails in commitInBand's message
// (here a trigger refuses the row), nothing of the transaction is kept,
// Transact says so, and the pooled connection is left clean: the next
// writes commit, and the chain verifies.
func TestCommitInBandFails(t *testing.T) {
	s := newPGStore(t)
	ctx := context.Background()
	f := newRepFix(t, s)
	_, err := s.w.ExecContext(ctx, `CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.action = 'test.refused' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
		CREATE TRIGGER test_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse()`)
	must(t, err)
	bump := func(action string) error {
		return s.Transact(ctx, func(tx *sql.Tx) error {
			if _, err := s.exec(ctx, tx, `UPDATE plans SET title = title || '.' WHERE id = ?`, f.d.Plan.ID); err != nil {
				return err
			}
			return s.audit(ctx, tx, 0, action, "plan", f.d.Plan.ID, nil)
		})
	}
	title := func() string {
		var v string
		must(t, s.r.QueryRowContext(ctx, `SELECT title FROM plans WHERE id = $1`, f.d.Plan.ID).Scan(&v))
		return v
	}
	before := title()
	if err := bump("test.refused"); err == nil || !strings.Contains(err.Error(), "refused by the test") {
		t.Fatalf("a refused append: err %v, want the trigger's", err)
	}
	if got := title(); got != before {
		t.Fatalf("a refused append kept its write: title %q, was %q", got, before)
	}
	for i := range 8 { // more than the pool's idle connections
		if err := bump("test.kept"); err != nil {
			t.Fatalf("write %d after a refused append: %v", i, err)
		}
	}
	if got := title(); got != before+"........" {
		t.Fatalf("title %q after eight writes, want %q", got, before+"........")
	}
	chainHolds(t, s)
}

// TestCommitWithoutStandardStrings: on sessions where a backslash in a
// string literal is an escape (standard_conforming_strings off), pgx will
// not quote commitInBand's arguments into its text; the store then keeps
// the path of three round trips, and audited writes still commit, flush
// and chain, backslashes included.
func TestCommitWithoutStandardStrings(t *testing.T) {
	u, err := url.Parse(newPGSchema(t))
	must(t, err)
	q := u.Query()
	q.Set("standard_conforming_strings", "off")
	u.RawQuery = q.Encode()
	s, err := Open(context.Background(), u.String())
	must(t, err)
	t.Cleanup(func() { s.Close() })
	if !s.asyncAudit || s.inBand {
		t.Fatalf("asyncAudit %v, inBand %v: want true, false", s.asyncAudit, s.inBand)
	}
	ctx := context.Background()
	text := `C:\thư mục\báo cáo 'quý 4'`
	for i := range 3 {
		must(t, s.Transact(ctx, func(tx *sql.Tx) error {
			return s.audit(ctx, tx, 0, "test.scs", "test", int64(i+1), map[string]string{"text": text})
		}))
		if detail := auditText(t, s, int64(i+1)); detail != text {
			t.Fatalf("detail %q, want %q", detail, text)
		}
	}
	chainHolds(t, s)
}

// chainHolds fails t unless s's audit chain verifies.
func chainHolds(t *testing.T, s *Store) {
	t.Helper()
	v, err := s.VerifyAudit(context.Background())
	must(t, err)
	if v.Broken != nil {
		t.Fatalf("audit chain broken at %v", v.Broken)
	}
}

// auditText is the "text" field of the detail of test object id's audit row.
func auditText(t *testing.T, s *Store, id int64) string {
	t.Helper()
	var text string
	must(t, s.r.QueryRowContext(context.Background(),
		`SELECT detail::jsonb->>'text' FROM audit_log WHERE object = 'test' AND object_id = $1`, id).Scan(&text))
	return text
}
