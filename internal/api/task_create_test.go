package api_test

import (
	"slices"
	"strings"
	"testing"

	"tiendo/internal/audit"
	"tiendo/internal/auth"
)

// storesNothing checks that a refused write left plan P1 with its seven tasks.
func storesNothing(t *testing.T, e *env, r *response) {
	t.Helper()
	if n := e.taskCount("P1"); n != 7 {
		t.Errorf("plan P1 has %d tasks after a refused write, want 7", n)
	}
}

// all runs several checks.
func all(checks ...func(*testing.T, *env, *response)) func(*testing.T, *env, *response) {
	return func(t *testing.T, e *env, r *response) {
		t.Helper()
		for _, c := range checks {
			c(t, e, r)
		}
	}
}

// invalidField is a 422 check: the field has a message and nothing was stored.
func invalidField(name string) func(*testing.T, *env, *response) {
	return all(wantField(name), storesNothing)
}

// messageHas checks the error message.
func messageHas(sub string) func(*testing.T, *env, *response) {
	return func(t *testing.T, _ *env, r *response) {
		t.Helper()
		env, _ := r.JSON["error"].(map[string]any)
		if msg, _ := env["message"].(string); !strings.Contains(msg, sub) {
			t.Errorf("message %q does not contain %q", msg, sub)
		}
	}
}

const minimalTask = `{"section_id": {III.2}, "text": "Triển khai nền tảng số dùng chung."}`

func TestTaskCreate(t *testing.T) {
	post := func(name string, as auth.Role, body string, status int, code string, check func(*testing.T, *env, *response)) scenario {
		return scenario{name: name, method: "POST", path: "/plans/{P1}/tasks", as: as, body: body, status: status, code: code, check: check}
	}
	run(t, []scenario{
		post("coordinator creates a task", auth.RoleCoordinator,
			`{"section_id": {III.2}, "title": "Nền tảng số", "text": "Triển khai  nền tảng số dùng chung theo Quyết định số 1132/QĐ-TTg ngày 09/10/2024.",
			  "lead_agency_id": {TC}, "cooperating_agency_ids": [{NV}, {KHCN}], "deadline_text": "Quý III/2025", "product": "Nền tảng vận hành"}`,
			201, "", checkCreated),
		post("admin creates a minimal task", auth.RoleAdmin, minimalTask, 201, "", func(t *testing.T, e *env, r *response) {
			if r.JSON["title"] == "" || r.JSON["lead_agency_id"] != nil || r.JSON["due_date"] != nil || r.JSON["status"] != "not_started" {
				t.Errorf("task = %s", r.Raw)
			}
			if e.taskCount("P1") != 8 {
				t.Error("task not stored")
			}
		}),
		post("nulls are zero values", auth.RoleAdmin,
			`{"section_id": {III.1}, "text": "Việc mới.", "lead_agency_id": null, "cooperating_agency_ids": null, "deadline_text": null, "product": null, "title": null}`,
			201, "", nil),
		post("head may not write", auth.RoleHead, minimalTask, 403, "forbidden", storesNothing),
		post("officer may not write", auth.RoleOfficer, minimalTask, 403, "forbidden", storesNothing),
		post("leader may not write", auth.RoleLeader, minimalTask, 403, "forbidden", storesNothing),
		post("no token", "", minimalTask, 401, "unauthorized", storesNothing),

		post("missing text", auth.RoleCoordinator, `{"section_id": {III.2}}`, 422, "invalid", invalidField("text")),
		post("blank text", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "   "}`, 422, "invalid", invalidField("text")),
		post("missing section", auth.RoleCoordinator, `{"text": "Việc."}`, 422, "invalid", invalidField("section_id")),
		post("section of another plan", auth.RoleCoordinator, `{"section_id": {P2.I}, "text": "Việc."}`, 422, "invalid", invalidField("section_id")),
		post("unknown section", auth.RoleCoordinator, `{"section_id": 777777, "text": "Việc."}`, 422, "invalid", invalidField("section_id")),
		post("unknown lead agency", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "Việc.", "lead_agency_id": 55555}`, 422, "invalid", invalidField("lead_agency_id")),
		post("unknown cooperating agency", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "Việc.", "cooperating_agency_ids": [{TC}, 55555]}`, 422, "invalid", invalidField("cooperating_agency_ids")),
		post("agency that has ended", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "Việc.", "lead_agency_id": {TTTT}}`, 422, "invalid", invalidField("lead_agency_id")),
		post("lead also cooperating", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "Việc.", "lead_agency_id": {TC}, "cooperating_agency_ids": [{TC}]}`, 422, "invalid", invalidField("cooperating_agency_ids")),
		post("unreadable deadline", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "Việc.", "deadline_text": "khi nào xong thì thôi"}`, 422, "invalid", invalidField("deadline_text")),
		post("every problem at once", auth.RoleCoordinator, `{"section_id": {P2.I}, "text": "", "lead_agency_id": 55555, "deadline_text": "sớm"}`, 422, "invalid",
			all(wantField("section_id"), wantField("text"), wantField("lead_agency_id"), wantField("deadline_text"), storesNothing)),
		post("too many cooperating agencies", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "Việc.", "cooperating_agency_ids": [`+manyIDs(201)+`]}`, 422, "invalid", invalidField("cooperating_agency_ids")),
		post("text too long", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "`+strings.Repeat("ư", 20001)+`"}`, 422, "invalid", invalidField("text")),

		{name: "unknown plan", method: "POST", path: "/plans/31337/tasks", as: auth.RoleCoordinator, body: minimalTask, status: 404, code: "not_found", check: storesNothing},
		{name: "plan id not a number", method: "POST", path: "/plans/P1/tasks", as: auth.RoleCoordinator, body: minimalTask, status: 400, code: "bad_request", check: storesNothing},
		{name: "replaced plan is read-only", method: "POST", path: "/plans/{P3}/tasks", as: auth.RoleCoordinator,
			body: `{"section_id": {P3.I}, "text": "Việc."}`, status: 409, code: "conflict", check: func(t *testing.T, e *env, r *response) {
				if e.taskCount("P3") != 1 {
					t.Error("task stored in a replaced plan")
				}
			}},

		post("malformed JSON says where", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "Việc.",}`, 400, "bad_request",
			all(messageHas("JSON không hợp lệ ở vị trí"), storesNothing)),
		post("JSON cut short", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "Vi`, 400, "bad_request", storesNothing),
		post("unknown field", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "Việc.", "status": "done_on_time"}`, 400, "bad_request",
			all(wantField("status"), storesNothing)),
		post("wrong type", auth.RoleCoordinator, `{"section_id": "III.2", "text": "Việc."}`, 400, "bad_request", all(wantField("section_id"), storesNothing)),
		post("wrong element type", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "Việc.", "cooperating_agency_ids": ["Sở Tài chính"]}`, 400, "bad_request",
			all(wantField("cooperating_agency_ids"), storesNothing)),
		post("an array, not an object", auth.RoleCoordinator, `[{"section_id": {III.2}, "text": "Việc."}]`, 400, "bad_request", storesNothing),
		post("two objects", auth.RoleCoordinator, minimalTask+minimalTask, 400, "bad_request", storesNothing),
		post("empty body", auth.RoleCoordinator, " ", 400, "bad_request", storesNothing),
		{name: "no content type", method: "POST", path: "/plans/{P1}/tasks", as: auth.RoleCoordinator, body: minimalTask,
			header: map[string]string{"Content-Type": ""}, status: 415, code: "unsupported_media_type", check: storesNothing},
		{name: "form content type", method: "POST", path: "/plans/{P1}/tasks", as: auth.RoleCoordinator, body: minimalTask,
			header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, status: 415, code: "unsupported_media_type", check: storesNothing},
		{name: "JSON with charset", method: "POST", path: "/plans/{P1}/tasks", as: auth.RoleCoordinator, body: minimalTask,
			header: map[string]string{"Content-Type": "application/json; charset=utf-8"}, status: 201},
		post("body over 1 MiB", auth.RoleCoordinator, `{"section_id": {III.2}, "text": "`+strings.Repeat("a", 1<<20)+`"}`, 413, "too_large", storesNothing),
		{name: "web session cookie works", method: "POST", path: "/plans/{P1}/tasks", body: minimalTask,
			header: map[string]string{"Cookie": "tiendo_session={COOKIE}", "Origin": "http://example.com"}, status: 201},
		{name: "web session cookie without Origin is refused", method: "POST", path: "/plans/{P1}/tasks", body: minimalTask,
			header: map[string]string{"Cookie": "tiendo_session={COOKIE}"}, status: 403, code: "cross_origin", check: storesNothing},
	})
}

