package api_test

import (
	"context"
	"strings"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

// TestPartSaveRoundTrips holds a PUT of a report's line or contribution
// to the statements it sends to the database (store.Tally), on both
// dialects: on PostgreSQL each is a round trip, and round trips are where
// the deadline mix's writes spent their CPU on both sides (issue 21). A
// line's save read the report, the task and the line before its
// transaction, again inside it, and the task twice more after: 17
// statements on PostgreSQL; then 9. Now: the report with the task, the
// line, its prior accepted result (the warnings) and the contributions;
// BEGIN, the report's UPDATE with the line's INSERT or UPDATE (one
// statement: store.writePart), audit_append with COMMIT (one message:
// store.commitInBand), the COMMIT that flushes the WAL — 5.
// SQLite cannot write in a CTE (the two UPDATEs stay apart) and appends
// to the audit chain in three statements: 8. The bearer token's statements and the agency
// cache's check are the request's, not the save's, and are not counted.
func TestPartSaveRoundTrips(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		e, _ := newReportEnvOn(t, db, "2025-06-05")
		e.reportIDs(t, "2025-Q2")
		for _, c := range []struct {
			name, path string
			as         auth.Role
			body       string
			header     map[string]string
			max        map[string]int // by dialect
		}{
			{name: "a first save of a line", path: "/reports/{R.KHCN}/entries/{T1}", as: auth.RoleOfficer,
				body: `{"status":"in_progress","percent":40,"result":"Đã khảo sát 20 xã","version":0}`,
				max:  map[string]int{"postgres": 5, "sqlite": 8}},
			{name: "a save without a version", path: "/reports/{R.KHCN}/entries/{T1}", as: auth.RoleOfficer,
				body: `{"status":"in_progress","percent":50,"result":"Đã khảo sát 25 xã"}`,
				max:  map[string]int{"postgres": 5, "sqlite": 8}},
			{name: "a save with If-Match", path: "/reports/{R.KHCN}/entries/{T1}", as: auth.RoleHead,
				body: `{"status":"in_progress","percent":60,"result":"Đã khảo sát 30 xã"}`, header: map[string]string{"If-Match": `"2"`},
				max: map[string]int{"postgres": 5, "sqlite": 8}},
			{name: "a contribution", path: "/reports/{R.TC}/contributions/{T1}", as: officerTC,
				body: `{"text":"Đã bố trí kinh phí."}`,
				max:  map[string]int{"postgres": 5, "sqlite": 8}},
		} {
			ctx, tally := store.WithTally(context.Background())
			r := e.doCtx(ctx, "PUT", c.path, c.as, c.body, c.header)
			if r.Status != 200 {
				t.Fatalf("%s: %d %s", c.name, r.Status, r.Raw)
			}
			saves := ownStatements(tally)
			if max := c.max[e.st.Dialect()]; len(saves) > max {
				t.Errorf("%s: %d statements, want at most %d:\n\t%s", c.name, len(saves), max, strings.Join(saves, "\n\t"))
			}
		}
	})
}

// ownStatements is the first line of each statement tally counted but the
// request's own — the bearer token's and the agency cache's check.
func ownStatements(tally *store.Tally) []string {
	var list []string
	for _, s := range tally.Statements() {
		if !strings.Contains(s, "api_tokens") && !strings.Contains(s, "FROM counters") {
			first, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
			list = append(list, first)
		}
	}
	return list
}
