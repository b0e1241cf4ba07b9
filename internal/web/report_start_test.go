package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestPeriodReportGETChangesNothing: GET /periods/{id}/report only reads.
// Where the agency's report for the period does not exist yet, the page
// says so and — for the agency's own people, once the period has begun —
// offers a button that POSTs to the same address to start it; only that
// POST creates the row. Nobody's GET (the agency's, the coordinator's, a
// leader's; a period begun or not) adds a row.
func TestPeriodReportGETChangesNothing(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	q3, err := a.store.PeriodAt(ctx, a.f.planID, testNow)
	if err != nil {
		t.Fatal(err)
	}
	q4, err := a.store.PeriodAt(ctx, a.f.planID, testNow.AddDate(0, 3, 0))
	if err != nil || q4.Started(testNow.Truncate(24*time.Hour)) {
		t.Fatalf("next period %+v, %v", q4, err)
	}
	rows := func() (n int) {
		a.store.Transact(ctx, func(tx *sql.Tx) error {
			return tx.QueryRow(`SELECT COUNT(*) FROM reports WHERE agency_id = $1`, a.f.agencyTC).Scan(&n)
		})
		return n
	}
	this, next := "/periods/"+ids(q3.ID)+"/report", "/periods/"+ids(q4.ID)+"/report"
	head := a.as("head")
	for _, c := range []struct {
		role, path string
		status     int
		button     bool
	}{
		{"head", this, http.StatusOK, true},
		{"officer", this, http.StatusOK, true},
		{"coordinator", this + "?agency=" + ids(a.f.agencyTC), http.StatusOK, false},
		{"leader", this + "?agency=" + ids(a.f.agencyTC), http.StatusForbidden, false},
		{"head", next, http.StatusOK, false},
	} {
		r := a.as(c.role).get(c.path)
		if r.status != c.status {
			t.Errorf("%s GET %s: %d, want %d", c.role, c.path, r.status, c.status)
		}
		if n := rows(); n != 0 {
			t.Fatalf("%s GET %s made %d report rows", c.role, c.path, n)
		}
		if r.status != http.StatusOK {
			continue
		}
		d := r.doc()
		if got := d.count("form[method=post][action='" + strings.SplitN(c.path, "?", 2)[0] + "'] button"); got != map[bool]int{true: 1}[c.button] {
			t.Errorf("%s GET %s: %d start buttons, want button %t", c.role, c.path, got, c.button)
		}
		if !strings.Contains(d.text("main"), "chưa") {
			t.Errorf("%s GET %s does not say the report is not started: %q", c.role, c.path, d.text("main"))
		}
	}
	if r := head.post(next, nil); r.status != http.StatusUnprocessableEntity || rows() != 0 { // the web answers period_not_started 422
		t.Errorf("starting a report of a period not begun: %d, %d rows", r.status, rows())
	}
	r := head.post(this, nil)
	loc := r.header.Get("Location")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/reports/") || !strings.HasSuffix(loc, "/edit") || rows() != 1 {
		t.Fatalf("starting the report: %d %q, %d rows", r.status, loc, rows())
	}
	if r := head.get(this); r.status != http.StatusSeeOther || r.header.Get("Location") != loc {
		t.Errorf("GET once it exists: %d %q, want %q", r.status, r.header.Get("Location"), loc)
	}
	if r := head.post(this, nil); r.status != http.StatusSeeOther || r.header.Get("Location") != loc || rows() != 1 {
		t.Errorf("starting it again: %d %q, %d rows", r.status, r.header.Get("Location"), rows())
	}
	if r := a.as("leader").post(this, nil); r.status != http.StatusForbidden {
		t.Errorf("a leader starts a report: %d", r.status)
	}
}
