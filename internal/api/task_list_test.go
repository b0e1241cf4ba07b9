package api_test

import (
	"slices"
	"strings"
	"testing"

	"tiendo/internal/auth"
)

// keys names the listed tasks by fixture key, in the order listed.
func (e *env) keys(t *testing.T, r *response) string {
	t.Helper()
	var out []string
	for _, it := range items(t, r) {
		id := num(it["id"])
		name := "?"
		for _, k := range slices.Concat(taskKeys, []string{"P2.T1", "P3.T1"}) {
			if e.ids[k] == id {
				name = k
			}
		}
		out = append(out, name)
	}
	return strings.Join(out, ",")
}

// listIs checks the keys listed and the total.
func listIs(want string, total int) func(*testing.T, *env, *response) {
	return func(t *testing.T, e *env, r *response) {
		t.Helper()
		if got := e.keys(t, r); got != want {
			t.Errorf("listed %s, want %s", got, want)
		}
		if got := num(r.JSON["total"]); got != int64(total) {
			t.Errorf("total %d, want %d", got, total)
		}
	}
}

func TestTaskList(t *testing.T) {
	run(t, []scenario{
		{name: "all in document order", path: "/plans/{P1}/tasks", as: auth.RoleLeader, status: 200,
			check: listIs("T1,T2,T3,T4,T5,T6,T7", 7)},
		{name: "sort=order", path: "/plans/{P1}/tasks?sort=order", as: auth.RoleOfficer, status: 200,
			check: listIs("T1,T2,T3,T4,T5,T6,T7", 7)},
		{name: "sort=due puts tasks without a due date last", path: "/plans/{P1}/tasks?sort=due", as: auth.RoleHead, status: 200,
			check: listIs("T7,T4,T3,T2,T1,T5,T6", 7)},
		{name: "status=open excludes completed tasks", path: "/plans/{P1}/tasks?status=open", as: auth.RoleLeader, status: 200,
			check: listIs("T1,T2,T3,T5,T6", 5)},
		{name: "the hot path: open by due", path: "/plans/{P1}/tasks?status=open&sort=due&limit=50", as: auth.RoleLeader, status: 200,
			check: listIs("T3,T2,T1,T5,T6", 5)},
		// T5 is continuous: judged in quarter II/2025, whose report (due 10/6) has not been accepted.
		{name: "status=overdue", path: "/plans/{P1}/tasks?status=overdue", as: auth.RoleLeader, status: 200, check: listIs("T3,T5", 2)},
		{name: "status=due_soon", path: "/plans/{P1}/tasks?status=due_soon", as: auth.RoleLeader, status: 200, check: listIs("T2", 1)},
		{name: "status=in_progress", path: "/plans/{P1}/tasks?status=in_progress", as: auth.RoleLeader, status: 200, check: listIs("", 0)},
		{name: "status=not_started", path: "/plans/{P1}/tasks?status=not_started", as: auth.RoleLeader, status: 200, check: listIs("T1,T6", 2)},
		{name: "status=done_on_time", path: "/plans/{P1}/tasks?status=done_on_time", as: auth.RoleLeader, status: 200, check: listIs("T4", 1)},
		{name: "status=done_late", path: "/plans/{P1}/tasks?status=done_late", as: auth.RoleLeader, status: 200, check: listIs("T7", 1)},
		{name: "q without diacritics", path: "/plans/{P1}/tasks?q=dau+tu", as: auth.RoleLeader, status: 200, check: listIs("T1", 1)},
		{name: "q upper case, several words", path: "/plans/{P1}/tasks?q=CHUYEN%20DOI%20SO", as: auth.RoleLeader, status: 200, check: listIs("T2,T6", 2)},
		{name: "q with diacritics", path: "/plans/{P1}/tasks?q=%C4%91%E1%BA%A7u%20t%C6%B0", as: auth.RoleLeader, status: 200, check: listIs("T1", 1)},
		{name: "q finds nothing", path: "/plans/{P1}/tasks?q=khong+co+gi", as: auth.RoleLeader, status: 200, check: listIs("", 0)},
		{name: "agency: lead or cooperating", path: "/plans/{P1}/tasks?agency={TC}", as: auth.RoleLeader, status: 200, check: listIs("T1,T2", 2)},
		{name: "section with descendants", path: "/plans/{P1}/tasks?section={III}", as: auth.RoleLeader, status: 200, check: listIs("T1,T2,T3,T4,T5,T6,T7", 7)},
		{name: "section", path: "/plans/{P1}/tasks?section={III.2}", as: auth.RoleLeader, status: 200, check: listIs("T5,T6,T7", 3)},
		{name: "filters combine", path: "/plans/{P1}/tasks?section={III.1}&status=open&sort=due&agency={KHCN}", as: auth.RoleLeader, status: 200, check: listIs("T1", 1)},
		{name: "paging keeps the total", path: "/plans/{P1}/tasks?limit=2&offset=1", as: auth.RoleLeader, status: 200, check: listIs("T2,T3", 7)},
		{name: "last page", path: "/plans/{P1}/tasks?limit=3&offset=6", as: auth.RoleLeader, status: 200, check: listIs("T7", 7)},
		{name: "past the end", path: "/plans/{P1}/tasks?offset=100", as: auth.RoleLeader, status: 200, check: listIs("", 7)},
		{name: "limit 500 is allowed", path: "/plans/{P1}/tasks?limit=500", as: auth.RoleLeader, status: 200, check: listIs("T1,T2,T3,T4,T5,T6,T7", 7)},
		{name: "an empty plan", path: "/plans/{P4}/tasks", as: auth.RoleLeader, status: 200, check: listIs("", 0)},
		{name: "other plan's tasks stay apart", path: "/plans/{P2}/tasks", as: auth.RoleLeader, status: 200, check: listIs("P2.T1", 1)},
		{name: "task shape and computed status", path: "/plans/{P1}/tasks", as: auth.RoleLeader, status: 200, check: checkListedShape},

		{name: "unknown plan", path: "/plans/999999/tasks", as: auth.RoleLeader, status: 404, code: "not_found"},
		{name: "non-numeric plan id", path: "/plans/abc/tasks", as: auth.RoleLeader, status: 400, code: "bad_request"},
		{name: "limit not a number", path: "/plans/{P1}/tasks?limit=abc", as: auth.RoleLeader, status: 400, code: "bad_request",
			check: wantField("limit")},
		{name: "limit 0", path: "/plans/{P1}/tasks?limit=0", as: auth.RoleLeader, status: 400, code: "bad_request", check: wantField("limit")},
		{name: "limit above 500", path: "/plans/{P1}/tasks?limit=501", as: auth.RoleLeader, status: 400, code: "bad_request", check: wantField("limit")},
		{name: "negative offset", path: "/plans/{P1}/tasks?offset=-1", as: auth.RoleLeader, status: 400, code: "bad_request", check: wantField("offset")},
		{name: "unknown status", path: "/plans/{P1}/tasks?status=late", as: auth.RoleLeader, status: 400, code: "bad_request", check: wantField("status")},
		{name: "unknown sort", path: "/plans/{P1}/tasks?sort=title", as: auth.RoleLeader, status: 400, code: "bad_request", check: wantField("sort")},
		{name: "agency not a number", path: "/plans/{P1}/tasks?agency=so-tc", as: auth.RoleLeader, status: 400, code: "bad_request", check: wantField("agency")},
		{name: "section not a number", path: "/plans/{P1}/tasks?section=III", as: auth.RoleLeader, status: 400, code: "bad_request", check: wantField("section")},
		{name: "every bad parameter at once", path: "/plans/{P1}/tasks?limit=x&sort=y&status=z", as: auth.RoleLeader, status: 400, code: "bad_request",
			check: func(t *testing.T, e *env, r *response) {
				for _, f := range []string{"limit", "sort", "status"} {
					wantField(f)(t, e, r)
				}
			}},
		{name: "q too long", path: "/plans/{P1}/tasks?q=" + strings.Repeat("a", 201), as: auth.RoleLeader, status: 400, code: "bad_request", check: wantField("q")},
		{name: "no token", path: "/plans/{P1}/tasks", status: 401, code: "unauthorized"},
	})
}

