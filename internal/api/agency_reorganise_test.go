package api_test

import (
	"net/http"
	"strconv"
	"testing"

	"tiendo/internal/auth"
)

// TestReorganiseAPI merges the Sở Nội vụ into the Sở Tài chính through
// the API: the dry run names what would move and changes nothing, the
// application moves it, GET /agencies/{id} then shows the old agency's
// end and successor; bad bodies and refused data answer 400 and 422 with
// fields, and only managers of agencies may call it.
func TestReorganiseAPI(t *testing.T) {
	e := newEnv(t)
	body := `{"kind":"merge","from":[{NV}],"into":{TC},"effective":"2025-06-15","decision":"88/QĐ-UBND"}`

	r := e.do("POST", "/agencies/reorganisations?dry_run=1", auth.RoleCoordinator, body, nil)
	if r.Status != http.StatusOK || r.JSON["dry_run"] != true {
		t.Fatalf("dry run: %d %s", r.Status, r.Raw)
	}
	tasks := r.JSON["tasks"].([]any)
	if len(tasks) == 0 || num(tasks[0].(map[string]any)["to"]) != e.ids["TC"] {
		t.Fatalf("dry run moves no task of the Sở Nội vụ to the Sở Tài chính: %s", r.Raw)
	}
	if g := e.do("GET", "/agencies/{NV}", auth.RoleLeader, "", nil); g.JSON["valid_to"] != nil || g.JSON["active"] != true {
		t.Fatalf("after the dry run the agency ended: %s", g.Raw)
	}

	r = e.do("POST", "/agencies/reorganisations", auth.RoleCoordinator, body, nil)
	if r.Status != http.StatusCreated || r.JSON["dry_run"] != false || num(r.JSON["successor_id"]) != e.ids["TC"] {
		t.Fatalf("apply: %d %s", r.Status, r.Raw)
	}
	g := e.do("GET", "/agencies/{NV}", auth.RoleLeader, "", nil)
	if g.Status != http.StatusOK || g.JSON["valid_to"] != "2025-06-15" || num(g.JSON["successor_id"]) != e.ids["TC"] ||
		g.JSON["active"] != false {
		t.Fatalf("GET the merged agency: %d %s", g.Status, g.Raw)
	}
	for _, tk := range e.do("GET", "/plans/{P1}/tasks?limit=500", auth.RoleLeader, "", nil).JSON["items"].([]any) {
		task := tk.(map[string]any)
		if la := task["lead_agency_id"]; la != nil && num(la) == e.ids["NV"] && task["completed_on"] == nil {
			t.Errorf("open task %v still led by the merged agency", task["id"])
		}
	}

	for _, c := range []struct {
		body, field string
		status      int
	}{
		{`{"kind":"merge","from":[{NV}],"into":{TC},"effective":"2025-07-01","decision":"1/QĐ"}`, "from", 422},
		{`{"kind":"split","from":[{KHCN}],"effective":"2025-07-01","decision":"1/QĐ"}`, "into", 422},
		{`{"kind":"rename","from":[{KHCN}],"effective":"2025-07-01"}`, "decision", 422},
		{`{"kind":"merge","from":[{KHCN}],"into":{TC},"effective":"1/7/2025","decision":"1/QĐ"}`, "effective", 400},
		{`{"kind":"split","from":[{KHCN}],"into":{TC},"tasks":{"x":1},"effective":"2025-07-01","decision":"1/QĐ"}`, "tasks", 400},
		{`{"kind":"teleport","from":[{KHCN}],"into":{TC},"effective":"2025-07-01","decision":"1/QĐ"}`, "kind", 422},
	} {
		r := e.do("POST", "/agencies/reorganisations", auth.RoleAdmin, c.body, nil)
		if r.Status != c.status || field(r, c.field) == "" {
			t.Errorf("%s: %d %s; want %d with fields.%s", c.body, r.Status, r.Raw, c.status, c.field)
		}
	}
	if r := e.do("POST", "/agencies/reorganisations?dry_run=1", auth.RoleHead, body, nil); r.Status != http.StatusForbidden {
		t.Errorf("a head reorganised: %d", r.Status)
	}
	if r := e.do("GET", "/agencies/999999", auth.RoleLeader, "", nil); r.Status != http.StatusNotFound {
		t.Errorf("unknown agency: %d", r.Status)
	}
}

