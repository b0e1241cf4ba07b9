package api_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

// TestFlowRoundTrips holds a step of the report's flow — submit, return,
// accept — to the statements it sends to the database (store.Tally), on
// both dialects, as TestPartSaveRoundTrips does a line's save (issue 21).
// Each step read the report before its transaction, its agency and plan,
// the report again inside it and its plan's status, and the report whole
// after it with its agency: 20 statements on PostgreSQL. Now: the report
// with its plan's status; BEGIN, (a submit) the agency's tasks with their
// lines' statuses, the UPDATE returning the row as written — the answer —,
// (an accept) the claims read and written to the tasks, the audience, the
// notices, audit_append with COMMIT (one message: store.commitInBand), the
// COMMIT that flushes the WAL: submit 8, return 7, accept 9. SQLite reads the plan register each time (it keeps nothing between
// requests but the agencies, behind their counter) and appends to the
// audit chain in three statements, and has no flush: 11, 10, 12. The
// bearer token's statements and the agency cache's check are the
// request's, not the step's, and are not counted; the plan register is
// read once first, as a server that has been up a moment has it.
func TestFlowRoundTrips(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		e, _ := newReportEnvOn(t, db, "2025-06-05")
		e.reportIDs(t, "2025-Q2")
		r := e.do("GET", "/reports/{R.KHCN}", auth.RoleHead, "", nil)
		list, _ := r.JSON["entries"].([]any)
		for _, v := range list { // a head's report is sent with every line said
			path := "/reports/{R.KHCN}/entries/" + strconv.FormatInt(num(v.(map[string]any)["task_id"]), 10)
			if w := e.do("PUT", path, auth.RoleHead, `{"status":"in_progress","percent":40,"result":"Đã khảo sát"}`, nil); w.Status != 200 {
				t.Fatalf("PUT %s: %d %s", path, w.Status, w.Raw)
			}
		}
		if w := e.do("GET", "/plans", auth.RoleCoordinator, "", nil); w.Status != 200 {
			t.Fatalf("GET /plans: %d %s", w.Status, w.Raw)
		}
		for _, c := range []struct {
			name, path string
			as         auth.Role
			body       string
			pinned     bool           // sent with If-Match: the version read
			max        map[string]int // by dialect
		}{
			{name: "a submit", path: "/reports/{R.KHCN}/submit", as: auth.RoleHead, body: `{}`,
				max: map[string]int{"postgres": 8, "sqlite": 11}},
			{name: "a return", path: "/reports/{R.KHCN}/return", as: auth.RoleCoordinator,
				body: `{"reason":"Bổ sung số liệu."}`, pinned: true,
				max: map[string]int{"postgres": 7, "sqlite": 10}},
			{name: "a submit without a body", path: "/reports/{R.KHCN}/submit", as: auth.RoleHead,
				max: map[string]int{"postgres": 8, "sqlite": 11}},
			{name: "an accept", path: "/reports/{R.KHCN}/accept", as: auth.RoleCoordinator, body: `{}`,
				max: map[string]int{"postgres": 9, "sqlite": 12}},
		} {
			var header map[string]string
			if c.pinned {
				v := num(e.report(t, "R.KHCN").JSON["version"])
				header = map[string]string{"If-Match": `"` + strconv.FormatInt(v, 10) + `"`}
			}
			ctx, tally := store.WithTally(context.Background())
			r := e.doCtx(ctx, "POST", c.path, c.as, c.body, header)
			if r.Status != 200 {
				t.Fatalf("%s: %d %s", c.name, r.Status, r.Raw)
			}
			step := ownStatements(tally)
			if max := c.max[e.st.Dialect()]; len(step) > max {
				t.Errorf("%s: %d statements, want at most %d:\n\t%s", c.name, len(step), max, strings.Join(step, "\n\t"))
			}
		}
	})
}
