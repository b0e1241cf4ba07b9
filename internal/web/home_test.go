package web_test

import (
	"net/http"
	"testing"
)

// TestHomes: each role's home shows what that role works from — the
// leaders each active plan's status cards, chart, trend, overdue tasks and
// reports received; the coordinator what waits across every period above
// the period desk; an agency's people their returned and due reports.
func TestHomes(t *testing.T) {
	a := newReportingApp(t)
	for _, c := range []struct {
		role string
		sel  []string
	}{
		{"leader", []string{"section.plan-overview .status-tiles li.tile.st-overdue", "#plan" + ids(a.f.planID) + "-chart-status ol.bars",
			"#plan" + ids(a.f.planID) + "-chart-trend", ".leader-overdue li.overdue-task a[href='/tasks/" + ids(a.f.taskOverdue) + "']",
			".leader-reports strong.received"}},
		{"coordinator", []string{"section.inbox .inbox-review", "section.inbox .inbox-returned", "section.inbox .inbox-extensions",
			"section.inbox .inbox-missing", "h2.desk-title", "ul.status-summary.totals"}},
		{"admin", []string{"section.inbox"}},
		{"head", []string{"section.returned-reports", "section.due-reports", "section.task-alerts"}},
		{"officer", []string{"section.returned-reports", "section.due-reports"}},
	} {
		r := a.as(c.role).get("/")
		if r.status != http.StatusOK {
			t.Fatalf("%s: GET / = %d", c.role, r.status)
		}
		d := r.doc()
		for _, sel := range c.sel {
			if d.count(sel) == 0 {
				t.Errorf("%s's home: nothing matches %q", c.role, sel)
			}
		}
	}
}