// wantField checks that the error names a field.
func wantField(name string) func(*testing.T, *env, *response) {
	return func(t *testing.T, _ *env, r *response) {
		t.Helper()
		if field(r, name) == "" {
			t.Errorf("no message for field %q: %s", name, r.Raw)
		}
	}
}

// checkListedShape checks the contract fields of listed tasks and each
// task's status as computed on the fixed day.
func checkListedShape(t *testing.T, e *env, r *response) {
	want := map[string]string{"T1": "not_started", "T2": "due_soon", "T3": "overdue", "T4": "done_on_time",
		"T5": "overdue", "T6": "not_started", "T7": "done_late"}
	// What each status was judged against: the due day, or for T5 (continuous) quarter II's report due day.
	wantDue := map[string]any{"T1": "2025-06-30", "T2": "2025-06-25", "T3": "2025-05-31", "T4": "2025-04-30",
		"T5": "2025-06-10", "T6": nil, "T7": "2025-03-31"}
	contract := []string{"id", "plan_id", "section_id", "title", "text", "lead_agency_id", "cooperating_agency_ids",
		"deadline_text", "due_date", "product", "status"}
	list := items(t, r)
	keys := strings.Split(e.keys(t, r), ",")
	for i, it := range list {
		k := keys[i]
		for _, f := range contract {
			if _, ok := it[f]; !ok {
				t.Errorf("%s: field %s missing", k, f)
			}
		}
		if it["status"] != want[k] {
			t.Errorf("%s: status %v, want %s", k, it["status"], want[k])
		}
		if it["status_due"] != wantDue[k] {
			t.Errorf("%s: status_due %v, want %v", k, it["status_due"], wantDue[k])
		}
		if period := it["status_period"]; k == "T5" && period != "Quý II/2025" || k != "T5" && period != nil {
			t.Errorf("%s: status_period %v", k, period)
		}
		if _, ok := it["cooperating_agency_ids"].([]any); !ok {
			t.Errorf("%s: cooperating_agency_ids is %v, want an array", k, it["cooperating_agency_ids"])
		}
		if num(it["plan_id"]) != e.ids["P1"] {
			t.Errorf("%s: plan_id %v", k, it["plan_id"])
		}
	}
	t1, t6 := list[0], list[5]
	if t1["due_date"] != "2025-06-30" || t1["deadline_text"] != "Quý II/2025" || num(t1["lead_agency_id"]) != e.ids["KHCN"] {
		t.Errorf("T1 = %v", t1)
	}
	if coop := t1["cooperating_agency_ids"].([]any); len(coop) != 1 || num(coop[0]) != e.ids["TC"] {
		t.Errorf("T1 cooperating = %v", coop)
	}
	if t6["due_date"] != nil || t6["lead_agency_id"] != nil || len(t6["cooperating_agency_ids"].([]any)) != 0 {
		t.Errorf("T6 nulls: due_date %v lead %v coop %v", t6["due_date"], t6["lead_agency_id"], t6["cooperating_agency_ids"])
	}
	if !slices.Contains([]string{"application/json; charset=utf-8"}, r.Header.Get("Content-Type")) {
		t.Errorf("Content-Type %q", r.Header.Get("Content-Type"))
	}
}
