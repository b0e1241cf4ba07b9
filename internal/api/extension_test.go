package api_test

import (
	"testing"

	"tiendo/internal/auth"
)

// extensionIs checks a request's kind, state and note as the coordinator reads it.
func extensionIs(key, state, note string) func(*testing.T, *env, *response) {
	return func(t *testing.T, e *env, _ *response) {
		t.Helper()
		r := e.do("GET", "/extensions/{"+key+"}", auth.RoleCoordinator, "", nil)
		if r.Status != 200 || r.JSON["state"] != state || r.JSON["note"] != note {
			t.Errorf("extension %s = %d %s, want %s %q", key, r.Status, r.Raw, state, note)
		}
	}
}

// deadlineIs checks a task's current and original deadline as GET /tasks/{id} shows them.
func deadlineIs(task, text string, due any, origText string, origDue any) func(*testing.T, *env, *response) {
	return func(t *testing.T, e *env, _ *response) {
		t.Helper()
		r := e.do("GET", "/tasks/{"+task+"}", auth.RoleLeader, "", nil)
		if r.JSON["deadline_text"] != text || r.JSON["due_date"] != due ||
			r.JSON["original_deadline_text"] != origText || r.JSON["original_due_date"] != origDue {
			t.Errorf("%s deadline %v %v, original %v %v; want %s %v, %s %v", task, r.JSON["deadline_text"], r.JSON["due_date"],
				r.JSON["original_deadline_text"], r.JSON["original_due_date"], text, due, origText, origDue)
		}
	}
}

// listed checks the IDs a list of requests holds, in order.
func listed(keys ...string) func(*testing.T, *env, *response) {
	return func(t *testing.T, e *env, r *response) {
		t.Helper()
		list := items(t, r)
		ok := len(list) == len(keys) && num(r.JSON["total"]) == int64(len(keys))
		for i := 0; ok && i < len(keys); i++ {
			ok = num(list[i]["id"]) == e.ids[keys[i]]
		}
		if !ok {
			t.Errorf("listed %s, want %v", r.Raw, keys)
		}
	}
}