// TestReorganisationUndoAPI applies a merge, finds it in the history with
// its undo deadline (the next period's first day), previews the undo,
// undoes it — the Sở Nội vụ is active again — and is refused a second
// undo with 409 and fields.undo.
func TestReorganisationUndoAPI(t *testing.T) {
	e := newEnv(t)
	body := `{"kind":"merge","from":[{NV}],"into":{TC},"effective":"2025-06-15","decision":"88/QĐ-UBND"}`
	r := e.do("POST", "/agencies/reorganisations", auth.RoleCoordinator, body, nil)
	if r.Status != http.StatusCreated || r.JSON["id"] == nil || r.JSON["undo_until"] == nil {
		t.Fatalf("apply: %d %s", r.Status, r.Raw)
	}
	id := strconv.FormatInt(num(r.JSON["id"]), 10)
	until := r.JSON["undo_until"].(string)

	l := e.do("GET", "/agencies/reorganisations", auth.RoleCoordinator, "", nil)
	list, _ := l.JSON["reorganisations"].([]any)
	if l.Status != http.StatusOK || len(list) != 1 {
		t.Fatalf("history: %d %s", l.Status, l.Raw)
	}
	rec := list[0].(map[string]any)
	if rec["undoable"] != true || rec["undo_until"] != until || rec["decision"] != "88/QĐ-UBND" || rec["kind"] != "merge" ||
		num(rec["successor_id"]) != e.ids["TC"] || rec["undone_at"] != nil {
		t.Fatalf("history record: %s", l.Raw)
	}
	if g := e.do("GET", "/agencies/reorganisations/"+id, auth.RoleAdmin, "", nil); g.Status != http.StatusOK || g.JSON["label"] == "" {
		t.Fatalf("GET one: %d %s", g.Status, g.Raw)
	}

	p := e.do("POST", "/agencies/reorganisations/"+id+"/undo?dry_run=1", auth.RoleCoordinator, "", nil)
	if p.Status != http.StatusOK || p.JSON["dry_run"] != true || num(p.JSON["restored"]) == 0 {
		t.Fatalf("undo preview: %d %s", p.Status, p.Raw)
	}
	if g := e.do("GET", "/agencies/{NV}", auth.RoleLeader, "", nil); g.JSON["active"] != false {
		t.Fatalf("the preview undid the merge: %s", g.Raw)
	}
	u := e.do("POST", "/agencies/reorganisations/"+id+"/undo", auth.RoleCoordinator, "", nil)
	if u.Status != http.StatusOK || u.JSON["dry_run"] != false {
		t.Fatalf("undo: %d %s", u.Status, u.Raw)
	}
	if g := e.do("GET", "/agencies/{NV}", auth.RoleLeader, "", nil); g.JSON["active"] != true || g.JSON["successor_id"] != nil {
		t.Fatalf("after undo: %s", g.Raw)
	}
	again := e.do("POST", "/agencies/reorganisations/"+id+"/undo", auth.RoleCoordinator, "", nil)
	if again.Status != http.StatusConflict || field(again, "undo") == "" {
		t.Errorf("second undo: %d %s", again.Status, again.Raw)
	}
	if r := e.do("POST", "/agencies/reorganisations/999999/undo", auth.RoleCoordinator, "", nil); r.Status != http.StatusNotFound {
		t.Errorf("unknown reorganisation: %d %s", r.Status, r.Raw)
	}
	if r := e.do("POST", "/agencies/reorganisations/"+id+"/undo", auth.RoleHead, "", nil); r.Status != http.StatusForbidden {
		t.Errorf("a head undid: %d", r.Status)
	}
}
