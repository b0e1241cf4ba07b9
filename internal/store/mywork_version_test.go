package store

import (
	"context"
	"slices"
	"testing"
)

// TestAgencyWorkVersion: what "Việc của tôi" is kept under moves with each
// thing it shows and with nothing an agency's draft writes (migration
// 00031): a plan's title and number (the plan_names counter), each
// column of the agency's own reports it shows (the agency's counter, not
// another agency's), and a plan added; a draft's save moves neither.
func TestAgencyWorkVersion(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		tc, khcn := f.ag["tc"], f.ag["khcn"]
		mine := f.report(t, f.q3, "tc")
		theirs := f.report(t, f.q3, "khcn")
		version := func(agency int64) []int64 {
			t.Helper()
			v, err := s.AgencyWorkVersion(ctx, agency)
			must(t, err)
			return v
		}
		exec := func(q string, args ...any) {
			t.Helper()
			_, err := s.exec(ctx, s.w, q, args...)
			must(t, err)
			settled(t, s)
		}
		moves := func(what string, agency int64, want bool, q string, args ...any) {
			t.Helper()
			before := version(agency)
			exec(q, args...)
			if moved := !slices.Equal(before, version(agency)); moved != want {
				t.Errorf("%s: moved %v, want %v (%v → %v)", what, moved, want, before, version(agency))
			}
		}
		plan := f.d.Plan.ID
		if v := version(tc); len(v) != 4 || v[2] != plan {
			t.Fatalf("versions %v: want the agency's counter, plan_names, and the one plan's ID and facts version", v)
		}
		moves("plan title", tc, true, `UPDATE plans SET title = 'Tên mới' WHERE id = ?`, plan)
		moves("plan number", tc, true, `UPDATE plans SET code = '77/KH-THU' WHERE id = ?`, plan)
		moves("plan title written unchanged", tc, false, `UPDATE plans SET title = 'Tên mới' WHERE id = ?`, plan)
		moves("plan issuer", tc, false, `UPDATE plans SET issuer = 'UBND' WHERE id = ?`, plan)
		moves("a draft saved", tc, false, `UPDATE reports SET version = version + 1, updated_at = updated_at, summary = 'x' WHERE id = ?`, mine.ID)
		for _, c := range []struct{ what, set string }{
			{"state", "state = 'draft'"},
			{"submitted", "submitted_at = '2025-09-01T03:00:00Z', state = 'submitted'"},
			{"on time", "on_time = NOT on_time"},
			{"returned", "returned_at = '2025-09-02T03:00:00Z', state = 'returned'"},
			{"return reason", "return_reason = 'Lý do khác'"},
		} {
			moves(c.what+" (own report)", tc, true, `UPDATE reports SET `+c.set+` WHERE id = ?`, mine.ID)
			moves(c.what+" (another agency's report)", tc, false, `UPDATE reports SET `+c.set+` WHERE id = ?`, theirs.ID)
		}
		// A revision renumbered moves the plan's facts version too (00011).
		moves("revision (own report)", tc, true, `UPDATE reports SET revision = revision + 10 WHERE id = ?`, mine.ID)
		moves("current", khcn, true, `UPDATE reports SET is_current = NOT is_current WHERE id = ?`, theirs.ID)
		moves("a plan added", tc, true, `INSERT INTO plans (code, title, status, created_at, updated_at) VALUES ('1/KH', 'Khác', 'draft', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`)
	})
}