// checkCreated checks a created task: 201 answer, headers, normalised
// fields, and that GET at its Location returns the same.
func checkCreated(t *testing.T, e *env, r *response) {
	loc := r.Header.Get("Location")
	if !strings.HasPrefix(loc, "/api/v1/tasks/") || loc != "/api/v1/tasks/"+itoa(num(r.JSON["id"])) {
		t.Errorf("Location %q for id %v", loc, r.JSON["id"])
	}
	if r.Header.Get("ETag") != `"1"` {
		t.Errorf("ETag %q", r.Header.Get("ETag"))
	}
	j := r.JSON
	if j["title"] != "Nền tảng số" || num(j["lead_agency_id"]) != e.ids["TC"] || j["product"] != "Nền tảng vận hành" ||
		num(j["section_id"]) != e.ids["III.2"] || num(j["plan_id"]) != e.ids["P1"] || num(j["order"]) != 4 {
		t.Errorf("created = %s", r.Raw)
	}
	if j["deadline_text"] != "Quý III/2025" || j["due_date"] != "2025-09-30" || j["deadline_kind"] != "quarter" || j["status"] != "not_started" {
		t.Errorf("deadline/status = %v %v %v %v", j["deadline_text"], j["due_date"], j["deadline_kind"], j["status"])
	}
	coop, _ := j["cooperating_agency_ids"].([]any)
	if len(coop) != 2 {
		t.Errorf("cooperating = %v", coop)
	}
	if e.taskCount("P1") != 8 {
		t.Error("task not stored")
	}
	got := e.do("GET", strings.TrimPrefix(loc, "/api/v1"), auth.RoleLeader, "", nil)
	if got.Status != 200 || got.JSON["text"] != j["text"] || got.JSON["due_date"] != "2025-09-30" {
		t.Errorf("GET %s = %d %s", loc, got.Status, got.Raw)
	}
	if refs, _ := got.JSON["references"].([]any); len(refs) != 1 {
		t.Errorf("references = %v", got.JSON["references"])
	}
	// The newest lines: the task's creation by the coordinator (reading the
	// task may add the plan's periods after it, written by the system).
	entries, err := e.st.AuditEntries(t.Context(), 5)
	created := slices.IndexFunc(entries, func(a audit.Entry) bool { return a.Action == "task.create" })
	if err != nil || created < 0 || entries[created].UserID != e.ids["user:coordinator"] {
		t.Errorf("audit = %+v, %v", entries, err)
	}
}

// manyIDs lists n distinct IDs as JSON array elements.
func manyIDs(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = itoa(int64(1000 + i))
	}
	return strings.Join(ids, ",")
}