// TestExtensions: the lead agency asks for a new deadline or changed
// content with a reason; the coordinator approves (the task's current
// deadline changes, the original stays, the status follows) or refuses with
// a note; agencies see their own requests only.
func TestExtensions(t *testing.T) {
	e, c := newReportEnv(t, "2025-06-05")
	e.ids["X9"] = 999999
	req := func(name string, as auth.Role, task, body string, status int, code string, check func(*testing.T, *env, *response)) scenario {
		return scenario{name: name, method: "POST", path: "/tasks/{" + task + "}/extensions", as: as, body: body, status: status, code: code, check: check}
	}
	decide := func(name string, as auth.Role, ext, body string, status int, code string, check func(*testing.T, *env, *response)) scenario {
		return scenario{name: name, method: "POST", path: "/extensions/{" + ext + "}/decide", as: as, body: body, status: status, code: code, check: check}
	}
	play(t, e, []scenario{
		req("the officer asks for T1 to move to quarter IV", auth.RoleOfficer, "T1",
			`{"kind":"deadline","deadline_text":"Quý IV/2025","reason":"Vốn đầu tư công giao chậm."}`, 201, "",
			func(t *testing.T, e *env, r *response) {
				e.ids["X1"] = num(r.JSON["id"])
				if r.Header.Get("Location") != "/api/v1/extensions/"+itoa(e.ids["X1"]) || r.JSON["state"] != "pending" ||
					r.JSON["state_label"] != "Chờ xử lý" || r.JSON["kind"] != "deadline" || r.JSON["deadline_text"] != "Quý IV/2025" ||
					r.JSON["due_date"] != "2025-12-31" || r.JSON["old_deadline_text"] != "Quý II/2025" || r.JSON["old_due_date"] != "2025-06-30" ||
					r.JSON["reason"] != "Vốn đầu tư công giao chậm." || num(r.JSON["agency_id"]) != e.ids["KHCN"] ||
					r.JSON["agency_name"] != "Sở Khoa học và Công nghệ" || num(r.JSON["task_id"]) != e.ids["T1"] ||
					num(r.JSON["plan_id"]) != e.ids["P1"] || num(r.JSON["requested_by"]) != e.ids["user:officer"] ||
					r.JSON["decided_at"] != nil || r.JSON["decided_by"] != nil || num(r.JSON["version"]) != 1 {
					t.Errorf("request = %s %s", r.Header.Get("Location"), r.Raw)
				}
				deadlineIs("T1", "Quý II/2025", "2025-06-30", "Quý II/2025", "2025-06-30")(t, e, r) // not until approved
			}),
		req("the Sở Nội vụ asks to amend T3", headNV, "T3",
			`{"kind":"content","title":"Cơ sở dữ liệu dân cư","product":"CSDL dùng chung","reason":"Theo Đề án 06."}`, 201, "",
			func(t *testing.T, e *env, r *response) {
				e.ids["X2"] = num(r.JSON["id"])
				if r.JSON["kind"] != "content" || r.JSON["title"] != "Cơ sở dữ liệu dân cư" || r.JSON["text"] != "" ||
					r.JSON["old_title"] != "Dữ liệu" || r.JSON["deadline_text"] != "" || r.JSON["due_date"] != nil {
					t.Errorf("request = %s", r.Raw)
				}
			}),
		req("and a new deadline for T5", headNV, "T5", `{"kind":"deadline","deadline_text":"31/12/2025","reason":"Chờ kinh phí."}`, 201, "",
			func(_ *testing.T, e *env, r *response) { e.ids["X3"] = num(r.JSON["id"]) }),
		req("a reason is needed, and a deadline that reads", auth.RoleOfficer, "T1", `{"kind":"deadline","deadline_text":"quý 9"}`, 422, "invalid",
			all(wantField("reason"), wantField("deadline_text"), ruleIs("invalid"))),
		req("a kind that is neither", auth.RoleOfficer, "T1", `{"kind":"extend","reason":"x"}`, 422, "invalid", wantField("kind")),
		req("an amendment that changes nothing", auth.RoleOfficer, "T1", `{"kind":"content","reason":"x"}`, 422, "invalid", wantField("text")),
		req("an unknown field", auth.RoleOfficer, "T1", `{"kind":"deadline","deadline":"Quý IV/2025","reason":"x"}`, 400, "bad_request", wantField("deadline")),
		req("a task of another agency", headTC, "T1", `{"kind":"deadline","deadline_text":"Quý IV/2025","reason":"x"}`, 422, "invalid",
			all(wantField("task"), ruleIs("not_assigned"))),
		req("a task nobody leads", auth.RoleHead, "T6", `{"kind":"deadline","deadline_text":"Quý IV/2025","reason":"x"}`, 422, "invalid",
			ruleIs("not_assigned")),
		req("the coordinator does not ask", auth.RoleCoordinator, "T1", `{"kind":"deadline","deadline_text":"Quý IV/2025","reason":"x"}`, 403, "forbidden",
			ruleIs("agency_only")),
		req("nor the province's leader", auth.RoleLeader, "T1", `{"kind":"deadline","deadline_text":"Quý IV/2025","reason":"x"}`, 403, "forbidden",
			ruleIs("agency_only")),
		{name: "a task that does not exist", method: "POST", path: "/tasks/999999/extensions", as: auth.RoleOfficer,
			body: `{"kind":"deadline","deadline_text":"Quý IV/2025","reason":"x"}`, status: 404, code: "not_found"},

		{name: "the coordinator lists every request, newest first", path: "/extensions", as: auth.RoleCoordinator, status: 200, check: listed("X3", "X2", "X1")},
		{name: "so does the leader", path: "/extensions", as: auth.RoleLeader, status: 200, check: listed("X3", "X2", "X1")},
		{name: "an agency its own", path: "/extensions", as: auth.RoleOfficer, status: 200, check: listed("X1")},
		{name: "an agency with none", path: "/extensions", as: headTC, status: 200, check: listed()},
		{name: "not another agency's", path: "/extensions?agency={KHCN}", as: headTC, status: 403, code: "forbidden", check: ruleIs("other_agency")},
		{name: "by task", path: "/extensions?task={T3}", as: auth.RoleCoordinator, status: 200, check: listed("X2")},
		{name: "by plan and agency", path: "/extensions?plan={P1}&agency={NV}", as: auth.RoleCoordinator, status: 200, check: listed("X3", "X2")},
		{name: "another plan", path: "/extensions?plan={P2}", as: auth.RoleCoordinator, status: 200, check: listed()},
		{name: "bad filters", path: "/extensions?state=done&plan=abc", as: auth.RoleCoordinator, status: 400, code: "bad_request",
			check: all(wantField("state"), wantField("plan"))},
		{name: "one request", path: "/extensions/{X1}", as: auth.RoleHead, status: 200, check: func(t *testing.T, e *env, r *response) {
			if num(r.JSON["id"]) != e.ids["X1"] || r.JSON["state"] != "pending" {
				t.Errorf("request = %s", r.Raw)
			}
		}},
		{name: "not another agency's one", path: "/extensions/{X1}", as: headTC, status: 403, code: "forbidden", check: ruleIs("other_agency")},
		{name: "no such request", path: "/extensions/999999", as: auth.RoleCoordinator, status: 404, code: "not_found"},
	})
	c.set("2025-07-05")
	play(t, e, []scenario{
		{name: "T1 is overdue on its original deadline", path: "/tasks/{T1}", as: auth.RoleLeader, status: 200, check: taskIs("overdue", 5, "")},
		decide("the head does not decide", auth.RoleHead, "X1", `{"approve":true}`, 403, "forbidden",
			all(ruleIs("coordinator_only"), extensionIs("X1", "pending", ""))),
		decide("a decision says yes or no", auth.RoleCoordinator, "X1", `{"note":"x"}`, 422, "invalid",
			all(wantField("approve"), extensionIs("X1", "pending", ""))),
		decide("a refusal needs a note", auth.RoleCoordinator, "X1", `{"approve":false,"note":"  "}`, 422, "invalid",
			all(wantField("note"), ruleIs("note_required"), extensionIs("X1", "pending", ""))),
		decide("the coordinator approves", auth.RoleCoordinator, "X1", `{"approve":true,"note":"Đồng ý gia hạn."}`, 200, "",
			all(func(t *testing.T, e *env, r *response) {
				if r.JSON["state"] != "approved" || r.JSON["state_label"] != "Đã chấp thuận" || r.JSON["note"] != "Đồng ý gia hạn." ||
					r.JSON["decided_at"] != "2025-07-05T10:00:00+07:00" || num(r.JSON["decided_by"]) != e.ids["user:coordinator"] ||
					num(r.JSON["version"]) != 2 {
					t.Errorf("decided = %s", r.Raw)
				}
			}, deadlineIs("T1", "Quý IV/2025", "2025-12-31", "Quý II/2025", "2025-06-30"))),
		{name: "T1 is judged on its new deadline", path: "/tasks/{T1}", as: auth.RoleLeader, status: 200, check: taskIs("not_started", 0, "")},
		decide("a request is decided once", auth.RoleCoordinator, "X1", `{"approve":false,"note":"Đổi ý"}`, 409, "conflict",
			all(ruleIs("decided"), extensionIs("X1", "approved", "Đồng ý gia hạn."))),
		decide("an amendment approved", auth.RoleAdmin, "X2", `{"approve":true}`, 200, "", func(t *testing.T, e *env, r *response) {
			task := e.do("GET", "/tasks/{T3}", auth.RoleLeader, "", nil)
			if task.JSON["title"] != "Cơ sở dữ liệu dân cư" || task.JSON["product"] != "CSDL dùng chung" ||
				task.JSON["text"] != "Xây dựng cơ sở dữ liệu dùng chung." || task.JSON["deadline_text"] != "tháng 5/2025" {
				t.Errorf("T3 = %s", task.Raw)
			}
		}),
		decide("a refusal, with its note", auth.RoleCoordinator, "X3", `{"approve":false,"note":"Nhiệm vụ thường xuyên, không cần gia hạn."}`, 200, "",
			all(extensionIs("X3", "refused", "Nhiệm vụ thường xuyên, không cần gia hạn."),
				deadlineIs("T5", "thường xuyên", nil, "thường xuyên", nil))),
		decide("no such request", auth.RoleCoordinator, "X9", `{"approve":true}`, 404, "not_found", nil),
		{name: "by state", path: "/extensions?state=approved", as: auth.RoleCoordinator, status: 200, check: listed("X2", "X1")},
		{name: "nothing pending", path: "/extensions?state=pending", as: auth.RoleCoordinator, status: 200, check: listed()},
		{name: "the agency sees the decision", path: "/extensions?state=refused", as: headNV, status: 200, check: listed("X3")},
	})
}
